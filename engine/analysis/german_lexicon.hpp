// GermanLexicon: the German word list the decompounder splits against.
//
// Source: Debian's wngerman package (/usr/share/dict/ngerman, ~356,000
// words and inflected forms from the igerman98 dictionary), embedded into
// the library at build time, so nothing is read or downloaded at run time.
// Words are normalized like index terms (NFKC + case folding: "Straße" →
// "strasse"). Built without the list (wngerman missing at configure time),
// the lexicon is empty and German words are simply not decompounded.
//
// The same structure holds Debian's wamerican list (/usr/share/dict/
// american-english, ~100,000 English words with their inflected forms), as
// english(): the text cleaner uses it to rejoin English words broken at line
// ends ("infor-\nmation"); the decompounder never sees it.
//
// Cost: the first call of instance() parses the list (~0.2 s, ~10 MiB);
// lookups are a binary search. Thread-safety: instance() is thread-safe, and
// the lexicon is immutable afterwards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archivar::analysis {

class GermanLexicon {
 public:
  [[nodiscard]] static const GermanLexicon& instance();
  // The English word list (empty if wamerican was missing at build time).
  // Costs ~0.05 s and ~4 MiB on first use; thread-safe like instance().
  [[nodiscard]] static const GermanLexicon& english();

  [[nodiscard]] bool contains(std::string_view word) const;
  [[nodiscard]] std::size_t size() const noexcept { return words_.size(); }

  // A lexicon of the given words (normalized by the caller); for tests.
  explicit GermanLexicon(std::vector<std::string> words);

 private:
  explicit GermanLexicon(std::string_view embedded_list);
  std::vector<std::string> words_;  // sorted, unique
};

// The lexicon type is a plain normalized word list; the English list uses it
// too.
using WordList = GermanLexicon;

}  // namespace archivar::analysis
