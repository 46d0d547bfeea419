// SpellingFolder: the spelling a word may have been typed in instead.
//
// Real archives write the same word several ways: "Müller", "Mueller",
// "Muller"; "Gregorová", "Gregorova"; "Straße", "Strasse" (the last pair is
// already one form after case folding). fold() maps all of them to one
// folded form, per language:
//   every language: diacritics removed (ICU: NFD, drop nonspacing marks, NFC)
//                   — "gregorová" → "gregorova", "café" → "cafe";
//   German ("de"):  also the umlaut spellings ae/oe/ue → a/o/u, never
//                   after a vowel or q ("steuer", "neue", "quelle"), and
//                   decided by the word lists: folded where the word with
//                   the umlaut is German ("mueller" → "muller": "Müller"
//                   is in wngerman; "ueber" → "uber"), kept where the word
//                   as written is German or English and the umlaut form is
//                   not ("aktuellen", "Israel", "Poet", "Michael",
//                   "Museum", "blue": the rule once made junk variants
//                   like "aktullen"), folded otherwise (names, compounds
//                   the list lacks: "loew", "gebaeudetechnik") except at
//                   the word's start. "müller" → "muller" as well.
// The index adds the stem of the folded form beside the normal stem when the
// two differ; queries look up both, so every spelling finds every other while
// the exact form still scores the normal stem on top.
//
// Input: a normalized term (TextAnalyzer's Token::term). Cost: ASCII terms
// take a byte loop; others an ICU NFD, a pass dropping the nonspacing marks
// and an NFC (what the transliterator "NFD; [:Nonspacing Mark:] Remove;
// NFC" does, without its registry: creating the first transliterator of a
// process cost ~12 ms, every further one ~0.2 ms); a German word with
// "ae"/"oe"/"ue" up to 17 word-list lookups (binary searches). Construction
// is cheap (ICU's normalizer singletons). Thread-safety: fold() uses only
// the folder's own state and ICU's thread-safe normalizers; one per
// TextAnalyzer all the same.
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <string>
#include <string_view>

#include "analysis/german_lexicon.hpp"

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace archivar::analysis {

class SpellingFolder {
 public:
  // Throws archivar::RuntimeError if ICU's normalization data is missing.
  // `german`, `english`: the word lists umlaut transcriptions are checked
  // against (nullptr: GermanLexicon::instance() and english(), loaded on
  // first need); they must outlive the folder.
  explicit SpellingFolder(const GermanLexicon* german = nullptr,
                          const GermanLexicon* english = nullptr);
  ~SpellingFolder();
  SpellingFolder(const SpellingFolder&) = delete;
  SpellingFolder& operator=(const SpellingFolder&) = delete;

  // Writes the folded form of `term` for language `lang` to `out`. Returns
  // false (and leaves `out` unspecified) when folding changes nothing or
  // leaves nothing (a word of combining marks only).
  bool fold(std::string_view term, std::string_view lang, std::string& out);

 private:
  std::string fold_umlaut_transcriptions(std::string_view text);

  // `term` (UTF-8) without its nonspacing marks: NFD, marks (general
  // category Mn) dropped, NFC; written to `out`.
  void strip_marks(std::string_view term, std::string& out) const;

  const icu::Normalizer2* nfd_;  // ICU-owned singletons
  const icu::Normalizer2* nfc_;
  const GermanLexicon* german_;
  const GermanLexicon* english_;
};

}  // namespace archivar::analysis
