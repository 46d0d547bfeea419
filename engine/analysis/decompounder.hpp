// Decompounder: splits German compounds into the words they are made of,
// against GermanLexicon.
//
//   "medienseite"   → "medien" + "seite"
//   "seitenaufrufe" → "seiten" + "aufrufe"     (final part may be inflected)
//   "verkehrsunfall"→ "verkehr" + "unfall"     (linking element -s- dropped)
//   "wandhalterung" → "wand" + "halterung"     (never "wandh" + "alterung")
//   "fährt"         → no split (shorter than kMinCompoundChars)
//
// Rules, chosen against over-splitting:
// - only words of at least kMinCompoundChars characters, letters only;
// - every part is a lexicon word; a non-final part has at least
//   kMinPartChars characters and may be followed by a linking element
//   (s, es, n, en, er, e, ens); the final part has at least 3 and may carry an
//   inflection ending (e, en, n, s, es, er, ern) that the lexicon lacks;
// - function words (prepositions, particles: "unter", "über", "nach") are
//   never parts, so "unternehmen" stays whole;
// - among valid splits the one with the fewest parts wins, ties going to
//   the split with the longest final part; at most kMaxParts parts.
// Known limit: a word that happens to be two lexicon words ("verbraucher" =
// "verb" + "raucher") is split; the whole word stays indexed and ranks first.
//
// Cost: O(n²) lexicon lookups for an n-character word (n ≤ 40), cached per
// word. Thread-safety: not thread-safe (the cache); one per TextAnalyzer.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/german_lexicon.hpp"

namespace archivar::analysis {

class Decompounder {
 public:
  static constexpr std::size_t kMinCompoundChars = 8;
  static constexpr std::size_t kMinPartChars = 4;
  static constexpr std::size_t kMaxParts = 4;
  static constexpr std::size_t kMaxCompoundBytes = 80;

  explicit Decompounder(const GermanLexicon& lexicon = GermanLexicon::instance())
      : lexicon_(lexicon) {}

  // The parts of `word` (a normalized term), or an empty list if it is not
  // a compound. The reference is valid until the next call.
  [[nodiscard]] const std::vector<std::string>& split(std::string_view word);

 private:
  [[nodiscard]] std::vector<std::string> compute_split(std::string_view word) const;
  [[nodiscard]] bool is_part(std::string_view piece) const;
  [[nodiscard]] bool is_final_part(std::string_view piece) const;

  const GermanLexicon& lexicon_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

}  // namespace archivar::analysis
