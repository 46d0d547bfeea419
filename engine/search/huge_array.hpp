// HugeArray<T>: an uninitialized array of trivially copyable T for large
// tables written once in a pass (the "did you mean" index's entries).
//
// Why: on this kind of machine a fresh allocation's page faults cost as
// much as filling it (paravirtualized, ~5-10 µs each: 12,000 for a 48 MB
// array). An array of 2 MiB or more is allocated 2 MiB-aligned and advised
// MADV_HUGEPAGE, so where transparent huge pages are enabled on request
// (Debian's default "madvise" mode) each 2 MiB costs one fault instead of
// 512: SpellingIndex::load at 171k articles 0.49 → 0.24 s. Smaller arrays,
// and systems without the advice, get an ordinary allocation. The memory
// is not zeroed: every element must be written before it is read.
//
// Cost: up to 2 MiB of rounding per array. Throws std::bad_alloc.
// Thread-safety: as a plain array (the owner synchronizes).
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>

namespace archivar::search {

template <class T>
class HugeArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugeArray() = default;
  explicit HugeArray(std::size_t size) : size_(size) {
    if (size == 0) return;
    const std::size_t bytes = size * sizeof(T);
    void* raw = nullptr;
    if (bytes >= kHugePage) {
      const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
      raw = std::aligned_alloc(kHugePage, rounded);
#ifdef MADV_HUGEPAGE
      if (raw != nullptr) (void)madvise(raw, rounded, MADV_HUGEPAGE);  // advice: may be ignored
#endif
    } else {
      raw = std::malloc(bytes);
    }
    if (raw == nullptr) throw std::bad_alloc();
    data_.reset(static_cast<T*>(raw));
  }

  [[nodiscard]] T* data() { return data_.get(); }
  [[nodiscard]] const T* data() const { return data_.get(); }
  [[nodiscard]] std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T[], Free> data_;
  std::size_t size_ = 0;
};

}  // namespace archivar::search
