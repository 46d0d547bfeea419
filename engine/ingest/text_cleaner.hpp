// TextCleaner: article text as scraped → the text analysis should see.
//
// The rules (each can be switched off in CleaningOptions):
//  - broken words are rejoined: a hyphen right after a letter, followed by
//    blanks (one line break at most) and a lower-case word that is not a
//    conjunction, loses the blanks ("Klick- durch" → "Klick-durch",
//    "boundary-\nlayer" → "boundary-layer"). The hyphen goes too when the
//    lexicon shows a soft break: the joined word is a lexicon word or two
//    of them (a linking "s" and an inflection ending allowed), and the two
//    pieces are not both words ("Stadtar-\nchiv" → "Stadtarchiv", but
//    "Klick-\ndurch" → "Klick-durch"). Before an upper-case word only a line
//    break is closed ("Social-Media-\nPlattform" → "Social-Media-Plattform").
//    A conjunction after the blanks ("und", "oder", "bzw.", "bis", "and",
//    "or", "to", ...) marks a suspended hyphen and nothing changes ("Ein- und
//    Ausgang", "Social-Media- und Kommentar-Engagements").
//  - "N. M" is joined to "N.M" only right after a word of
//    CleaningOptions::version_words ("Web 2. 0" → "Web 2.0"); N and M have
//    one or two digits. Ordinals and dates ("im Jahr 2. 0 Tore", "am 3. 10")
//    are left alone because "Jahr" and "am" are not version words.
//  - body lines starting with a boilerplate prefix are dropped.
//  - a body line whose whitespace-collapsed text was seen before in the
//    body is dropped (a paragraph counts once); with drop_title_repeat, so
//    is a body line equal to the title.
// Blank lines (paragraph breaks) are kept, collapsed to one.
//
//    With an English word list too, the hyphen also goes when the joined
//    word is an English word and the pieces are not both English words
//    ("infor-\nmation" → "information", "docu-\nment" → "document", but
//    "well-\nknown" stays "well-known").
//
// Soft hyphens (U+00AD) need no rule here: NFKC case folding drops them from
// every term ("infor\u00ADmation" is indexed as "information").
//
// Limits: an English word broken at a syllable whose joined form is not in
// the word list keeps its hyphen (and is indexed as two pieces, as without
// cleaning); a repeated paragraph is found only when it repeats
// with the same line breaks; boilerplate is matched per line, not per sentence.
//
// Cost: linear in the text, one hash-set insert per line. Thread-safety:
// const methods, safe to share once constructed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/german_lexicon.hpp"
#include "archivar/cleaning.hpp"

namespace archivar::ingest {

class TextCleaner {
 public:
  // `lexicon` (German) and `english` (may be null or empty: then no hyphen
  // is ever dropped for that language) decide soft breaks; they must
  // outlive the cleaner.
  explicit TextCleaner(CleaningOptions options = {},
                       const analysis::GermanLexicon* lexicon = nullptr,
                       const analysis::WordList* english = nullptr);

  // The in-line rules only (broken words, version numbers): a title has no
  // paragraphs to deduplicate and is never boilerplate.
  [[nodiscard]] std::string clean_title(std::string_view title) const;

  // Every rule; with options.drop_title_repeat a body line equal to `title`
  // (whitespace-collapsed) counts as a repeat. Returns the text unchanged
  // when options.enabled is false.
  [[nodiscard]] std::string clean_body(std::string_view body, std::string_view title = {}) const;

  [[nodiscard]] const CleaningOptions& options() const noexcept { return options_; }

 private:
  [[nodiscard]] std::string clean_inline(std::string_view text) const;
  [[nodiscard]] bool is_boilerplate(std::string_view line) const;
  [[nodiscard]] bool is_soft_break(std::string_view before, std::string_view after) const;
  [[nodiscard]] bool is_word(std::string_view folded) const;

  CleaningOptions options_;
  const analysis::GermanLexicon* lexicon_;
  const analysis::WordList* english_;
  std::vector<std::string> folded_prefixes_;  // boilerplate prefixes, case-folded
  std::size_t longest_prefix_ = 0;            // bytes of the longest folded prefix
};

// Whitespace-collapsed, trimmed text: the key under which paragraphs compare.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);

}  // namespace archivar::ingest
