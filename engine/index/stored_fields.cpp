#include "index/stored_fields.hpp"

#include <cstdint>

#include "archivar/errors.hpp"

namespace archivar::index {

namespace {

constexpr unsigned char kVersion = 1;

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

  [[noreturn]] static void fail() {
    throw DatabaseError("stored article data is corrupt or from an unknown archivar version");
  }

 private:
  std::string_view data_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode_stored_fields(const Article& article) {
  std::string out;
  out.reserve(16 + article.id.size() + article.title.size() + article.body.size() +
              article.url.size() + article.author.size() + article.source.size());
  out.push_back(static_cast<char>(kVersion));
  for (const std::string* field : {&article.id, &article.title, &article.body, &article.url,
                                   &article.date, &article.lang, &article.author,
                                   &article.source}) {
    put_string(out, *field);
  }
  put_length(out, article.tags.size());
  for (const std::string& tag : article.tags) put_string(out, tag);
  return out;
}

Article decode_stored_fields(std::string_view data) {
  Decoder decoder(data);
  if (decoder.byte() != kVersion) Decoder::fail();
  Article article;
  for (std::string* field : {&article.id, &article.title, &article.body, &article.url,
                             &article.date, &article.lang, &article.author, &article.source}) {
    *field = decoder.string();
  }
  const std::uint64_t tags = decoder.length();
  if (tags > data.size()) Decoder::fail();
  article.tags.reserve(tags);
  for (std::uint64_t i = 0; i < tags; ++i) article.tags.push_back(decoder.string());
  return article;
}

}  // namespace archivar::index
