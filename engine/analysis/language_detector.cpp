#include "analysis/language_detector.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace archivar::analysis {

namespace {

constexpr std::size_t kMaxBytes = 64 * 1024;
constexpr std::string_view kPadding("    \0\0\0\0\0\0\0\0", 12);

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view prefix_at_char_boundary(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// CLD2's verdict on `text`: its top three languages with their shares of the
// text, and whether it calls the result reliable.
struct Verdict {
  CLD2::Language best = CLD2::UNKNOWN_LANGUAGE;
  CLD2::Language top3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
  int percent3[3] = {0, 0, 0};
  bool reliable = false;
};

Verdict classify(std::string_view text) {
  Verdict verdict;
  const std::string_view sample = prefix_at_char_boundary(text, kMaxBytes);
  if (sample.empty()) return verdict;
  // Initialized: on invalid UTF-8 CLD2 returns early without filling them
  // (reading them was undefined behaviour, found by fuzz/fuzz_analyzer.cpp).
  double normalized_score3[3] = {0, 0, 0};
  int text_bytes = 0;
  // The "Check UTF8" variant validates input instead of trusting it, so
  // invalid bytes cannot make CLD2 read out of bounds.
  int valid_prefix_bytes = 0;
  // CLD2's script scanner reads a few bytes past the end of the text (a
  // multi-byte character at the very end made it read past the buffer; found
  // by fuzz/fuzz_analyzer.cpp). Give it a copy followed by spaces and NULs.
  std::string padded;
  padded.reserve(sample.size() + kPadding.size());
  padded.append(sample);
  padded.append(kPadding);
  verdict.best = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      padded.data(), static_cast<int>(sample.size()), /*is_plain_text=*/true,
      /*cld_hints=*/nullptr, /*flags=*/0, verdict.top3, verdict.percent3, normalized_score3,
      /*resultchunkvector=*/nullptr, &text_bytes, &verdict.reliable, &valid_prefix_bytes);
  return verdict;
}

}  // namespace

std::string detect_language(std::string_view text) {
  const Verdict verdict = classify(text);
  int german = 0;
  int english = 0;
  for (int i = 0; i < 3; ++i) {
    if (verdict.top3[i] == CLD2::GERMAN) german += verdict.percent3[i];
    if (verdict.top3[i] == CLD2::ENGLISH) english += verdict.percent3[i];
  }
  constexpr int kMinShare = 20;  // percent of the text
  if (std::max(german, english) >= kMinShare) return german >= english ? "de" : "en";
  if (verdict.best == CLD2::UNKNOWN_LANGUAGE) return {};
  return CLD2::LanguageCode(verdict.best);
}

std::string detect_language_confidently(std::string_view text) {
  const Verdict verdict = classify(text);
  constexpr int kMinShare = 90;  // percent of the text in the top language
  if (!verdict.reliable || verdict.best == CLD2::UNKNOWN_LANGUAGE ||
      verdict.top3[0] != verdict.best || verdict.percent3[0] < kMinShare) {
    return {};
  }
  return CLD2::LanguageCode(verdict.best);
}

}  // namespace archivar::analysis
