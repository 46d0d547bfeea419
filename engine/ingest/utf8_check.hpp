// UTF-8 well-formedness for whole inputs (a JSON line, an HTML file).
// Thread-safety: a pure function.
#pragma once

#include <string_view>

namespace archivar::ingest {

// True if `text` is well-formed UTF-8 (ICU's U8_NEXT decides: it rejects
// overlong forms, surrogates and truncated sequences). Works on inputs of
// any size (ICU indexes with int32_t, so it walks pieces of under 1 GiB
// that start at a character). Cost: one pass over the bytes.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

}  // namespace archivar::ingest
