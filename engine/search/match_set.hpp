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
// Thread-safety: a pure function of its arguments.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace archivar::search {

// Terms whose postings' union holds every article holding the argument
// (empty: no such rule). Must hold for `db`'s revision.
using TermCoverFn = std::function<std::vector<std::string>(const std::string&)>;

// The docids matching `query` in `db`, ascending; nullopt when the query
// holds an operator not listed above. `cover` (may be null) lets a union
// skip covered terms. Throws Xapian errors like any read.
[[nodiscard]] std::optional<std::vector<Xapian::docid>> match_set(
    const Xapian::Database& db, const Xapian::Query& query, const TermCoverFn* cover = nullptr);

}  // namespace archivar::search
