#include "index/stored_fields.hpp"

#include <cstdint>

#include "archivar/errors.hpp"

namespace archivar::index {

namespace {

constexpr unsigned char kVersion = kBodyRecordPlain;  // display record + body record
constexpr unsigned char kVersionWhole = 1;            // everything in the document data (schema 3)

void put_length(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_string(std::string& out, std::string_view value) {
  put_length(out, value.size());
  out.append(value);
}

class Decoder {
 public:
  explicit Decoder(std::string_view data) : data_(data) {}

  std::uint64_t length() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ >= data_.size()) fail();
      const auto byte = static_cast<unsigned char>(data_[at_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    fail();
  }

  std::string string() {
    const std::uint64_t size = length();
    if (size > data_.size() - at_) fail();
    std::string value(data_.substr(at_, size));
    at_ += size;
    return value;
  }

  unsigned char byte() {
    if (at_ >= data_.size()) fail();
    return static_cast<unsigned char>(data_[at_++]);
  }

  [[nodiscard]] bool at_end() const { return at_ == data_.size(); }

  [[noreturn]] static void fail() {
    throw DatabaseError("stored article data is corrupt or from an unknown archivar version");
  }

 private:
  std::string_view data_;
  std::size_t at_ = 0;
};

void decode_tags(Decoder& decoder, std::size_t record_size, Article& article) {
  const std::uint64_t tags = decoder.length();
  if (tags > record_size) Decoder::fail();
  article.tags.reserve(tags);
  for (std::uint64_t i = 0; i < tags; ++i) article.tags.push_back(decoder.string());
}

Article decode_version_1(std::string_view data) {
  Decoder decoder(data);
  if (decoder.byte() != kVersionWhole) Decoder::fail();
  Article article;
  for (std::string* field : {&article.id, &article.title, &article.body, &article.url,
                             &article.date, &article.lang, &article.author, &article.source}) {
    *field = decoder.string();
  }
  decode_tags(decoder, data.size(), article);
  return article;
}

}  // namespace

StoredRecords encode_stored_fields(const Article& article) {
  StoredRecords records;
  std::string& display = records.display;
  display.reserve(16 + article.id.size() + article.title.size() + article.url.size() +
                  article.author.size() + article.source.size());
  display.push_back(static_cast<char>(kVersion));
  for (const std::string* field : {&article.id, &article.title, &article.url, &article.date,
                                   &article.lang, &article.author, &article.source}) {
    put_string(display, *field);
  }
  put_length(display, article.tags.size());
  for (const std::string& tag : article.tags) put_string(display, tag);
  records.data.reserve(1 + article.body.size());
  records.data.push_back(static_cast<char>(kVersion));
  records.data += article.body;
  return records;
}

Article decode_display_fields(std::string_view display, const std::function<std::string()>& data) {
  if (display.empty()) {
    Article article = decode_version_1(data());
    article.body.clear();
    return article;
  }
  Decoder decoder(display);
  if (decoder.byte() != kVersion) Decoder::fail();
  Article article;
  for (std::string* field : {&article.id, &article.title, &article.url, &article.date,
                             &article.lang, &article.author, &article.source}) {
    *field = decoder.string();
  }
  decode_tags(decoder, display.size(), article);
  if (!decoder.at_end()) Decoder::fail();
  return article;
}

Article decode_stored_fields(std::string_view display, std::string_view data,
                             BodyDecompressor* bodies) {
  if (display.empty()) return decode_version_1(data);
  Article article = decode_display_fields(display, [] { return std::string(); });
  article.body = decode_body(data, bodies);
  return article;
}

std::string decode_body(std::string_view data, BodyDecompressor* bodies) {
  if (data.empty()) Decoder::fail();
  const auto version = static_cast<unsigned char>(data.front());
  if (version == kVersion) return std::string(data.substr(1));
  if (version == kBodyRecordCompressed) {
    if (bodies == nullptr) Decoder::fail();
    return bodies->body(data);
  }
  return decode_version_1(data).body;
}

std::string_view body_view(std::string_view data, std::string& storage, BodyDecompressor* bodies) {
  if (!data.empty() && static_cast<unsigned char>(data.front()) == kVersion) {
    return data.substr(1);
  }
  storage = decode_body(data, bodies);
  return storage;
}

}  // namespace archivar::index
