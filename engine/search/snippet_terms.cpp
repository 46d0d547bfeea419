#include "search/snippet_terms.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "index/schema.hpp"

namespace archivar::search {

const QueryTerms& SnippetTerms::for_language(std::string_view lang) { return of(lang).terms; }

const TermWeights* SnippetTerms::weights_for_language(std::string_view lang) {
  const ForLanguage& found = of(lang);
  return found.weighted ? &found.weights : nullptr;
}

const SnippetTerms::ForLanguage& SnippetTerms::of(std::string_view lang) {
  const auto found = by_language_.find(lang);
  if (found != by_language_.end()) return found->second;
  const Xapian::Database& db = freqs_.database();
  Xapian::doccount articles =
      lang.empty() ? 0 : freqs_(std::string(schema::kLanguage) + std::string(lang));
  if (articles == 0) articles = db.get_doccount();
  ForLanguage kept;
  if (articles >= kMinArticlesForShares) {
    const double total = articles;
    for (const std::string& term : terms_) {
      const double holders = freqs_(term);
      const bool kept_for_phrase = keep_ != nullptr && keep_->contains(term);
      if (holders > kCommonSnippetShare * total && !kept_for_phrase) continue;
      kept.terms.insert(term);
      const double idf = std::log1p((total - holders + 0.5) / (holders + 0.5));
      kept.weights.emplace(term, std::max<std::uint64_t>(
                                     1, std::llround(idf * static_cast<double>(kUniformWeight))));
    }
    kept.weighted = !kept.terms.empty();
  }
  if (kept.terms.empty()) {  // only common words (or too few articles): all of them, alike
    kept.terms = terms_;
    kept.weights.clear();
    kept.weighted = false;
  }
  return by_language_.emplace(std::string(lang), std::move(kept)).first->second;
}

}  // namespace archivar::search
