// Byte tests for the snippet code's scans over UTF-8 text (PassageLocator,
// SnippetBuilder): each looks at one byte, never decodes.
// Thread-safety: pure functions.
#pragma once

namespace archivar::search {

// True for the six ASCII whitespace bytes: ' ', '\t', '\n', '\v', '\f' and
// '\r' (isspace() in the "C" locale); false for every other byte, so a
// non-ASCII space (U+00A0, U+3000, ...) is no space here.
[[nodiscard]] constexpr bool is_ascii_space(char c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// True for a UTF-8 continuation byte (10xxxxxx), i.e. a byte that does not
// start a code point.
[[nodiscard]] constexpr bool is_utf8_continuation(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace archivar::search
