// TextAnalyzer: the one analysis chain of archivar (index, query, snippets).
//
//   WordTokenizer (ICU UAX #29, byte offsets)
//   → Normalizer (NFKC + case folding)          → Token::term (unstemmed term)
//   → Stemmer for the text's language (Snowball) → Token::stem
//   → SpellingFolder: if the folded spelling stems differently, a `variant`
//     token at the same position (options.fold_spellings)
//   → Decompounder (German only): each part as a `compound_part` token at
//     the same position (options.decompound_german)
//
// Tokens whose normalized form is longer than kMaxTermBytes are dropped
// (Xapian limits terms to 245 bytes; such "words" are base64, hashes or
// garbage) without using up a position.
//
// Cost: O(text length); one ICU normalization per non-ASCII word, one
// Snowball call per word; with enable_word_cache() (the indexer), both, the
// spelling folding and the decompounding once per distinct spelling and one
// hash lookup per word. Thread-safety: not thread-safe (break iterator,
// stemmers and caches keep state); one TextAnalyzer per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis_options.hpp"
#include "analysis/decompounder.hpp"
#include "analysis/normalizer.hpp"
#include "analysis/spelling_folder.hpp"
#include "analysis/stemmer.hpp"
#include "analysis/word_cache.hpp"
#include "analysis/word_tokenizer.hpp"
#include "archivar/analyzer.hpp"

namespace archivar::analysis {

inline constexpr std::size_t kMaxTermBytes = 120;

class TextAnalyzer {
 public:
  explicit TextAnalyzer(AnalysisOptions options = {}) : options_(options) {}

  [[nodiscard]] const AnalysisOptions& options() const noexcept { return options_; }

  // From now on, remember the analysis of word spellings in a cache of
  // `words_per_language` slots per language (WordCache, direct-mapped;
  // ~130 bytes a slot) and reuse it: the tokens are the same, each repeated
  // word costs one slot read instead of normalization, stemming, folding and
  // decompounding. For the indexer, which sees the same words in article
  // after article, and the snippet builder; 0 turns it off.
  void enable_word_cache(std::size_t words_per_language);

  // Calls `sink` with each token of `text`, analyzed as `lang` (no stemming
  // when Snowball has no stemmer for it). Positions start at
  // `first_position`; the token passed to `sink` is reused between calls.
  // Returns the position after the last token.
  std::uint32_t analyze(std::string_view text, std::string_view lang, std::uint32_t first_position,
                        const std::function<void(const Token&)>& sink);

  // As above, but only words for which `deep(begin, end)` is true (byte
  // offsets into `text`) go through stemming, spelling folding and
  // decompounding; the others give just their word token, with an empty
  // stem. For callers that know which words cannot matter (the snippet
  // builder: words holding no candidate match), to skip most of the cost.
  std::uint32_t analyze(std::string_view text, std::string_view lang, std::uint32_t first_position,
                        const std::function<void(const Token&)>& sink,
                        const std::function<bool(std::size_t, std::size_t)>& deep);

  [[nodiscard]] std::vector<Token> analyze(std::string_view text, std::string_view lang);

  // The tokens of only the words of `text` that hold one of `offsets`
  // (ascending byte offsets), with the whole chain: exactly the tokens
  // analyze(text, ..., deep) gives for those words when `deep` is true for
  // them, except that positions are not counted (every token has position
  // 0). Words are found around each offset with ICU's random access
  // (WordTokenizer::for_each_word_at). For callers that need only the
  // tokens of a few words of a text (the snippet builder's short texts).
  void analyze_words_at(std::string_view text, std::string_view lang,
                        const std::vector<std::size_t>& offsets,
                        const std::function<void(const Token&)>& sink);

  // Stem of an already normalized term in `lang`; `term` itself when there is
  // no stemmer for `lang`. The view is valid until the next call.
  [[nodiscard]] std::string_view stem(std::string_view term, std::string_view lang);

  // True if Snowball has a stemmer for `lang`.
  [[nodiscard]] bool can_stem(std::string_view lang);

  // The folded spelling of a normalized term in `lang` (see SpellingFolder),
  // or false if folding is off or changes nothing.
  bool fold(std::string_view term, std::string_view lang, std::string& out);

  // The compound parts of a normalized German term; empty if none or if
  // decompounding is off. Valid until the next call.
  [[nodiscard]] const std::vector<std::string>& compound_parts(std::string_view term,
                                                               std::string_view lang);

  // Normalized form of one word (as Token::term).
  [[nodiscard]] std::string normalize(std::string_view word) const {
    return normalizer_.normalize(word);
  }

 private:
  Stemmer* stemmer_for(std::string_view lang);
  WordCache* word_cache_for(std::string_view lang);
  // The full chain for the word spelt `raw` (normalization, stem, spelling
  // variant, compound parts) into `out`.
  void analyze_word(std::string_view raw, std::string_view lang, Stemmer* stemmer,
                    AnalyzedWord& out);
  // Fills `token` (offsets and position already set) from the whole chain
  // for text[begin, end) and passes it and its same-position tokens to
  // `sink`; false if the word is dropped (no token, no position used).
  bool emit_word(std::string_view raw, std::string_view lang, Stemmer* stemmer, WordCache* cache,
                 Token& token, AnalyzedWord& scratch,
                 const std::function<void(const Token&)>& sink);

  AnalysisOptions options_;
  Normalizer normalizer_;
  WordTokenizer tokenizer_;
  SpellingFolder folder_;
  std::unique_ptr<Decompounder> decompounder_;  // created on first German word
  std::map<std::string, std::unique_ptr<Stemmer>, std::less<>> stemmers_;  // null: none exists
  std::size_t word_cache_limit_ = 0;                                       // 0: no word caches
  std::map<std::string, WordCache, std::less<>> word_caches_;              // per language
  std::string folded_;                                                     // scratch
};

}  // namespace archivar::analysis
