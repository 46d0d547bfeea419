#include "ingest/text_cleaner.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_set>
#include <utility>

#include "ingest/ascii_case.hpp"

namespace archivar::ingest {

namespace {

// Words that, after "X- ", show that the hyphen is suspended ("Ein- und
// Ausgang", "pre- and post-war"), so the words must stay apart. Compared in
// ASCII lower case; "u", "o", "bzw", "resp", "vs" are the abbreviations
// without their period.
constexpr std::array<std::string_view, 30> kConjunctions = {
    "und",     "oder",       "bzw",     "beziehungsweise",
    "sowie",   "wie",        "als",     "bis",
    "noch",    "aber",       "sondern", "statt",
    "anstatt", "respektive", "resp",    "u",
    "o",       "zu",         "gegen",   "versus",
    "vs",      "and",        "or",      "nor",
    "to",      "but",        "through", "plus",
    "et",      "sowohl"};

bool is_blank_byte(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The code point starting at byte `i` (advancing `i` past it); a negative
// value for an ill-formed sequence (one byte is skipped).
UChar32 next_code_point(std::string_view text, std::size_t& i) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data() + i);
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(4, text.size() - i));
  std::int32_t offset = 0;
  UChar32 c = 0;
  U8_NEXT(bytes, offset, length, c);
  i += static_cast<std::size_t>(offset);
  return c;
}

// The code point ending right before byte `end`; negative if none or ill-formed.
UChar32 previous_code_point(std::string_view text, std::size_t end) {
  if (end == 0) return -1;
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && U8_IS_TRAIL(static_cast<std::uint8_t>(text[start]))) {
    --start;
  }
  std::size_t i = start;
  const UChar32 c = next_code_point(text, i);
  return i == end ? c : -1;
}

bool is_letter(UChar32 c) { return c >= 0 && u_isalpha(c); }

bool is_conjunction(std::string_view word) {
  if (word.size() > 15) return false;
  std::string lower;
  for (char c : word) lower.push_back(ascii_lower(c));
  return std::find(kConjunctions.begin(), kConjunctions.end(), lower) != kConjunctions.end();
}

std::string fold_case(std::string_view text) {
  std::string folded;
  icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())))
      .foldCase()
      .toUTF8String(folded);
  return folded;
}

// `text` without the blanks at either end and a '\r' (of a CRLF line end)
// at its end.
std::string_view trim_blanks(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size() && is_blank_byte(text[begin])) ++begin;
  std::size_t end = text.size();
  while (end > begin && (is_blank_byte(text[end - 1]) || text[end - 1] == '\r')) --end;
  return text.substr(begin, end - begin);
}

// What to do with the hyphen at text[i] and the blanks after it.
enum class Hyphen { keep, close_gap, drop_hyphen_and_gap };

// A hyphen after a letter, followed by a gap: where the gap ends and the
// words on both sides. False when the hyphen is not such a break.
struct HyphenBreak {
  std::string_view before;  // the letters right before the hyphen
  std::string_view after;   // the word after the gap
  std::size_t gap_end = 0;  // index of `after`
  bool line_break = false;  // the gap holds a line break
  UChar32 first = 0;        // first letter of `after`
};

bool find_hyphen_break(std::string_view text, std::size_t i, HyphenBreak& found) {
  if (!is_letter(previous_code_point(text, i))) return false;
  std::size_t j = i + 1;
  while (j < text.size() && is_blank_byte(text[j])) ++j;
  if (j < text.size() && text[j] == '\r') ++j;
  if (j < text.size() && text[j] == '\n') {
    found.line_break = true;
    ++j;
    while (j < text.size() && is_blank_byte(text[j])) ++j;
  }
  if (j == i + 1 || j >= text.size()) return false;  // no gap, or nothing after it
  std::size_t word_end = j;
  found.first = next_code_point(text, word_end);
  if (!is_letter(found.first)) return false;  // a paragraph break, a digit, a dash...
  while (word_end < text.size()) {
    std::size_t m = word_end;
    if (!is_letter(next_code_point(text, m))) break;
    word_end = m;
  }
  std::size_t word_begin = i;
  while (word_begin > 0) {
    const UChar32 c = previous_code_point(text, word_begin);
    if (!is_letter(c)) break;
    word_begin -= static_cast<std::size_t>(U8_LENGTH(c));
  }
  found.before = text.substr(word_begin, i - word_begin);
  found.after = text.substr(j, word_end - j);
  found.gap_end = j;
  return true;
}

}  // namespace

bool TextCleaner::is_word(std::string_view folded) const {
  return folded.size() >= 3 && lexicon_->contains(folded);
}

// Positive evidence only: the joined word is an English word whose pieces
// are not both English words, or a German one (whole, or as two known words
// with an optional linking "s" and inflection ending) whose pieces are not
// both German words.
bool TextCleaner::is_soft_break(std::string_view before, std::string_view after) const {
  const std::string left = fold_case(before);
  const std::string right = fold_case(after);
  if (english_ != nullptr && english_->contains(left + right)) {
    const auto english_word = [&](const std::string& piece) {
      return piece.size() >= 3 && english_->contains(piece);
    };
    if (!english_word(left) || !english_word(right)) return true;  // "infor-mation"
  }
  if (lexicon_ == nullptr || lexicon_->size() == 0) return false;
  if (is_word(left) && is_word(right)) return false;  // "Klick-durch"
  const std::string joined = left + right;
  if (is_word(joined)) return true;
  auto final_part = [&](std::string_view piece) {
    if (is_word(piece)) return true;
    for (std::string_view ending : {"e", "n", "s", "en", "es", "er", "ern"}) {
      if (piece.size() > ending.size() + 3 && piece.ends_with(ending) &&
          is_word(piece.substr(0, piece.size() - ending.size()))) {
        return true;
      }
    }
    return false;
  };
  const std::string_view word(joined);
  for (std::size_t k = 3; k + 3 <= word.size(); ++k) {
    if (U8_IS_TRAIL(static_cast<std::uint8_t>(word[k]))) continue;
    const std::string_view head = word.substr(0, k);
    const bool head_ok =
        is_word(head) || (head.size() > 4 && head.ends_with('s') && is_word(head.substr(0, k - 1)));
    if (head_ok && final_part(word.substr(k))) return true;
  }
  return false;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_blank_byte(c) || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

TextCleaner::TextCleaner(CleaningOptions options, const analysis::GermanLexicon* lexicon,
                         const analysis::WordList* english)
    : options_(std::move(options)), lexicon_(lexicon), english_(english) {
  for (const std::string& prefix : options_.boilerplate_prefixes) {
    std::string folded = fold_case(trim_blanks(prefix));
    if (folded.empty()) continue;
    longest_prefix_ = std::max(longest_prefix_, folded.size());
    folded_prefixes_.push_back(std::move(folded));
  }
}

std::string TextCleaner::clean_inline(std::string_view text) const {
  HyphenBreak found;
  auto classify_hyphen = [&](std::size_t i) {
    found = HyphenBreak{};
    if (!find_hyphen_break(text, i, found) || is_conjunction(found.after)) return Hyphen::keep;
    if (u_islower(found.first)) {
      return is_soft_break(found.before, found.after) ? Hyphen::drop_hyphen_and_gap
                                                      : Hyphen::close_gap;
    }
    if (found.line_break && (u_isupper(found.first) || u_istitle(found.first))) {
      return Hyphen::close_gap;
    }
    return Hyphen::keep;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '-' && options_.rejoin_broken_words) {
      const Hyphen action = classify_hyphen(i);
      if (action == Hyphen::close_gap) out += '-';
      if (action != Hyphen::keep) {
        i = found.gap_end;
        continue;
      }
    }
    if (c == '.' && options_.join_version_numbers && i + 2 < text.size() && text[i + 1] == ' ' &&
        is_ascii_digit(text[i + 2])) {
      // "<version word> N. M": N and M of one or two digits.
      std::size_t m_end = i + 2;
      while (m_end < text.size() && is_ascii_digit(text[m_end])) ++m_end;
      std::size_t n_begin = i;
      while (n_begin > 0 && is_ascii_digit(text[n_begin - 1])) --n_begin;
      std::size_t word_begin = n_begin > 0 ? n_begin - 1 : 0;
      const bool spaced = n_begin > 0 && text[n_begin - 1] == ' ';
      while (word_begin > 0 && is_ascii_letter(text[word_begin - 1])) --word_begin;
      const bool word_starts =
          word_begin == 0 || (!is_ascii_letter(text[word_begin - 1]) &&
                              static_cast<unsigned char>(text[word_begin - 1]) < 0x80);
      const std::string_view word = spaced ? text.substr(word_begin, n_begin - 1 - word_begin) : "";
      if (spaced && word_starts && !word.empty() && n_begin < i && i - n_begin <= 2 &&
          m_end - (i + 2) <= 2 &&
          std::any_of(options_.version_words.begin(), options_.version_words.end(),
                      [&](const std::string& version_word) {
                        return version_word.size() == word.size() &&
                               std::equal(
                                   word.begin(), word.end(), version_word.begin(),
                                   [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
                      })) {
        out += '.';
        i += 2;  // skip the blank
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

bool TextCleaner::is_boilerplate(std::string_view line) const {
  if (folded_prefixes_.empty()) return false;
  // Fold only a piece of the line: enough bytes for the longest prefix even
  // if folding shrinks characters (at most 3 bytes → 1), cut at a character.
  std::size_t piece_size = std::min(line.size(), 3 * longest_prefix_ + 4);
  while (piece_size < line.size() && U8_IS_TRAIL(static_cast<std::uint8_t>(line[piece_size]))) {
    ++piece_size;
  }
  const bool whole_line = piece_size == line.size();
  const std::string folded = fold_case(line.substr(0, piece_size));
  for (const std::string& prefix : folded_prefixes_) {
    if (!folded.starts_with(prefix)) continue;
    if (!is_letter(previous_code_point(prefix, prefix.size()))) return true;  // "Related:"
    if (folded.size() == prefix.size()) {
      if (whole_line) return true;
      continue;
    }
    std::size_t i = prefix.size();
    const UChar32 next = next_code_point(folded, i);
    if (!is_letter(next) && !(next >= 0 && u_isdigit(next))) return true;  // "Mehr zum Thema: "
  }
  return false;
}

std::string TextCleaner::clean_title(std::string_view title) const {
  if (!options_.enabled) return std::string(title);
  return clean_inline(title);
}

std::string TextCleaner::clean_body(std::string_view body, std::string_view title) const {
  if (!options_.enabled) return std::string(body);
  const std::string text = clean_inline(body);
  std::unordered_set<std::string> seen;
  if (options_.drop_repeated_paragraphs && options_.drop_title_repeat) {
    std::string key = collapse_whitespace(clean_inline(title));
    if (!key.empty()) seen.insert(std::move(key));
  }
  std::string out;
  out.reserve(text.size());
  bool pending_break = false;  // a blank line since the last kept line
  std::size_t begin = 0;
  const std::string_view view(text);
  while (begin <= view.size()) {
    std::size_t end = view.find('\n', begin);
    if (end == std::string_view::npos) end = view.size();
    const std::string_view line = trim_blanks(view.substr(begin, end - begin));
    begin = end + 1;
    if (line.empty()) {
      pending_break = !out.empty();
      continue;
    }
    if (is_boilerplate(line)) continue;
    if (options_.drop_repeated_paragraphs && !seen.insert(collapse_whitespace(line)).second) {
      continue;
    }
    if (!out.empty()) out += pending_break ? "\n\n" : "\n";
    pending_break = false;
    out += line;
  }
  return out;
}

}  // namespace archivar::ingest
