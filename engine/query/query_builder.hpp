// QueryBuilder: syntax tree + TextAnalyzer + index languages → Xapian::Query.
//
// Every word is analyzed exactly like indexed text. A word becomes the
// OP_SYNONYM of its Z-stems in every language of the index (BM25 then counts
// it as one term, whatever the article's language). A word the tokenizer
// splits ("Win-Win-Situation", "1-DM-Goldmünze") and a "quoted phrase" become
// OP_PHRASE over the unstemmed terms; a one-word phrase is the exact
// unstemmed term. Clauses combine as: required AND-ed, optional OR-ed (or
// AND-ed with match_all_words) and ranked on top of the required part,
// excluded AND_NOT-ed. A query of exclusions only excludes from everything.
//
// Cost: O(query length) plus one stem per word and language.
// Thread-safety: uses the analyzer it is given; one builder per thread.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/text_analyzer.hpp"
#include "query/query_syntax.hpp"

namespace archivar::query {

class QueryBuilder {
 public:
  // `languages`: language codes of the articles in the index (the L terms).
  QueryBuilder(analysis::TextAnalyzer& analyzer, std::vector<std::string> languages)
      : analyzer_(analyzer), languages_(std::move(languages)) {}

  // An empty Xapian::Query when nothing searchable is left (e.g. only
  // punctuation); the caller decides what that means.
  [[nodiscard]] Xapian::Query build(const ParsedQuery& parsed, bool match_all_words);

  // The stemmed-term query for one normalized word (exposed for tests).
  [[nodiscard]] Xapian::Query word_query(const std::string& term);

 private:
  [[nodiscard]] Xapian::Query atom_query(const Atom& atom);

  analysis::TextAnalyzer& analyzer_;
  std::vector<std::string> languages_;
};

}  // namespace archivar::query
