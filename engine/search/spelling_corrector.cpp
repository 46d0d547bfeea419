#include "search/spelling_corrector.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/german_lexicon.hpp"
#include "analysis/letter_case.hpp"
#include "index/schema.hpp"

namespace archivar::search {

namespace {

constexpr unsigned kMaxEditDistance = 2;
constexpr std::size_t kMinWordBytes = 3;
// Xapian's spelling search grows with the word's length: on 20,000 articles
// (the peer comparison's real questions, unknown words) a median of 2 ms
// for words of 4-7 letters, 5 ms for 8-11, 12 ms for 12-15 and 23-43 ms for
// 16 and more, which found a suggestion for 4 of 21. Longer words (mostly
// German compounds, which the decompounder matches by their parts) are not
// looked up.
constexpr std::size_t kMaxLookupCodePoints = 15;

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}
// A spelling-table search costs about a millisecond on a large index, and
// long questions have many words a mid-sized archive lacks: only the first
// few unknown words of a query are looked up (typos live in short queries).
constexpr int kMaxLookups = 3;
// Without a SpellingLookup (shard sets: Xapian's spelling-table search on
// every lookup), a question of more than 4 words that matches 10 or more
// articles gets no suggestion: its lookups cost more than its search
// (measured: 5.0 ms vs 1.6 ms p50 on the judged questions over 20,000
// articles). Through a lookup (a Searcher's SpellingIndex, ~60 µs a word)
// long questions are corrected too: on the 200 real questions of the 171k
// comparison that gives 27 suggestions instead of 12, about half of them
// right in both sets (bench/README.md "Did you mean for long questions").
constexpr std::uint64_t kEnoughMatches = 10;
constexpr std::ptrdiff_t kMaxWordsWhenMatching = 4;

bool has_digit(std::string_view text) {
  for (const char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// True if the byte before `at` makes this token part of a field name, an
// operator-less context we must not touch ("title:", "date:2014").
bool follows_colon(std::string_view query, std::size_t at) {
  return at > 0 && query[at - 1] == ':';
}

// A correctly spelt German or English word (Debian's wngerman or wamerican
// list): "lungen" is no typo of "jungen", even where no article has it.
bool is_dictionary_word(std::string_view term) {
  return analysis::GermanLexicon::instance().contains(term) ||
         analysis::GermanLexicon::english().contains(term);
}

}  // namespace

std::string SpellingCorrector::correct(std::string_view query, std::uint64_t matches) {
  if (db_.spellings_begin() == db_.spellings_end()) return {};
  const std::vector<Token> tokens = analyzer_.analyze(query, "");
  if (lookup_ == nullptr && matches >= kEnoughMatches) {
    const auto words = std::count_if(tokens.begin(), tokens.end(), [](const Token& token) {
      return token.kind == TokenKind::word && !token.same_position;
    });
    if (words > kMaxWordsWhenMatching) return {};
  }
  std::string corrected;
  std::size_t copied = 0;
  bool changed = false;
  int lookups = 0;
  for (const Token& token : tokens) {
    if (token.kind != TokenKind::word || token.term.size() < kMinWordBytes) continue;
    // Compound parts and spelling variants share the typed word's place:
    // only the word as typed is corrected. Numbers and codes are kept.
    if (token.same_position || has_digit(token.term)) continue;
    if (code_points(token.term) > kMaxLookupCodePoints) continue;
    if (follows_colon(query, token.begin)) continue;
    const std::string_view typed = query.substr(token.begin, token.end - token.begin);
    if (typed == "AND" || typed == "OR" || typed == "NOT" || typed == "NEAR") continue;
    if (query.substr(token.end).starts_with(":")) continue;  // a field name
    // A `prefix*` that begins index words is what was meant, not a typo.
    if (query.substr(token.end).starts_with("*") &&
        db_.allterms_begin(token.term) != db_.allterms_end(token.term)) {
      continue;
    }
    if (db_.term_exists(token.term) || stem_is_known(token.term)) continue;
    if (matches > 0 && is_dictionary_word(token.term)) continue;
    if (lookups++ == kMaxLookups) break;
    const std::string suggestion = lookup_ != nullptr
                                       ? lookup_->suggest(db_, token.term)
                                       : db_.get_spelling_suggestion(token.term, kMaxEditDistance);
    if (suggestion.empty() || suggestion == token.term) continue;
    corrected.append(query.substr(copied, token.begin - copied));
    // Written as the word was typed: "Klimawandl" → "Klimawandel".
    corrected += analysis::cased_like(typed, suggestion);
    copied = token.end;
    changed = true;
  }
  if (!changed) return {};
  corrected.append(query.substr(copied));
  return corrected;
}

bool SpellingCorrector::stem_is_known(const std::string& term) {
  std::string folded;
  for (const std::string& lang : languages_) {
    if (!analyzer_.can_stem(lang)) continue;
    if (db_.term_exists(std::string(schema::kStem).append(analyzer_.stem(term, lang)))) {
      return true;
    }
    // "gefaehrlich": the search already matches "gefährlich" by its folding.
    if (analyzer_.fold(term, lang, folded) &&
        db_.term_exists(std::string(schema::kStem).append(analyzer_.stem(folded, lang)))) {
      return true;
    }
  }
  return false;
}

}  // namespace archivar::search
