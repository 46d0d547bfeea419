#include "analysis/spelling_folder.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "analysis/ascii.hpp"
#include "archivar/errors.hpp"

namespace archivar::analysis {

namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// German transcriptions of umlauts: "ae" → "a", "oe" → "o", "ue" → "u",
// unless the first letter follows a vowel or 'q' ("neue", "steuer",
// "quelle", "poet" stay as they are... except where the rule cannot tell).
std::string fold_umlaut_transcriptions(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out.push_back(c);
    const bool transcription = (c == 'a' || c == 'o' || c == 'u') && i + 1 < text.size() &&
                               text[i + 1] == 'e';
    if (!transcription) continue;
    const char before = i > 0 ? text[i - 1] : '\0';
    if (i == 0 || is_vowel(before) || before == 'q') continue;
    ++i;  // drop the 'e'
  }
  return out;
}

}  // namespace

SpellingFolder::SpellingFolder() {
  UErrorCode status = U_ZERO_ERROR;
  strip_marks_.reset(icu::Transliterator::createInstance(
      "NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !strip_marks_) {
    throw RuntimeError(std::string("ICU transliterator for diacritics unavailable: ") +
                       u_errorName(status));
  }
}

SpellingFolder::~SpellingFolder() = default;

bool SpellingFolder::fold(std::string_view term, std::string_view lang, std::string& out) {
  std::string stripped;
  if (is_ascii(term)) {
    stripped.assign(term);
  } else {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(term.data(), static_cast<int32_t>(term.size())));
    strip_marks_->transliterate(text);
    text.toUTF8String(stripped);
  }
  if (lang == "de") {
    out = fold_umlaut_transcriptions(stripped);
  } else {
    out = std::move(stripped);
  }
  return out != term;
}

}  // namespace archivar::analysis
