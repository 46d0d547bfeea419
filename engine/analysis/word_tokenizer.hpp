// WordTokenizer: finds the words of a UTF-8 text with ICU's word break rules
// (UAX #29), reporting byte offsets into the original text.
//
// A word is a segment ICU tags as letters, numbers, kana or ideographs;
// spaces and punctuation are skipped. "don't", "3.5" and "e.g" stay one
// word; hyphens split ("Win-Win" → "Win", "Win"). Underscores, which UAX #29
// keeps inside words, split too ("Super_Bowl_50" → "Super", "Bowl", "50"):
// scraped archives use them in slugs and titles. Works on NFD text (combining
// marks stay with their base letter). Invalid UTF-8 never throws.
//
// Cost: O(text length), no allocation per word. Thread-safety: holds an ICU
// BreakIterator; one WordTokenizer per thread.
#pragma once

#include <unicode/uversion.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace archivar::analysis {

class WordTokenizer {
 public:
  // Throws archivar::RuntimeError if ICU's break rules are missing.
  WordTokenizer();
  ~WordTokenizer();
  WordTokenizer(const WordTokenizer&) = delete;
  WordTokenizer& operator=(const WordTokenizer&) = delete;

  // Calls on_word(begin, end) with the byte range of each word, in order.
  void for_each_word(std::string_view text,
                     const std::function<void(std::size_t begin, std::size_t end)>& on_word);

 private:
  std::unique_ptr<icu::BreakIterator> breaker_;
};

}  // namespace archivar::analysis
