// Adjacent query-word pairs: a rerank of a question's top hits that lifts
// articles holding two neighbouring words of the question next to each
// other ("Deutsche Bank", "erste Weltkrieg"), read from Xapian's positions.
//
// Only for questions: the text ends with '?', or starts with a question word
// (query::QueryBuilder::is_question_word) and has fewer than kMinWords words
// (a longer one is a descriptive statement, search/query_expansion.hpp).
// A question asks for the one passage holding its answer, which usually
// repeats the question's word groups; descriptive queries (the classic
// collections' statements, "what similarity laws must be obeyed when ...")
// are lists of topics, where the same bonus cost en_cran 0.390 -> 0.388 and
// en_med 0.733 -> 0.718 nDCG (README "Adjacent pairs").
//
// A pair is two consecutive words of the query as the analyzer splits it,
// neither a question word; an article's share is the fraction of the pairs
// it holds adjacent, in that order, in their exact normalized form (the
// positional terms of index/document_builder). Each of the first
// kAdjacentPairDepth hits gets score + kAdjacentPairWeight x (best hit's
// score) x share, and those hits are re-ordered by it (stable: ties keep
// their order). Scores only rise, so every reranked hit still ranks above
// the hits beyond the window, which keep their order and scores.
// Measured (scripts/eval.sh): weight 0.3 / 0.4 / 0.5 / 0.6 / 0.8 and depth
// 30 / 50 / 100 (the same figures on every set; 30 reads fewest positions)
// in README "Adjacent pairs"; words in more than 2-30 % of the articles
// left out of pairs (a stop-word rule) did worse than keeping them; pairs
// also over a word's other forms (same stem, from each hit's term list),
// compound parts at one position, idf-weighted pairs and a share raised to
// a power did no better and the forms cost 2.3x (README "More margin on
// de_mlqa").
//
// Cost: per reranked hit one position-list lookup per distinct pair word it
// may hold (B-tree look-ups in the position table), for questions with a
// pair only. Which hits hold a rare pair word (in at most 1/kRareWordShare
// of the articles) comes first from one skip_to walk of its posting list
// (a few chunks): on the 171k comparison's real questions, 52 % of the
// look-ups were for a word the hit lacks (an empty position list).
// Thread-safety: pure functions of their arguments; a Database per thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "query/term_freqs.hpp"
#include "search/language_rerank.hpp"

namespace archivar::search {

inline constexpr Xapian::doccount kAdjacentPairDepth = 30;
inline constexpr double kAdjacentPairWeight = 0.5;
// Pair words in at most 1 / kRareWordShare of the articles are checked
// against the hits by a posting-list walk before any position look-up.
inline constexpr std::uint64_t kRareWordShare = 32;

// Two neighbouring query words as the index's positional terms.
struct AdjacentPair {
  std::string first;
  std::string second;
};

// True when `text` ends with '?' (trailing spaces aside) or its first word
// is a question word.
[[nodiscard]] bool is_question(std::string_view text, analysis::TextAnalyzer& analyzer);

// The pairs of `text` (see above); empty when it has none. One term
// frequency lookup per word.
[[nodiscard]] std::vector<AdjacentPair> adjacent_pairs(std::string_view text,
                                                       analysis::TextAnalyzer& analyzer);

// The positions of `term` (a pair word) in `docid`, ascending; empty when
// the article lacks it. The one place that knows which terms carry
// positions (today the unstemmed word terms).
[[nodiscard]] std::vector<Xapian::termpos> positions_of(const Xapian::Database& db,
                                                        Xapian::docid docid,
                                                        const std::string& term);

// The fraction of `pairs` that `docid` holds adjacent (0 without pairs).
[[nodiscard]] double adjacent_share(const Xapian::Database& db, Xapian::docid docid,
                                    const std::vector<AdjacentPair>& pairs);

// Re-orders the first `depth` of `ranked` (the best first) by score +
// weight x ranked[0].score x adjacent_share, updating their scores.
// `freqs` (may be null) supplies the pair words' term frequencies.
void rerank_by_adjacent_pairs(std::vector<RankedMatch>& ranked, const Xapian::Database& db,
                              const std::vector<AdjacentPair>& pairs, std::size_t depth,
                              double weight, query::TermFreqs* freqs = nullptr);

}  // namespace archivar::search
