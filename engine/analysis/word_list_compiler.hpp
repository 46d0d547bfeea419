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

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archivar::analysis {

[[nodiscard]] std::string compile_word_list(std::string_view raw_list);

// The output format above from (normalized word, kind bits) entries in any
// order: sorted, one line per distinct word with the bits of all its
// entries. compile_word_list's last step; GermanLexicon's word-vector
// constructor (tests) uses it too.
[[nodiscard]] std::string compile_entries(
    std::vector<std::pair<std::string, unsigned char>> entries);

// The byte offset of each line of `compiled` (compile_word_list's format),
// then compiled.size(): entry i is compiled[starts[i], starts[i + 1]), its
// word the bytes before the last 3 ("\t<kinds>\n"). The build step embeds
// them beside the list, so GermanLexicon needs no pass over it at run
// time. Throws std::length_error beyond 4 GiB. Cost: one memchr pass.
[[nodiscard]] std::vector<std::uint32_t> compiled_entry_starts(std::string_view compiled);

}  // namespace archivar::analysis
