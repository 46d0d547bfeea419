#include "search/next_words.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "analysis/letter_case.hpp"
#include "archivar/errors.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"

namespace archivar::search {

namespace {

// Longest follower read, in bytes (a longer run of letters is not a word
// anyone completes).
constexpr std::size_t kMaxFollowerBytes = 64;
// Bytes of one text searched for the word, and occurrences of it read
// (each costs a normalization), at most.
constexpr std::size_t kMaxScannedBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxOccurrences = 256;
// Spaces allowed between a word and its follower.
constexpr int kMaxSpaces = 3;
// The idf (ln(articles / frequency)) at which a follower counts as rare: in
// fewer than 1 of ~150 articles.
constexpr double kMaxTellingIdf = 5.0;

// The code point starting at `at` (advanced past it); negative for
// invalid UTF-8 (then `at` moves past the bad bytes) or the end.
UChar32 follower_code_point(std::string_view text, std::size_t& at) {
  if (at >= text.size()) return -1;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  auto i = static_cast<std::int32_t>(at);
  UChar32 c = 0;
  U8_NEXT(bytes, i, length, c);
  at = static_cast<std::size_t>(i);
  return c;
}

// True when a letter or digit ends right before byte `at`.
bool word_char_before(std::string_view text, std::size_t at) {
  if (at == 0) return false;
  std::size_t start = at - 1;
  while (start > 0 && at - start < 4 && U8_IS_TRAIL(static_cast<std::uint8_t>(text[start]))) {
    --start;
  }
  std::size_t cursor = start;
  const UChar32 c = follower_code_point(text, cursor);
  return cursor == at && c >= 0 && u_isalnum(c) != 0;
}

bool is_word_char(UChar32 c) { return c >= 0 && u_isalnum(c) != 0; }

// Spaces between two words of a phrase: ASCII space, tab, no-break space.
bool is_phrase_space(UChar32 c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F; }

// Hyphens joining the words of a compound ("Corona-Pandemie").
bool is_joining_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

// The follower's bytes when the separator rules hold, starting at `at`
// (just after the word); empty otherwise.
std::string_view follower_at(std::string_view text, std::size_t at) {
  std::size_t cursor = at;
  UChar32 c = follower_code_point(text, cursor);
  if (is_joining_hyphen(c)) {
    const std::size_t start = cursor;
    c = follower_code_point(text, cursor);
    if (!is_word_char(c)) return {};
    at = start;
  } else {
    int spaces = 0;
    while (is_phrase_space(c) && spaces < kMaxSpaces) {
      ++spaces;
      at = cursor;
      c = follower_code_point(text, cursor);
    }
    if (spaces == 0 || !is_word_char(c)) return {};
  }
  std::size_t end = at;
  for (std::size_t probe = at; probe < text.size() && probe - at <= kMaxFollowerBytes;) {
    if (!is_word_char(follower_code_point(text, probe))) break;
    end = probe;
  }
  if (end - at > kMaxFollowerBytes) return {};
  return text.substr(at, end - at);
}

}  // namespace

std::vector<std::string> spellings_of(std::string_view typed, std::string_view term) {
  std::vector<std::string> out;
  for (std::string spelling :
       {std::string(typed), analysis::lower_cased(typed), analysis::capitalized(typed),
        analysis::upper_cased(typed), std::string(term)}) {
    if (!spelling.empty() && std::find(out.begin(), out.end(), spelling) == out.end()) {
      out.push_back(std::move(spelling));
    }
  }
  return out;
}

void followers_in_text(std::string_view text, const std::vector<std::string>& spellings,
                       const analysis::TextAnalyzer& analyzer,
                       std::vector<std::string>& followers) {
  // Bounded work on a huge or hostile text: its first kMaxScannedBytes,
  // at most kMaxOccurrences normalized followers.
  text = text.substr(0, kMaxScannedBytes);
  std::size_t occurrences = 0;
  for (const std::string& spelling : spellings) {
    for (std::size_t at = text.find(spelling); at != std::string_view::npos;
         at = text.find(spelling, at + 1)) {
      const std::size_t end = at + spelling.size();
      if (word_char_before(text, at)) continue;
      const std::string_view follower = follower_at(text, end);
      if (follower.empty()) continue;
      if (++occurrences > kMaxOccurrences) return;
      std::string term = analyzer.normalize(follower);
      if (!term.empty() && std::find(followers.begin(), followers.end(), term) == followers.end()) {
        followers.push_back(std::move(term));
      }
    }
  }
}

std::vector<NextWord> next_words(const Xapian::Database& db, const analysis::TextAnalyzer& analyzer,
                                 index::BodyDecompressor* bodies, std::string_view typed,
                                 const std::string& term, const DisplayColumn* display) {
  const Xapian::doccount articles_with_term = term.empty() ? 0 : db.get_termfreq(term);
  if (articles_with_term == 0 ||
      std::uint64_t{articles_with_term} * kMaxFollowedShare > db.get_doccount()) {
    return {};
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet top = enquire.get_mset(0, kNextWordArticles);
  const std::vector<std::string> spellings = spellings_of(typed, term);
  std::map<std::string, std::uint32_t> articles;  // follower → sampled articles
  std::vector<std::string> followers;             // of one article
  std::string storage;
  for (auto it = top.begin(); it != top.end(); ++it) {
    followers.clear();
    const Xapian::Document document = it.get_document();
    try {
      const std::string data = document.get_data();
      const std::string_view held = display != nullptr ? display->record(*it) : std::string_view();
      const Article fields = index::decode_display_fields(
          held.empty() ? std::string_view(document.get_value(schema::kDisplaySlot)) : held,
          [&] { return data; });
      followers_in_text(fields.title, spellings, analyzer, followers);
      followers_in_text(index::body_view(data, storage, bodies), spellings, analyzer, followers);
    } catch (const DatabaseError&) {
      continue;  // a record this reader cannot decode: the other articles still count
    }
    for (std::string& follower : followers) ++articles[std::move(follower)];
  }
  std::vector<NextWord> out;
  out.reserve(articles.size());
  for (auto& [follower, count] : articles) {
    const Xapian::doccount frequency = db.get_termfreq(follower);
    if (frequency > 0) out.push_back({follower, count, frequency});
  }
  // Most telling first: sampled articles x idf, the idf capped at
  // kMaxTellingIdf, so that "scholz" (38 of 50 articles) leads after
  // "olaf", "pandemie" (2 of 50) leads a word met once after "corona", and
  // "ist" (8 of 50, in half the archive) trails "lockdown" (2 of 50). A
  // common word met in one article only is chance ("olaf zu"): left out.
  const double archive = std::max<double>(1.0, db.get_doccount());
  const auto idf = [archive](const NextWord& word) {
    return std::min(kMaxTellingIdf, std::log(archive / word.frequency));
  };
  std::erase_if(
      out, [&](const NextWord& word) { return word.articles < 2 && idf(word) < kMaxTellingIdf; });
  std::sort(out.begin(), out.end(), [&](const NextWord& a, const NextWord& b) {
    const double score_a = a.articles * idf(a);
    const double score_b = b.articles * idf(b);
    if (score_a != score_b) return score_a > score_b;
    if (a.articles != b.articles) return a.articles > b.articles;
    if (a.frequency != b.frequency) return a.frequency > b.frequency;
    return a.term < b.term;
  });
  if (out.size() > kMaxNextWords) out.resize(kMaxNextWords);
  return out;
}

}  // namespace archivar::search
