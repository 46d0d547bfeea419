// TermMembership: which of a few docids hold a term that query after query
// asks about (the language rerank's L<lang>: 20-35 window docids each
// query, search/language_rerank.hpp).
//
// A posting-list walk with skip_to costs a B-tree descent and a chunk
// decode per docid that lands in another chunk; a docid bitmap of the term
// answers each docid with one bit test, but costs one walk of the whole
// list to build. On the full corpus index (171k articles, L<de> in 128k of
// them) the build takes 1.8 ms, a walk over 30 window docids 35 µs: about
// 50 walks. So the first kWalksBeforeBitmap questions about a term in a
// revision walk the list (a one-shot `archivar search`, or a Searcher of a
// few queries, pays nothing more than before; rent before buying keeps any
// Searcher within about twice the cheaper choice); the next one builds the
// term's bitmap in the Searcher's PostingBitmaps (search/match_set.hpp:
// least recently used dropped, cleared with the revision), which
// match_set() shares, and every later question reads it. The answers are
// the same either way: the bitmap is the posting list of the same
// revision.
//
// Contract: the owner calls clear() together with the PostingBitmaps'
// clear(), whenever the database may have moved to another revision.
// Cost: a hash lookup per question, plus the walk or the bit tests; one
// bitmap of (last docid / 64 + 1) words per term (21 KB on 171k articles).
// Thread-safety: none; one per Searcher, like its PostingBitmaps.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "search/match_set.hpp"

namespace archivar::search {

class TermMembership {
 public:
  static constexpr unsigned kWalksBeforeBitmap = 32;

  explicit TermMembership(PostingBitmaps& bitmaps) : bitmaps_(bitmaps) {}

  // holds[i] = whether docids[i] holds `term` in `db` (docids in any
  // order, each at most db's last docid). Returns how many do. Throws
  // Xapian errors like any read.
  std::size_t test(const Xapian::Database& db, const std::string& term,
                   const std::vector<Xapian::docid>& docids, std::vector<bool>& holds);

  // Forgets how often each term was asked about (the revision changed).
  void clear() { asked_.clear(); }

 private:
  PostingBitmaps& bitmaps_;
  std::unordered_map<std::string, unsigned> asked_;  // walks per term so far
};

// The same answer from `db`'s posting list of `term` (skip_to, docids
// ascending), without a bitmap: what TermMembership does first.
std::size_t test_by_walk(const Xapian::Database& db, const std::string& term,
                         const std::vector<Xapian::docid>& docids, std::vector<bool>& holds);

}  // namespace archivar::search
