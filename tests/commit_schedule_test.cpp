// CommitSchedule: batches of min_articles at first, growing with the shard,
// capped by max_articles and by the batch's text.
#include "index/commit_schedule.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace archivar::index {
namespace {

// Feeds `articles` articles of `bytes` each and returns the batch sizes of
// the commits made (the last, partial batch is not listed).
std::vector<std::uint64_t> batches(const CommitScheduleOptions& options, std::uint64_t articles,
                                   std::size_t bytes) {
  CommitSchedule schedule(options);
  std::vector<std::uint64_t> sizes;
  for (std::uint64_t i = 0; i < articles; ++i) {
    if (schedule.add(bytes)) {
      sizes.push_back(schedule.pending_articles());
      schedule.committed();
    }
  }
  return sizes;
}

TEST(CommitSchedule, FixedBatchesWithoutGrowth) {
  CommitScheduleOptions options;
  options.min_articles = 100;
  options.growth = 0;
  EXPECT_EQ(batches(options, 350, 10), (std::vector<std::uint64_t>{100, 100, 100}));
}

TEST(CommitSchedule, SmallShardKeepsTheSmallestBatch) {
  // 8 commits of 1,000 before the shard holds 8 × 1,000: a 10,000-article
  // shard (the comparison's 20,000 on two workers) commits as before.
  const auto sizes = batches(CommitScheduleOptions{}, 9000, 2000);
  ASSERT_EQ(sizes.size(), 9u);
  for (std::uint64_t size : sizes) EXPECT_EQ(size, 1000u);
}

TEST(CommitSchedule, BatchGrowsWithTheShardUpToTheMaximum) {
  CommitScheduleOptions options;
  options.min_articles = 10;
  options.growth = 4;
  options.max_articles = 50;
  options.max_text_bytes = 1u << 30;
  const auto sizes = batches(options, 500, 1);
  // 10 while a quarter of the shard is less (up to a shard of 50), then a
  // quarter of it: 12 (of 50), 15, 19, 24, 30, 37, 46, then the cap 50.
  const std::vector<std::uint64_t> expected{10, 10, 10, 10, 10, 12, 15, 19, 24, 30, 37, 46, 50, 50};
  ASSERT_GE(sizes.size(), expected.size());
  EXPECT_EQ(std::vector<std::uint64_t>(sizes.begin(), sizes.begin() + expected.size()), expected);
  for (std::uint64_t size : sizes) EXPECT_LE(size, 50u);
}

TEST(CommitSchedule, TextCapEndsALargeBatchEarly) {
  CommitScheduleOptions options;
  options.min_articles = 10;
  options.growth = 1;  // the batch may grow to the shard's size...
  options.max_articles = 1000;
  options.max_text_bytes = 300;  // ...but not beyond 300 bytes of text
  const auto sizes = batches(options, 200, 20);
  ASSERT_GE(sizes.size(), 3u);
  EXPECT_EQ(sizes[0], 10u);
  EXPECT_EQ(sizes[1], 10u);  // the shard held 10: 10 is its size
  EXPECT_EQ(sizes[2], 15u);  // 15 × 20 bytes reach the cap before 20 articles
  for (std::uint64_t size : sizes) EXPECT_LE(size, 15u);
}

TEST(CommitSchedule, TextCapNeverCutsBelowTheSmallestBatch) {
  CommitScheduleOptions options;
  options.min_articles = 5;
  options.max_text_bytes = 1;  // every article alone exceeds it
  EXPECT_EQ(batches(options, 12, 100), (std::vector<std::uint64_t>{5, 5}));
}

TEST(CommitSchedule, ZeroSmallestBatchIsOne) {
  CommitScheduleOptions options;
  options.min_articles = 0;
  options.growth = 0;
  EXPECT_EQ(batches(options, 3, 1), (std::vector<std::uint64_t>{1, 1, 1}));
}

}  // namespace
}  // namespace archivar::index
