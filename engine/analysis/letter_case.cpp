#include "analysis/letter_case.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace archivar::analysis {

namespace {

icu::UnicodeString unicode_word(std::string_view word) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
}

std::string utf8_word(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string lower_cased(std::string_view word) { return utf8_word(unicode_word(word).toLower()); }

std::string upper_cased(std::string_view word) { return utf8_word(unicode_word(word).toUpper()); }

std::string capitalized(std::string_view word) {
  icu::UnicodeString text = unicode_word(word).toLower();
  if (!text.isEmpty()) {
    const UChar32 first = text.char32At(0);
    text.replace(0, U16_LENGTH(first), icu::UnicodeString(u_totitle(first)));
  }
  return utf8_word(text);
}

std::string cased_like(std::string_view typed, std::string_view word) {
  const icu::UnicodeString text = unicode_word(typed);
  int letters = 0;
  bool all_upper = true;
  bool first_upper = false;
  for (std::int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (u_isalpha(c) == 0) continue;
    const bool upper = u_isupper(c) != 0 || u_istitle(c) != 0;
    if (letters == 0) first_upper = upper;
    all_upper = all_upper && upper;
    ++letters;
  }
  if (letters >= 2 && all_upper) return upper_cased(word);
  if (first_upper) return capitalized(word);
  return std::string(word);
}

}  // namespace archivar::analysis
