// SpellingIndex: an in-memory deletion-neighbourhood index (SymSpell-style)
// over Xapian's spelling table of one database revision, answering "the best
// word within edit distance 2" in microseconds instead of Xapian's trigram
// search (get_spelling_suggestion: 2 ms median for words of 4-7 letters,
// 5 ms for 8-11, 12 ms for 12-15 on 20,000 articles).
//
// Structure: every table word of at most kMaxQueryCodePoints + 2 code points
// (longer ones are never within distance 2 of a word we look up) gets one
// entry per distinct string obtained by deleting 0, 1 or 2 code points from
// its first kPrefixCodePoints code points (at most 1 + 7 + 21 = 29): a
// 32-bit hash of that string and the word's number, sorted. A lookup hashes
// the same deletions of the typed word's prefix, collects the words of the
// matching entries and verifies each with the real edit distance (optimal
// string alignment: insertions, deletions, substitutions and transpositions
// of neighbours cost 1, as Xapian's edit_distance_unsigned). Complete: two
// words within distance 2 have prefixes that reach a common string with at
// most 2 deletions each (an alignment's deletions inside the prefix, minus
// what truncating the longer prefix removes); hash collisions only add
// candidates that the verification drops.
//
// Ranking as Xapian's: smallest distance, then the highest spelling
// frequency; ties go to the word that sorts first (Xapian walks candidates
// in term order and keeps the first of equal frequency). Xapian also skips
// candidates sharing few trigrams with the typed word (a heuristic that
// depends on the order it meets them); this index does not, so it can
// find a word Xapian misses (tests/spelling_test.cpp measures agreement).
//
// Memory: 8 bytes per entry (about 20 per word) plus the words' bytes and 8
// bytes per word: measured 18.2 MB for the 82,488 words of a 20,000-article
// index (~220 bytes per word), built in 0.5-0.7 s on a loaded 2-core machine;
// 51.8 MB for the 230,983 words of the 171k-article index, built in ~0.33 s on
// a quiet one (a bucket sort into huge pages, fill_entries(); std::sort of
// the whole array took 1.07-1.36 s). The build runs in the request that needs it (the 9th lookup of
// a revision), once per revision. Searchers of one process share the index of
// a database revision (SpellingLookup: serve builds and holds one, not one per
// pooled Searcher). A lookup hashes at most 29 strings, binary-searches each
// and verifies the candidates: 58 us p50, 134 us p90 there (Xapian: 1.9 ms,
// 9.2 ms; see bench/README.md "Did you mean"). Thread-safety: immutable once
// built; concurrent lookups are safe.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/huge_array.hpp"

namespace archivar::search {

class SpellingIndex {
 public:
  // Words longer than this (in code points) are not looked up; the index
  // holds table words up to 2 longer.
  static constexpr std::size_t kMaxQueryCodePoints = 15;
  static constexpr std::size_t kPrefixCodePoints = 7;
  static constexpr unsigned kMaxEditDistance = 2;

  // Reads the spelling table of `db` (spellings_begin(), one pass). Throws
  // Xapian errors (DatabaseModifiedError: the caller reopens and retries).
  [[nodiscard]] static SpellingIndex load(const Xapian::Database& db);

  // load(db)'s words and suggestions, built from `previous` (any index;
  // normally the same database's at an earlier revision) without hashing
  // its words again: the entries of the words both hold stay in
  // `previous`'s entry array, which the two share, read through a map
  // from its word ids to this index's (gone words mapped to none); only
  // the words `previous` lacks are hashed, into a small sorted array of
  // this index's own. A commit's new revision then costs a walk of the
  // table and a pass over the words: ~47 ms instead of load()'s ~0.33 s at
  // 171k articles (bench/README.md "Did you mean"). Once the words added
  // since the shared array was built hold more than a quarter of its
  // entries, or a quarter of its words are gone, this is load(db).
  // Throws as load().
  [[nodiscard]] static SpellingIndex update(const SpellingIndex& previous,
                                            const Xapian::Database& db);

  // Same words, frequencies and entries (update() against load()).
  friend bool operator==(const SpellingIndex& a, const SpellingIndex& b);

  // The best table word within distance 2 of `word` (valid UTF-8, as the
  // analyzer normalizes it), "" when there is none, when `word` is itself a
  // table word, or when it is longer than kMaxQueryCodePoints.
  [[nodiscard]] std::string suggest(std::string_view word) const;

  [[nodiscard]] std::size_t words() const { return freqs_.size(); }
  // Bytes held (its memory cost, roughly).
  [[nodiscard]] std::size_t bytes() const;

 private:
  // (hash << 32 | word id) entries, sorted, in an array several indexes
  // may share (update()).
  struct Entries {
    HugeArray<std::uint64_t> data;
    std::size_t count = 0;
  };
  static constexpr std::uint32_t kGone = 0xFFFFFFFF;

  // The words of `db`'s spelling table (text_, offsets_, freqs_), no entries.
  [[nodiscard]] static SpellingIndex read_words(const Xapian::Database& db);
  // base_ from the words (every word's deletion hashes, sorted), with no
  // map and nothing added.
  void fill_entries();
  // Calls visit(word id) for the entries of `hash` (ids of this index).
  template <class Visit>
  void for_each_word_of(std::uint32_t hash, Visit&& visit) const;
  // Every entry with this index's word ids, sorted (tests, operator==).
  [[nodiscard]] std::vector<std::uint64_t> all_entries() const;

  [[nodiscard]] std::string_view word(std::uint32_t id) const {
    return std::string_view(text_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

  std::string text_;                    // the words, concatenated in term order
  std::vector<std::uint32_t> offsets_;  // word id → start in text_; words() + 1 entries
  std::vector<std::uint32_t> freqs_;    // word id → spelling frequency
  std::shared_ptr<const Entries> base_;
  std::vector<std::uint32_t> base_ids_;  // base_'s word id → word id or kGone; empty: the same
  std::vector<std::uint64_t> added_;     // entries of words base_ lacks, sorted
};

// The suggestion source of one Searcher: Xapian's own search for the first
// kXapianLookups lookups of a database revision (a one-shot `archivar
// search` never pays for building the index), then a SpellingIndex built
// once and used until clear() (the Searcher calls it when the revision
// changes, like its facet columns).
//
// Sharing: the SpellingIndex of a revision (database UUID + revision
// number, a key naming one immutable state of one database) is built once
// per process and shared by every SpellingLookup asking for it while any
// holds it; a lookup that finds it already built uses it at once, skipping
// the Xapian phase. Two Searchers needing it at the same time wait for one
// build. A database without a UUID gets its own, unshared index.
//
// A new revision: clear() keeps the index it drops as the base of the next
// one, which the first lookup after it then builds with
// SpellingIndex::update (no Xapian phase: ~47 ms instead of ~0.33 s at 171k
// articles). So a lookup holds at most one index at a time, either its
// revision's or, after clear(), the previous one until the next lookup.
// Thread-safety: none for one SpellingLookup (one per Searcher, which one
// thread uses at a time); the process-wide sharing is thread-safe.
class SpellingLookup {
 public:
  static constexpr unsigned kXapianLookups = 8;

  // The best word within distance 2 of `word` in `db`'s spelling table
  // ("" for none). Throws Xapian errors.
  [[nodiscard]] std::string suggest(const Xapian::Database& db, const std::string& word);
  // Builds `db`'s index now if this lookup has none (from the previous
  // revision's after clear(), else from nothing: no Xapian lookups first),
  // or finds the one another lookup built for the revision. The index.
  // For warming a revision up before requests need it. Throws Xapian errors.
  const SpellingIndex& prepare(const Xapian::Database& db);
  // The revision changed: the index becomes the base of the next one.
  void clear() {
    if (index_) previous_ = std::move(index_);
    index_.reset();
    lookups_ = 0;
  }
  [[nodiscard]] const SpellingIndex* index() const { return index_.get(); }

 private:
  // key: revision_key(db) ("" for a database without one: nothing shared).
  void find_or_update(const Xapian::Database& db, const std::string& key);
  void load(const Xapian::Database& db, const std::string& key);

  std::shared_ptr<const SpellingIndex> index_;
  std::shared_ptr<const SpellingIndex> previous_;  // the base after clear(), until replaced
  unsigned lookups_ = 0;                           // Xapian lookups since clear()
};

}  // namespace archivar::search
