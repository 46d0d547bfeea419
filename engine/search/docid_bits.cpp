#include "search/docid_bits.hpp"

namespace archivar::search {

namespace {

// The same loops twice: with POPCNT, and for the x86-64 baseline. Picked
// per call from a flag read once (not by target_clones: its ifunc resolver
// runs before a sanitizer's runtime starts, and ThreadSanitizer's
// instrumentation of it crashed every program at load time).
[[gnu::target("popcnt")]] std::size_t count_popcnt(const std::uint64_t* words,
                                                   const std::uint64_t* mask, std::size_t count) {
  std::size_t bits = 0;
  if (mask == nullptr) {
    for (std::size_t i = 0; i < count; ++i)
      bits += static_cast<std::size_t>(std::popcount(words[i]));
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      bits += static_cast<std::size_t>(std::popcount(words[i] & ~mask[i]));
    }
  }
  return bits;
}

std::size_t count_portable(const std::uint64_t* words, const std::uint64_t* mask,
                           std::size_t count) {
  std::size_t bits = 0;
  for (std::size_t i = 0; i < count; ++i) {
    bits +=
        static_cast<std::size_t>(std::popcount(mask == nullptr ? words[i] : words[i] & ~mask[i]));
  }
  return bits;
}

std::size_t count_set_bits(const std::uint64_t* words, const std::uint64_t* mask,
                           std::size_t count) {
  static const bool has_popcnt = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("popcnt") != 0;
  }();
  return has_popcnt ? count_popcnt(words, mask, count) : count_portable(words, mask, count);
}

}  // namespace

std::size_t count_bits(const std::uint64_t* words, std::size_t count) {
  return count_set_bits(words, nullptr, count);
}

std::size_t count_bits_and_not(const std::uint64_t* words, const std::uint64_t* mask,
                               std::size_t count) {
  return count_set_bits(words, mask, count);
}

}  // namespace archivar::search
