// CLucene 2.3 (Debian's libclucene-dev), as its documentation writes it:
// contribs' SnowballAnalyzer (StandardTokenizer, StandardFilter,
// LowerCaseFilter, Snowball stemmer; no stop words) in the article's
// language, passed per document to IndexWriter::addDocument; fields id
// (stored, not tokenized), title and body (stored, tokenized); the field
// truncation raised from CLucene's default of 10,000 tokens to unlimited;
// default merge settings and compound files, one close at the end.
// Queries: MultiFieldQueryParser over title and body with the query
// language's SnowballAnalyzer, AND as default operator for AND queries, one
// quoted phrase for phrase queries, top 10 by CLucene's ranking, which is
// Lucene's classic TF-IDF (DefaultSimilarity): CLucene has no BM25.
//
// CLucene works on wchar_t (TCHAR); text is converted from UTF-8 here.
// Document::add takes ownership of each Field (CLucene's convention).
// Thread-safety: one writer per index; one reader (IndexSearcher) per thread.
#include <CLucene.h>
#include <CLucene/queryParser/MultiFieldQueryParser.h>
#include <CLucene/snowball/SnowballAnalyzer.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "engines.hpp"

namespace archivar::compare {

namespace {

using lucene::analysis::snowball::SnowballAnalyzer;
using lucene::document::Document;
using lucene::document::Field;

// UTF-8 → UTF-32 wchar_t; an invalid byte becomes U+FFFD. Linear in bytes.
std::wstring widen(const std::string& text) {
  std::wstring out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int extra = lead < 0x80           ? 0
                      : (lead >> 5) == 0x6  ? 1
                      : (lead >> 4) == 0xE  ? 2
                      : (lead >> 3) == 0x1E ? 3
                                            : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) {
      out.push_back(L'\uFFFD');
      ++i;
      continue;
    }
    char32_t code = extra == 0 ? lead : lead & (0x3F >> extra);
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) valid = false;
      code = (code << 6) | (next & 0x3F);
    }
    out.push_back(valid ? static_cast<wchar_t>(code) : L'\uFFFD');
    i += valid ? static_cast<std::size_t>(extra) + 1 : 1;
  }
  return out;
}

// UTF-32 → UTF-8 (ids are ASCII in practice).
std::string narrow(const wchar_t* text) {
  std::string out;
  for (; *text; ++text) {
    const auto code = static_cast<std::uint32_t>(*text);
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }
  return out;
}

// Field configurations (CLucene ORs two different enums into an int).
constexpr int kStoredKeyword =
    static_cast<int>(Field::STORE_YES) | static_cast<int>(Field::INDEX_UNTOKENIZED);
constexpr int kStoredText =
    static_cast<int>(Field::STORE_YES) | static_cast<int>(Field::INDEX_TOKENIZED);

// The Snowball stemmer name CLucene expects, or nullptr for "no stemmer".
const wchar_t* snowball_name(const std::string& lang) {
  if (lang == "de") return L"german";
  if (lang == "en") return L"english";
  return nullptr;
}

// One analyzer per language (plus a plain StandardAnalyzer for languages
// without a stemmer), owned here and reused for every document and query.
class Analyzers {
 public:
  Analyzers() : german_(L"german"), english_(L"english") {}
  lucene::analysis::Analyzer* for_language(const std::string& lang) {
    const wchar_t* name = snowball_name(lang);
    if (name == nullptr) return &standard_;
    return lang == "de" ? static_cast<lucene::analysis::Analyzer*>(&german_) : &english_;
  }

 private:
  SnowballAnalyzer german_;
  SnowballAnalyzer english_;
  lucene::analysis::standard::StandardAnalyzer standard_;
};

std::string message_of(CLuceneError& error) {
  return std::string("CLucene: ") + (error.what() ? error.what() : "unknown error");
}

class CLuceneWriter final : public Writer {
 public:
  explicit CLuceneWriter(const std::filesystem::path& db) {
    std::filesystem::create_directories(db);
    try {
      writer_ = std::make_unique<lucene::index::IndexWriter>(db.string().c_str(),
                                                             analyzers_.for_language("en"), true);
    } catch (CLuceneError& error) {
      throw std::runtime_error(message_of(error));
    }
    writer_->setMaxFieldLength(std::numeric_limits<std::int32_t>::max());
  }

  ~CLuceneWriter() override {
    if (writer_) {
      try {
        writer_->close();
      } catch (CLuceneError&) {  // already reported by finish(), or nothing to report
      }
    }
  }

  void add(const Article& article) override {
    Document document;
    document.add(*new Field(L"id", widen(article.id).c_str(), kStoredKeyword));
    document.add(*new Field(L"title", widen(article.title).c_str(), kStoredText));
    document.add(*new Field(L"body", widen(article.body).c_str(), kStoredText));
    try {
      writer_->addDocument(&document, analyzers_.for_language(article.lang));
    } catch (CLuceneError& error) {
      throw std::runtime_error(message_of(error));
    }
  }

  void finish() override {
    try {
      writer_->close();
    } catch (CLuceneError& error) {
      throw std::runtime_error(message_of(error));
    }
    writer_.reset();
  }

 private:
  Analyzers analyzers_;
  std::unique_ptr<lucene::index::IndexWriter> writer_;
};

class CLuceneReader final : public Reader {
 public:
  explicit CLuceneReader(const std::filesystem::path& db) {
    try {
      searcher_ = std::make_unique<lucene::search::IndexSearcher>(db.string().c_str());
    } catch (CLuceneError& error) {
      throw std::runtime_error(message_of(error));
    }
  }

  ~CLuceneReader() override {
    try {
      searcher_->close();
    } catch (CLuceneError&) {  // nothing useful to do while destroying
    }
  }

  std::vector<std::string> search(const BenchQuery& query) override {
    // The words alone (the real questions carry '?' and other query syntax).
    std::string words;
    for (const std::string& word : query.words) words += (words.empty() ? "" : " ") + word;
    if (query.kind == QueryKind::phrase) words = "\"" + words + "\"";
    const wchar_t* fields[] = {L"title", L"body", nullptr};
    lucene::queryParser::MultiFieldQueryParser parser(fields, analyzers_.for_language(query.lang));
    if (query.kind == QueryKind::two_and) {
      parser.setDefaultOperator(lucene::queryParser::QueryParser::AND_OPERATOR);
    }
    std::vector<std::string> ids;
    try {
      const std::unique_ptr<lucene::search::Query> parsed(parser.parse(widen(words).c_str()));
      const std::unique_ptr<lucene::search::TopDocs> top(
          searcher_->_search(parsed.get(), nullptr, 10));
      for (std::int32_t i = 0; i < top->scoreDocsLength; ++i) {
        Document document;
        searcher_->doc(top->scoreDocs[i].doc, document);
        ids.push_back(narrow(document.get(L"id")));
      }
    } catch (CLuceneError& error) {
      throw std::runtime_error(message_of(error));
    }
    return ids;
  }

 private:
  Analyzers analyzers_;
  std::unique_ptr<lucene::search::IndexSearcher> searcher_;
};

}  // namespace

std::unique_ptr<Writer> clucene_writer(const std::filesystem::path& db) {
  return std::make_unique<CLuceneWriter>(db);
}
std::unique_ptr<Reader> clucene_reader(const std::filesystem::path& db) {
  return std::make_unique<CLuceneReader>(db);
}

}  // namespace archivar::compare
