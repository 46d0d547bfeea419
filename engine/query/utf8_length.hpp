// The length of UTF-8 text in code points, for the query parser's and
// builder's length rules (a prefix before a sign, a wildcard's stem).
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string_view>

namespace archivar::query {

// The bytes of `text` that start a code point, i.e. all but the UTF-8
// continuation bytes (10xxxxxx): its code points if it is valid UTF-8.
// Nothing is decoded or checked.
[[nodiscard]] inline std::size_t utf8_length(std::string_view text) noexcept {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace archivar::query
