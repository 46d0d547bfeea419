// GermanLexicon: the German word list the decompounder splits against.
//
// Source: Debian's wngerman package (/usr/share/dict/ngerman, ~356,000
// words and inflected forms from the igerman98 dictionary), normalized,
// sorted and embedded into the library at build time (word_list_compiler,
// run by CMake), so nothing is read, downloaded or sorted at run time.
// Words are normalized like index terms (NFKC + case folding: "Straße" →
// "strasse"). Built without the list (wngerman missing at configure time),
// the lexicon is empty and German words are simply not decompounded.
//
// The same structure holds Debian's wamerican list (/usr/share/dict/
// american-english, ~100,000 English words with their inflected forms), as
// english(): the text cleaner uses it to rejoin English words broken at line
// ends ("infor-\nmation"); the decompounder never sees it.
//
// Word classes from the list's spelling: German nouns are capitalized, so a
// word with a capitalized entry ("Verbraucher", "Becken") is a noun; one with
// lower-case entries only ("insgesamt", "weiteren", "stinkt") is not. Entries
// in capitals ("ARD", "USA") are acronyms and left out (they made "Standard"
// split as "stand" + "ard"). The rules are applied at build time, see
// word_list_compiler.hpp.
//
// Cost: none at run time for the embedded lists. The build step writes,
// beside the sorted list, the byte offset of each entry (uint32, the build
// machine's byte order), and both are embedded; instance() and english()
// only check that they agree (a few comparisons), and lookups read the
// read-only data in place: nothing is allocated, and the pages are shared
// by every process that maps the library. (Indexing the 5.4 MB list at run
// time took ~40 ms in the first search of every process, most of it page
// faults for 6 MiB of views.) Lookups are a binary search (narrow(): within
// a prefix's range).
// Thread-safety: instance() is thread-safe, and the lexicon is immutable
// afterwards.
#pragma once

#include <cstdint>
#include <span>
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
  // Some entry of `word` is capitalized (a German noun).
  [[nodiscard]] bool is_noun(std::string_view word) const;
  // `word` is in the list, in lower case only (adverb, adjective, verb form,
  // function word, abbreviation: "insgesamt", "stinkt", "vergl").
  [[nodiscard]] bool is_lower_case_only(std::string_view word) const;
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  // A word's entries: kNoun if one is capitalized, kLower if one is not
  // (0: not in the list). One lookup answers contains, is_noun and
  // is_lower_case_only together.
  enum Kind : unsigned char { kNoun = 1, kLower = 2 };
  [[nodiscard]] unsigned char kinds_of(std::string_view word) const;

  // The entries that start with one prefix: a range of the sorted list.
  // Walking a word's prefixes one byte at a time (the decompounder's parts
  // from one start) narrows it instead of searching the whole list for
  // each prefix, and an empty range says no longer prefix is a word.
  struct PrefixRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    [[nodiscard]] bool empty() const noexcept { return begin == end; }
  };
  [[nodiscard]] PrefixRange all() const noexcept { return {0, size_}; }
  // The entries of `range` that start with `prefix`. `range` must hold
  // every entry starting with `prefix` (all(), or the range of a prefix of
  // it). Cost: one binary search within `range`, then a gallop over the
  // prefix's entries (neighbours in memory).
  [[nodiscard]] PrefixRange narrow(PrefixRange range, std::string_view prefix) const;
  // kinds_of(`word`), given narrow(..., `word`)'s range: the word is its
  // first entry if it is in the list. Cost: one comparison.
  [[nodiscard]] unsigned char kinds_in(PrefixRange range, std::string_view word) const {
    return !range.empty() && word_at(range.begin) == word ? kinds_at(range.begin) : 0;
  }

  // A lexicon of the given words (normalized by the caller); for tests.
  // `nouns` count as nouns, `others` as lower-case-only words.
  explicit GermanLexicon(std::vector<std::string> nouns, std::vector<std::string> others = {});

  // Views into owned_ or the embedded data: not copyable or movable.
  GermanLexicon(const GermanLexicon&) = delete;
  GermanLexicon& operator=(const GermanLexicon&) = delete;

 private:
  // A list in compile_word_list()'s format (sorted, distinct, every line
  // "<word>\t<kinds>\n") and its entries' offsets followed by its size
  // (compiled_entry_starts()); both must outlive the lexicon (the embedded
  // data). If the offsets do not fit the list (a stale build), they are
  // computed from it instead.
  GermanLexicon(std::string_view compiled, std::span<const std::uint32_t> starts);
  // Entry i's word and Kind bits (i < size_).
  [[nodiscard]] std::string_view word_at(std::size_t i) const noexcept {
    return text_.substr(starts_[i], starts_[i + 1] - starts_[i] - 3);
  }
  [[nodiscard]] unsigned char kinds_at(std::size_t i) const noexcept {
    return static_cast<unsigned char>(text_[starts_[i + 1] - 2] - '0');
  }
  // The first entry in [first, last) whose word is not below `word`.
  [[nodiscard]] std::size_t lower_bound(std::size_t first, std::size_t last,
                                        std::string_view word) const noexcept;

  std::string owned_;                        // the list when not embedded
  std::vector<std::uint32_t> owned_starts_;  // its offsets (or the embedded list's, if stale)
  std::string_view text_;                    // the list
  std::span<const std::uint32_t> starts_;    // size_ + 1 offsets into text_
  std::size_t size_ = 0;                     // entries
};

// The lexicon type is a plain normalized word list; the English list uses it
// too.
using WordList = GermanLexicon;

}  // namespace archivar::analysis
