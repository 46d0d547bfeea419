#include "analysis/spelling_folder.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <bit>
#include <vector>

#include "analysis/ascii.hpp"
#include "archivar/errors.hpp"

namespace archivar::analysis {

namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Byte offsets of the "ae", "oe", "ue" in `text` that may transcribe an
// umlaut: not after a vowel or 'q' ("neue", "steuer", "quelle"), at most
// kMaxTranscriptions of them (the rest are left alone).
constexpr std::size_t kMaxTranscriptions = 4;

std::vector<std::size_t> transcription_candidates(std::string_view text) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i + 1 < text.size() && at.size() < kMaxTranscriptions; ++i) {
    const char c = text[i];
    if ((c != 'a' && c != 'o' && c != 'u') || text[i + 1] != 'e') continue;
    const char before = i > 0 ? text[i - 1] : '\0';
    if (is_vowel(before) || before == 'q') continue;
    at.push_back(i);
  }
  return at;
}

// `text` with the candidates selected by `mask` written as umlauts
// ("mueller" → "müller") or, with `umlauts` false, as the bare vowel
// ("mueller" → "muller").
std::string rewrite(std::string_view text, const std::vector<std::size_t>& at, unsigned mask,
                    bool umlauts) {
  std::string out;
  out.reserve(text.size() + 2);
  std::size_t copied = 0;
  for (std::size_t k = 0; k < at.size(); ++k) {
    if ((mask & (1U << k)) == 0) continue;
    out.append(text.substr(copied, at[k] - copied));
    if (!umlauts) {
      out.push_back(text[at[k]]);
    } else if (text[at[k]] == 'a') {
      out += "ä";
    } else if (text[at[k]] == 'o') {
      out += "ö";
    } else {
      out += "ü";
    }
    copied = at[k] + 2;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

// German transcriptions of umlauts: "ae" → "a", "oe" → "o", "ue" → "u".
// Which "ue" is an umlaut is decided by the word lists:
// 1. the word written with umlauts is German ("mueller" → "müller",
//    "ueber" → "über"): those are folded, the reading with most umlauts;
// 2. else, the word as written is German or English ("aktuellen", "Israel",
//    "Poet", "Michael", "zuerst", "blue"): nothing is folded;
// 3. else (names, compounds and rare words the lists lack: "loew",
//    "noerdlingen", "gebaeudetechnik"): every candidate but a first letter
//    is folded, as before the lists were used.
std::string SpellingFolder::fold_umlaut_transcriptions(std::string_view text) {
  const std::vector<std::size_t> at = transcription_candidates(text);
  if (at.empty()) return std::string(text);
  if (german_ == nullptr) german_ = &GermanLexicon::instance();
  if (english_ == nullptr) english_ = &GermanLexicon::english();
  const unsigned all = (1U << at.size()) - 1;
  unsigned best = 0;
  for (unsigned mask = all; mask > 0; --mask) {
    if (std::popcount(mask) <= std::popcount(best)) continue;
    if (german_->contains(rewrite(text, at, mask, true))) best = mask;
  }
  if (best == 0) {
    if (german_->contains(text) || english_->contains(text)) return std::string(text);
    best = at.front() == 0 ? all & ~1U : all;
  }
  return best == 0 ? std::string(text) : rewrite(text, at, best, false);
}

SpellingFolder::SpellingFolder(const GermanLexicon* german, const GermanLexicon* english)
    : german_(german), english_(english) {
  UErrorCode status = U_ZERO_ERROR;
  nfd_ = icu::Normalizer2::getNFDInstance(status);
  if (U_SUCCESS(status)) nfc_ = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfd_ == nullptr || nfc_ == nullptr) {
    throw RuntimeError(std::string("ICU normalization data unavailable: ") + u_errorName(status));
  }
}

SpellingFolder::~SpellingFolder() = default;

void SpellingFolder::strip_marks(std::string_view term, std::string& out) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(term.data(), static_cast<int32_t>(term.size())));
  const icu::UnicodeString decomposed = nfd_->normalize(text, status);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  const icu::UnicodeString composed = nfc_->normalize(kept, status);
  out.clear();
  // Invalid input cannot reach here (terms are normalized UTF-8); should
  // ICU fail anyway, the term stays as it is.
  if (U_FAILURE(status)) {
    out.assign(term);
    return;
  }
  composed.toUTF8String(out);
}

bool SpellingFolder::fold(std::string_view term, std::string_view lang, std::string& out) {
  std::string stripped;
  if (is_ascii(term)) {
    stripped.assign(term);
  } else {
    strip_marks(term, stripped);
  }
  if (lang == "de") {
    out = fold_umlaut_transcriptions(stripped);
  } else {
    out = std::move(stripped);
  }
  // A word made only of combining marks ("\u0360") strips to nothing: that
  // is no spelling variant (an empty term would reach the index).
  return !out.empty() && out != term;
}

}  // namespace archivar::analysis
