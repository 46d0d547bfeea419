// Normalizer: turns one token's original bytes into its index form.
//
// NFKC + Unicode case folding (ICU's NFKC_Casefold, which also drops default
// ignorables such as soft hyphens and zero-width joiners), then the
// typographic apostrophe U+2019 becomes ASCII '. NFD input (Mu\u0308ller)
// and NFC input (Müller) give the same form; ß folds to "ss".
//
// Cost: ASCII tokens take a fast path (byte-wise lower-casing, no ICU);
// others one ICU normalization. Thread-safety: ICU's normalizer instance is
// immutable and shared; a Normalizer may be used from several threads.
#pragma once

#include <unicode/uversion.h>

#include <string>
#include <string_view>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace archivar::analysis {

class Normalizer {
 public:
  // Throws archivar::RuntimeError if ICU's normalization data is missing.
  Normalizer();

  // Writes the normalized form of `token` to `out` (replacing its content).
  // Invalid UTF-8 becomes U+FFFD.
  void normalize(std::string_view token, std::string& out) const;

  [[nodiscard]] std::string normalize(std::string_view token) const {
    std::string out;
    normalize(token, out);
    return out;
  }

 private:
  const icu::Normalizer2* nfkc_casefold_;
};

}  // namespace archivar::analysis
