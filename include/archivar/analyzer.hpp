// Analyzer: the text analysis chain shared by indexing, querying and (later)
// snippets: ICU word breaking → NFKC + case folding → Snowball stemming in
// the text's language. Exposed for debugging (`archivar analyze`) and for
// clients that need the same tokens as the index.
//
// Thread-safety: an Analyzer is not thread-safe (ICU break iterators and
// Snowball stemmers keep state); give each thread its own. Construction
// costs a few microseconds plus one stemmer per language used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "archivar/export.hpp"

namespace archivar {

// What a token stands for. Tokens after the first at one position carry
// same_position = true.
enum class TokenKind : unsigned char {
  word,           // a word of the text
  variant,        // another spelling of the previous word (Mueller → muller)
  compound_part,  // a part of the previous word, a German compound
};

struct Token {
  std::string term;            // normalized form (NFKC, case folded): the unstemmed index term
  std::string stem;            // Snowball stem in the analysis language; empty if none
  std::size_t begin = 0;       // byte offset of the token's first byte in the original text
  std::size_t end = 0;         // byte offset one past its last byte
  std::uint32_t position = 0;  // word position, 1-based
  bool same_position = false;  // sits at the previous token's position (compound parts, variants)
  TokenKind kind = TokenKind::word;
};

class ARCHIVAR_EXPORT Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Tokens of `text` analyzed as language `lang` ("de", "en", any language
  // Snowball knows by ISO 639-1 code; empty or unknown: no stemming).
  // Invalid UTF-8 is read as U+FFFD and never throws; offsets still refer to
  // the original bytes.
  [[nodiscard]] std::vector<Token> analyze(std::string_view text, std::string_view lang);

  // The language of `text` as an ISO 639-1 code. Tuned for archives of German
  // and English: returns "de" or "en" when either is plausible, another
  // detected code otherwise, and "" when the text is too short to tell.
  [[nodiscard]] std::string detect_language(std::string_view text) const;

 private:
  friend class AnalyzerAccess;
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archivar
