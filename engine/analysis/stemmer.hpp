// Stemmer: RAII wrapper around one Snowball (libstemmer) stemmer.
//
// Input must be normalized (lower case, NFC) UTF-8, as Normalizer produces.
// Cost: one stemmer allocation per instance; stem() allocates nothing beyond
// Snowball's internal buffer. Thread-safety: sb_stemmer keeps state, so a
// Stemmer must not be shared between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace archivar::analysis {

class Stemmer {
 public:
  // `language` is an ISO 639-1 code ("de", "en") or a Snowball algorithm name
  // ("german", "porter"). Throws archivar::InvalidArgumentError if Snowball
  // has no such algorithm; use Stemmer::supports() to ask first.
  explicit Stemmer(std::string_view language);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;

  // The stem of `word`. The view stays valid until the next stem() call.
  [[nodiscard]] std::string_view stem(std::string_view word);

  [[nodiscard]] static bool supports(std::string_view language);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace archivar::analysis
