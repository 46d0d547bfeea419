// WordCache: a bounded memo of the analysis of whole words, for indexing
// and snippets.
//
// German and English news repeat their words heavily, and a word's analysis
// (normalization, Snowball stem, spelling variant, compound parts) depends
// only on its bytes, the language and the AnalysisOptions. TextAnalyzer
// keeps one WordCache per language when asked to
// (TextAnalyzer::enable_word_cache) and then analyzes a repeated spelling
// once.
//
// Direct-mapped: `limit` slots (a power of two), a word's hash picks its
// slot, and a new word replaces the one there. A lookup reads one slot (and
// a long word's heap bytes), where a node-based hash map read the bucket,
// the node before and the node; the frequent words, which make most tokens,
// win their slots back at once.
// (A hash map of 50,000 words answered 89 % of a bulk worker's tokens, but
// its lookups cost as much as the analysis they saved: bench/README.md
// "Indexing CPU after jemalloc".) Memory ~130 bytes a slot plus the longer
// strings. Thread-safety: none; one per TextAnalyzer.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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
  // A cache of `limit` slots, rounded up to a power of two (at least 1).
  explicit WordCache(std::size_t limit) : slots_(std::bit_ceil(std::max<std::size_t>(limit, 1))) {}

  // The cached analysis of the word spelt `raw`, or null.
  [[nodiscard]] const AnalyzedWord* find(std::string_view raw) const {
    const Slot& slot = slots_[slot_of(raw)];
    return slot.used && slot.raw == raw ? &slot.word : nullptr;
  }

  // Remembers `word` as the analysis of `raw`, in place of the word that
  // held its slot; returns the stored copy (valid until the next insert).
  // The slot's strings keep their capacity, so this rarely allocates.
  const AnalyzedWord& insert(std::string_view raw, const AnalyzedWord& word) {
    Slot& slot = slots_[slot_of(raw)];
    slot.raw.assign(raw);
    slot.word = word;
    slot.used = true;
    return slot.word;
  }

  [[nodiscard]] std::size_t slots() const noexcept { return slots_.size(); }

 private:
  struct Slot {
    bool used = false;
    std::string raw;
    AnalyzedWord word;
  };

  // FNV-1a of the bytes, its high bits picking the slot (words are short:
  // a few ns, far below the analysis a hit saves).
  [[nodiscard]] std::size_t slot_of(std::string_view raw) const noexcept {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : raw) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return static_cast<std::size_t>((hash * 0x9e3779b97f4a7c15ULL) >> 32) & (slots_.size() - 1);
  }

  std::vector<Slot> slots_;
};

}  // namespace archivar::analysis
