// Byte-level helpers for the ASCII fast paths of the analysis chain.
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <string_view>

namespace archivar::analysis {

// True if every byte of `text` is 7-bit ASCII (no ICU work needed).
[[nodiscard]] inline bool is_ascii(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace archivar::analysis
