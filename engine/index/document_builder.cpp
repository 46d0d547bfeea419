#include "index/document_builder.hpp"

#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "index/terms.hpp"

namespace archivar::index {

void DocumentBuilder::add_boolean(Xapian::Document& document, std::string_view prefix,
                                  std::string_view value) {
  if (value.empty()) return;
  document.add_boolean_term(boolean_term(analyzer_, prefix, value));
}

Xapian::Document DocumentBuilder::build(const Article& article) {
  Xapian::Document document;
  const std::string& lang = article.lang;
  const bool stems = analyzer_.can_stem(lang);

  auto add_free_text = [&](const Token& token, Xapian::termcount wdf) {
    document.add_posting(token.term, token.position, wdf);
    term_.assign(schema::kStem);
    term_ += stems ? token.stem : token.term;
    document.add_term(term_, wdf);
  };

  const std::uint32_t after_title =
      analyzer_.analyze(article.title, lang, 1, [&](const Token& token) {
        term_.assign(schema::kTitle);
        term_ += token.term;
        document.add_posting(term_, token.position);
        // wdf 0: for matching title: only, so document lengths (and BM25
        // of every other query) stay as they were.
        term_.assign(schema::kTitleStem);
        term_ += stems ? token.stem : token.term;
        document.add_term(term_, 0);
        add_free_text(token, kTitleWdf);
      });
  analyzer_.analyze(article.body, lang, after_title + schema::kBodyPositionGap,
                    [&](const Token& token) { add_free_text(token, 1); });

  term_.assign(schema::kId);
  term_ += article.id;
  document.add_boolean_term(term_);
  if (!lang.empty()) document.add_boolean_term(std::string(schema::kLanguage) + lang);
  add_boolean(document, schema::kAuthor, article.author);
  add_boolean(document, schema::kSource, article.source);
  for (const std::string& tag : article.tags) add_boolean(document, schema::kTag, tag);
  if (!article.url.empty()) document.add_boolean_term(url_term(article.url));

  if (article.date.size() == 10) {  // YYYY-MM-DD, validated by the caller
    const std::string day = article.date.substr(0, 4) + article.date.substr(5, 2) +
                            article.date.substr(8, 2);
    document.add_boolean_term(std::string(schema::kDay) + day);
    document.add_boolean_term(std::string(schema::kMonth) + day.substr(0, 6));
    document.add_boolean_term(std::string(schema::kYear) + day.substr(0, 4));
    document.add_value(schema::kDateSlot, day);
  }
  document.set_data(encode_stored_fields(article));
  return document;
}

}  // namespace archivar::index
