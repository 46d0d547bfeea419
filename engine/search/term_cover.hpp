// Which query terms the match set may skip: a word's exact (unstemmed) form
// is held only by articles that also hold one of its Z stems.
//
// The rule comes from index::DocumentBuilder: every `word` token of title
// and body adds the unstemmed term t (unprefixed) and Z + stem(t, L), L the
// article's language (Z + t itself when Snowball has no stemmer for L or the
// article has no language). So the articles holding t lie inside the union
// of Z + stem(t, l) over the index's languages l (the L terms), plus Z + t
// when some article has no language. The query builder's word query ORs the
// exact form (a small ranking bonus) with exactly those stems, so the match
// set need not walk the exact form's postings at all (search/match_set.hpp).
// A title word also adds S<t> (positions only in the title), so S<t> has
// t's cover: the title terms search/title_boost_fold.hpp ORs into a query
// are skipped too.
// Pinned on real text by tests/term_cover_test.cpp; a change to how the
// document builder indexes words must keep it (or change this rule).
//
// Cost: one stem per index language per call. Thread-safety: uses the
// analyzer it is given (not thread-safe); one TermCover per thread.
#pragma once

#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"

namespace archivar::search {

class TermCover {
 public:
  // `languages`: the index's language codes (its L terms);
  // `every_article_has_language`: the L terms' frequencies add up to the
  // document count. Both must describe the revision the cover is used on.
  TermCover(analysis::TextAnalyzer& analyzer, const std::vector<std::string>& languages,
            bool every_article_has_language)
      : analyzer_(analyzer),
        languages_(languages),
        every_article_has_language_(every_article_has_language) {}

  // Terms whose union holds every article holding `term` (Z-prefixed, each
  // with an empty cover itself); for S<t>, t's; empty when no rule applies: other prefixed terms
  // (an uppercase ASCII first byte, as every schema prefix has; analyzed
  // terms are case-folded) and the empty term.
  [[nodiscard]] std::vector<std::string> operator()(const std::string& term) const;

 private:
  analysis::TextAnalyzer& analyzer_;
  const std::vector<std::string>& languages_;
  bool every_article_has_language_;
};

}  // namespace archivar::search
