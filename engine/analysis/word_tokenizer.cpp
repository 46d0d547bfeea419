#include "analysis/word_tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <cstdint>
#include <limits>
#include <string>

#include "archivar/errors.hpp"

namespace archivar::analysis {

namespace {

bool is_word_status(int32_t status) {
  // UBRK_WORD_NONE covers spaces and punctuation; everything above is a word.
  return status >= UBRK_WORD_NONE_LIMIT;
}

// Calls on_word with the parts of the ICU word [begin, stop) between
// underscores (see the header).
template <typename OnWord>
void split_underscores(std::string_view text, std::size_t begin, std::size_t stop,
                       const OnWord& on_word) {
  for (std::size_t at = begin; at < stop; ++at) {
    if (text[at] == '_') {
      if (at > begin) on_word(begin, at);
      begin = at + 1;
    }
  }
  if (begin < stop) on_word(begin, stop);
}

}  // namespace

WordTokenizer::WordTokenizer() {
  UErrorCode status = U_ZERO_ERROR;
  breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !breaker_) {
    throw RuntimeError(std::string("ICU word break rules unavailable: ") + u_errorName(status));
  }
}

WordTokenizer::~WordTokenizer() {
  // Closing a caller-provided UText frees only what ICU attached to it.
  utext_close(&text_);
}

bool WordTokenizer::set_text(std::string_view text) {
  if (text.empty() || text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
    return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  const auto size = static_cast<int64_t>(text.size());
  // Widen first and look at the high bits after: one loop the compiler
  // vectorizes, wasted only on non-ASCII text.
  wide_.resize(text.size());
  unsigned high = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    high |= byte;
    wide_[i] = byte;
  }
  if ((high & 0x80U) == 0) {
    utext_openUChars(&text_, wide_.data(), size, &status);
  } else {
    utext_openUTF8(&text_, text.data(), size, &status);
  }
  if (U_FAILURE(status)) return false;
  breaker_->setText(&text_, status);
  // ICU's native indices are now byte offsets: UTF-16 units of ASCII text,
  // or UTF-8 bytes. The iterator keeps a shallow clone of the UText over
  // `text` (or wide_), used only until the next setText().
  return U_SUCCESS(status);
}

void WordTokenizer::for_each_word(std::string_view text,
                                  const std::function<void(std::size_t, std::size_t)>& on_word) {
  if (!set_text(text)) return;
  int32_t start = breaker_->first();
  for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    if (!is_word_status(breaker_->getRuleStatus())) continue;
    split_underscores(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end),
                      on_word);
  }
}

void WordTokenizer::for_each_word_at(std::string_view text, const std::vector<std::size_t>& offsets,
                                     const std::function<void(std::size_t, std::size_t)>& on_word) {
  if (offsets.empty() || !set_text(text)) return;
  std::size_t next = 0;  // first offset not yet covered
  while (next < offsets.size() && offsets[next] < text.size()) {
    // The segment [start, end) holding the offset: the first boundary after
    // it, and the one before that.
    const int32_t end = breaker_->following(static_cast<int32_t>(offsets[next]));
    if (end == icu::BreakIterator::DONE) break;
    const bool word = is_word_status(breaker_->getRuleStatus());
    const int32_t start = breaker_->preceding(end);
    const auto stop = static_cast<std::size_t>(end);
    if (word && start != icu::BreakIterator::DONE) {
      // Only the parts (between underscores) that hold an offset.
      split_underscores(text, static_cast<std::size_t>(start), stop,
                        [&](std::size_t begin, std::size_t part_end) {
                          while (next < offsets.size() && offsets[next] < begin) ++next;
                          if (next < offsets.size() && offsets[next] < part_end) {
                            on_word(begin, part_end);
                          }
                        });
    }
    while (next < offsets.size() && offsets[next] < stop) ++next;
  }
}

}  // namespace archivar::analysis
