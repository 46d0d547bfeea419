#include "analysis/word_tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <string>

#include "archivar/errors.hpp"

namespace archivar::analysis {

namespace {

// RAII for a UText opened over UTF-8 bytes (no copy of the text).
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    text_ = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) text_ = nullptr;
  }
  ~Utf8Text() {
    if (text_ != nullptr) utext_close(text_);
  }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
  [[nodiscard]] UText* get() const { return text_; }

 private:
  UText* text_ = nullptr;
};

bool is_word_status(int32_t status) {
  // UBRK_WORD_NONE covers spaces and punctuation; everything above is a word.
  return status >= UBRK_WORD_NONE_LIMIT;
}

}  // namespace

WordTokenizer::WordTokenizer() {
  UErrorCode status = U_ZERO_ERROR;
  breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !breaker_) {
    throw RuntimeError(std::string("ICU word break rules unavailable: ") + u_errorName(status));
  }
}

WordTokenizer::~WordTokenizer() = default;

void WordTokenizer::for_each_word(std::string_view text,
                                  const std::function<void(std::size_t, std::size_t)>& on_word) {
  if (text.empty()) return;
  Utf8Text utext(text);
  if (utext.get() == nullptr) return;
  UErrorCode status = U_ZERO_ERROR;
  breaker_->setText(utext.get(), status);
  if (U_FAILURE(status)) return;
  // With a UTF-8 UText, ICU's native indices are byte offsets.
  int32_t start = breaker_->first();
  for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    if (!is_word_status(breaker_->getRuleStatus())) continue;
    auto begin = static_cast<std::size_t>(start);
    const auto stop = static_cast<std::size_t>(end);
    for (std::size_t at = begin; at < stop; ++at) {
      if (text[at] == '_') {
        if (at > begin) on_word(begin, at);
        begin = at + 1;
      }
    }
    if (begin < stop) on_word(begin, stop);
  }
  // The iterator keeps a shallow clone of the UText pointing at `text`; it is
  // not used again before the next setText().
}

}  // namespace archivar::analysis
