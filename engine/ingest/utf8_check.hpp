// UTF-8 well-formedness for whole inputs (a JSON line, an HTML file).
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace archivar::ingest {

// True if `text` is well-formed UTF-8 (ICU's U8_NEXT decides: it rejects
// overlong forms, surrogates and truncated sequences). Works on inputs of
// any size (ICU indexes with int32_t, so it walks pieces of under 1 GiB
// that start at a character). Cost: one pass over the bytes.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

// `text` with every ill-formed UTF-8 sequence (as U8_NEXT delimits it)
// replaced by U+FFFD; well-formed text comes back unchanged. For text
// that a library produced from checked input and may still have broken
// (gumbo turns `&#x88888888;` into a lone 0x88 byte). Cost: one pass and
// one copy.
[[nodiscard]] std::string with_valid_utf8(std::string_view text);

}  // namespace archivar::ingest
