// A weight cutoff that skips the articles holding only common words, when
// that provably changes nothing in a ranked window.
//
// Xapian ranks an OR in docid order and stops a clause from producing
// candidates only once the window's threshold exceeds the clause's maximum
// weight. A deep window (a question's 30-50 for the adjacent-pair rerank, a
// language rerank's 20-35) over a few rare words and a very common one fills
// late in the docid range, so Xapian first scores most of the common word's
// articles: `was fuer kartoffeln fuer pommes` (the typed "fuer" reaches the
// stem of "für", in 91,016 of 171,211 articles; the other words are in 118)
// took 2.5 ms for a 40-deep window, 0.24 ms with the cutoff.
//
// common_only_weight() gives the most an article can weigh when it holds
// only the query's common clauses (Xapian's bounds for them). The caller ranks
// with that as Enquire's weight cutoff, so Xapian prunes the common clauses
// from the first candidate on, and keeps the window when it is full and its
// last weight is above the cutoff. That window is the one without the
// cutoff whatever the cutoff's value (a cutoff only drops articles weighing
// less; N articles above it hold the top N, in the same order, with the same
// weights: the same query); the bound only decides whether Xapian can prune.
// Otherwise the caller ranks again without the cutoff. The counts of a
// cutoff pass are not the query's: the caller takes Xapian's estimate
// without a match (get_mset(0, 0)).
//
// Which clauses are common: a top-level OR's clauses that may match at least
// kCommonShare of the articles (bounded from term frequencies) and weigh at
// most kMaxCommonClauseWeight; used only when the other clauses match at most
// 1/kCutoffArticlesRatio of the most frequent one's articles (otherwise the
// pass rarely pays).
//
// Thread-safety: reads `db` only. Cost: one term-frequency lookup per term;
// for a query with common clauses one Xapian bound (posting lists opened, no
// match) per frequent clause (remembered per revision in `bounds`, when
// given: common words recur across queries), and two more (the whole
// query's and the rare clauses', which must add up: a term in both halves
// weighs differently).
#pragma once

#include <xapian.h>

#include <optional>

#include "query/term_freqs.hpp"
#include "search/match_counts.hpp"
#include "search/weight_bounds.hpp"

namespace archivar::search {

inline constexpr double kCutoffArticlesRatio = 32;
// BM25 with k1 = 1.2: a word in 5% of the articles weighs at most ~6.5; a
// frequent clause that may weigh more holds a rare word too (a prefix
// neighbour or compound part made it frequent) and counts as rare.
inline constexpr double kMaxCommonClauseWeight = 10;

// nullopt when `query` is not an OR, has no common or no rare clause, or
// the rare clauses hold too many articles (above).
// `ranked` (may be null): the query the caller ranks instead, with the same
// matches and weights as `query` (search/common_clause_chain.hpp); the
// whole query's bound is then taken from it (the same to rounding, which
// the check below allows for), and when a cutoff is returned its counts
// without a match (Xapian's estimate, get_mset(0, 0)) are stored in
// `ranked_counts`: what the caller reports for a window kept with the
// cutoff, without asking Xapian a second time.
[[nodiscard]] std::optional<double> common_only_weight(
    const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight,
    double common_share, query::TermFreqs* freqs = nullptr, WeightBounds* bounds = nullptr,
    const Xapian::Query* ranked = nullptr, MatchCounts* ranked_counts = nullptr);

}  // namespace archivar::search
