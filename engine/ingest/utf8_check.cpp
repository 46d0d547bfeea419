#include "ingest/utf8_check.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace archivar::ingest {

bool is_valid_utf8(std::string_view text) {
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
      UChar32 c = 0;
      U8_NEXT(piece, i, length, c);
      if (c < 0) return false;
    }
    start = end;
  }
  return true;
}

}  // namespace archivar::ingest
