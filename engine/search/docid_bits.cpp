#include "search/docid_bits.hpp"

namespace archivar::search {

// Two versions each, picked by the dynamic loader (ifunc) from the CPU's
// features; the loops are otherwise the same.
[[gnu::target_clones("popcnt", "default")]] std::size_t count_bits(const std::uint64_t* words,
                                                                   std::size_t count) {
  std::size_t bits = 0;
  for (std::size_t i = 0; i < count; ++i) bits += static_cast<std::size_t>(std::popcount(words[i]));
  return bits;
}

[[gnu::target_clones("popcnt", "default")]] std::size_t count_bits_and_not(
    const std::uint64_t* words, const std::uint64_t* mask, std::size_t count) {
  std::size_t bits = 0;
  for (std::size_t i = 0; i < count; ++i) {
    bits += static_cast<std::size_t>(std::popcount(words[i] & ~mask[i]));
  }
  return bits;
}

}  // namespace archivar::search
