// The count line of the command's text output (tools/result_summary).
#include "result_summary.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace archivar::cli {
namespace {

TEST(ResultSummary, ThousandsAreSeparatedByCommas) {
  const std::pair<std::uint64_t, const char*> rows[] = {
      {0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {20000, "20,000"}, {1234567, "1,234,567"},
  };
  for (const auto& [number, expected] : rows) EXPECT_EQ(with_thousands(number), expected);
}

TEST(ResultSummary, ReadsLikeASearchEngine) {
  struct Row {
    MatchCount total;
    std::uint64_t first;
    std::size_t shown;
    std::uint32_t page;
    const char* expected;
  };
  const Row rows[] = {
      {{2000, 19, 2400}, 1, 10, 1, "about 2,000 results, showing 1\u201310"},
      {{19, 19, 19}, 1, 10, 1, "19 results, showing 1\u201310"},
      {{19, 19, 19}, 11, 9, 2, "19 results, showing 11\u201319"},
      {{1, 1, 1}, 1, 1, 1, "1 result, showing 1"},
      {{0, 0, 0}, 1, 0, 1, "0 results"},
      {{19, 19, 19}, 41, 0, 5, "19 results, none on page 5"},
      {{2000, 19, 2400}, 2991, 0, 300, "about 2,000 results, none on page 300"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(result_summary(row.total, row.first, row.shown, row.page), row.expected);
  }
}

}  // namespace
}  // namespace archivar::cli
