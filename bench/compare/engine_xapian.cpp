// Raw Xapian 1.4, as the tutorial writes it: TermGenerator with the Snowball
// stemmer of the article's language (title also indexed with prefix S, then
// the body after a position gap), the record stored as document data,
// replace_document on a Q<id> term, default flush threshold, one commit at
// the end; QueryParser with the query's language stemmer, STEM_SOME on
// lower-cased queries (so every word is stemmed), default flags, BM25
// (Enquire's default weighting), top 10. With a snippet length, each hit's
// body (the record after its second line) also goes through MSet::snippet
// with the same stemmer and the default flags (background model,
// exhaustive), as Omega does.
#include <xapian.h>

#include "engines.hpp"

namespace archivar::compare {

namespace {

const char* stemmer_name(const std::string& lang) {
  if (lang == "de") return "german";
  if (lang == "en") return "english";
  return "none";
}

class XapianWriter final : public Writer {
 public:
  explicit XapianWriter(const std::filesystem::path& db)
      : db_(db.string(), Xapian::DB_CREATE_OR_OVERWRITE) {}

  void add(const Article& article) override {
    Xapian::Document document;
    generator_.set_stemmer(Xapian::Stem(stemmer_name(article.lang)));
    generator_.set_document(document);
    generator_.index_text(article.title, 1, "S");
    generator_.index_text(article.title);
    generator_.increase_termpos();
    generator_.index_text(article.body);
    document.set_data(article.id + "\n" + article.title + "\n" + article.body);
    const std::string id_term = "Q" + article.id;
    document.add_boolean_term(id_term);
    document.add_boolean_term("L" + article.lang);
    db_.replace_document(id_term, document);
  }

  void finish() override { db_.commit(); }

 private:
  Xapian::WritableDatabase db_;
  Xapian::TermGenerator generator_;
};

class XapianReader final : public Reader {
 public:
  XapianReader(const std::filesystem::path& db, std::size_t snippet_length)
      : db_(db.string()), snippet_length_(snippet_length) {}

  std::vector<std::string> search(const BenchQuery& query) override {
    Xapian::QueryParser parser;
    parser.set_database(db_);
    const Xapian::Stem stemmer(stemmer_name(query.lang));
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    if (query.kind == QueryKind::two_and) parser.set_default_op(Xapian::Query::OP_AND);
    const std::string text =
        query.kind == QueryKind::phrase ? "\"" + query.text + "\"" : query.text;
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser.parse_query(text));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::size_t id_end = data.find('\n');
      ids.push_back(data.substr(0, id_end));
      if (snippet_length_ > 0) {
        const std::size_t title_end =
            id_end == std::string::npos ? std::string::npos : data.find('\n', id_end + 1);
        const std::string body =
            title_end == std::string::npos ? std::string() : data.substr(title_end + 1);
        snippet_bytes_ += mset.snippet(body, snippet_length_, stemmer).size();
      }
    }
    return ids;
  }

 private:
  Xapian::Database db_;
  std::size_t snippet_length_;
  std::size_t snippet_bytes_ = 0;  // keeps the snippets' work observable
};

}  // namespace

std::unique_ptr<Writer> xapian_writer(const std::filesystem::path& db) {
  return std::make_unique<XapianWriter>(db);
}
std::unique_ptr<Reader> xapian_reader(const std::filesystem::path& db, std::size_t snippet_length) {
  return std::make_unique<XapianReader>(db, snippet_length);
}

}  // namespace archivar::compare
