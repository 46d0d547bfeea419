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
// same counts Index::add keeps: once per article), only words in
// [from, to) (an empty `to`: no end), so that disjoint ranges can be built
// on several threads into separate tables that a compaction merges. Does
// not commit. Cost: one pass over `source`'s terms in the range from "a" on
// (the prefixed terms before it are skipped with one seek), one
// add_spelling per word kept.
void add_spelling_words_from(const Xapian::Database& source, Xapian::WritableDatabase& target,
                             Xapian::doccount min_frequency = kMinSpellingDocFrequency,
                             std::string_view from = {}, std::string_view to = {});

}  // namespace archivar::index
