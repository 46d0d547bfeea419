#include "index/document_builder.hpp"

#include <string>
#include <vector>

#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "index/terms.hpp"
#include "index/value_list.hpp"

namespace archivar::index {

std::string DocumentBuilder::add_boolean(Xapian::Document& document, std::string_view prefix,
                                         std::string_view value) {
  if (value.empty()) return {};
  std::string term = boolean_term(analyzer_, prefix, value);
  document.add_boolean_term(term);
  return term.substr(prefix.size());
}

Xapian::Document DocumentBuilder::build(const Article& article, const Article& stored) {
  Xapian::Document document;
  const std::string& lang = article.lang;
  const bool stems = analyzer_.can_stem(lang);

  // Words get a positional unstemmed term; spelling variants and compound
  // parts only their stem: a phrase is typed in one spelling, and parts as
  // plain terms would turn up as search-box completions ("bund" for
  // "Bundestag") and bloat the position table.
  //
  // Terms without positions (Z and ZS stems) are summed in `stem_wdf_` and
  // given to the document once each at the end: a hash lookup per token
  // instead of a search of the document's std::map, same terms and wdfs.
  stem_wdf_.clear();
  auto add_stem = [&](std::string_view prefix, std::string_view stem, Xapian::termcount wdf) {
    term_.assign(prefix);
    term_ += stem;
    const auto found = stem_wdf_.find(std::string_view(term_));
    if (found != stem_wdf_.end()) {
      found->second += wdf;
    } else {
      stem_wdf_.emplace(term_, wdf);
    }
  };
  auto add_free_text = [&](const Token& token, Xapian::termcount wdf) {
    if (token.kind == TokenKind::word) document.add_posting(token.term, token.position, wdf);
    add_stem(schema::kStem, stems ? token.stem : token.term, wdf);
  };

  const std::uint32_t after_title =
      analyzer_.analyze(article.title, lang, 1, [&](const Token& token) {
        if (token.kind == TokenKind::word) {
          term_.assign(schema::kTitle);
          term_ += token.term;
          document.add_posting(term_, token.position);
        }
        // wdf 0: for matching title: only, so document lengths (and BM25
        // of every other query) stay as they were.
        add_stem(schema::kTitleStem, stems ? token.stem : token.term, 0);
        add_free_text(token, kTitleWdf);
      });
  SimHasher hasher;
  analyzer_.analyze(article.body, lang, after_title + schema::kBodyPositionGap,
                    [&](const Token& token) {
                      add_free_text(token, 1);
                      if (token.kind == TokenKind::word) hasher.add_word(token.term);
                    });
  simhash_ = hasher.finish();
  for (const auto& [term, wdf] : stem_wdf_) document.add_term(term, wdf);

  term_.assign(schema::kId);
  term_ += article.id;
  document.add_boolean_term(term_);
  if (!lang.empty()) {
    document.add_boolean_term(std::string(schema::kLanguage) + lang);
    document.add_value(schema::kLanguageSlot, lang);
  }
  // Facet slots hold the boolean terms' values (see schema.hpp).
  if (!article.url.empty()) document.add_boolean_term(url_term(article.url));
  const std::string author = add_boolean(document, schema::kAuthor, article.author);
  if (!author.empty()) document.add_value(schema::kAuthorSlot, std::string(author));
  const std::string source = add_boolean(document, schema::kSource, article.source);
  if (!source.empty()) document.add_value(schema::kSourceSlot, std::string(source));
  std::vector<std::string> tags;
  for (const std::string& tag : article.tags) {
    const std::string normalized = add_boolean(document, schema::kTag, tag);
    if (!normalized.empty()) tags.emplace_back(normalized);
  }
  if (!tags.empty()) document.add_value(schema::kTagsSlot, encode_value_list(tags));

  if (article.date.size() == 10) {  // YYYY-MM-DD, validated by the caller
    const std::string day =
        article.date.substr(0, 4) + article.date.substr(5, 2) + article.date.substr(8, 2);
    document.add_boolean_term(std::string(schema::kDay) + day);
    document.add_boolean_term(std::string(schema::kMonth) + day.substr(0, 6));
    document.add_boolean_term(std::string(schema::kYear) + day.substr(0, 4));
    document.add_value(schema::kDateSlot, day);
    document.add_value(schema::kYearSlot, day.substr(0, 4));
    document.add_value(schema::kMonthSlot, article.date.substr(0, 7));
  }
  StoredRecords records = encode_stored_fields(stored);
  document.add_value(schema::kDisplaySlot, std::move(records.display));
  document.set_data(std::move(records.data));
  return document;
}

}  // namespace archivar::index
