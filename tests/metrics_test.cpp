// Ranking metrics against hand-computed values. Judgments used throughout:
//   d1: 3, d2: 2, d4: 1 (relevant); d3: 0, d5: -1 (judged not relevant).
// Ideal DCG@10 = 3/log2(2) + 2/log2(3) + 1/log2(4) = 4.76186.
#include "eval/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace archivar::eval {
namespace {

const Judgments kJudgments = {{"d1", 3}, {"d2", 2}, {"d3", 0}, {"d4", 1}, {"d5", -1}};

double lg(double x) { return std::log2(x); }
const double kIdealDcg = 3 + 2 / lg(3) + 1 / lg(4);

struct Row {
  const char* name;
  std::vector<std::string> ranked;
  std::size_t k;
  double reciprocal_rank;
  double recall;
  double ndcg;
};

TEST(Metrics, HandComputedRows) {
  const std::vector<Row> rows = {
      {"ideal order", {"d1", "d2", "d4"}, 10, 1, 1, 1},
      {"ideal order, non-relevant tail", {"d1", "d2", "d4", "d3", "x"}, 10, 1, 1, 1},
      {"first hit at rank 2",
       {"d3", "d1", "d2"},
       10,
       1.0 / 2,
       2.0 / 3,
       (3 / lg(3) + 2 / lg(4)) / kIdealDcg},  // 0.60749
      {"k cuts before the first hit", {"d3", "d1", "d2"}, 1, 0, 0, 0},
      {"k = 2, ideal DCG cut at 2 too",
       {"d3", "d1", "d2"},
       2,
       1.0 / 2,
       1.0 / 3,
       (3 / lg(3)) / (3 + 2 / lg(3))},  // 0.44412
      {"reverse order",
       {"d4", "d2", "d1"},
       10,
       1,
       1,
       (1 + 2 / lg(3) + 3 / lg(4)) / kIdealDcg},  // 0.79000
      {"top 2 of 3 relevant, k = 2",
       {"d2", "d1", "d4"},
       2,
       1,
       2.0 / 3,
       (2 + 3 / lg(3)) / (3 + 2 / lg(3))},  // 0.91340
      {"hit just past k", {"x", "y", "z", "d1"}, 3, 0, 0, 0},
      {"hit exactly at k", {"x", "y", "d4"}, 3, 1.0 / 3, 1.0 / 3, (1 / lg(4)) / kIdealDcg},
      {"only unjudged and non-relevant", {"x", "d3", "d5"}, 10, 0, 0, 0},
      {"empty ranking", {}, 10, 0, 0, 0},
      {"k = 0", {"d1", "d2"}, 0, 0, 0, 0},
      {"repeated doc counts once, at its first rank",
       {"d1", "d1", "d2"},
       10,
       1,
       2.0 / 3,
       (3 + 2 / lg(4)) / kIdealDcg},  // 0.84001
      {"k larger than the ranking", {"d2"}, 1000, 1, 1.0 / 3, 2 / kIdealDcg},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_NEAR(reciprocal_rank_at(row.ranked, kJudgments, row.k), row.reciprocal_rank, 1e-12);
    EXPECT_NEAR(recall_at(row.ranked, kJudgments, row.k), row.recall, 1e-12);
    EXPECT_NEAR(ndcg_at(row.ranked, kJudgments, row.k), row.ndcg, 1e-12);
  }
}

TEST(Metrics, SpotValues) {
  const std::vector<std::string> ranked = {"d3", "d1", "d2"};
  EXPECT_NEAR(ndcg_at(ranked, kJudgments, 10), 0.6074915, 1e-7);
  EXPECT_NEAR(ndcg_at(ranked, kJudgments, 2), 0.4441229, 1e-7);
}

TEST(Metrics, GradeScalesGainLinearly) {
  // One relevant doc with grade 4 at rank 2: DCG = 4/log2(3), ideal = 4.
  const Judgments one = {{"a", 4}};
  const std::vector<std::string> ranked = {"x", "a"};
  EXPECT_NEAR(ndcg_at(ranked, one, 10), 1 / lg(3), 1e-12);
  EXPECT_NEAR(reciprocal_rank_at(ranked, one, 10), 0.5, 1e-12);
  EXPECT_NEAR(recall_at(ranked, one, 10), 1.0, 1e-12);
}

TEST(Metrics, QueriesWithoutRelevantDocsAreNotScored) {
  const std::vector<Judgments> unscorable = {{}, {{"d1", 0}}, {{"d1", 0}, {"d2", -1}}};
  const std::vector<std::string> ranked = {"d1", "d2"};
  for (const Judgments& judgments : unscorable) {
    EXPECT_FALSE(has_relevant(judgments));
    EXPECT_EQ(reciprocal_rank_at(ranked, judgments, 10), 0);
    EXPECT_EQ(recall_at(ranked, judgments, 10), 0);
    EXPECT_EQ(ndcg_at(ranked, judgments, 10), 0);
  }
  EXPECT_TRUE(has_relevant(kJudgments));
  EXPECT_TRUE(has_relevant({{"d1", 0}, {"d2", 1}}));
}

}  // namespace
}  // namespace archivar::eval
