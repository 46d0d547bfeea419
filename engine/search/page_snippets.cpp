#include "search/page_snippets.hpp"

#include <algorithm>
#include <utility>

#include "index/schema.hpp"
#include "index/stored_fields.hpp"

namespace archivar::search {

PageSnippets::PageSnippets(std::vector<Xapian::docid> docids, std::vector<LanguageTerms> languages,
                           const SnippetOptions& options, const QueryPhrases* phrases,
                           const std::vector<std::string>* prefixes, const DisplayColumn* display)
    : docids_(std::move(docids)),
      languages_(std::move(languages)),
      options_(options),
      phrases_(phrases),
      prefixes_(prefixes),
      display_(display),
      articles_(docids_.size()),
      snippets_(docids_.size()),
      titles_(docids_.size()),
      built_(docids_.size(), 0) {}

void PageSnippets::build_unclaimed(Xapian::Database& db, index::BodyDecompressor& bodies,
                                   SnippetBuilder& builder) {
  for (;;) {
    const std::size_t index = next_.fetch_add(1, std::memory_order_relaxed);
    if (index >= docids_.size()) return;
    (void)build(index, db, bodies, builder, nullptr);
  }
}

void PageSnippets::build_missing(Xapian::Database& db, index::BodyDecompressor& bodies,
                                 SnippetBuilder& builder, SnippetTerms& terms) {
  for (std::size_t index = 0; index < docids_.size(); ++index) {
    if (!built_[index]) (void)build(index, db, bodies, builder, &terms);
  }
}

bool PageSnippets::build(std::size_t index, Xapian::Database& db, index::BodyDecompressor& bodies,
                         SnippetBuilder& builder, SnippetTerms* terms) {
  // The docid comes from the ranked match, so the article exists: without
  // DOC_ASSUME_VALID Xapian would first read its length (one more B-tree
  // look-up, a 32 KB block, per hit).
  const Xapian::Document document = db.get_document(docids_[index], Xapian::DOC_ASSUME_VALID);
  std::string data;  // the (compressed) body record, read once
  bool data_read = false;
  const auto read_data = [&]() -> const std::string& {
    if (!data_read) {
      data = document.get_data();
      data_read = true;
    }
    return data;
  };
  const std::string_view held =
      display_ != nullptr ? display_->record(docids_[index]) : std::string_view();
  Article article = index::decode_display_fields(
      held.empty() ? std::string_view(document.get_value(schema::kDisplaySlot)) : held,
      [&] { return read_data(); });
  const QueryTerms* hit_terms = nullptr;
  const TermWeights* weights = nullptr;
  const auto entry = std::find_if(languages_.begin(), languages_.end(),
                                  [&](const LanguageTerms& e) { return e.lang == article.lang; });
  if (entry != languages_.end()) {
    hit_terms = entry->terms;
    weights = entry->weights;
  } else if (terms != nullptr) {
    hit_terms = &terms->for_language(article.lang);
    weights = terms->weights_for_language(article.lang);
  } else {
    return false;
  }
  std::string decoded;  // a version-1 or compressed record's body
  const std::string_view body = index::body_view(read_data(), decoded, &bodies);
  const std::string_view text = body.empty() ? std::string_view(article.title) : body;
  snippets_[index] =
      builder.build(text, article.lang, *hit_terms, options_, weights, phrases_, prefixes_);
  titles_[index] =
      builder.build(article.title, article.lang, *hit_terms,
                    title_snippet_options(options_, article.title), weights, phrases_, prefixes_);
  articles_[index] = std::move(article);
  built_[index] = 1;
  return true;
}

SnippetOptions title_snippet_options(SnippetOptions options, std::string_view title) {
  options.length = std::max<std::size_t>(title.size(), 1);
  options.analyze_whole_text = true;
  return options;
}

}  // namespace archivar::search
