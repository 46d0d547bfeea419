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
// term lists, ~1-2 ms for 15 long articles), for expanded queries only.
// Thread-safety: a pure function of its arguments; a Database per thread.
#pragma once

#include <xapian.h>

#include <string_view>

#include "analysis/text_analyzer.hpp"

namespace archivar::search {

inline constexpr std::size_t kMinWords = 10;
inline constexpr Xapian::doccount kFeedbackArticles = 15;
inline constexpr Xapian::termcount kExpandTerms = 10;
inline constexpr double kExpandWeight = 0.5;

// True when `text` (the search box) is a description worth expanding: no
// '?' and at least kMinWords words as `analyzer` splits them.
[[nodiscard]] bool is_descriptive_query(std::string_view text, analysis::TextAnalyzer& analyzer);

// `query` re-weighted by the feedback stems of its top hits under
// `weighting`; `query` itself when it has no hits or they give no stems.
[[nodiscard]] Xapian::Query expand_by_feedback(const Xapian::Database& db,
                                               const Xapian::Query& query,
                                               const Xapian::Weight& weighting);

}  // namespace archivar::search
