#include "search/spelling_corrector.hpp"

namespace archivar::search {

namespace {

constexpr unsigned kMaxEditDistance = 2;
constexpr std::size_t kMinWordBytes = 3;

// True if the byte before `at` makes this token part of a field name, an
// operator-less context we must not touch ("title:", "date:2014").
bool follows_colon(std::string_view query, std::size_t at) {
  return at > 0 && query[at - 1] == ':';
}

}  // namespace

std::string SpellingCorrector::correct(std::string_view query) {
  if (db_.spellings_begin() == db_.spellings_end()) return {};
  std::string corrected;
  std::size_t copied = 0;
  bool changed = false;
  for (const Token& token : analyzer_.analyze(query, "")) {
    if (token.kind != TokenKind::word || token.term.size() < kMinWordBytes) continue;
    if (follows_colon(query, token.begin)) continue;
    const std::string_view typed = query.substr(token.begin, token.end - token.begin);
    if (typed == "AND" || typed == "OR" || typed == "NOT" || typed == "NEAR") continue;
    if (query.substr(token.end).starts_with(":")) continue;  // a field name
    if (db_.term_exists(token.term)) continue;
    const std::string suggestion = db_.get_spelling_suggestion(token.term, kMaxEditDistance);
    if (suggestion.empty() || suggestion == token.term) continue;
    corrected.append(query.substr(copied, token.begin - copied));
    corrected += suggestion;
    copied = token.end;
    changed = true;
  }
  if (!changed) return {};
  corrected.append(query.substr(copied));
  return corrected;
}

}  // namespace archivar::search
