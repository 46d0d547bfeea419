#include "index/body_codec.hpp"

// ZDICT_trainFromBuffer_fastCover and its parameters are in zstd's
// "static linking only" section: stable in the 1.5 series we build with
// (Debian 12: 1.5.4), exported by the shared library.
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>

#include <algorithm>
#include <cstring>

#include "archivar/errors.hpp"

namespace archivar::index {

namespace {

// zstd level of the body records. 19 is ~5 % smaller than 9 on news bodies
// with a dictionary but cost ~40 % more indexing CPU (20k comparison subset,
// `archivar index --threads 2`: user 49-52 s at 19, 43-44 s at 12, 36-39 s at
// 9, 35-36 s without compression; index 145.38 / 145.89 / 146.05 MB).
constexpr int kCompressionLevel = 9;
constexpr std::size_t kMaxDictionaryBytes = 256 * 1024;
constexpr std::size_t kMinDictionaryBytes = 4 * 1024;
// The dictionary trainer: fastCover with fixed parameters, one pass over the
// whole sample. ZDICT_trainFromBuffer searches segment sizes k from 50 to
// 2,000, each trained on 3/4 of the sample and scored by compressing the
// other 1/4, and chose k = 50 on news bodies; one pass at k = 50 costs a quarter of the time
// and its records are smaller. The 20k comparison subset's two shards, level
// 9 (bench/README.md "Indexing tail"): 1,000 bodies (what a bulk shard
// samples: it trains at its first commit) 0.13 → 0.03 s, records 7,620,160 →
// 7,601,845 and 7,886,994 → 7,869,367 bytes; 4,000 bodies 0.5-0.9 → 0.10 s,
// 7,037,996 → 7,009,773 bytes (k = 100, 200, 400 gave larger records at
// 1,000 bodies).
constexpr unsigned kTrainSegmentBytes = 50;  // k
constexpr unsigned kTrainDmerBytes = 8;      // d, as ZDICT_trainFromBuffer
constexpr unsigned kTrainFrequencyLog = 20;  // f, fastCover's default
// A body of more than this is refused as corrupt (its frame says so).
constexpr unsigned long long kMaxBodyBytes = 1ULL << 31;

[[noreturn]] void corrupt(const std::string& what) {
  throw DatabaseError("stored article body is corrupt or from an unknown archivar version: " +
                      what);
}

}  // namespace

std::optional<std::string> train_body_dictionary(const std::vector<std::string>& sample) {
  std::string samples;
  std::vector<std::size_t> sizes;
  sizes.reserve(sample.size());
  for (const std::string& body : sample) {
    if (body.empty()) continue;
    samples += body;
    sizes.push_back(body.size());
  }
  const std::size_t capacity = std::min(kMaxDictionaryBytes, samples.size() / 30);
  if (capacity < kMinDictionaryBytes || sizes.size() < 8) return std::nullopt;
  std::string dictionary(capacity, '\0');
  ZDICT_fastCover_params_t params;
  std::memset(&params, 0, sizeof params);
  params.k = kTrainSegmentBytes;
  params.d = kTrainDmerBytes;
  params.f = kTrainFrequencyLog;
  params.accel = 1;
  params.splitPoint = 1.0;  // train on the whole sample
  // The level its entropy tables are computed at, as ZDICT_trainFromBuffer.
  params.zParams.compressionLevel = ZSTD_CLEVEL_DEFAULT;
  const std::size_t size =
      ZDICT_trainFromBuffer_fastCover(dictionary.data(), dictionary.size(), samples.data(),
                                      sizes.data(), static_cast<unsigned>(sizes.size()), params);
  if (ZDICT_isError(size) != 0U) return std::nullopt;
  dictionary.resize(size);
  if (body_dictionary_id(dictionary) == 0) return std::nullopt;
  return dictionary;
}

std::uint32_t body_dictionary_id(std::string_view dictionary) {
  return static_cast<std::uint32_t>(ZSTD_getDictID_fromDict(dictionary.data(), dictionary.size()));
}

BodyCompressor::BodyCompressor(std::string_view dictionary)
    : id_(body_dictionary_id(dictionary)),
      dictionary_(nullptr, ZSTD_freeCDict),
      context_(ZSTD_createCCtx(), ZSTD_freeCCtx) {
  if (id_ == 0) throw DatabaseError("the index's body dictionary is not a zstd dictionary");
  dictionary_.reset(ZSTD_createCDict(dictionary.data(), dictionary.size(), kCompressionLevel));
  if (!dictionary_ || !context_) throw DatabaseError("cannot load the index's body dictionary");
}

std::string BodyCompressor::record(std::string_view body) {
  std::string out(1 + ZSTD_compressBound(body.size()), '\0');
  out[0] = static_cast<char>(kBodyRecordCompressed);
  const std::size_t size = ZSTD_compress_usingCDict(context_.get(), out.data() + 1, out.size() - 1,
                                                    body.data(), body.size(), dictionary_.get());
  // Only allocation failure can make this fail (the bound is enough).
  if (ZSTD_isError(size) != 0U) {
    throw DatabaseError(std::string("compressing an article body: ") + ZSTD_getErrorName(size));
  }
  out.resize(1 + size);
  return out;
}

BodyDecompressor::BodyDecompressor(MetadataReader metadata)
    : metadata_(std::move(metadata)), context_(ZSTD_createDCtx()) {
  if (context_ == nullptr) throw DatabaseError("cannot create a zstd decompression context");
}

BodyDecompressor::~BodyDecompressor() {
  for (auto& [id, dictionary] : dictionaries_) ZSTD_freeDDict(dictionary);
  ZSTD_freeDCtx(context_);
}

const ZSTD_DDict& BodyDecompressor::dictionary(std::uint32_t id) {
  if (auto it = dictionaries_.find(id); it != dictionaries_.end()) return *it->second;
  const std::string bytes = metadata_(std::string(kBodyDictionaryKeyPrefix) + std::to_string(id));
  if (bytes.empty() || body_dictionary_id(bytes) != id) {
    corrupt("its dictionary " + std::to_string(id) + " is not in the index");
  }
  ZSTD_DDict* dictionary = ZSTD_createDDict(bytes.data(), bytes.size());
  if (dictionary == nullptr) corrupt("dictionary " + std::to_string(id) + " does not load");
  dictionaries_.emplace(id, dictionary);
  return *dictionary;
}

std::string BodyDecompressor::body(std::string_view record) {
  if (record.empty() || static_cast<unsigned char>(record.front()) != kBodyRecordCompressed) {
    corrupt("not a compressed record");
  }
  const std::string_view frame = record.substr(1);
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxBodyBytes) {
    corrupt("bad frame header");
  }
  const unsigned id = ZSTD_getDictID_fromFrame(frame.data(), frame.size());
  if (id == 0) corrupt("the frame names no dictionary");
  const ZSTD_DDict& ddict = dictionary(id);
  std::string body(static_cast<std::size_t>(size), '\0');
  const std::size_t written = ZSTD_decompress_usingDDict(context_, body.data(), body.size(),
                                                         frame.data(), frame.size(), &ddict);
  if (ZSTD_isError(written) != 0U || written != body.size()) corrupt("the frame does not decode");
  return body;
}

}  // namespace archivar::index
