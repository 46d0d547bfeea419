// SpellingFolder: the spelling a word may have been typed in instead.
//
// Real archives write the same word several ways: "Müller", "Mueller",
// "Muller"; "Gregorová", "Gregorova"; "Straße", "Strasse" (the last pair is
// already one form after case folding). fold() maps all of them to one
// folded form, per language:
//   every language: diacritics removed (ICU: NFD, drop nonspacing marks, NFC)
//                   — "gregorová" → "gregorova", "café" → "cafe";
//   German ("de"):  also the umlaut spellings ae/oe/ue → a/o/u, except after
//                   a vowel or q, so "steuer", "neue", "quelle" stay
//                   — "mueller" → "muller", "müller" → "muller".
// The index adds the stem of the folded form beside the normal stem when the
// two differ; queries look up both, so every spelling finds every other while
// the exact form still scores the normal stem on top.
//
// Input: a normalized term (TextAnalyzer's Token::term). Cost: ASCII terms
// take a byte loop; others one ICU transliteration. Thread-safety: not
// thread-safe (ICU transliterators are not); one per TextAnalyzer.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace archivar::analysis {

class SpellingFolder {
 public:
  // Throws archivar::RuntimeError if ICU's transliteration rules are missing.
  SpellingFolder();
  ~SpellingFolder();
  SpellingFolder(const SpellingFolder&) = delete;
  SpellingFolder& operator=(const SpellingFolder&) = delete;

  // Writes the folded form of `term` for language `lang` to `out`. Returns
  // false (and leaves `out` unspecified) when folding changes nothing.
  bool fold(std::string_view term, std::string_view lang, std::string& out);

 private:
  std::unique_ptr<icu::Transliterator> strip_marks_;
};

}  // namespace archivar::analysis
