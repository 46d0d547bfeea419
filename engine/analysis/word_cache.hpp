// WordCache: a bounded memo of the analysis of whole words, for indexing.
//
// German and English news repeat their words heavily (a cache of 50,000
// spellings, emptied when full, answers ~89 % of the word tokens a bulk
// worker sees in the 20,000-article benchmark subset, simulated over the
// articles' \w+ words), and a word's analysis (normalization, Snowball
// stem, spelling variant, compound parts) depends only on its bytes, the
// language and the AnalysisOptions. TextAnalyzer keeps one WordCache per
// language when asked to (TextAnalyzer::enable_word_cache) and then
// analyzes each spelling once.
//
// Bounded: at `limit` words the cache is emptied and refills with the words
// that follow (frequent words come back first). Memory ~250 bytes a word.
// Cost: one hash of the word's bytes per lookup. Thread-safety: none; one
// per TextAnalyzer.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "archivar/analyzer.hpp"

namespace archivar::analysis {

// What the full analysis chain makes of one word, without offsets or
// positions: the word token's term and stem, then the tokens at its
// position (a spelling variant, compound parts), in emission order.
struct AnalyzedWord {
  struct Extra {
    TokenKind kind = TokenKind::variant;
    std::string term;
    std::string stem;
  };
  bool dropped = false;  // normalized form empty or longer than kMaxTermBytes
  std::string term;
  std::string stem;
  std::vector<Extra> extras;
};

class WordCache {
 public:
  explicit WordCache(std::size_t limit) : limit_(limit) {}

  // The cached analysis of the word spelt `raw`, or null.
  [[nodiscard]] const AnalyzedWord* find(std::string_view raw) const {
    const auto found = words_.find(raw);
    return found == words_.end() ? nullptr : &found->second;
  }

  // Remembers `word` as the analysis of `raw` (emptying the cache first when
  // it is full); returns the stored copy.
  const AnalyzedWord& insert(std::string_view raw, const AnalyzedWord& word) {
    if (words_.size() >= limit_) words_.clear();
    return words_.emplace(std::string(raw), word).first->second;
  }

  [[nodiscard]] std::size_t size() const noexcept { return words_.size(); }

 private:
  // Transparent hash: lookups by string_view build no std::string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };

  std::size_t limit_;
  std::unordered_map<std::string, AnalyzedWord, Hash, std::equal_to<>> words_;
};

}  // namespace archivar::analysis
