// The document data of an indexed article: its stored fields in a compact,
// versioned binary encoding.
//
// Layout: one version byte (currently 1), then each string field as a LEB128
// length and its bytes, in the order id, title, body, url, date, lang,
// author, source; then the tag count and each tag the same way. Decoders
// accept every version they know and reject the rest.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "archivar/article.hpp"

namespace archivar::index {

[[nodiscard]] std::string encode_stored_fields(const Article& article);

// Throws archivar::DatabaseError if `data` is not a stored-fields record of a
// known version (a corrupt or foreign index).
[[nodiscard]] Article decode_stored_fields(std::string_view data);

}  // namespace archivar::index
