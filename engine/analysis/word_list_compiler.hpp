// compile_word_list: turns a Debian word list (/usr/share/dict/ngerman,
// american-english: one word per line, UTF-8, any order) into the sorted,
// normalized form GermanLexicon loads without work at run time.
//
// Rules (what GermanLexicon used to apply on first use): lines shorter than
// 3 bytes are dropped (two-letter words make no compound parts); acronyms
// (two or more ASCII capitals, no lower-case ASCII letter: "ARD", "USA") are
// dropped; every other word is normalized like an index term (NFKC + case
// folding: "Straße" → "strasse") and marked a noun if some entry of it starts
// with a capital (ASCII A–Z, Ä, Ö, Ü), a lower-case word otherwise.
//
// Output format, one line per distinct normalized word, sorted by bytes
// (std::string_view order): `<word>\t<kinds>\n`, kinds a digit of the bits
// 1 = noun, 2 = lower-case entry. Runs at build time (tools/build/
// compile_word_list); costs ~0.2 s for the German list.
#pragma once

#include <string>
#include <string_view>

namespace archivar::analysis {

[[nodiscard]] std::string compile_word_list(std::string_view raw_list);

}  // namespace archivar::analysis
