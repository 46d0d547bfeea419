// Next words: what follows a word in the archive's own text, so that a
// search box completes "olaf sch" to "olaf scholz" and "deutsche ba" to
// "deutsche bank" rather than to the most frequent words starting with the
// prefix ("olaf schon", "deutsche bei").
//
// There is no bigram index (it would grow every index for one feature): the
// followers of a word are read from the text of the kNextWordArticles
// articles where BM25 weighs the word most (one ranked pass over its
// posting list, then their titles and bodies, decompressed). Each
// occurrence of the word there, as typed, lower-cased, capitalised or upper
// case and standing as a whole word, counts the word right after it when
// only spaces or one hyphen lie between ("Corona-Pandemie" gives
// "pandemie"; a comma, a full stop or a line break ends the phrase), that
// word normalized like an index term. The result is a sample of the
// archive: a follower absent from those articles is not found, and the
// caller fills up with the most frequent completions.
//
// Cost: the ranked pass (one posting-list walk), kNextWordArticles reads of
// stored fields and body decompressions (~5 µs per 2 kB body), a byte
// search for the word's spellings and one normalization per occurrence:
// ~1-3 ms per word on 171k articles, which is why CompletionCache keeps the
// result per word and index revision (search/suggester.hpp): the next
// keystrokes after "olaf " reuse it.
// Thread-safety: pure functions of their arguments; the database and the
// decompressor are used by one thread at a time.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "index/body_codec.hpp"
#include "search/display_column.hpp"

namespace archivar::search {

// Articles whose text is read for a word's followers.
inline constexpr Xapian::doccount kNextWordArticles = 50;
// A word in more than 1 / kMaxFollowedShare of the articles ("die", "in",
// "the") has no followers: almost anything follows it, and its posting
// list is the longest to rank (the caller's frequent completions remain).
inline constexpr std::uint64_t kMaxFollowedShare = 4;
// Followers kept per word (the most common ones).
inline constexpr std::size_t kMaxNextWords = 2000;

struct NextWord {
  std::string term;                // normalized like an index term
  std::uint32_t articles = 0;      // sampled articles where it follows the word
  Xapian::doccount frequency = 0;  // articles of the index holding it
};

// The spellings of a word to look for in text: `typed` as typed, in lower
// case, capitalised and in upper case, and `term` (its normalized form),
// each once. Empty strings are left out.
[[nodiscard]] std::vector<std::string> spellings_of(std::string_view typed, std::string_view term);

// Adds to `followers` the normalized words that follow an occurrence of one
// of `spellings` in `text` (rules above), each once. Reads at most the
// first 1 MiB of `text` and 256 occurrences (a huge or hostile article
// costs no more). Invalid UTF-8 is skipped over, never read past the end.
void followers_in_text(std::string_view text, const std::vector<std::string>& spellings,
                       const analysis::TextAnalyzer& analyzer, std::vector<std::string>& followers);

// The followers of `term` (a normalized word, typed as `typed`) in the
// kNextWordArticles articles where it weighs most, ranked by articles x
// idf (the .cpp); at most kMaxNextWords, only words the index holds. Empty
// when the index lacks the word or more than 1 / kMaxFollowedShare of the
// articles hold it. `bodies` decompresses version-3 body records (null:
// titles and uncompressed bodies only); an article whose record cannot be
// read is skipped. `display`: the revision's display records in memory
// (null: each article's title is read from `db`). Throws Xapian errors
// (DatabaseModifiedError: the caller reopens and retries).
[[nodiscard]] std::vector<NextWord> next_words(const Xapian::Database& db,
                                               const analysis::TextAnalyzer& analyzer,
                                               index::BodyDecompressor* bodies,
                                               std::string_view typed, const std::string& term,
                                               const DisplayColumn* display = nullptr);

}  // namespace archivar::search
