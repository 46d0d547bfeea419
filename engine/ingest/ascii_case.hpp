// ASCII lower case for the readers' keyword comparisons (HTML language
// codes, meta names and rel tokens; the conjunctions after a suspended
// hyphen): 'A'..'Z' become 'a'..'z', every other byte (UTF-8 included)
// stays as it is. Not Unicode case folding.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace archivar::ingest {

// `c` in lower case if it is an ASCII capital letter, else `c`.
[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// A copy of `text` with ascii_lower applied to each byte.
[[nodiscard]] inline std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = ascii_lower(c);
  return lower;
}

}  // namespace archivar::ingest
