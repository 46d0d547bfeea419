// SpellingCorrector: "did you mean" for a search-box string, from the
// index's own vocabulary (Xapian's spelling table, which Index fills with
// each article's words; see IndexOptions::spelling).
//
// Each word of the query that no article contains (its normalized form is
// not an index term) is replaced by Xapian's best suggestion within edit
// distance 2 (the most frequent such word); words that exist, operators,
// quotes and field names are kept as typed. Returns "" when nothing changes
// or the index has no spelling data.
//
// Cost: one term lookup per query word, plus a spelling-table search (a few
// hundred microseconds) per unknown word. Thread-safety: uses the given
// database and analyzer; one corrector per thread.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "analysis/text_analyzer.hpp"

namespace archivar::search {

class SpellingCorrector {
 public:
  SpellingCorrector(const Xapian::Database& db, analysis::TextAnalyzer& analyzer)
      : db_(db), analyzer_(analyzer) {}

  [[nodiscard]] std::string correct(std::string_view query);

 private:
  const Xapian::Database& db_;
  analysis::TextAnalyzer& analyzer_;
};

}  // namespace archivar::search
