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
// ICU breaks an all-ASCII text as UTF-16 (the bytes widened into a reused
// buffer, so UTF-16 indices are byte offsets): ICU's UTF-8 UText maps every
// chunk to UTF-16 itself, which costs more than the widening. Other text
// goes through a UTF-8 UText (native indices are byte offsets). Same code
// points, same rules, so the same words either way (tested).
//
// Cost: O(text length), no allocation per word or per call once the
// buffers have grown. Thread-safety: holds an ICU BreakIterator, its UText
// and the UTF-16 buffer; one WordTokenizer per thread.
#pragma once

#include <unicode/utext.h>
#include <unicode/uversion.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

  // Calls on_word(begin, end), in order and once each, for the words of
  // `text` that hold one of `offsets` (ascending byte offsets; an offset in
  // spaces or punctuation names no word): the same words, with the same
  // ranges, as for_each_word gives, found with ICU's random access
  // (BreakIterator::following/preceding) instead of breaking the whole text.
  // Cost: ICU breaks from a safe point before each offset to the end of its
  // word (from the text's start for offsets below ~20), so O(words held)
  // rather than O(text length) for sparse offsets in a long text.
  void for_each_word_at(std::string_view text, const std::vector<std::size_t>& offsets,
                        const std::function<void(std::size_t begin, std::size_t end)>& on_word);

 private:
  // Points breaker_ at `text`; false if ICU refuses it (too long, no memory).
  bool set_text(std::string_view text);

  std::unique_ptr<icu::BreakIterator> breaker_;
  UText text_ = UTEXT_INITIALIZER;  // reopened over each text (no heap UText)
  std::u16string wide_;             // an ASCII text widened to UTF-16
};

}  // namespace archivar::analysis
