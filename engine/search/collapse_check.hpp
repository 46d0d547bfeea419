// Near-duplicate collapsing without its per-candidate cost, when it would
// change nothing.
//
// Why: with Enquire::set_collapse_key, Xapian reads the collapse key (value
// slot 8) of every candidate that enters its proto-MSet: about
// K·ln(matches/K) value-stream seeks per query, each a B-tree lookup (a
// pread when it leaves the current block). On 20,000 news articles that was
// a third of a two-word OR query's time, although only ~3 % of the articles
// have a near-duplicate at all (the rest are alone in their cluster).
//
// How: the Searcher first ranks without collapsing, fetching the first K
// (page end) matches, and asks collapsing_changes_nothing(): if every one of
// them is alone in its near-duplicate group (XC<key> held by one article, or
// no key), collapsing could remove none of them and the collapsed top K is
// the same list with copies = 1 each; anything collapsed lies below. If not,
// or if the match count is exact (Xapian examined every match; the page
// must show the collapsed count exactly), the Searcher runs the collapsed
// pass as before. With the uncollapsed pass kept, Xapian's totals are the
// uncollapsed ones; the Searcher makes them sound for the collapsed count:
// lower minus the index's collapsible articles (those beyond the first of
// their cluster, from the per-revision collapse-key column) and at least
// the K hits seen alone, the estimate clamped into the bounds. Only for a
// single local index (a shard set collapses in Xapian as before).
//
// Cost: one value read and one term-frequency lookup per hit in the top K
// (K <= kMaxUncollapsedWindow). Thread-safety: uses the given database; one
// call per thread and database.
#pragma once

#include <xapian.h>

#include <vector>

#include "search/language_rerank.hpp"

namespace archivar::search {

// Deeper pages collapse in Xapian: checking K hits costs K lookups.
inline constexpr Xapian::doccount kMaxUncollapsedWindow = 200;

// `mset`: the uncollapsed pass; `ranked`: its first K matches in final
// order. True if collapsing would give the same hits and copies.
[[nodiscard]] bool collapsing_changes_nothing(const Xapian::MSet& mset,
                                              const std::vector<RankedMatch>& ranked,
                                              const Xapian::Database& db);

}  // namespace archivar::search
