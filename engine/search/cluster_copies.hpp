// Hit::copies under collapsing: how many matching articles each hit stands
// for, itself included.
//
// Definition: the articles of the hit's near-duplicate cluster (the same
// collapse key, value slot 8 / term XC<key>) that match the request's query
// (its filters included): the articles the hit hides from the collapsed
// list. Unlike Xapian's collapse count (members its match happened to see
// before it stopped early), it does not depend on how deep a pass went, so
// the same hit shows the same copies on every page, with or without facets,
// and a shallow ranked window suffices for the collapsed page
// (search/collapse_check.hpp). Summed over the whole collapsed list, the
// copies are the uncollapsed match count.
//
// How: with the query's match set at hand (facets computed it, as bits)
// and the collapse-key column of a single local index, one pass over the
// match set's bits ANDed word by word with the column's shared bits
// (FacetColumn::shared_words), reading a code only for the docids left:
// those whose key another article holds. Otherwise, with the column, the
// caller's uncollapsed window when it holds all articles of each of the
// page's shared clusters (their counts there), else one
// unweighted match of `query` filtered by the OR of the page's shared
// clusters (XC<key>), each match counted for its cluster by its code (one
// match for the page, not one per hit: on an archive where every story has
// copies that was most of the collapsing cost). Without a column (shard
// sets, remote shards), per page hit whose XC<key> another article holds,
// one exact unweighted count of `query` filtered by it (Xapian skips along
// the cluster's few postings).
//
// Cost: O(last docid / 64) word ANDs plus a code read per shared match; or
// per shared page hit one value read and one term-frequency lookup plus one
// small filtered match for the page; or per shared page hit one small
// filtered match (tens of µs). Thread-safety: uses the given database; one
// call per thread and database. Throws Xapian errors like any read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "query/term_freqs.hpp"
#include "search/docid_bits.hpp"
#include "search/facet_column.hpp"
#include "search/language_rerank.hpp"

namespace archivar::search {

// Per entry of `page` (collapsed hits, one per cluster), its copies as
// defined above (at least 1). `query`: the request's matching query
// (filters included; a language boost or rerank does not change what
// matches). `clusters`: the collapse-key column of `db`'s revision, or
// nullptr (shard sets, sparse docids). `matches`: the whole match set, or
// nullptr; used only with `clusters`.
// `window` (may be null; used only with `clusters`): matches of `query`
// the caller already has (an uncollapsed ranked window); when it holds
// every article of each of the page's shared clusters (as many of the
// cluster's code as XC<key> has articles), those counts are the copies
// and no match runs.
[[nodiscard]] std::vector<std::uint32_t> cluster_copies(
    const Xapian::Database& db, const Xapian::Query& query, const std::vector<RankedMatch>& page,
    const FacetColumn* clusters, const DocidBits* matches, query::TermFreqs* freqs = nullptr,
    const Xapian::MSet* window = nullptr);

}  // namespace archivar::search
