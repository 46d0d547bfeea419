#include "search/passage_locator.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <tuple>

#include "search/text_bytes.hpp"

namespace archivar::search {

namespace {

// Needles shorter than this only count at the start of a word, and only in
// words at most kShortWordSlack bytes longer than the needle.
constexpr std::size_t kShortNeedle = 4;
constexpr std::size_t kShortWordSlack = 3;
// A candidate's word reaches at most this many bytes either side of its
// hit: text without spaces (Chinese, Japanese) is one "word" in the fold,
// and its candidates must still lie where their hits are.
constexpr std::size_t kMaxWordReach = 64;
// How far a region edge moves outward to reach whitespace.
constexpr std::size_t kSnapBytes = 64;

// Base letters of U+00C0..U+00FF (second byte 0x80..0xBF after 0xC3); 0 for
// ß (two letters), ' ' for × and ÷.
constexpr std::array<char, 64> kLatin1 = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', ' ', 'o', 'u', 'u', 'u', 'u', 'y', 't', 0,
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', ' ', 'o', 'u', 'u', 'u', 'u', 'y', 't', 'y'};

// kAscii (below) applied to eight ASCII bytes at once (each below 0x80):
// byte-wise range tests by adding 0x80 - bound, whose high bit is then set
// exactly where the byte is at least the bound (no carry between bytes).
std::uint64_t fold_ascii8(std::uint64_t bytes) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto at_least = [bytes](unsigned bound) {
    return (bytes + kOnes * (0x80U - bound)) & kHigh;
  };
  const std::uint64_t upper = at_least('A') & ~at_least('Z' + 1);
  const std::uint64_t lower = at_least('a') & ~at_least('z' + 1);
  const std::uint64_t digit = at_least('0') & ~at_least('9' + 1);
  const std::uint64_t keep = ((upper | lower | digit) >> 7) * 0xFF;  // whole bytes
  return ((bytes | (upper >> 2)) & keep) | (kOnes * ' ' & ~keep);
}

// ASCII folded: letters lower case, digits kept, everything else a space.
constexpr std::array<char, 128> kAscii = [] {
  std::array<char, 128> table{};
  for (std::size_t c = 0; c < table.size(); ++c) {
    if (c >= 'A' && c <= 'Z') {
      table[c] = static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      table[c] = static_cast<char>(c);
    } else {
      table[c] = ' ';
    }
  }
  return table;
}();

bool has_prefix(std::string_view text, char prefix_upper) {
  return !text.empty() && text.front() == prefix_upper;
}

// The needle spellings of one folded term: itself, ae/oe/ue → a/o/u, a/o/u
// → ae/oe/ue (one vowel at a time), English y → i stems without the i.
void add_variants(const std::string& needle, std::vector<std::string>& out) {
  out.push_back(needle);
  std::string joined;
  for (std::size_t i = 0; i < needle.size(); ++i) {
    joined.push_back(needle[i]);
    if ((needle[i] == 'a' || needle[i] == 'o' || needle[i] == 'u') && i + 1 < needle.size() &&
        needle[i + 1] == 'e') {
      ++i;
    }
  }
  if (joined != needle) out.push_back(joined);
  std::size_t inserted = 0;
  for (std::size_t i = 0; i < needle.size() && inserted < 3; ++i) {
    const char c = needle[i];
    if ((c == 'a' || c == 'o' || c == 'u') && (i + 1 == needle.size() || needle[i + 1] != 'e')) {
      std::string variant = needle;
      variant.insert(i + 1, 1, 'e');
      out.push_back(std::move(variant));
      ++inserted;
    }
  }
  if (needle.size() >= kShortNeedle + 1 && needle.back() == 'i') {
    out.push_back(needle.substr(0, needle.size() - 1));
  }
}

// True if every match of `longer` is also a match of `shorter` (see the
// short-needle rule).
bool subsumes(const std::string& shorter, const std::string& longer) {
  if (shorter.size() < kShortNeedle) {
    return longer.size() < kShortNeedle && longer.compare(0, shorter.size(), shorter) == 0;
  }
  return longer.find(shorter) != std::string::npos;
}

// Moves `chars` code points back from byte `at`, then on to whitespace
// within kSnapBytes (else to a code point boundary).
std::size_t walk_back(std::string_view text, std::size_t at, std::size_t chars) {
  while (at > 0 && chars > 0) {
    --at;
    if (!is_utf8_continuation(text[at])) --chars;
  }
  for (std::size_t snap = 0; at > 0 && snap < kSnapBytes && !is_ascii_space(text[at - 1]); ++snap) {
    --at;
  }
  while (at > 0 && at < text.size() && is_utf8_continuation(text[at])) --at;
  return at;
}

// Moves `chars` code points forward from byte `at`, then on to whitespace
// within kSnapBytes (else to a code point boundary).
std::size_t walk_forward(std::string_view text, std::size_t at, std::size_t chars) {
  while (at < text.size() && chars > 0) {
    ++at;
    if (at == text.size() || !is_utf8_continuation(text[at])) --chars;
  }
  for (std::size_t snap = 0; at < text.size() && snap < kSnapBytes && !is_ascii_space(text[at]);
       ++snap) {
    ++at;
  }
  while (at < text.size() && is_utf8_continuation(text[at])) ++at;
  return at;
}

}  // namespace

TextRegion PassageLocator::region_around(std::string_view text, std::size_t anchor,
                                         std::size_t length, std::size_t before,
                                         std::size_t after) {
  const std::size_t end = walk_forward(text, anchor, after);
  // At the end of the text the passage may take its spare room before.
  const std::size_t begin = walk_back(text, anchor, end == text.size() ? length + before : before);
  return {begin, end, 0};
}

TextRegion PassageLocator::lead_region(std::string_view text, std::size_t chars) {
  return {0, walk_forward(text, 0, chars)};
}

void PassageLocator::fold(std::string_view text, std::string& out,
                          std::vector<std::uint32_t>* offsets) {
  // The fold never lengthens the text (ß: two bytes to "ss"), so both
  // buffers are sized once and written through pointers.
  const std::size_t size = text.size();
  out.resize(size);
  if (offsets != nullptr) offsets->resize(size);
  char* const begin = out.data();
  char* to = begin;
  std::uint32_t* at = offsets != nullptr ? offsets->data() : nullptr;
  const auto emit = [&](char c, std::size_t from) {
    *to++ = c;
    if (at != nullptr) *at++ = static_cast<std::uint32_t>(from);
  };
  for (std::size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      emit(kAscii[c], i);
      continue;
    }
    const unsigned char next =
        i + 1 < size ? static_cast<unsigned char>(text[i + 1]) : static_cast<unsigned char>(0);
    if (c == 0xC3 && is_utf8_continuation(next)) {
      const char base = kLatin1[next & 0x3F];
      if (base == 0) {  // ß
        emit('s', i);
        emit('s', i);
      } else {
        emit(base, i);
      }
      ++i;
    } else if ((c == 0xCC && is_utf8_continuation(next)) ||
               (c == 0xCD && next >= 0x80 && next < 0xB0)) {
      ++i;  // combining mark (U+0300..U+036F): dropped, as NFKC + folding join it
    } else if (c == 0xC2 && is_utf8_continuation(next)) {
      emit(' ', i);  // U+0080..U+00BF: controls, no-break space, « » ° ...
      ++i;
    } else if (c == 0xE2 && next == 0x80 && i + 2 < size) {
      emit(' ', i);  // U+2000..U+203F: spaces, dashes, quotes, ellipsis
      i += 2;
    } else {
      emit(static_cast<char>(c), i);  // other scripts: bytes as they are
    }
  }
  const auto written = static_cast<std::size_t>(to - begin);
  out.resize(written);
  if (offsets != nullptr) offsets->resize(written);
}

void PassageLocator::fold(std::string_view text, std::string& out, std::vector<FoldShift>& shifts) {
  const std::size_t size = text.size();
  out.resize(size);
  shifts.clear();
  shifts.push_back({0, 0});
  char* const begin = out.data();
  char* to = begin;
  // After a step that is not one byte to one byte: where the next folded
  // byte comes from (replacing a shift at the same folded offset).
  const auto shift_to = [&](std::size_t original) {
    const auto folded = static_cast<std::uint32_t>(to - begin);
    if (shifts.back().folded == folded) {
      shifts.back().original = static_cast<std::uint32_t>(original);
    } else {
      shifts.push_back({folded, static_cast<std::uint32_t>(original)});
    }
  };
  std::size_t i = 0;
  while (i < size) {
    // Runs of ASCII, 8 bytes at a time: a table lookup each, no shift.
    std::uint64_t chunk = 0;
    if (i + 8 <= size) std::memcpy(&chunk, text.data() + i, sizeof chunk);
    if (i + 8 <= size && (chunk & 0x8080808080808080ULL) == 0) {
      chunk = fold_ascii8(chunk);
      std::memcpy(to, &chunk, sizeof chunk);
      to += 8;
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      *to++ = kAscii[c];
      ++i;
      continue;
    }
    const unsigned char next =
        i + 1 < size ? static_cast<unsigned char>(text[i + 1]) : static_cast<unsigned char>(0);
    if (c == 0xC3 && is_utf8_continuation(next)) {
      const char base = kLatin1[next & 0x3F];
      if (base == 0) {  // ß: both letters come from its first byte
        *to++ = 's';
        shift_to(i);
        *to++ = 's';
      } else {
        *to++ = base;
      }
      i += 2;
      shift_to(i);
    } else if ((c == 0xCC && is_utf8_continuation(next)) ||
               (c == 0xCD && next >= 0x80 && next < 0xB0)) {
      i += 2;  // combining mark (U+0300..U+036F): dropped, as NFKC + folding join it
      shift_to(i);
    } else if (c == 0xC2 && is_utf8_continuation(next)) {
      *to++ = ' ';  // U+0080..U+00BF: controls, no-break space, « » ° ...
      i += 2;
      shift_to(i);
    } else if (c == 0xE2 && next == 0x80 && i + 2 < size) {
      *to++ = ' ';  // U+2000..U+203F: spaces, dashes, quotes, ellipsis
      i += 3;
      shift_to(i);
    } else {
      *to++ = static_cast<char>(c);  // other scripts: bytes as they are
      ++i;
    }
  }
  out.resize(static_cast<std::size_t>(to - begin));
}

std::size_t PassageLocator::original_offset(const std::vector<FoldShift>& shifts,
                                            std::size_t folded) {
  // The last shift at or before `folded` (the first is at 0).
  const auto after =
      std::upper_bound(shifts.begin(), shifts.end(), folded,
                       [](std::size_t at, const FoldShift& shift) { return at < shift.folded; });
  const FoldShift& shift = *(after - 1);
  return shift.original + (folded - shift.folded);
}

void PassageLocator::set_terms(const QueryTerms& query_terms, const TermWeights* weights,
                               const std::vector<std::vector<std::string>>& phrases) {
  const bool weighted = weights != nullptr;
  if (!needles_.empty() && query_terms == terms_ && weighted == weighted_ &&
      (!weighted || *weights == weights_) && phrases == phrases_) {
    return;
  }
  terms_ = query_terms;
  phrases_ = phrases;
  weighted_ = weighted;
  weights_ = weighted ? *weights : TermWeights();
  std::vector<std::pair<std::string, std::uint64_t>> all;  // needle, weight
  std::vector<std::string> variants;
  std::string folded;
  for (const std::string& term : query_terms) {
    std::string_view word = term;
    // Prefixed terms: only Z-stems (a lower-case stem after the Z).
    if (has_prefix(word, 'Z')) {
      word.remove_prefix(1);
      if (!word.empty() && word.front() >= 'A' && word.front() <= 'Z') continue;
    } else if (!word.empty() && word.front() >= 'A' && word.front() <= 'Z') {
      continue;
    }
    fold(word, folded, nullptr);
    // Trim the spaces punctuation became at either end.
    const std::size_t first = folded.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    const std::size_t last = folded.find_last_not_of(' ');
    std::uint64_t weight = kUniformWeight;
    if (weighted) {
      const auto found = weights_.find(term);
      if (found != weights_.end()) weight = found->second;
    }
    variants.clear();
    add_variants(folded.substr(first, last - first + 1), variants);
    for (std::string& variant : variants) all.emplace_back(std::move(variant), weight);
  }
  // Shortest first (then by bytes); one entry per needle, the heaviest.
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  all.erase(std::unique(all.begin(), all.end(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }),
            all.end());
  needles_.clear();
  needle_weights_.clear();
  for (auto& [needle, weight] : all) {
    bool covered = false;
    for (std::size_t kept = 0; kept < needles_.size(); ++kept) {
      if (subsumes(needles_[kept], needle)) {
        // The kept needle's matches include this one's: it stands for both.
        needle_weights_[kept] = std::max(needle_weights_[kept], weight);
        covered = true;
        break;
      }
    }
    if (!covered) {
      needles_.push_back(std::move(needle));
      needle_weights_.push_back(weight);
    }
  }
  // Phrases: needles of their own (never merged into their words'), which
  // a window holding the phrase adds to its words' weights.
  for (const std::vector<std::string>& words : phrases) {
    std::string joined;
    std::uint64_t weight = 0;
    for (const std::string& word : words) {
      fold(word, folded, nullptr);
      const std::size_t first = folded.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      const std::size_t last = folded.find_last_not_of(' ');
      if (!joined.empty()) joined += ' ';
      joined.append(folded, first, last - first + 1);
      const auto found = weights_.find(word);
      weight += weighted && found != weights_.end() ? found->second : kUniformWeight;
    }
    if (joined.find(' ') == std::string::npos ||
        std::find(needles_.begin(), needles_.end(), joined) != needles_.end()) {
      continue;
    }
    needles_.push_back(std::move(joined));
    needle_weights_.push_back(weight);
  }
}

bool PassageLocator::scan(std::string_view text) {
  find_hits(text, /*every_short_hit=*/true);
  std::sort(hits_.begin(), hits_.end());
  return folds_as_analysis(text);
}

bool PassageLocator::folds_as_analysis(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0xC4) continue;
    if (c <= 0xCB || (c >= 0xCE && c <= 0xDF) || c == 0xE1 || c == 0xEF) return false;
    if (c == 0xE2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x84 && next <= 0x86) return false;  // letterlike symbols, Roman numerals
    }
  }
  return true;
}

void PassageLocator::find_hits(std::string_view text, bool every_short_hit) {
  fold(text, folded_, shifts_);
  candidates_.clear();
  hits_.clear();
  for (std::size_t id = 0; id < needles_.size(); ++id) {
    const std::string& needle = needles_[id];
    const char* const data = folded_.data();
    const std::size_t size = folded_.size();
    // A short needle counts only at a word's start: searched with the
    // space before it (memmem then skips its occurrences inside words,
    // which for short, frequent words are most), the text's start apart.
    const bool word_start = needle.size() < kShortNeedle && !every_short_hit;
    if (word_start) {
      spaced_.assign(1, ' ');
      spaced_ += needle;
    }
    const std::string& pattern = word_start ? spaced_ : needle;
    const std::size_t lead = word_start ? 1 : 0;  // bytes before the needle
    std::size_t from = 0;
    bool at_start =
        word_start && size >= needle.size() && std::memcmp(data, needle.data(), needle.size()) == 0;
    while (at_start || from + pattern.size() <= size) {
      std::size_t at = 0;
      if (at_start) {
        at_start = false;
      } else {
        const void* hit = memmem(data + from, size - from, pattern.data(), pattern.size());
        if (hit == nullptr) break;
        at = static_cast<std::size_t>(static_cast<const char*>(hit) - data) + lead;
        from = at + 1 - lead;
      }
      if (word_start) {
        std::size_t end = at + needle.size();
        while (end < size && data[end] != ' ') ++end;
        if (end - at > needle.size() + kShortWordSlack) continue;
      }
      hits_.push_back(original_offset(shifts_, at));
      if (!candidates_.empty() && candidates_.back().needle == id &&
          candidates_.back().word_end > at) {
        continue;  // the same word again
      }
      std::size_t word_begin = at;
      const std::size_t floor = at > kMaxWordReach ? at - kMaxWordReach : 0;
      while (word_begin > floor && data[word_begin - 1] != ' ') --word_begin;
      if (word_begin == floor && floor > 0 && data[floor - 1] != ' ')
        word_begin = at;  // no space near
      std::size_t word_end = at + needle.size();
      const std::size_t ceiling = std::min(size, word_end + kMaxWordReach);
      while (word_end < ceiling && data[word_end] != ' ') ++word_end;
      if (word_end == ceiling && ceiling < size && data[ceiling] != ' ')
        word_end = at + needle.size();
      candidates_.push_back({word_begin, word_end, original_offset(shifts_, word_begin), id});
    }
  }
}

std::vector<TextRegion> PassageLocator::regions(std::string_view text, std::size_t length,
                                                std::size_t before, std::size_t after,
                                                std::size_t max_regions) {
  find_hits(text, /*every_short_hit=*/false);

  const auto region_at = [&](std::size_t anchor, std::uint64_t weight) {
    TextRegion region = region_around(text, anchor, length, before, after);
    region.weight = weight;
    return region;
  };

  std::sort(hits_.begin(), hits_.end());
  std::vector<TextRegion> out;
  if (candidates_.empty()) {
    out.push_back(lead_region(text, length + after));
    return out;
  }
  std::sort(candidates_.begin(), candidates_.end(),
            [](const Candidate& a, const Candidate& b) { return a.word_begin < b.word_begin; });

  // Score of the window starting at each candidate: two pointers, O(candidates).
  struct Scored {
    std::uint64_t weight;  // of the window's distinct needles
    std::size_t matches;
    std::size_t index;
  };
  std::vector<Scored> scored;
  scored.reserve(candidates_.size());
  std::vector<std::size_t> counts(needles_.size(), 0);
  std::uint64_t weight = 0;
  std::size_t last = 0;
  for (std::size_t first = 0; first < candidates_.size(); ++first) {
    // The window always holds its first word, even one longer than `length`.
    while (
        last < candidates_.size() &&
        (last == first || candidates_[last].word_end - candidates_[first].word_begin <= length)) {
      const std::size_t needle = candidates_[last].needle;
      if (counts[needle]++ == 0) weight += needle_weights_[needle];
      ++last;
    }
    scored.push_back({weight, last - first, first});
    const std::size_t needle = candidates_[first].needle;
    if (--counts[needle] == 0) weight -= needle_weights_[needle];
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return std::tie(b.weight, b.matches, a.index) < std::tie(a.weight, a.matches, b.index);
  });
  for (const Scored& score : scored) {
    if (out.size() >= max_regions) break;
    const std::size_t anchor = candidates_[score.index].original;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const TextRegion& region) {
      return anchor >= region.begin && anchor < region.end;
    });
    if (!seen) out.push_back(region_at(anchor, score.weight));
  }
  return out;
}

}  // namespace archivar::search
