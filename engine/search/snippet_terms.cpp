#include "search/snippet_terms.hpp"

#include "index/schema.hpp"

namespace archivar::search {

const QueryTerms& SnippetTerms::for_language(std::string_view lang) {
  const auto found = by_language_.find(lang);
  if (found != by_language_.end()) return found->second;
  const Xapian::Database& db = freqs_.database();
  Xapian::doccount articles =
      lang.empty() ? 0 : freqs_(std::string(schema::kLanguage) + std::string(lang));
  if (articles == 0) articles = db.get_doccount();
  QueryTerms kept;
  if (articles >= kMinArticlesForShares) {
    for (const std::string& term : terms_) {
      if (static_cast<double>(freqs_(term)) <= kCommonSnippetShare * articles) kept.insert(term);
    }
  }
  if (kept.empty()) kept = terms_;  // only common words (or too few articles): all of them
  return by_language_.emplace(std::string(lang), std::move(kept)).first->second;
}

}  // namespace archivar::search
