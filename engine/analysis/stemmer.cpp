#include "analysis/stemmer.hpp"

#include <libstemmer.h>

#include <utility>

#include "archivar/errors.hpp"

namespace archivar::analysis {

namespace {

sb_stemmer* make_stemmer(std::string_view language) {
  const std::string name(language);
  // libstemmer accepts ISO 639-1 codes and algorithm names alike.
  return sb_stemmer_new(name.c_str(), "UTF_8");
}

}  // namespace

Stemmer::Stemmer(std::string_view language) : stemmer_(make_stemmer(language)) {
  if (stemmer_ == nullptr) {
    throw InvalidArgumentError("no Snowball stemmer for language '" + std::string(language) + "'");
  }
}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

Stemmer::Stemmer(Stemmer&& other) noexcept : stemmer_(std::exchange(other.stemmer_, nullptr)) {}

Stemmer& Stemmer::operator=(Stemmer&& other) noexcept {
  if (this != &other) {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
    stemmer_ = std::exchange(other.stemmer_, nullptr);
  }
  return *this;
}

std::string_view Stemmer::stem(std::string_view word) {
  const sb_symbol* result = sb_stemmer_stem(
      stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (result == nullptr) return word;  // out of memory inside Snowball: leave the word unstemmed
  return {reinterpret_cast<const char*>(result),
          static_cast<std::size_t>(sb_stemmer_length(stemmer_))};
}

bool Stemmer::supports(std::string_view language) {
  if (language.empty()) return false;
  sb_stemmer* probe = make_stemmer(language);
  if (probe == nullptr) return false;
  sb_stemmer_delete(probe);
  return true;
}

}  // namespace archivar::analysis
