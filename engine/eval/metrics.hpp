// Ranking-quality metrics for one query: pure functions over the ranked doc
// ids a search returned (best first) and the query's judgments.
//
// Judgments map doc id -> grade; grade > 0 is relevant (the gain in nDCG),
// grade <= 0 and unjudged documents are not relevant. A doc id repeated in
// the ranking counts only at its first rank. k = 0 scores 0.
//
// Queries without any relevant judgment are not scored: all three metrics
// return 0 for them, and callers averaging over a set must skip them
// (has_relevant() == false) rather than count the 0.
//
// Cost: O(min(k, ranked.size())) expected hash look-ups; ndcg_at adds
// O(J log J) for the J judgments to build the ideal ranking.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <unordered_map>

namespace archivar::eval {

// doc id -> grade for one query.
using Judgments = std::unordered_map<std::string, int>;

// True if at least one judged document has grade > 0.
[[nodiscard]] bool has_relevant(const Judgments& judgments) noexcept;

// 1 / rank of the first relevant document within the top k (ranks from 1),
// 0 if none is there.
[[nodiscard]] double reciprocal_rank_at(std::span<const std::string> ranked,
                                        const Judgments& judgments, std::size_t k);

// Relevant documents within the top k / all relevant documents.
[[nodiscard]] double recall_at(std::span<const std::string> ranked, const Judgments& judgments,
                               std::size_t k);

// DCG@k / ideal DCG@k with linear gain (= grade) and discount log2(rank + 1);
// the ideal ranking orders all judged grades > 0 from highest down.
[[nodiscard]] double ndcg_at(std::span<const std::string> ranked, const Judgments& judgments,
                             std::size_t k);

}  // namespace archivar::eval
