// GermanLexicon: the German word list the decompounder splits against.
//
// Source: Debian's wngerman package (/usr/share/dict/ngerman, ~356,000
// words and inflected forms from the igerman98 dictionary), embedded into
// the library at build time, so nothing is read or downloaded at run time.
// Words are normalized like index terms (NFKC + case folding: "Straße" →
// "strasse"). Built without the list (wngerman missing at configure time),
// the lexicon is empty and German words are simply not decompounded.
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

  [[nodiscard]] bool contains(std::string_view word) const;
  [[nodiscard]] std::size_t size() const noexcept { return words_.size(); }

  // A lexicon of the given words (normalized by the caller); for tests.
  explicit GermanLexicon(std::vector<std::string> words);

 private:
  GermanLexicon();
  std::vector<std::string> words_;  // sorted, unique
};

}  // namespace archivar::analysis
