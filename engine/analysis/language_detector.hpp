// Language detection for whole articles, backed by CLD2.
//
// Tuned for German/English archives: CLD2 ranks up to three languages; if
// German or English is among them with a real share of the text, the better
// of the two wins, since a German article quoting English (or the reverse)
// must still be analyzed as its main language. Other languages are reported
// by their ISO 639-1 code. Texts CLD2 cannot read (too short, symbols only)
// give "".
//
// Cost: linear in the text; CLD2 looks at most at the first 64 KiB here.
// Thread-safety: stateless; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace archivar::analysis {

[[nodiscard]] std::string detect_language(std::string_view text);

// For short texts such as search queries: the language only when CLD2 calls
// its guess reliable and gives that language nearly all of the text (no
// German/English preference); "" otherwise. A query of names or numbers
// ("Berlin 1989") gives "". Same cost and thread-safety as detect_language.
[[nodiscard]] std::string detect_language_confidently(std::string_view text);

}  // namespace archivar::analysis
