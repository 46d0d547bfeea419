#include "ingest/utf8_check.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace archivar::ingest {

namespace {

// Walks `text` character by character in pieces of under 1 GiB that start
// at a character (ICU indexes with int32_t): on_char(bytes, length) for a
// well-formed character, on_error() for an ill-formed sequence; stops early
// when either returns false. Returns false if it stopped early.
template <typename OnChar, typename OnError>
bool walk_utf8(std::string_view text, OnChar on_char, OnError on_error) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  std::size_t start = 0;
  constexpr std::size_t kPiece = std::numeric_limits<std::int32_t>::max() / 2;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kPiece);
    while (end < text.size() && end > start && U8_IS_TRAIL(bytes[end])) --end;
    if (end == start) end = std::min(text.size(), start + kPiece);
    const auto length = static_cast<std::int32_t>(end - start);
    const std::uint8_t* piece = bytes + start;
    for (std::int32_t i = 0; i < length;) {
      const std::int32_t begin = i;
      UChar32 c = 0;
      U8_NEXT(piece, i, length, c);
      const bool go_on = c < 0 ? on_error()
                               : on_char(reinterpret_cast<const char*>(piece + begin),
                                         static_cast<std::size_t>(i - begin));
      if (!go_on) return false;
    }
    start = end;
  }
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  return walk_utf8(
      text, [](const char*, std::size_t) { return true; }, [] { return false; });
}

std::string with_valid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  walk_utf8(
      text,
      [&](const char* bytes, std::size_t length) {
        out.append(bytes, length);
        return true;
      },
      [&] {
        out += "\xEF\xBF\xBD";  // U+FFFD
        return true;
      });
  return out;
}

}  // namespace archivar::ingest
