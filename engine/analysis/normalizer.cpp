#include "analysis/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "archivar/errors.hpp"

namespace archivar::analysis {

namespace {

// U+2019 RIGHT SINGLE QUOTATION MARK, the apostrophe word processors insert.
constexpr std::string_view kTypographicApostrophe = "\xE2\x80\x99";

}  // namespace

Normalizer::Normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || nfkc_casefold_ == nullptr) {
    throw RuntimeError(std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
  }
}

void Normalizer::normalize(std::string_view token, std::string& out) const {
  // ASCII (most words): lower-cased in the same pass that checks for other
  // bytes (a separate check and push_back per byte were ~160 instructions a
  // word, most of a snippet region's normalization).
  out.resize(token.size());
  char* to = out.data();
  unsigned high = 0;
  for (const char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    high |= byte;
    *to++ = static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte);
  }
  if ((high & 0x80U) == 0) return;
  out.clear();
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  icu::UnicodeString folded = nfkc_casefold_->normalize(source, status);
  if (U_FAILURE(status)) {
    folded = source;  // keep the text rather than lose the token
  }
  folded.toUTF8String(out);
  if (out.find(kTypographicApostrophe) == std::string::npos) return;
  std::string with_ascii_apostrophes;
  with_ascii_apostrophes.reserve(out.size());
  for (std::size_t at = 0; at < out.size();) {
    if (out.compare(at, kTypographicApostrophe.size(), kTypographicApostrophe) == 0) {
      with_ascii_apostrophes.push_back('\'');
      at += kTypographicApostrophe.size();
    } else {
      with_ascii_apostrophes.push_back(out[at++]);
    }
  }
  out.swap(with_ascii_apostrophes);
}

}  // namespace archivar::analysis
