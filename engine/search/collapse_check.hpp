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
// Window collapse (the common case): the Searcher fetches an uncollapsed
// window deeper than the page (collapse_window_size(K)) and
// collapse_window() walks it in rank order keeping the first article of
// each collapse-key code (from the per-revision column,
// search/facet_column.hpp): exactly the article Xapian's collapse
// (collapse_max 1) keeps, the best-ranked one, since every article ranked
// above it is in the window. With a language rerank (mixed-language index)
// the window is the re-ordered top collapse_window_size(K) of an unboosted
// pass 20 deeper (search/language_rerank.hpp: provably the boosted query's
// top), so a group keeps its best article by the boosted score, as Xapian
// collapsing the boosted query would; when the rerank cannot prove its
// order, the boosted query is run for the window instead. The window is shallow first and deep
// only when the shallow one holds fewer than K distinct keys while more matches exist (sizes
// below: scaled by how many copies the index and the first window show); copies come from the match
// set, not the window (search/cluster_copies.hpp). Only if the deep window also runs short, or
// Xapian's count is exact but beyond the window (and the caller has no exact count of its own),
// does the Searcher run Xapian's collapsed pass. If the window holds every match, its kept count is
// the exact collapsed count. Cost: one array lookup and one hash probe per window entry, no
// value-stream read.
//
// Cost (check): one value read and one term-frequency lookup per hit in the top K
// (K <= kMaxUncollapsedWindow). Thread-safety: uses the given database; one
// call per thread and database.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "query/term_freqs.hpp"
#include "search/facet_column.hpp"
#include "search/language_rerank.hpp"
#include "search/match_counts.hpp"

namespace archivar::search {

// Deeper pages collapse in Xapian: checking K hits costs K lookups.
inline constexpr Xapian::doccount kMaxUncollapsedWindow = 200;

// `counts`: the uncollapsed pass's; `ranked`: its first K matches in final
// order. True if collapsing would give the same hits and copies.
[[nodiscard]] bool collapsing_changes_nothing(const MatchCounts& counts,
                                              const std::vector<RankedMatch>& ranked,
                                              const Xapian::Database& db,
                                              query::TermFreqs* freqs = nullptr);

// The uncollapsed windows fetched for K wanted hits.
//
// First: K + 5 (enough unless more than 5 of its entries collapse into a hit
// above them). In an index where copies are common (the collapse-key
// column's articles per distinct key above 1.2, e.g. an archive of
// syndicated wire stories), K + 5 scaled by that ratio, so the first window
// usually holds K stories.
//
// Then, if that window cannot tell the collapsed top K: 2K + 20, or, when
// the first window's entries collapsed into few hits (`kept` of `entries`),
// the first window scaled by entries / kept with half again as slack, so a
// page whose every story has several copies needs one deeper pass, not a
// deep pass and Xapian's collapsed pass. At most kMaxCollapseWindow(K).
// Copies do not depend on the window (search/cluster_copies.hpp), so a
// shallow window gives the same page as a deep one whenever it suffices.
// Cost: O(1).
[[nodiscard]] inline Xapian::doccount kMaxCollapseWindow(Xapian::doccount wanted) {
  return wanted * 10 + 100;
}
// Articles per distinct key of the index's collapse-key column (valued /
// distinct) when above 1.2 (copies are common), else 1; 1 without a column.
[[nodiscard]] double common_copies_ratio(const FacetColumn* clusters);
[[nodiscard]] Xapian::doccount collapse_window_size(Xapian::doccount wanted,
                                                    const FacetColumn* clusters);
[[nodiscard]] Xapian::doccount collapse_deep_window_size(Xapian::doccount wanted,
                                                         Xapian::doccount entries,
                                                         Xapian::doccount kept);

// How many leading entries of `ranked` (an uncollapsed window) hold its
// first `stories` stories: articles sharing a key with an entry above are
// copies of its story, an article alone in its cluster is a story of its
// own. A rerank meant for the top N hits of the collapsed list (the
// adjacent-pair rerank of questions) takes that many entries of an
// uncollapsed window. Cost: one array lookup and one hash probe per entry.
[[nodiscard]] std::size_t entries_for_stories(const std::vector<RankedMatch>& ranked,
                                              const FacetColumn& clusters, std::size_t stories);

struct WindowCollapse {
  std::vector<RankedMatch> ranked;  // the first K kept, in rank order
  Xapian::doccount kept = 0;        // distinct keys (plus keyless articles) in the window
  bool whole = false;               // the window held every match: `kept` is exact
  // False when the collapsed top `wanted` cannot be told from the window
  // (`ranked` and `kept` then only say how far the window went): the caller
  // tries a deeper window, then Xapian's collapsed pass.
  bool decided = true;
};

// `mset`: mset(0, asked) of the uncollapsed relevance-ordered query, `counts`
// the query's match counts (search/common_cutoff.hpp: not always the mset's own);
// `ranked`: its entries in final order (all of them, or a rerank's top); `clusters`: the
// collapse-key column of the same revision. `count_known`: the caller has the exact collapsed count
// already (facets' match set), so an exact Xapian count beyond the window needs no collapsed pass.
// `decided` is false when the collapsed top `wanted` cannot be told from the window.
[[nodiscard]] WindowCollapse collapse_window(const Xapian::MSet& mset, const MatchCounts& counts,
                                             Xapian::doccount asked,
                                             const std::vector<RankedMatch>& ranked,
                                             const FacetColumn& clusters, Xapian::doccount wanted,
                                             bool count_known);

}  // namespace archivar::search
