// The stored fields of an indexed article in a compact, versioned binary
// encoding, split in two so that a result page never inflates bodies it
// does not show:
//
// - the display record (value slot schema::kDisplaySlot, uncompressed, read
//   for every hit): version byte 2, then each string field as a LEB128
//   length and its bytes, in the order id, title, url, date, lang, author,
//   source; then the tag count and each tag the same way;
// - the body record (the Xapian document data, which glass compresses; read
//   only for snippets and get()): version byte 2, then the body's bytes;
//   or version 3, the body compressed with the index's zstd dictionary
//   (index/body_codec.hpp), written once a writer has trained one.
//
// Older documents (schema 3) have no display record and a version-1
// document data: id, title, body, url, date, lang, author, source, tags.
// Decoders accept every version they know and reject the rest.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "archivar/article.hpp"
#include "index/body_codec.hpp"

namespace archivar::index {

// The version byte of a body record holding the body's bytes as they are.
inline constexpr unsigned char kBodyRecordPlain = 2;

struct StoredRecords {
  std::string display;  // value of schema::kDisplaySlot
  std::string data;     // Xapian document data
};

[[nodiscard]] StoredRecords encode_stored_fields(const Article& article);

// The article without its body, from the display record; from a version-1
// `data` when `display` is empty (schema 3). `data` is only called for then.
// Throws archivar::DatabaseError if a record is not of a known version (a
// corrupt or foreign index).
[[nodiscard]] Article decode_display_fields(std::string_view display,
                                            const std::function<std::string()>& data);

// The whole article from both records (`display` empty: schema 3, all in
// `data`). Throws archivar::DatabaseError as above, and for a version-3
// body record when `bodies` is null.
[[nodiscard]] Article decode_stored_fields(std::string_view display, std::string_view data,
                                           BodyDecompressor* bodies = nullptr);

// The body alone from the document data (any version; version 3 needs
// `bodies`).
[[nodiscard]] std::string decode_body(std::string_view data, BodyDecompressor* bodies = nullptr);

// The body as a view into `data` (version 2, no copy), or decoded into
// `storage` and viewed there (versions 1 and 3). Throws as decode_body.
[[nodiscard]] std::string_view body_view(std::string_view data, std::string& storage,
                                         BodyDecompressor* bodies = nullptr);

}  // namespace archivar::index
