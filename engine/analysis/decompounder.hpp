// Decompounder: splits German compounds into the words they are made of,
// against GermanLexicon.
//
//   "medienseite"   → "medien" + "seite"
//   "seitenaufrufe" → "seiten" + "aufrufe"     (final part may be inflected)
//   "verkehrsunfall"→ "verkehr" + "unfall"     (linking element -s- dropped)
//   "wandhalterung" → "wand" + "halterung"     (never "wandh" + "alterung")
//   "fährt"         → no split (shorter than kMinCompoundChars)
//   "verbraucher"   → no split (not "verb" + "raucher")
//
// Rules, chosen against over-splitting (README "Decompounding"; each found
// in the split words of a German news corpus):
// - only words of at least kMinCompoundChars characters, letters only, and
//   not words the lexicon knows in lower case only ("insgesamt", "hingegen",
//   "weiteren": adverbs, adjectives and verb forms are no noun compounds);
// - every part is a lexicon word (acronyms such as "ARD" are not in it); a
//   non-final part has at least kMinPartChars characters and, if it may be
//   a noun, may be followed by a linking element (s, es, n, en, er, e, ens);
//   the final part has at least 3 characters, may carry an inflection ending
//   (e, en, n, s, es, er, ern) that the lexicon lacks, and must be a noun:
//   capitalized in the list, or a lower-case entry of 4+ letters not ending
//   in "t" (wngerman spells "Spiel", "Ende", "Leben" in lower case only, but
//   "stinkt" in "Urinstinkt" is a verb form);
// - "schaft" and "ion" (nouns, but mostly suffixes: "Gesellschaft",
//   "Millionen") are never final parts;
// - in a word with a Latin ending (-tion, -enten, -ent, -ismus, -ität,
//   -anz, ...) the final part keeps 3+ letters before the ending: no
//   "gene" + "ration", "konsum" + "enten", "akzept" + "anz", but
//   "raum" + "station";
// - a feminine form of a listed noun ("Kolleginnen", "Bundesministerin")
//   has as parts that noun and its parts, the last with the ending again
//   ("bundesminister", "bund", "ministerin"), not "kolleg" + "innen";
// - a first part that is an inseparable prefix plus one letter ("verb" in
//   "Verbraucher", "Verbleib") is never taken;
// - function words (prepositions, particles: "unter", "über", "nach") are
//   never parts, so "unternehmen" stays whole;
// - among valid splits the one with the fewest parts wins; the parts of
//   every fewest-part reading are returned ("Staubecken": stau + becken and
//   staub + ecken); at most kMaxParts parts.
// Known limits: a word that happens to be two words of the list is still
// split ("Niederlage" = "nieder" + "Lage", "Regelungen" = "rege" +
// "Lungen"); the whole word stays indexed and ranks first. Lower-case
// entries of 4+ letters can still be parts ("vergleich" → "vergl" +
// "eich"). Refusing lower-case-only non-final parts in listed words fixed
// those but lost "Spielfeld", "Lebensmittel", "Obergrenze" (README).
//
// Cost: O(n²) lexicon lookups for an n-character word (n ≤ 40), cached per
// word. Thread-safety: not thread-safe (the cache); one per TextAnalyzer.
#pragma once

#include <functional>
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
  [[nodiscard]] bool is_final_part(std::string_view word, std::string_view piece) const;
  [[nodiscard]] bool may_be_noun(std::string_view piece) const;

  const GermanLexicon& lexicon_;
  struct Hash {  // transparent: lookups by string_view build no std::string
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> cache_;
};

}  // namespace archivar::analysis
