// The whole match set of a query, without ranking: the docids every
// matching article has, for facet counts and exact totals.
//
// The query tree is evaluated on docid bitmaps: a term is its posting list
// (docids only: no wdf, no weights), OR / SYNONYM / MAX are unions, AND and
// FILTER intersections, AND_NOT a difference, XOR a symmetric difference;
// AND_MAYBE is its first subquery and SCALE_WEIGHT its subquery (neither
// changes which articles match); MatchAll is every article. That is
// exactly the set Xapian's matcher visits for these operators (no weight
// cutoff is set on our Enquires). Any other operator (phrases, NEAR,
// wildcards, value ranges, posting sources outside AND_MAYBE's optional
// side, ELITE_SET) makes match_set() return nullopt: the caller then runs
// an unweighted Xapian match instead.
//
// Why: Xapian's matcher merges the posting lists through a tree of
// OR/AND postlists with a virtual call per level and document, and calls a
// match spy per match; on the full corpus index that pass cost about as
// much as the ranked top-10 itself. Setting bits while walking each posting
// list once costs one decode and one bit per posting.
//
// Within one union (OR / SYNONYM / MAX / SCALE_WEIGHT, nested or not) each
// distinct term is read once, and with a `cover` (search::TermCover) a term
// whose cover's live terms are all in the same union is not read at all:
// the exact-form bonus of every query word (its postings lie inside its
// stems', which the same OR holds), about half the postings a plain word
// query would read. A term alone, in an AND or a phrase, is always read.
//
// Cost: O(postings of the query's terms) plus O(last docid / 64) per
// operator for the bitmaps (21 KB each for 171k articles); within AND and
// FILTER only the rarest term's list is walked whole, the others are
// skip_to'd for the docids still in (a term repeated in one AND or OR is
// read once). A single local
// database (docids of a multi-database interleave its shards; remote
// shards run only Xapian's own classes).
// Thread-safety: match_set() is a pure function of its arguments but the
// cache it is given (PostingBitmaps below).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/term_freqs.hpp"
#include "search/docid_bits.hpp"

namespace archivar::search {

// Terms whose postings' union holds every article holding the argument
// (empty: no such rule). Must hold for `db`'s revision.
using TermCoverFn = std::function<std::vector<std::string>(const std::string&)>;

// Docid bitmaps of common terms' posting lists, kept between match_set()
// calls on one database revision: a word that comes back in later queries
// costs one pass over its bitmap (last docid / 64 words OR-ed or AND-ed)
// instead of decoding its postings again. Only terms held by at least
// 1/32 of the docid range (and min_termfreq articles) are cached, so a
// bitmap never takes more than 4 bits per posting it replaces; least
// recently used bitmaps are dropped beyond max_bytes (8 MB by default: 390
// bitmaps of 21 KB on 171k articles).
// The owner must call clear() whenever the database's revision changes
// (a reopen to a newer revision: documents may have been deleted or
// replaced under the same last docid); a changed last docid also clears it.
// Thread-safety: not thread-safe; one per Searcher.
class PostingBitmaps {
 public:
  static constexpr Xapian::doccount kMinTermfreq = 256;
  static constexpr std::size_t kDefaultMaxBytes = std::size_t{8} << 20;

  // `min_termfreq`: the fewest articles a cached term has (tests lower it).
  explicit PostingBitmaps(std::size_t max_bytes = kDefaultMaxBytes,
                          Xapian::doccount min_termfreq = kMinTermfreq)
      : max_bytes_(max_bytes), min_termfreq_(min_termfreq) {}

  void clear();
  [[nodiscard]] std::size_t bytes() const { return bytes_; }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] std::size_t max_bytes() const { return max_bytes_; }

  // For match_set(): whether a term of `termfreq` articles is cached, when
  // the last docid is `last`; the cached words of `term`, or null; store
  // `words` (returns the stored copy, null when it exceeds max_bytes).
  [[nodiscard]] bool worth_caching(Xapian::doccount termfreq, Xapian::docid last) const;
  void revise(Xapian::docid last);
  [[nodiscard]] const std::vector<std::uint64_t>* find(const std::string& term);
  const std::vector<std::uint64_t>* insert(const std::string& term,
                                           const std::vector<std::uint64_t>& words);

 private:
  struct Entry {
    std::vector<std::uint64_t> words;
    std::list<std::string>::iterator recent;  // its place in order_
  };
  std::size_t max_bytes_;
  Xapian::doccount min_termfreq_;
  std::size_t bytes_ = 0;
  Xapian::docid last_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> order_;  // most recently used first
};

// `term`'s bitmap (bit d % 64 of word d / 64: docid d holds it) from
// `cache`, read from its posting list and cached first if the cache takes
// it (worth_caching for `termfreq`, the term's articles, and small enough);
// nullptr otherwise. Revises the cache to `db`'s last docid first. Cost:
// a hash lookup when cached, else one walk of the posting list.
[[nodiscard]] const std::vector<std::uint64_t>* cached_posting_bitmap(const Xapian::Database& db,
                                                                      const std::string& term,
                                                                      Xapian::doccount termfreq,
                                                                      PostingBitmaps& cache);

// The docids matching `query` in `db` as a bitmap (search/docid_bits.hpp),
// as match_set() below; what the Searcher hands to facets and copies.
[[nodiscard]] std::optional<DocidBits> match_bits(const Xapian::Database& db,
                                                  const Xapian::Query& query,
                                                  const TermCoverFn* cover = nullptr,
                                                  PostingBitmaps* cache = nullptr,
                                                  query::TermFreqs* freqs = nullptr);

// The docids matching `query` in `db`, ascending; nullopt when the query
// holds an operator not listed above. `cover` (may be null) lets a union
// skip covered terms; `cache` (may be null) supplies and keeps common
// terms' bitmaps (it must belong to `db`'s current revision). Throws
// Xapian errors like any read.
[[nodiscard]] std::optional<std::vector<Xapian::docid>> match_set(
    const Xapian::Database& db, const Xapian::Query& query, const TermCoverFn* cover = nullptr,
    PostingBitmaps* cache = nullptr);

}  // namespace archivar::search
