#include "analysis/decompounder.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>

namespace archivar::analysis {

namespace {

constexpr std::size_t kCacheLimit = 200000;

constexpr std::array<std::string_view, 7> kLinkingElements = {"s", "es", "n", "en", "er", "e",
                                                              "ens"};
constexpr std::array<std::string_view, 7> kInflections = {"e", "en", "n", "s", "es", "er", "ern"};

// Words that are in the lexicon but are not the stuff compounds are made of.
constexpr std::array<std::string_view, 48> kFunctionWords = {
    "aber",  "alle",   "allem",  "allen",  "aller",   "alles",  "also",    "andere",
    "auch",  "bereits", "dass",   "dein",   "denn",    "deren",  "dessen",  "doch",
    "durch", "eine",   "einem",  "einen",  "einer",   "eines",  "gegen",   "hier",
    "hinter", "ihre",  "immer",  "jede",   "jeder",   "jetzt",  "nach",    "neben",
    "noch",  "ohne",   "oder",   "sehr",   "seit",    "sich",   "sind",    "schon",
    "sowie", "über",   "unter",  "weil",   "wenn",    "wieder", "zwischen", "zusammen"};

// Number of UTF-8 characters in `text`.
std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool is_letters_only(std::string_view word) {
  for (char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && (c < 'a' || c > 'z')) return false;
  }
  return true;
}

bool is_char_boundary(std::string_view text, std::size_t at) {
  return at == 0 || at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

bool is_function_word(std::string_view piece) {
  return std::find(kFunctionWords.begin(), kFunctionWords.end(), piece) != kFunctionWords.end();
}

}  // namespace

bool Decompounder::is_part(std::string_view piece) const {
  return char_count(piece) >= kMinPartChars && !is_function_word(piece) &&
         lexicon_.contains(piece);
}

bool Decompounder::is_final_part(std::string_view piece) const {
  if (char_count(piece) < 3 || is_function_word(piece)) return false;
  if (lexicon_.contains(piece)) return true;
  for (std::string_view ending : kInflections) {
    if (piece.size() > ending.size() + 2 && piece.ends_with(ending) &&
        lexicon_.contains(piece.substr(0, piece.size() - ending.size()))) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> Decompounder::compute_split(std::string_view word) const {
  const std::size_t n = word.size();
  if (n > kMaxCompoundBytes || char_count(word) < kMinCompoundChars || !is_letters_only(word)) {
    return {};
  }
  // best[i]: fewest parts covering word[0, i) with non-final parts (each
  // optionally followed by a linking element).
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> best(n + 1, kNone);
  best[0] = 0;
  for (std::size_t start = 0; start < n; ++start) {
    if (best[start] == kNone || best[start] + 1 >= kMaxParts || !is_char_boundary(word, start)) {
      continue;
    }
    for (std::size_t end = start + 1; end < n; ++end) {
      if (!is_char_boundary(word, end) || !is_part(word.substr(start, end - start))) continue;
      auto relax = [&](std::size_t next) {
        if (next < n && best[start] + 1 < best[next]) {
          best[next] = best[start] + 1;
        }
      };
      relax(end);
      for (std::string_view link : kLinkingElements) {
        if (word.substr(end).starts_with(link)) relax(end + link.size());
      }
    }
  }
  // Every split with the fewest parts counts ("strassenbahnlinie" is both
  // "strassenbahn" + "linie" and "strasse" + "bahnlinie"): the parts of all of
  // them are returned, in order of first appearance, the split with the
  // longest final part first.
  std::size_t fewest = kNone;
  for (std::size_t start = 1; start < n; ++start) {
    if (best[start] == kNone || !is_char_boundary(word, start)) continue;
    if (is_final_part(word.substr(start))) fewest = std::min(fewest, best[start]);
  }
  if (fewest == kNone) return {};
  std::vector<std::string> parts;
  auto add_part = [&](std::string_view part) {
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.emplace_back(part);
  };
  // Covers of word[0, at) with exactly k parts, found by trying every part
  // ending at `at` (or before a linking element ending there).
  std::vector<std::string_view> path;
  std::function<void(std::size_t, std::size_t)> walk = [&](std::size_t at, std::size_t k) {
    if (k == 0) {
      if (at != 0) return;
      for (auto it = path.rbegin(); it != path.rend(); ++it) add_part(*it);
      return;
    }
    for (std::size_t start = 0; start < at; ++start) {
      if (best[start] != k - 1) continue;
      for (std::size_t end = start + 1; end <= at; ++end) {
        const std::string_view gap = word.substr(end, at - end);
        const bool linked = gap.empty() || std::find(kLinkingElements.begin(),
                                                     kLinkingElements.end(), gap) !=
                                               kLinkingElements.end();
        if (!linked || !is_char_boundary(word, end)) continue;
        if (!is_part(word.substr(start, end - start))) continue;
        path.push_back(word.substr(start, end - start));
        walk(start, k - 1);
        path.pop_back();
      }
    }
  };
  for (std::size_t start = 1; start < n; ++start) {
    if (best[start] != fewest || !is_char_boundary(word, start)) continue;
    if (!is_final_part(word.substr(start))) continue;
    path.assign(1, word.substr(start));
    walk(start, fewest);
  }
  return parts;
}

const std::vector<std::string>& Decompounder::split(std::string_view word) {
  auto found = cache_.find(std::string(word));
  if (found != cache_.end()) return found->second;
  if (cache_.size() >= kCacheLimit) cache_.clear();
  return cache_.emplace(std::string(word), compute_split(word)).first->second;
}

}  // namespace archivar::analysis
