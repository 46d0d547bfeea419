// HugeArray (search/huge_array.hpp): arrays below and above the huge-page
// size hold what is written into them, at a 2 MiB-aligned address when
// large; an empty one holds nothing.
#include "search/huge_array.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

namespace archivar::search {
namespace {

TEST(HugeArray, LargeArrayIsAlignedAndHoldsEveryElement) {
  const std::size_t size = 3 * HugeArray<std::uint64_t>::kHugePage / sizeof(std::uint64_t) + 7;
  HugeArray<std::uint64_t> array(size);
  ASSERT_EQ(array.size(), size);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(array.data()) % HugeArray<std::uint64_t>::kHugePage,
            0U);
  for (std::size_t i = 0; i < size; ++i) array[i] = i * 2654435761U;
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < size; ++i) wrong += array[i] != i * 2654435761U ? 1 : 0;
  EXPECT_EQ(wrong, 0U);
}

TEST(HugeArray, SmallAndEmptyArrays) {
  HugeArray<std::uint32_t> small(10);
  ASSERT_NE(small.data(), nullptr);
  for (std::uint32_t i = 0; i < 10; ++i) small[i] = i + 1;
  EXPECT_EQ(small[9], 10U);
  const HugeArray<std::uint32_t> empty(0);
  EXPECT_EQ(empty.size(), 0U);
  EXPECT_EQ(empty.data(), nullptr);
  HugeArray<std::uint32_t> moved = std::move(small);
  EXPECT_EQ(moved[0], 1U);
}

}  // namespace
}  // namespace archivar::search
