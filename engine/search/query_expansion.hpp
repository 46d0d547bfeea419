// Pseudo-relevance feedback for descriptive queries.
//
// A query that describes a topic in many words ("the relationship of blood
// and cerebrospinal fluid oxygen concentrations or partial pressures") is
// re-weighted by the stems that best characterize its own top hits: the
// top kFeedbackArticles articles of the query are taken as relevant,
// Xapian's expand weight (search/feedback_terms.hpp) picks their
// kExpandTerms best Z stems, and each stem is added with kExpandWeight ×
// (its expand weight / the best one's) through OP_AND_MAYBE, so it re-weights the query's matches
// and never adds a match (counts, facets and totals stay those of the query as typed).
//
// Only descriptive queries are expanded: at least kMinWords words and no
// '?'. Questions ask for the one passage holding an answer, where the top
// hits' other words lead away from it (measured: expanding every query cost
// de_mlqa 0.06 and de_xglue 0.1 MRR; README), and short keyword queries
// have too few hits' words in common to be expanded reliably (at 5 words
// de_xglue lost 0.08 MRR).
//
// Cost: one extra ranked pass for kFeedbackArticles hits and the choice of
// stems (search/feedback_terms.hpp: reads the Z stems of those articles'
// term lists, ~1-2 ms for 15 long articles), then the expanded ranked pass,
// for expanded queries only. The Searcher runs neither pass where it can
// avoid them: it ranks a window of the query as typed, takes the feedback
// articles from its top and adds the expansion's weight to the window's
// hits (search/feedback_rerank.hpp).
// Thread-safety: a pure function of its arguments; a Database per thread.
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"

namespace archivar::search {

inline constexpr std::size_t kMinWords = 10;
inline constexpr Xapian::doccount kFeedbackArticles = 15;
inline constexpr Xapian::termcount kExpandTerms = 10;
inline constexpr double kExpandWeight = 0.5;

// True when `text` (the search box) is a description worth expanding: no
// '?' and at least kMinWords words as `analyzer` splits them.
[[nodiscard]] bool is_descriptive_query(std::string_view text, analysis::TextAnalyzer& analyzer);

// The feedback stems of `query`'s top kFeedbackArticles hits under
// `weighting` (one ranked pass), each under OP_SCALE_WEIGHT, joined by
// OP_OR: what the ranking adds to `query` with OP_AND_MAYBE. An empty Query
// when `query` has no hits or they give no stems.
[[nodiscard]] Xapian::Query feedback_expansion(const Xapian::Database& db,
                                               const Xapian::Query& query,
                                               const Xapian::Weight& weighting);

// The same expansion from the feedback articles `feedback` (docids of `db`,
// the query's top kFeedbackArticles in rank order) when the caller knows
// them (the Searcher's window, search/feedback_rerank.hpp); an empty Query
// when they give no stems.
[[nodiscard]] Xapian::Query expansion_from_feedback(const Xapian::Database& db,
                                                    const Xapian::Query& query,
                                                    const std::vector<Xapian::docid>& feedback);

}  // namespace archivar::search
