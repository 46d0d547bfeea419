// SnippetTerms: the query terms a hit's snippet looks for and marks.
//
// The query's Xapian terms (search/passage_locator.hpp QueryTerms) without
// the ones that most articles of the hit's language hold: function words
// ("the", "of", "und", "die": in more than kCommonSnippetShare as many
// articles as the index has in the hit's language; a term of another
// language is then left out only where it hardly occurs anyway). 0.4 keeps
// a topical corpus's frequent content words ("government" in 29 % of 300
// BBC articles) and leaves out "the", "of", "for", "will", "und", "wie".
// The language needs at least kMinArticlesForShares articles: below that
// a share says little, and every term is kept. When every term is that
// common ("und nicht") nothing is left out either. The words of a quoted
// phrase are always kept ("the who": the snippet marks the phrase).
//
// Why: a question's snippet showed the passage with the most of "the",
// "of", "as" and "did" beside one content word, every one of them marked,
// and the locator analyzed each of their occurrences in a long body.
//
// Term frequencies come from the Searcher's TermFreqs (one hash lookup per
// term once known); the article count of a language from its L term.
// Cost: per request and hit language, one lookup per query term and one
// set copy. Thread-safety: none (the Searcher's thread).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "query/term_freqs.hpp"
#include "search/passage_locator.hpp"
#include "search/snippet_builder.hpp"

namespace archivar::search {

// A term in more than this share of its language's articles is left out
// of snippets (when a rarer one remains).
inline constexpr double kCommonSnippetShare = 0.4;
// Languages with fewer articles keep every term.
inline constexpr Xapian::doccount kMinArticlesForShares = 200;

class SnippetTerms {
 public:
  // `terms`, `freqs` and `keep` (may be null: none) must outlive this
  // object; terms in `keep` (a phrase's words) are never left out.
  SnippetTerms(const QueryTerms& terms, query::TermFreqs& freqs, const QueryTerms* keep = nullptr)
      : terms_(terms), freqs_(freqs), keep_(keep) {}

  // The terms for a hit in language `lang` ("" or unknown: shares of the
  // whole index).
  [[nodiscard]] const QueryTerms& for_language(std::string_view lang);

  // What each of those terms is worth to a snippet window of such a hit:
  // its inverse document frequency among the language's articles (BM25's
  // ln(1 + (N - n + 0.5) / (n + 0.5)), times kUniformWeight), so that a
  // passage with the query's rare words wins over one with its frequent
  // ones ("did", "how", "many"). Null (every term alike) where the language
  // has fewer than kMinArticlesForShares articles.
  [[nodiscard]] const TermWeights* weights_for_language(std::string_view lang);

 private:
  struct ForLanguage {
    QueryTerms terms;
    TermWeights weights;
    bool weighted = false;
  };
  const ForLanguage& of(std::string_view lang);

  const QueryTerms& terms_;
  query::TermFreqs& freqs_;
  const QueryTerms* keep_;
  std::map<std::string, ForLanguage, std::less<>> by_language_;
};

}  // namespace archivar::search
