#include "eval/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace archivar::eval {
namespace {

// Grade of `doc`, 0 if unjudged; negative grades count as 0.
int gain_of(const Judgments& judgments, const std::string& doc) {
  const auto it = judgments.find(doc);
  return it == judgments.end() ? 0 : std::max(it->second, 0);
}

// Calls `visit(rank, gain)` for each distinct doc within the top k, rank from 1.
template <typename Visit>
void for_each_top_k(std::span<const std::string> ranked, const Judgments& judgments, std::size_t k,
                    Visit visit) {
  const std::size_t n = std::min(k, ranked.size());
  std::unordered_set<std::string_view> seen;
  seen.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!seen.insert(ranked[i]).second) continue;
    if (!visit(i + 1, gain_of(judgments, ranked[i]))) return;
  }
}

double discount(std::size_t rank) { return std::log2(static_cast<double>(rank) + 1.0); }

}  // namespace

bool has_relevant(const Judgments& judgments) noexcept {
  return std::any_of(judgments.begin(), judgments.end(),
                     [](const auto& judged) { return judged.second > 0; });
}

double reciprocal_rank_at(std::span<const std::string> ranked, const Judgments& judgments,
                          std::size_t k) {
  double result = 0;
  for_each_top_k(ranked, judgments, k, [&result](std::size_t rank, int gain) {
    if (gain <= 0) return true;
    result = 1.0 / static_cast<double>(rank);
    return false;
  });
  return result;
}

double recall_at(std::span<const std::string> ranked, const Judgments& judgments, std::size_t k) {
  const auto relevant = static_cast<std::size_t>(std::count_if(
      judgments.begin(), judgments.end(), [](const auto& judged) { return judged.second > 0; }));
  if (relevant == 0) return 0;
  std::size_t found = 0;
  for_each_top_k(ranked, judgments, k, [&found](std::size_t, int gain) {
    if (gain > 0) ++found;
    return true;
  });
  return static_cast<double>(found) / static_cast<double>(relevant);
}

double ndcg_at(std::span<const std::string> ranked, const Judgments& judgments, std::size_t k) {
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judgments) {
    if (grade > 0) ideal.push_back(grade);
  }
  if (ideal.empty() || k == 0) return 0;
  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  double ideal_dcg = 0;
  for (std::size_t i = 0; i < std::min(k, ideal.size()); ++i) {
    ideal_dcg += static_cast<double>(ideal[i]) / discount(i + 1);
  }
  double dcg = 0;
  for_each_top_k(ranked, judgments, k, [&dcg](std::size_t rank, int gain) {
    dcg += static_cast<double>(gain) / discount(rank);
    return true;
  });
  return dcg / ideal_dcg;
}

}  // namespace archivar::eval
