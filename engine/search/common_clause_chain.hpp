// A query's OR rebuilt so that Xapian can prune its common words: the same
// matches and weights, the clauses of frequent words taken out of Xapian's
// own OR tree and chained above it, most frequent at the top:
// `(((rest) OR c_k) ... OR c_1)`, c_1 the clause with the most articles.
//
// Why: Xapian 1.4 flattens an OR of ORs and builds its own tree by term
// frequency, pairing the rarest lists first, so the frequent words sit
// together near the root, and a node stops producing candidates from one
// side only once the threshold exceeds that whole side's maximum weight. In
// a long German question (`mit welcher gewalt stellt eine totalitäre
// regierung sicher, dass niemand gegen die regierung verstößt?`: mit, eine,
// dass, gegen, die, sicher) the sum of those maxima stays above the 50th
// weight, so every article holding one of them was scored. In the chain the
// top node turns into `rest AND_MAYBE c_1` once the threshold passes c_1's
// maximum alone, then the next one once it passes c_1 + c_2's, and so on
// (the max-score order). Each link is wrapped in OP_SCALE_WEIGHT 1.0, which
// keeps Xapian from flattening it back (a factor of one changes no weight).
//
// Which clauses: an OR child every term of which (its stems, exact form,
// prefix neighbours, title term) is held by at least kCommonShare of the
// articles, an OP_SYNONYM counting as one term as common as its most
// frequent member (Xapian weighs it by the union: `Zein SYNONYM Zeinen`,
// the stems of `einen` in two languages, is common although `Zeinen` is in
// one article; before, such a word stayed in the rest: real questions at
// 171k p95 -7 %, bench/README.md "Common words chained above the OR"). Measured on the 200 real
// questions at 171k (bench/README.md, "Common words chained above the OR"): 1/20 of the articles
// gave the best total of 1/100, 1/50, 1/20 and 1/8.
//
// What changes: the weights are summed in another order (differences in
// the last bits of a double). A top-level OR is rebuilt, or an OP_AND_MAYBE's
// left side (a feedback expansion); any other query is returned as it is.
// Give it to the ranked pass only: match-set and cover walks expect the
// query as the builder made it.
//
// Cost: one term-frequency lookup per term of the OR's children. Thread-
// safety: reads `db` only.
#pragma once

#include <xapian.h>

#include "query/term_freqs.hpp"

namespace archivar::search {

// Share of the articles every term of a clause must be in to be chained.
inline constexpr double kCommonShare = 0.05;

[[nodiscard]] Xapian::Query chain_common_clauses(const Xapian::Database& db,
                                                 const Xapian::Query& query,
                                                 double common_share = kCommonShare,
                                                 query::TermFreqs* freqs = nullptr);

}  // namespace archivar::search
