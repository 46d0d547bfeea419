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
// Compound parts, spelling variants and words with digits are never
// corrected, only the first 3 unknown words are looked up, and a query of
// more than 4 words that matches 10 or more articles is left alone (long
// questions rarely need it, and each lookup costs about a millisecond).
//
// Cost: one term lookup per query word, two word-list binary searches per
// word the index lacks (the first call loads both lists, ~0.25 s), plus a spelling-table search
// (0.2-2 ms on a 20,000-article index) per unknown word, at most 3. Thread-safety: uses the given
// database and analyzer; one corrector per thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "analysis/text_analyzer.hpp"

namespace archivar::search {

class SpellingCorrector {
 public:
  SpellingCorrector(const Xapian::Database& db, analysis::TextAnalyzer& analyzer)
      : db_(db), analyzer_(analyzer) {}

  // `matches`: how many articles the query itself matches (estimated); a
  // query of more than 4 words with 10 or more matches is not corrected,
  // and with 0 matches dictionary words are corrected too.
  [[nodiscard]] std::string correct(std::string_view query, std::uint64_t matches);

 private:
  const Xapian::Database& db_;
  analysis::TextAnalyzer& analyzer_;
};

}  // namespace archivar::search
