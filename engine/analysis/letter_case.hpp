// Letter case of whole words, by ICU's full case mappings (German ß upper
// cases to SS): the spellings a word takes in running text, and a
// normalized (lower-case) word written in the case a user typed another in.
//
// Thread-safety: pure functions. Invalid UTF-8 is read as U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace archivar::analysis {

[[nodiscard]] std::string lower_cased(std::string_view word);
[[nodiscard]] std::string upper_cased(std::string_view word);
// The first code point in title case, the rest lower case ("straße" →
// "Straße", "ÄRZTE" → "Ärzte").
[[nodiscard]] std::string capitalized(std::string_view word);

// `word` in the case pattern of `typed`: upper case when `typed` has two or
// more letters and all of them are upper case ("BUNDESREGIRUNG"),
// capitalised when `typed` starts with an upper-case letter
// ("Klimawandl"), else `word` unchanged.
[[nodiscard]] std::string cased_like(std::string_view typed, std::string_view word);

}  // namespace archivar::analysis
