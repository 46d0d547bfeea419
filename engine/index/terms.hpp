// Boolean filter terms, built the same way at index and at query time, so
// that `author:"Grit Müller"` finds what the document builder indexed.
//
// Cost: one normalization per value. Thread-safety: pure functions (the
// analyzer's normalize() is const and thread-safe).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "analysis/text_analyzer.hpp"
#include "index/schema.hpp"

namespace archivar::index {

// Truncates at a UTF-8 character boundary to at most `limit` bytes.
[[nodiscard]] inline std::string_view clip_utf8(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// prefix + normalized value (NFKC case folded, as Token::term), clipped to
// analysis::kMaxTermBytes. Empty for an empty value.
[[nodiscard]] inline std::string boolean_term(const analysis::TextAnalyzer& analyzer,
                                              std::string_view prefix, std::string_view value) {
  if (value.empty()) return {};
  std::string term(prefix);
  term += clip_utf8(analyzer.normalize(value), analysis::kMaxTermBytes);
  return term;
}

// U<url> for a url of at most kMaxUrlBytes, taken byte for byte (URLs are
// case-sensitive); a longer one becomes U + its first bytes + '#' + the
// 64-bit FNV-1a hash of the whole url in hex (Omega does the same), so that
// the term stays under Xapian's 245-byte limit. Empty for an empty url.
[[nodiscard]] inline std::string url_term(std::string_view url) {
  if (url.empty()) return {};
  std::string term(schema::kUrl);
  if (url.size() <= schema::kMaxUrlBytes) {
    term += url;
    return term;
  }
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : url) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  term += clip_utf8(url, schema::kMaxUrlBytes - 17);
  term += '#';
  term += hex;
  return term;
}

}  // namespace archivar::index
