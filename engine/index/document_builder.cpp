#include "index/document_builder.hpp"

#include "index/schema.hpp"
#include "index/stored_fields.hpp"

namespace archivar::index {

namespace {

// Truncates at a UTF-8 character boundary to at most `limit` bytes.
std::string_view clip_utf8(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace

void DocumentBuilder::add_boolean(Xapian::Document& document, std::string_view prefix,
                                  std::string_view value) {
  if (value.empty()) return;
  term_.assign(prefix);
  term_ += clip_utf8(analyzer_.normalize(value), analysis::kMaxTermBytes);
  document.add_boolean_term(term_);
}

Xapian::Document DocumentBuilder::build(const Article& article, const Article& stored) {
  Xapian::Document document;
  const std::string& lang = article.lang;
  const bool stems = analyzer_.can_stem(lang);

  // Words and compound parts get a positional unstemmed term; spelling
  // variants only their stem (a phrase is typed in one spelling).
  auto add_free_text = [&](const Token& token, Xapian::termcount wdf) {
    if (token.kind != TokenKind::variant) document.add_posting(token.term, token.position, wdf);
    term_.assign(schema::kStem);
    term_ += stems ? token.stem : token.term;
    document.add_term(term_, wdf);
  };

  const std::uint32_t after_title =
      analyzer_.analyze(article.title, lang, 1, [&](const Token& token) {
        if (token.kind == TokenKind::word) {
          term_.assign(schema::kTitle);
          term_ += token.term;
          document.add_posting(term_, token.position);
        }
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

  if (article.date.size() == 10) {  // YYYY-MM-DD, validated by the caller
    const std::string day = article.date.substr(0, 4) + article.date.substr(5, 2) +
                            article.date.substr(8, 2);
    document.add_boolean_term(std::string(schema::kDay) + day);
    document.add_boolean_term(std::string(schema::kMonth) + day.substr(0, 6));
    document.add_boolean_term(std::string(schema::kYear) + day.substr(0, 4));
    document.add_value(schema::kDateSlot, day);
  }
  document.set_data(encode_stored_fields(stored));
  return document;
}

}  // namespace archivar::index
