// SpellingCorrector: "did you mean" for a search-box string, from the
// index's own vocabulary (Xapian's spelling table, which Index fills with
// each article's words; see IndexOptions::spelling).
//
// Each word of the query that no article contains (its normalized form is
// not an index term) is replaced by Xapian's best suggestion within edit
// distance 2 (the most frequent such word); words that exist, operators,
// quotes and field names are kept as typed. Returns "" when nothing changes
// or the index has no spelling data. A word of Debian's German or English
// word list (wngerman, wamerican: "lungen") is correct as typed and kept,
// unless the query matches nothing at all: a small index that lacks it
// would otherwise "correct" it to a neighbour ("jungen").
//
// Compound parts, spelling variants, words with digits and words of more
// than 15 letters (Xapian's search takes 20-40 ms for them on 20,000
// articles and rarely finds anything) are never corrected, nor is a word
// whose stem or folded spelling's stem (in any of the index languages
// given) is an index term: an inflection of a known word ("formatting"
// where articles say "formats") is not a typo, and real questions name many
// such forms. Only the first 3 unknown words are looked up; without a
// SpellingLookup, a query of more than 4 words that matches 10 or more
// articles is left alone (each lookup would be Xapian's slow search).
//
// Cost: one term lookup per query word (plus up to two stem lookups per
// index language for a word that is no term), two word-list binary searches
// per word the index lacks (the first call loads both lists, ~0.25 s), plus
// one suggestion lookup per unknown word, at most 3. Through a
// SpellingLookup (the Searcher's) that is Xapian's spelling-table search for
// the first few lookups of a revision (2 ms median for words of 4-7
// letters, 5 ms for 8-11, 12 ms for 12-15 on 20,000 articles) and then the
// SpellingIndex (search/spelling_index.hpp: microseconds). Thread-safety:
// uses the given database, analyzer and lookup; one corrector per thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "search/spelling_index.hpp"

namespace archivar::search {

class SpellingCorrector {
 public:
  // `languages`: the index's languages (L terms), whose stems mark a word as
  // known; empty: only the word itself is looked up.
  // `lookup`: where suggestions come from (search/spelling_index.hpp);
  // null: Xapian's get_spelling_suggestion (shard sets, tests).
  SpellingCorrector(const Xapian::Database& db, analysis::TextAnalyzer& analyzer,
                    std::vector<std::string> languages = {}, SpellingLookup* lookup = nullptr)
      : db_(db), analyzer_(analyzer), languages_(std::move(languages)), lookup_(lookup) {}

  // `matches`: how many articles the query itself matches (estimated);
  // without a lookup, a query of more than 4 words with 10 or more matches
  // is not corrected; with 0 matches dictionary words are corrected too.
  [[nodiscard]] std::string correct(std::string_view query, std::uint64_t matches);

 private:
  // True if the stem of `term` in some index language is an index term.
  [[nodiscard]] bool stem_is_known(const std::string& term);

  const Xapian::Database& db_;
  analysis::TextAnalyzer& analyzer_;
  std::vector<std::string> languages_;
  SpellingLookup* lookup_;
};

}  // namespace archivar::search
