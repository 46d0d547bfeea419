// The compressed body record (version 3 of the Xapian document data, see
// index/stored_fields.hpp): a zstd frame of the body compressed with a
// dictionary trained at index time on a sample of the index's own bodies.
// News-sized bodies (~2 kB) share most of their vocabulary and phrasing, so a
// dictionary takes about 20 % off what glass's per-document zlib leaves
// (bench/README.md "Index size").
//
// Record: byte 3, then one zstd frame whose header names the dictionary id
// (ZSTD_getDictID_fromFrame) and holds the body's size. Dictionaries live in
// the database metadata: kBodyDictionaryKeyPrefix + decimal id → the
// dictionary's bytes, and kBodyDictionaryKey → the id a writer uses for new
// records. An index may hold several (the shards of a bulk build train one
// each; compaction keeps every key), so a record's own id picks its
// dictionary. Ids are zstd's content hashes of the dictionaries (31 bits):
// two shards' dictionaries get the same id with odds of about 2^-31.
#pragma once

#include <zstd.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace archivar::index {

inline constexpr unsigned char kBodyRecordCompressed = 3;
// Metadata: the id of the dictionary new records use ("12345678").
inline constexpr std::string_view kBodyDictionaryKey = "archivar.body-dict";
// Metadata: kBodyDictionaryKeyPrefix + id → the dictionary's bytes.
inline constexpr std::string_view kBodyDictionaryKeyPrefix = "archivar.body-dict.";

// A dictionary trained on `sample` (whole bodies), or nullopt when zstd
// cannot train one from it (too few or too similar samples). Its size is
// about a 30th of the sample's bytes, at most 256 KiB. Cost: ~0.1 s per 8 MB
// of sample, 0.03 s per 2 MB (one fastCover pass). Thread-safe (pure).
[[nodiscard]] std::optional<std::string> train_body_dictionary(
    const std::vector<std::string>& sample);

// The dictionary's id (0: not a zstd dictionary).
[[nodiscard]] std::uint32_t body_dictionary_id(std::string_view dictionary);

// Writer side: body records compressed with one dictionary. ~20-60 µs per
// 2 kB body at the level used. Not thread-safe (one compression context);
// one per writer.
class BodyCompressor {
 public:
  // Throws archivar::DatabaseError if `dictionary` is not a zstd dictionary.
  explicit BodyCompressor(std::string_view dictionary);
  BodyCompressor(const BodyCompressor&) = delete;
  BodyCompressor& operator=(const BodyCompressor&) = delete;

  [[nodiscard]] std::uint32_t id() const noexcept { return id_; }

  // The version-3 record of `body`.
  [[nodiscard]] std::string record(std::string_view body);

 private:
  std::uint32_t id_ = 0;
  std::unique_ptr<ZSTD_CDict, std::size_t (*)(ZSTD_CDict*)> dictionary_;
  std::unique_ptr<ZSTD_CCtx, std::size_t (*)(ZSTD_CCtx*)> context_;
};

// Reader side: decodes version-3 records, loading each dictionary once from
// the metadata when a record first names it (`metadata(key)` returns "" for
// a missing key). Decoded dictionaries (ZSTD_DDict, ~3× the dictionary's
// bytes) are kept for the decompressor's life: ids name contents, so they
// stay right across database reopens. ~5 µs per 2 kB body.
// Not thread-safe (one decompression context); one per Searcher.
class BodyDecompressor {
 public:
  using MetadataReader = std::function<std::string(const std::string& key)>;
  explicit BodyDecompressor(MetadataReader metadata);
  BodyDecompressor(const BodyDecompressor&) = delete;
  BodyDecompressor& operator=(const BodyDecompressor&) = delete;
  ~BodyDecompressor();

  // The body of a version-3 record (starting with its version byte).
  // Throws archivar::DatabaseError if the frame is corrupt or its dictionary
  // is not in the metadata.
  [[nodiscard]] std::string body(std::string_view record);

 private:
  const ZSTD_DDict& dictionary(std::uint32_t id);

  MetadataReader metadata_;
  std::unordered_map<std::uint32_t, ZSTD_DDict*> dictionaries_;
  ZSTD_DCtx* context_ = nullptr;
};

}  // namespace archivar::index
