// A set of docids as one bit per docid 0..last: a query's match set as
// search::match_bits() evaluates it, handed on as it is to facet counting
// (search/facets.hpp), the collapsed count and cluster copies
// (search/cluster_copies.hpp), so that none of them needs a docid vector:
// each walks the set bits itself, and a pass that only cares about some
// docids (those whose collapse key another article holds) ANDs its own
// bitmap in word by word and walks the few bits left.
//
// Cost: (last docid / 64 + 1) words, 21 KB for 171k articles; count() is
// kept from construction; for_each is O(words + set bits).
// Thread-safety: immutable; safe to read from several threads.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace archivar::search {

// Set bits of words[0..count). With POPCNT where the CPU has it (checked
// once per process); the x86-64 baseline Debian
// builds for has no POPCNT, so std::popcount compiles to a libgcc call per
// word (~3 ns: 8 µs per 21 KB bitmap of 171k articles).
[[nodiscard]] std::size_t count_bits(const std::uint64_t* words, std::size_t count);
// Set bits of words[i] & ~mask[i] for i < count.
[[nodiscard]] std::size_t count_bits_and_not(const std::uint64_t* words, const std::uint64_t* mask,
                                             std::size_t count);

class DocidBits {
 public:
  DocidBits() = default;
  // Bit d % 64 of words[d / 64] set: docid d is in the set.
  explicit DocidBits(std::vector<std::uint64_t> words)
      : words_(std::move(words)), count_(count_bits(words_.data(), words_.size())) {}

  [[nodiscard]] const std::vector<std::uint64_t>& words() const { return words_; }
  // Docids in the set.
  [[nodiscard]] std::size_t count() const { return count_; }

  // Calls visit(docid) for each docid in the set, ascending.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t i = 0; i < words_.size(); ++i) for_each_in(i, words_[i], visit);
  }

  // Calls visit(docid) for each docid in the set whose bit is also set in
  // `mask` (same layout; missing words are zero), ascending.
  template <class Visit>
  void for_each_also_in(const std::vector<std::uint64_t>& mask, Visit&& visit) const {
    const std::size_t words = std::min(words_.size(), mask.size());
    for (std::size_t i = 0; i < words; ++i) for_each_in(i, words_[i] & mask[i], visit);
  }

  // Calls visit(ids, count) for consecutive blocks of up to kBlock docids
  // of the set (ascending; ids points into a buffer on the stack), so that
  // several passes over the docids (one per facet) extract the bits once.
  static constexpr std::size_t kBlock = 512;
  template <class Visit>
  void for_each_block(Visit&& visit) const {
    std::array<Xapian::docid, kBlock> block;
    std::size_t filled = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::uint64_t word = words_[i];
      if (word == 0) continue;
      if (filled + 64 > kBlock) {
        visit(static_cast<const Xapian::docid*>(block.data()), filled);
        filled = 0;
      }
      const auto base = static_cast<Xapian::docid>(i * 64);
      while (word != 0) {
        block[filled++] = base + static_cast<Xapian::docid>(std::countr_zero(word));
        word &= word - 1;
      }
    }
    if (filled != 0) visit(static_cast<const Xapian::docid*>(block.data()), filled);
  }

  // Docids in the set that are not set in `mask`: one popcount per word.
  [[nodiscard]] std::size_t count_not_in(const std::vector<std::uint64_t>& mask) const {
    const std::size_t both = std::min(words_.size(), mask.size());
    return count_bits_and_not(words_.data(), mask.data(), both) +
           count_bits(words_.data() + both, words_.size() - both);
  }

  // The docids, ascending.
  [[nodiscard]] std::vector<Xapian::docid> docids() const {
    std::vector<Xapian::docid> out(count_);
    Xapian::docid* at = out.data();
    for_each([&](Xapian::docid docid) { *at++ = docid; });
    return out;
  }

 private:
  template <class Visit>
  static void for_each_in(std::size_t index, std::uint64_t word, Visit& visit) {
    const auto base = static_cast<Xapian::docid>(index * 64);
    while (word != 0) {
      visit(base + static_cast<Xapian::docid>(std::countr_zero(word)));
      word &= word - 1;
    }
  }

  std::vector<std::uint64_t> words_;
  std::size_t count_ = 0;
};

}  // namespace archivar::search
