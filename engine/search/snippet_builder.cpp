#include "search/snippet_builder.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "index/schema.hpp"

namespace archivar::search {

namespace {

constexpr int kNoMatch = -1;

// A surface word (not a same-position token) of the analyzed text.
struct Word {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::size_t char_begin = 0;  // code point offsets into the text
  std::size_t char_end = 0;
  int match = kNoMatch;  // id of the query term it matched (its own or a part's)
};

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Appends text[begin, end) with whitespace runs collapsed to one space and,
// if asked, HTML special characters escaped.
void append_text(std::string& out, std::string_view text, bool escape_html) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_space(c)) {
      if (out.empty() || out.back() != ' ') out.push_back(' ');
      continue;
    }
    if (escape_html) {
      switch (c) {
        case '&':
          out += "&amp;";
          continue;
        case '<':
          out += "&lt;";
          continue;
        case '>':
          out += "&gt;";
          continue;
        case '"':
          out += "&quot;";
          continue;
        case '\'':
          out += "&#39;";
          continue;
        default:
          break;
      }
    }
    out.push_back(c);
  }
}

bool has_non_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return !is_space(c); });
}

}  // namespace

std::string SnippetBuilder::build(std::string_view text, std::string_view lang,
                                  const QueryTerms& query_terms, const SnippetOptions& options) {
  if (text.empty() || options.length == 0) return {};

  // 1. Words, matches and highlight spans.
  std::vector<Word> words;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // byte ranges to mark
  std::map<std::string, int, std::less<>> match_ids;       // matched query term → id
  const auto match_of = [&](const Token& token) -> int {
    auto found = query_terms.find(token.term);
    if (found == query_terms.end()) {
      const std::string& stem = token.stem.empty() ? token.term : token.stem;
      scratch_.clear();
      scratch_.reserve(schema::kStem.size() + stem.size());
      scratch_.append(schema::kStem.data(), schema::kStem.size());
      scratch_.append(stem);
      found = query_terms.find(scratch_);
    }
    if (found == query_terms.end()) return kNoMatch;
    return match_ids.try_emplace(*found, static_cast<int>(match_ids.size())).first->second;
  };
  analyzer_.analyze(text, lang, 1, [&](const Token& token) {
    const int match = match_of(token);
    if (match != kNoMatch) spans.emplace_back(token.begin, token.end);
    if (!token.same_position || words.empty()) {
      words.push_back({token.begin, token.end, 0, 0, match});
    } else if (words.back().match == kNoMatch) {
      words.back().match = match;
    }
  });

  // Code point offsets, in one pass (words are in text order).
  std::size_t at = 0;
  std::size_t chars = 0;
  const auto chars_until = [&](std::size_t byte) {
    for (; at < byte && at < text.size(); ++at) {
      if (!is_continuation(text[at])) ++chars;
    }
    return chars;
  };
  for (Word& word : words) {
    word.char_begin = chars_until(word.begin);
    word.char_end = chars_until(word.end);
  }
  const std::size_t total_chars = chars_until(text.size());

  // 2. The window [first, last] of words.
  std::size_t start_byte = 0;
  std::size_t end_byte = text.size();
  if (total_chars > options.length && !words.empty()) {
    const std::size_t limit = options.length;
    const auto fits = [&](std::size_t first, std::size_t last) {
      return words[last].char_end - words[first].char_begin <= limit;
    };
    // Best window starting at a matched word: most distinct terms, then most
    // matches, then earliest. Two pointers over the words [first, last):
    // O(words).
    std::vector<int> counts(match_ids.size(), 0);
    std::size_t distinct = 0;
    std::size_t matches = 0;
    const auto count = [&](std::size_t i, int delta) {
      if (words[i].match == kNoMatch) return;
      int& n = counts[static_cast<std::size_t>(words[i].match)];
      if (delta > 0 && n++ == 0) ++distinct;
      if (delta < 0 && --n == 0) --distinct;
      matches = delta > 0 ? matches + 1 : matches - 1;
    };
    std::size_t best_first = 0;
    std::size_t best_distinct = 0;
    std::size_t best_matches = 0;
    std::size_t last = 0;
    for (std::size_t first = 0; first < words.size(); ++first) {
      // The window always holds its first word, even one longer than the limit.
      while (last < words.size() && (last == first || fits(first, last))) count(last++, +1);
      if (words[first].match != kNoMatch &&
          (distinct > best_distinct || (distinct == best_distinct && matches > best_matches))) {
        best_first = first;
        best_distinct = distinct;
        best_matches = matches;
      }
      count(first, -1);
    }
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
    const std::size_t floor = first == 0 ? 0 : words[first - 1].end;
    while (start_byte > floor && !is_space(text[start_byte - 1])) --start_byte;
    if (first == 0 && !has_non_space(text.substr(0, start_byte))) start_byte = 0;
    end_byte = words[final_last].end;
    const std::size_t ceiling =
        final_last + 1 < words.size() ? words[final_last + 1].begin : text.size();
    while (end_byte < ceiling && !is_space(text[end_byte])) ++end_byte;
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
