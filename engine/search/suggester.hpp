// Suggester: search-box completions (Searcher::suggest) from the index's
// term dictionary.
//
// Terms: the unprefixed (unstemmed, normalized) words starting with the last
// word typed, by document frequency. Titles: the kSuggestTitleWords most
// frequent title words (S terms) starting with it, OR-ed and ranked by BM25
// among titles (short titles dominated by the word first), collapsed by
// near-duplicate cluster. No extra index structure: the term dictionary is
// already a sorted prefix tree (Xapian allterms_begin(prefix)), so the cost
// is the number of words sharing the prefix.
//
// Heavy prefixes (more than kWalkedTerms words: the one to three letters a
// user types first, ~420 prefixes of words and ~30 of title words on the
// 171k-article corpus) would walk thousands of words per keystroke; with a
// CompletionCache their kMaxSuggestions best completions are found once per
// index revision by one walk of all their words and kept. Without a cache a
// walk stops after kMaxScannedTerms words (its completions are then the
// most frequent of the first kMaxScannedTerms in alphabetical order).
//
// After earlier words ("olaf sch"), the words that follow the last earlier
// word in the archive's text and complete the prefix come first
// (search/next_words.hpp: "olaf scholz"), then the most frequent
// completions; a prefix ending in a space ("olaf ") is completed by the
// followers alone. Titles must hold the earlier words (when any title does).
//
// Thread-safety: uses the database and analyzer it is given; one per thread.
// CompletionCache: one per Searcher; the completions it holds are immutable
// and shared by the Searchers of a process (search/revision_shared.hpp).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/searcher.hpp"
#include "index/body_codec.hpp"
#include "search/display_column.hpp"
#include "search/facet_column.hpp"
#include "search/next_words.hpp"

namespace archivar::search {

// The largest `limit` Searcher::suggest accepts.
inline constexpr std::uint32_t kMaxSuggestions = 100;
// Words scanned at most per kind (terms, title words) for one suggestion
// without a CompletionCache; the most frequent among them win.
inline constexpr std::size_t kMaxScannedTerms = 20000;
// Title words (the most frequent completions) searched for title suggestions.
inline constexpr std::size_t kSuggestTitleWords = 8;
// A prefix with more words than this is heavy: a CompletionCache keeps its
// completions. Walking this many words costs ~50-100 us.
inline constexpr std::size_t kWalkedTerms = 1000;
// A prefix typed alone whose title words hold more postings than this
// (summed document frequencies: ~400 prefixes on 171k articles, such as
// "de", whose title words "der", "den", "des" are in most titles) has its
// first kCachedTitles title suggestions kept by a CompletionCache: its
// title search reads those postings and, for BM25, the document length of
// each (a walk of the whole document-length list when they are spread
// over the archive): 0.5-2 ms on 171k articles.
inline constexpr Xapian::doccount kCachedTitlePostings = 2000;
inline constexpr std::uint32_t kCachedTitles = 20;
// Words whose followers a CompletionCache holds at most.
inline constexpr std::size_t kMaxFollowerWords = 256;

// A word that completes a prefix and its document frequency.
struct Completion {
  std::string term;
  Xapian::doccount frequency = 0;
};

// The kMaxSuggestions most frequent completions of each heavy term prefix
// of one database revision, walked on first request (all the prefix's
// words: 56,796 for "s" on 171k articles, a few ms once). Memory: at most
// kMaxSuggestions completions per heavy prefix (~40 bytes each: ~1.8 MB for
// the ~450 heavy prefixes of 171k articles, if all are asked for), shared by every Searcher of
// the process that reads the same revision.
class CompletionCache {
 public:
  // Forget the completions and titles (call when the database moves to
  // another revision).
  void clear() {
    held_.clear();
    titles_.clear();
    followers_.clear();
  }

  // The completions of `term_prefix` (a full term prefix, "S" included for
  // title words), most frequent first (ties alphabetically), kMaxSuggestions
  // at most: held, or found by a walk of every word with the prefix.
  [[nodiscard]] const std::vector<Completion>& heavy(const Xapian::Database& db,
                                                     const std::string& term_prefix);

  // The completions of `term_prefix` if held (heavy and asked for before
  // in this revision), else null.
  [[nodiscard]] const std::vector<Completion>* find(std::string_view term_prefix) const {
    const auto found = held_.find(term_prefix);
    return found == held_.end() ? nullptr : found->second.get();
  }

  // The first kCachedTitles title suggestions of a title prefix ("S"
  // included) typed alone whose title words hold more than
  // kCachedTitlePostings postings: held, or made by `search` (run once per
  // revision). Memory: ~150 bytes per title, ~1.2 MB if all ~400 such
  // prefixes of 171k articles are asked for.
  [[nodiscard]] const std::vector<Suggestion>& titles(
      const Xapian::Database& db, const std::string& title_prefix,
      const std::function<std::vector<Suggestion>()>& search);

  // The followers of the normalized word `term` (typed as `typed`): held,
  // or read by search::next_words once per revision. At most
  // kMaxFollowerWords words are held (then all are forgotten at once).
  // Memory: ~40 bytes per follower, a few hundred followers per word.
  [[nodiscard]] const std::vector<NextWord>& followers(const Xapian::Database& db,
                                                       const analysis::TextAnalyzer& analyzer,
                                                       index::BodyDecompressor* bodies,
                                                       std::string_view typed,
                                                       const std::string& term,
                                                       const DisplayColumn* display = nullptr);

  // Heavy prefixes and title prefixes held (for tests and stats).
  [[nodiscard]] std::size_t held() const { return held_.size(); }
  [[nodiscard]] std::size_t held_titles() const { return titles_.size(); }

 private:
  std::map<std::string, std::shared_ptr<const std::vector<Completion>>, std::less<>> held_;
  std::map<std::string, std::shared_ptr<const std::vector<Suggestion>>, std::less<>> titles_;
  std::map<std::string, std::vector<NextWord>, std::less<>> followers_;
};

// Completions of the last word of `prefix` (earlier words kept in the
// text; after them, the last earlier word's followers first), then titles.
// `cache` may be null (heavy prefixes then walk at most kMaxScannedTerms
// words per kind, and followers are read on every call). `clusters`: the
// collapse-key column of `db` (FacetColumn loaded codes only), telling
// near-duplicate titles apart by an array lookup; null reads each title
// hit's cluster value instead. `bodies` decompresses the articles read for
// followers (null: titles and uncompressed bodies only). `display`: the
// revision's display records in memory (null: each title hit's record is
// read from `db`). `limit` is at most kMaxSuggestions.
[[nodiscard]] std::vector<Suggestion> suggest(
    const Xapian::Database& db, analysis::TextAnalyzer& analyzer, std::string_view prefix,
    std::uint32_t limit, CompletionCache* cache = nullptr, const FacetColumn* clusters = nullptr,
    index::BodyDecompressor* bodies = nullptr, const DisplayColumn* display = nullptr);

}  // namespace archivar::search
