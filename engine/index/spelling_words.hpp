// Which index terms feed Xapian's spelling table ("did you mean"), and the
// table built in one pass from a finished index's term frequencies.
//
// Thread-safety: free functions over the objects passed in.
#pragma once

#include <xapian.h>

#include <string_view>

namespace archivar::index {

// Words seen in fewer articles than this are left out of a spelling table
// built by add_spelling_words_from(): most are typos, OCR noise and names
// that make bad suggestions, and they are about half the distinct words of a
// news archive (README "Index size").
inline constexpr Xapian::doccount kMinSpellingDocFrequency = 2;

// True for a plain word: an unprefixed term of letters (ASCII a-z or any
// non-ASCII byte), 3 to 30 bytes.
[[nodiscard]] bool is_spelling_word(std::string_view term) noexcept;

// Adds every spelling word of `source` whose document frequency is at least
// `min_frequency` to `target`'s spelling table with that frequency (the
// same counts Index::add keeps: once per article). Does not commit. Cost:
// one pass over `source`'s unprefixed terms (the alltermslist), one
// add_spelling per word kept.
void add_spelling_words_from(const Xapian::Database& source, Xapian::WritableDatabase& target,
                             Xapian::doccount min_frequency = kMinSpellingDocFrequency);

}  // namespace archivar::index
