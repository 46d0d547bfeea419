// A list of strings in one value slot (the tags facet): each string as a
// LEB128 byte length followed by its bytes. Sorted and deduplicated on
// encoding, so each tag counts once per article.
//
// Cost: O(total bytes). Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::index {

[[nodiscard]] inline std::string encode_value_list(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string out;
  for (const std::string& value : values) {
    std::size_t length = value.size();
    do {
      auto byte = static_cast<unsigned char>(length & 0x7F);
      length >>= 7;
      if (length != 0) byte = static_cast<unsigned char>(byte | 0x80u);
      out.push_back(static_cast<char>(byte));
    } while (length != 0);
    out += value;
  }
  return out;
}

// Calls `sink(std::string_view)` for each string of an encoded list; stops
// quietly at a truncated or malformed entry (a value never makes it throw).
template <class Sink>
void for_each_in_value_list(std::string_view encoded, Sink&& sink) {
  std::size_t at = 0;
  while (at < encoded.size()) {
    std::size_t length = 0;
    int shift = 0;
    bool done = false;
    while (at < encoded.size() && shift < 63) {
      const auto byte = static_cast<unsigned char>(encoded[at++]);
      length |= std::size_t{byte & 0x7Fu} << shift;
      shift += 7;
      if ((byte & 0x80) == 0) {
        done = true;
        break;
      }
    }
    if (!done || length > encoded.size() - at) return;
    sink(encoded.substr(at, length));
    at += length;
  }
}

}  // namespace archivar::index
