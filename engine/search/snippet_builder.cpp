#include "search/snippet_builder.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "index/schema.hpp"
#include "search/text_bytes.hpp"

namespace archivar::search {

namespace {

constexpr int kNoMatch = -1;

// Texts up to this many bytes per snippet code point are analyzed whole.
constexpr std::size_t kWholeTextFactor = 2;
// Code points a region adds beyond the passage it is meant to hold.
constexpr std::size_t kRegionSlack = 32;
// Candidate regions tried before falling back to the start of the text.
constexpr std::size_t kMaxRegions = 3;

// Byte classes for splitting layout units: kSpace (ASCII whitespace),
// kPunctuation (other ASCII but letters and digits), kOther.
enum ByteClass : std::uint8_t { kOther, kSpace, kPunctuation };
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> table{};
  for (std::size_t c = 0; c < 0x80; ++c) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    table[c] = alnum ? kOther : kPunctuation;
  }
  for (const char c : {' ', '\n', '\t', '\r', '\f', '\v'})
    table[static_cast<unsigned char>(c)] = kSpace;
  return table;
}();

ByteClass byte_class(char c) {
  return static_cast<ByteClass>(kByteClass[static_cast<unsigned char>(c)]);
}

// Bit n (63: 63 or more) of a set of sizes in bytes.
std::uint64_t size_bit(std::size_t size) {
  return std::uint64_t{1} << std::min<std::size_t>(size, 63);
}

// Appends text[begin, end) with whitespace runs collapsed to one space and,
// if asked, HTML special characters escaped. Runs of other bytes are
// appended whole.
void append_text(std::string& out, std::string_view text, bool escape_html) {
  const auto plain = [escape_html](char c) {
    return !is_ascii_space(c) &&
           (!escape_html || (c != '&' && c != '<' && c != '>' && c != '"' && c != '\''));
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run < text.size() && plain(text[run])) ++run;
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    i = run + 1;
    const char c = text[run];
    if (is_ascii_space(c)) {
      if (out.empty() || out.back() != ' ') out.push_back(' ');
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += "&#39;";
        break;
    }
  }
}

bool has_non_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return !is_ascii_space(c); });
}

// False if `text` may hold a character the scan's fold makes a space or
// leaves as bytes while NFKC case folding makes it a letter or digit (ª ² ³
// µ ¹ º ¼ ½ ¾, superscripts, circled numbers, ...): a word holding one may
// match without a scan hit.
bool fold_sees_every_letter(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (c == 0xC2 && (next == 0xAA || next == 0xB2 || next == 0xB3 || next == 0xB5 ||
                      next == 0xB9 || next == 0xBA || next >= 0xBC)) {
      return false;
    }
    if (c == 0xE2 && next != 0x80) return false;
  }
  return true;
}

// The bytes of the punctuation character at text[i] that a layout unit
// sheds at its edges (ASCII other than letters and digits; U+00A0..U+00BF
// but the letters and numbers NFKC keeps, ª ² ³ µ ¹ º ¼ ½ ¾; U+2000..U+203F:
// spaces, dashes, quotes, ellipsis); 0 for any other character.
std::size_t punctuation_bytes(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return byte_class(text[i]) == kOther ? 0 : 1;
  if (i + 1 >= text.size()) return 0;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  if (c == 0xC2 && next >= 0xA0 && next <= 0xBF && next != 0xAA && next != 0xB2 && next != 0xB3 &&
      next != 0xB5 && next != 0xB9 && next != 0xBA && (next < 0xBC || next > 0xBE)) {
    return 2;
  }
  if (c == 0xE2 && next == 0x80 && i + 2 < text.size() && is_utf8_continuation(text[i + 2]))
    return 3;
  return 0;
}

// The longest layout unit (code points) a region may hold before its
// words are broken with ICU instead: beyond it a unit is no word but
// text without spaces (Chinese, Japanese, Thai) or a long URL.
std::size_t max_unit_chars(std::size_t length) {
  constexpr std::size_t kCeiling = 64;
  constexpr std::size_t kFloor = 8;
  return std::min(kCeiling, std::max(kFloor, length / 2));
}

// True if `text` has at most `length` code points (a byte count bounds them).
bool fits_whole(std::string_view text, std::size_t length) {
  if (text.size() <= length) return true;
  std::size_t chars = 0;
  for (const char c : text) {
    if (!is_utf8_continuation(c) && ++chars > length) return false;
  }
  return true;
}

// True if text[begin, end) holds no letter or digit: two words with only
// this between them are neighbours in the analysis (consecutive positions).
bool only_separators(std::string_view text, std::size_t begin, std::size_t end) {
  if (end > text.size() || begin > end) return false;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data() + begin);
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(end - begin, 1 << 20));
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isalnum(c) != 0) return false;
  }
  return true;
}

}  // namespace

std::string SnippetBuilder::build(std::string_view text, std::string_view lang,
                                  const QueryTerms& query_terms, const SnippetOptions& options,
                                  const TermWeights* weights, const QueryPhrases* phrases,
                                  const std::vector<std::string>* prefixes) {
  if (text.empty() || options.length == 0) return {};
  weights_ = weights;
  phrases_ = phrases != nullptr && !phrases->empty() ? phrases : nullptr;
  prefixes_ = prefixes != nullptr && !prefixes->empty() ? prefixes : nullptr;
  phrase_words_.clear();
  if (phrases_ != nullptr) {
    for (const std::vector<PhrasePosition>& phrase : phrases_->phrases) {
      std::vector<std::string>& words = phrase_words_.emplace_back();
      for (const PhrasePosition& spellings : phrase) words.push_back(spellings.front());
    }
  }
  locator_.set_terms(query_terms, weights, phrase_words_);
  if (options.analyze_whole_text || text.size() <= kWholeTextFactor * options.length) {
    // The scan's hits say which words need the whole chain (see the header).
    const bool only_hits = !options.every_word_fully && locator_.scan(text);
    // No word holds a hit, so none can match: a text that fits whole is
    // the snippet as it is (what compose() gives without a match), with no
    // word breaking at all. Most titles of a result page take this path.
    if (only_hits && fits_whole(text, options.length) && fold_sees_every_letter(text)) {
      if (locator_.hits().empty()) {
        std::string out;
        append_text(out, text, options.escape_html);
        if (!out.empty() && out.front() == ' ') out.erase(0, 1);
        if (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
      }
      // The whole text is the snippet, so no window is chosen and only the
      // matched words' spans matter; only words holding a hit can match, so
      // only they are found (ICU around each hit) and analyzed.
      mark_hit_words(text, lang, query_terms);
      return compose(text, {0, text.size()}, options, /*chars_counted=*/true);
    }
    analyze_region(text, {0, text.size()}, lang, query_terms, only_hits, options.length);
    return compose(text, {0, text.size()}, options);
  }
  // A long text: analyze only the regions the cheap scan points at, best
  // first, and keep the region whose best window scores highest; stop early
  // when a region's best window weighs as much as the scan saw there.
  const std::size_t before = options.length / 3 + kRegionSlack;
  const std::size_t after = options.length + kRegionSlack;
  std::vector<TextRegion> regions =
      locator_.regions(text, options.length, before, after, kMaxRegions);
  std::optional<std::size_t> best;
  WindowScore best_score;
  std::size_t analyzed = regions.size();
  for (std::size_t i = 0; i < regions.size(); ++i) {
    analyzed = i;
    if (!analyze_region(text, regions[i], lang, query_terms, !options.every_word_fully,
                        options.length)) {
      continue;
    }
    count_chars(text, regions[i]);
    WindowScore score = best_window(options.length);
    // The best window may start away from the region's anchor (the scan
    // guessed wrong): if the region's edges could cut the window or its
    // context, centre the region on it and analyze again.
    const Word& start = words_[score.first];
    // Chars from the region's start: the window spans at most `length`
    // from its first word, with context before of at most a third of the
    // length (the whole length when the window reaches the text's end).
    const bool at_text_end = regions[i].end == text.size();
    const std::size_t context = at_text_end ? options.length : options.length / 3;
    const bool cut_before = regions[i].begin != 0 && start.char_begin <= context;
    const bool cut_after = !at_text_end && start.char_begin + options.length >= total_chars_;
    if (cut_before || cut_after) {
      const std::uint64_t scanned = regions[i].weight;
      regions[i] = PassageLocator::region_around(text, start.begin, options.length, before, after);
      regions[i].weight = scanned;
      analyze_region(text, regions[i], lang, query_terms, !options.every_word_fully,
                     options.length);
      count_chars(text, regions[i]);
      score = best_window(options.length);
    }
    if (!best || score.weight > best_score.weight ||
        (score.weight == best_score.weight &&
         (score.matches > best_score.matches ||
          (score.matches == best_score.matches && regions[i].begin < regions[*best].begin)))) {
      best = i;
      best_score = score;
      best_total_chars_ = total_chars_;
      // Keep its analysis: the next region's analysis reuses the buffers.
      words_.swap(best_words_);
      spans_.swap(best_spans_);
      span_matches_.swap(best_span_matches_);
      match_ids_.swap(best_match_ids_);
    }
    if (score.weight >= regions[i].weight) break;
  }
  if (best) {
    words_.swap(best_words_);
    spans_.swap(best_spans_);
    span_matches_.swap(best_span_matches_);
    match_ids_.swap(best_match_ids_);
    // Its words' code point offsets were counted when it was scored.
    total_chars_ = best_total_chars_;
    return compose(text, regions[*best], options, /*chars_counted=*/true);
  }
  const TextRegion lead = PassageLocator::lead_region(text, options.length + kRegionSlack);
  if (analyzed != 0 || lead.begin != regions.front().begin || lead.end != regions.front().end) {
    analyze_region(text, lead, lang, query_terms, !options.every_word_fully, options.length);
  }
  return compose(text, lead, options);
}

std::size_t SnippetBuilder::count_chars(std::string_view text, TextRegion region) {
  // ASCII (most regions): code points are bytes. One OR over the bytes
  // (vectorized) instead of a test per byte.
  unsigned high = 0;
  for (std::size_t i = region.begin; i < region.end; ++i)
    high |= static_cast<unsigned char>(text[i]);
  if ((high & 0x80U) == 0) {
    for (Word& word : words_) {
      word.char_begin = word.begin - region.begin;
      word.char_end = word.end - region.begin;
    }
    total_chars_ = region.end - region.begin;
    return total_chars_;
  }
  std::size_t at = region.begin;
  std::size_t chars = 0;
  const auto chars_until = [&](std::size_t byte) {
    for (; at < byte && at < region.end; ++at) {
      if (!is_utf8_continuation(text[at])) ++chars;
    }
    return chars;
  };
  for (Word& word : words_) {
    word.char_begin = chars_until(word.begin);
    word.char_end = chars_until(word.end);
  }
  total_chars_ = chars_until(region.end);
  return total_chars_;
}

SnippetBuilder::WindowScore SnippetBuilder::best_window(std::size_t limit) const {
  const std::vector<Word>& words = words_;
  const auto fits = [&](std::size_t first, std::size_t last) {
    return words[last].char_end - words[first].char_begin <= limit;
  };
  // Best window starting at a matched word: the highest summed weight of
  // distinct terms, then most matches, then earliest. Two pointers over the
  // words [first, last): O(words).
  std::vector<std::uint64_t> weight_of(match_ids_.size(), kUniformWeight);
  if (weights_ != nullptr) {
    for (const auto& [term, id] : match_ids_) {
      const auto found = weights_->find(term);
      if (found != weights_->end()) weight_of[static_cast<std::size_t>(id)] = found->second;
    }
  }
  std::vector<int> counts(match_ids_.size(), 0);
  std::size_t distinct = 0;
  std::uint64_t weight = 0;
  std::size_t matches = 0;
  const auto count = [&](std::size_t i, int delta) {
    if (words[i].match == kNoMatch) return;
    const auto id = static_cast<std::size_t>(words[i].match);
    int& n = counts[id];
    if (delta > 0 && n++ == 0) {
      ++distinct;
      weight += weight_of[id];
    }
    if (delta < 0 && --n == 0) {
      --distinct;
      weight -= weight_of[id];
    }
    matches = delta > 0 ? matches + 1 : matches - 1;
  };
  WindowScore best;
  std::size_t last = 0;
  for (std::size_t first = 0; first < words.size(); ++first) {
    // The window always holds its first word, even one longer than the limit.
    while (last < words.size() && (last == first || fits(first, last))) count(last++, +1);
    if (words[first].match != kNoMatch &&
        (weight > best.weight || (weight == best.weight && matches > best.matches))) {
      best = {first, distinct, weight, matches};
    }
    count(first, -1);
  }
  return best;
}

bool SnippetBuilder::split_units(std::string_view text, TextRegion region, std::size_t max_chars) {
  words_.clear();
  std::size_t i = region.begin;
  while (i < region.end) {
    while (i < region.end && is_ascii_space(text[i])) ++i;
    std::size_t end = i;
    while (end < region.end && !is_ascii_space(text[end])) ++end;
    // The chunk [i, end) without the punctuation at its edges.
    std::size_t begin = i;
    std::size_t stop = end;
    for (std::size_t n = 0; begin < stop && (n = punctuation_bytes(text, begin)) != 0;) {
      begin = std::min(stop, begin + n);
    }
    while (begin < stop) {
      std::size_t lead = stop - 1;  // the last character's first byte
      while (lead > begin && is_utf8_continuation(text[lead])) --lead;
      const std::size_t n = punctuation_bytes(text, lead);
      if (n == 0 || lead + n != stop) break;
      stop = lead;
    }
    if (begin < stop) {
      if (stop - begin > max_chars) {
        std::size_t chars = 0;
        for (std::size_t k = begin; k < stop; ++k) chars += is_utf8_continuation(text[k]) ? 0 : 1;
        if (chars > max_chars) {
          words_.clear();
          return false;
        }
      }
      words_.push_back({begin, stop, 0, 0, kNoMatch});
    }
    i = end;
  }
  return true;
}

bool SnippetBuilder::analyze_region(std::string_view text, TextRegion region, std::string_view lang,
                                    const QueryTerms& query_terms, bool only_hits,
                                    std::size_t length) {
  words_.clear();
  spans_.clear();
  span_matches_.clear();
  match_ids_.clear();
  prepare_matching(query_terms);
  const std::size_t base = region.begin;
  const std::string_view part = text.substr(region.begin, region.end - region.begin);
  const std::vector<std::size_t>& hits = locator_.hits();
  // Regions of a long text: only words holding a scan hit can match, so
  // only they get the whole chain (stems, spellings, compound parts).
  std::function<bool(std::size_t, std::size_t)> deep;
  if (only_hits) {
    deep = [&](std::size_t begin, std::size_t end) {
      const auto hit = std::lower_bound(hits.begin(), hits.end(), base + begin);
      return hit != hits.end() && *hit < base + end;
    };
  }
  if (!split_units(text, region, max_unit_chars(length))) {
    // Text without spaces: ICU's words are the layout units.
    analyzer_.analyze(
        part, lang, 1,
        [&](const Token& token) {
          const int match = match_of(token, query_terms);
          if (match != kNoMatch) {
            spans_.emplace_back(base + token.begin, base + token.end);
            span_matches_.push_back({match, !token.same_position});
          }
          if (!token.same_position || words_.empty()) {
            words_.push_back({base + token.begin, base + token.end, 0, 0, match});
          } else if (words_.back().match == kNoMatch) {
            words_.back().match = match;
          }
        },
        deep);
    if (phrases_ != nullptr) keep_phrase_matches(text);
    return !spans_.empty();
  }
  // Matched tokens arrive in text order (a word's same-position tokens
  // within it): each marks its span and gives its unit a match.
  std::size_t unit = 0;
  // `shift`: the token's offsets are from text[base + shift].
  const auto on_token_at = [&](const Token& token, std::size_t shift) {
    const int match = match_of(token, query_terms);
    if (match == kNoMatch) return;
    const std::size_t begin = base + shift + token.begin;
    spans_.emplace_back(begin, base + shift + token.end);
    span_matches_.push_back({match, !token.same_position});
    while (unit < words_.size() && words_[unit].end <= begin) ++unit;
    if (unit < words_.size() && words_[unit].begin <= begin && words_[unit].match == kNoMatch) {
      words_[unit].match = match;
    }
  };
  if (only_hits && PassageLocator::folds_as_analysis(part)) {
    // Every word that can match holds a hit: only those words are analyzed.
    analyze_hit_words(text, region, lang, [&](const Token& token, std::size_t from) {
      on_token_at(token, from - base);
    });
  } else {
    analyzer_.analyze(
        part, lang, 1, [&](const Token& token) { on_token_at(token, 0); }, deep);
  }
  if (phrases_ != nullptr) keep_phrase_matches(text);
  return !spans_.empty();
}

void SnippetBuilder::prepare_matching(const QueryTerms& query_terms) {
  term_sizes_ = 0;
  stem_sizes_ = 0;
  for (const std::string& term : query_terms) {
    if (term.size() > schema::kStem.size() && term.starts_with(schema::kStem)) {
      stem_sizes_ |= size_bit(term.size() - schema::kStem.size());
    }
    term_sizes_ |= size_bit(term.size());
  }
}

int SnippetBuilder::match_of(const Token& token, const QueryTerms& query_terms) {
  auto found = (term_sizes_ & size_bit(token.term.size())) != 0 ? query_terms.find(token.term)
                                                                : query_terms.end();
  // Prefixes match words (the index's exact forms), not compound parts.
  if (found == query_terms.end() && prefixes_ != nullptr && !token.same_position) {
    for (const std::string& prefix : *prefixes_) {
      if (token.term.starts_with(prefix)) {
        found = query_terms.find(prefix);
        if (found != query_terms.end()) break;
      }
    }
  }
  if (found == query_terms.end()) {
    const std::string& stem = token.stem.empty() ? token.term : token.stem;
    if ((stem_sizes_ & size_bit(stem.size())) == 0) return kNoMatch;
    scratch_.clear();
    scratch_.reserve(schema::kStem.size() + stem.size());
    scratch_.append(schema::kStem.data(), schema::kStem.size());
    scratch_.append(stem);
    found = query_terms.find(scratch_);
  }
  if (found == query_terms.end()) return kNoMatch;
  return match_ids_.try_emplace(*found, static_cast<int>(match_ids_.size())).first->second;
}

void SnippetBuilder::mark_hit_words(std::string_view text, std::string_view lang,
                                    const QueryTerms& query_terms) {
  words_.clear();
  spans_.clear();
  span_matches_.clear();
  match_ids_.clear();
  total_chars_ = 0;  // compose() then takes the whole text (it fits)
  prepare_matching(query_terms);
  analyze_hit_words(text, {0, text.size()}, lang, [&](const Token& token, std::size_t from) {
    const int match = match_of(token, query_terms);
    if (match != kNoMatch) {
      spans_.emplace_back(from + token.begin, from + token.end);
      span_matches_.push_back({match, !token.same_position});
    }
  });
  if (phrases_ != nullptr) keep_phrase_matches(text);
}

void SnippetBuilder::keep_phrase_matches(std::string_view text) {
  std::vector<const std::string*> term_of(match_ids_.size(), nullptr);
  for (const auto& [term, id] : match_ids_) term_of[static_cast<std::size_t>(id)] = &term;
  const auto term_at = [&](std::size_t span) -> const std::string& {
    return *term_of[static_cast<std::size_t>(span_matches_[span].id)];
  };
  std::vector<char> keep(spans_.size(), 1);
  std::vector<std::size_t> word_spans;  // spans of whole words, in text order
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    if (phrases_->phrase_only.contains(term_at(i))) keep[i] = 0;
    if (span_matches_[i].word) word_spans.push_back(i);
  }
  for (std::size_t first = 0; first < word_spans.size(); ++first) {
    for (const std::vector<PhrasePosition>& phrase : phrases_->phrases) {
      if (first + phrase.size() > word_spans.size()) continue;
      bool found = true;
      for (std::size_t j = 0; found && j < phrase.size(); ++j) {
        const std::size_t span = word_spans[first + j];
        found = std::find(phrase[j].begin(), phrase[j].end(), term_at(span)) != phrase[j].end() &&
                (j == 0 || only_separators(text, spans_[word_spans[first + j - 1]].second,
                                           spans_[span].first));
      }
      if (!found) continue;
      for (std::size_t j = 0; j < phrase.size(); ++j) keep[word_spans[first + j]] = 1;
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    if (keep[i] == 0) continue;
    spans_[kept] = spans_[i];
    span_matches_[kept] = span_matches_[i];
    ++kept;
  }
  if (kept == spans_.size()) return;
  spans_.resize(kept);
  span_matches_.resize(kept);
  // The words' matches again, from the spans kept (as analyze_region
  // gives them: a word's first matched token).
  for (Word& word : words_) word.match = kNoMatch;
  std::size_t unit = 0;
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    const std::size_t begin = spans_[i].first;
    while (unit < words_.size() && words_[unit].end <= begin) ++unit;
    if (unit < words_.size() && words_[unit].begin <= begin && words_[unit].match == kNoMatch) {
      words_[unit].match = span_matches_[i].id;
    }
  }
}

void SnippetBuilder::analyze_hit_words(std::string_view text, TextRegion region,
                                       std::string_view lang,
                                       const std::function<void(const Token&, std::size_t)>& sink) {
  const std::vector<std::size_t>& hits = locator_.hits();
  auto it = std::lower_bound(hits.begin(), hits.end(), region.begin);
  while (it != hits.end() && *it < region.end) {
    std::size_t chunk_begin = *it;
    while (chunk_begin > region.begin && !is_ascii_space(text[chunk_begin - 1])) --chunk_begin;
    std::size_t chunk_end = *it;
    while (chunk_end < region.end && !is_ascii_space(text[chunk_end])) ++chunk_end;
    hit_offsets_.clear();
    for (; it != hits.end() && *it < chunk_end; ++it) hit_offsets_.push_back(*it - chunk_begin);
    analyzer_.analyze_words_at(text.substr(chunk_begin, chunk_end - chunk_begin), lang,
                               hit_offsets_, [&](const Token& token) { sink(token, chunk_begin); });
  }
}

std::string SnippetBuilder::compose(std::string_view text, TextRegion region,
                                    const SnippetOptions& options, bool chars_counted) {
  std::vector<Word>& words = words_;
  std::vector<std::pair<std::size_t, std::size_t>>& spans = spans_;
  const std::size_t total_chars = chars_counted ? total_chars_ : count_chars(text, region);

  // 2. The window [first, last] of words.
  std::size_t start_byte = region.begin;
  std::size_t end_byte = region.end;
  if (total_chars > options.length && !words.empty()) {
    const std::size_t limit = options.length;
    const auto fits = [&](std::size_t first, std::size_t last) {
      return words[last].char_end - words[first].char_begin <= limit;
    };
    const WindowScore score = best_window(limit);
    const std::size_t best_first = score.first;
    const std::size_t best_distinct = score.distinct;
    std::size_t first = best_first;
    std::size_t final_last = first;
    while (final_last + 1 < words.size() && fits(first, final_last + 1)) ++final_last;
    if (best_distinct > 0) {
      // Context before the first match: up to a third of what is left.
      std::size_t last_match = first;
      for (std::size_t i = first; i <= final_last; ++i) {
        if (words[i].match != kNoMatch) last_match = i;
      }
      const std::size_t used = words[last_match].char_end - words[first].char_begin;
      const std::size_t context = (limit - std::min(limit, used)) / 3;
      const std::size_t anchor = words[first].char_begin;
      while (first > 0 && anchor - words[first - 1].char_begin <= context &&
             fits(first - 1, last_match)) {
        --first;
      }
      final_last = last_match;
      while (final_last + 1 < words.size() && fits(first, final_last + 1)) ++final_last;
      // Room left (the text ended, or the next word is too long): more context.
      while (first > 0 && fits(first - 1, final_last)) --first;
    }
    // Cut at word boundaries, keeping punctuation attached to the words
    // (opening quotes before, full stops and commas after).
    start_byte = words[first].begin;
    const std::size_t floor = first == 0 ? region.begin : words[first - 1].end;
    while (start_byte > floor && !is_ascii_space(text[start_byte - 1])) --start_byte;
    if (first == 0 && !has_non_space(text.substr(0, start_byte))) start_byte = 0;
    end_byte = words[final_last].end;
    const std::size_t ceiling =
        final_last + 1 < words.size() ? words[final_last + 1].begin : region.end;
    while (end_byte < ceiling && !is_ascii_space(text[end_byte])) ++end_byte;
    if (final_last + 1 == words.size() && !has_non_space(text.substr(end_byte))) {
      end_byte = text.size();
    }
  }

  // 3. Output: ellipses, text, markers around merged spans.
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& span : spans) {
    if (span.second <= start_byte || span.first >= end_byte) continue;
    if (!merged.empty() && span.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  std::string out;
  const bool cut_before = has_non_space(text.substr(0, start_byte));
  const bool cut_after = has_non_space(text.substr(end_byte));
  if (cut_before) {
    out += options.ellipsis;
    out.push_back(' ');
  }
  std::size_t pos = start_byte;
  for (const auto& [begin, end] : merged) {
    const std::size_t from = std::max(begin, start_byte);
    const std::size_t to = std::min(end, end_byte);
    append_text(out, text.substr(pos, from - pos), options.escape_html);
    out += options.open;
    append_text(out, text.substr(from, to - from), options.escape_html);
    out += options.close;
    pos = to;
  }
  append_text(out, text.substr(pos, end_byte - pos), options.escape_html);
  // Trim the spaces that collapsing left at either end.
  const std::size_t lead = cut_before ? options.ellipsis.size() + 1 : 0;
  if (out.size() > lead && out[lead] == ' ') out.erase(lead, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (cut_after) {
    out.push_back(' ');
    out += options.ellipsis;
  }
  return out;
}

}  // namespace archivar::search
