// A test fixture for query rewrites that must keep a query's matches and
// BM25 weights: an index of the corpora's first 300 German and 300 English
// articles (built once per test suite), the analyzer and languages the
// Searcher would use on it, and a check that two queries match the same
// articles with the same weights.
#pragma once

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analysis_options.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/article.hpp"
#include "archivar/index.hpp"
#include "corpus_articles.hpp"
#include "index/schema.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"
#include "temp_dir.hpp"

namespace archivar::testing_support {

// Every match of `query` with its BM25 weight (the Searcher's parameters).
inline std::map<Xapian::docid, double> match_weights(const Xapian::Database& db,
                                                     const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.1));
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::map<Xapian::docid, double> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
  return out;
}

// The index's language codes (its L terms), as the Searcher reads them;
// `with_language` (optional): how many articles have one.
inline std::vector<std::string> index_languages(const Xapian::Database& db,
                                                Xapian::doccount* with_language = nullptr) {
  std::vector<std::string> languages;
  const std::string prefix(schema::kLanguage);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    languages.push_back((*it).substr(prefix.size()));
    if (with_language != nullptr) *with_language += it.get_termfreq();
  }
  return languages;
}

// No articles beyond the corpora's.
struct NoExtraArticles {
  static std::vector<Article> articles() { return {}; }
};

// `Extras::articles()`: articles of the test's own added after the corpora's.
template <typename Extras>
class CorpusQueryTestWith : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    Index index(*dir_ / "db");
    add_corpus_articles(index, {"en_reuters21578.jsonl.gz", "de_10kgnad_test.jsonl.gz"}, 300);
    for (const Article& article : Extras::articles()) (void)index.add(article);
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    db_ = Xapian::Database((*dir_ / "db").string());
    analyzer_ = std::make_unique<analysis::TextAnalyzer>(
        analysis::AnalysisOptions::decode(db_.get_metadata(std::string(schema::kAnalysisKey))));
    languages_ = index_languages(db_);
  }

  // A query as the Searcher builds it (known words' prefix neighbours
  // included); `all_words`: every word required.
  Xapian::Query built(const std::string& text, bool all_words = false) {
    query::QueryBuilder builder(*analyzer_, languages_);
    builder.set_database(db_);
    builder.set_known_words_back_off(true);
    return builder.build(query::parse_query(text), all_words);
  }

  // Checks that `rewritten` keeps the matches and weights of `query`.
  void check_same(const std::string& text, const Xapian::Query& query,
                  const Xapian::Query& rewritten) {
    const std::map<Xapian::docid, double> expected = match_weights(db_, query);
    const std::map<Xapian::docid, double> got = match_weights(db_, rewritten);
    EXPECT_FALSE(expected.empty()) << text;
    EXPECT_EQ(got.size(), expected.size()) << text << ": " << rewritten.get_description();
    for (const auto& [docid, weight] : expected) {
      const auto it = got.find(docid);
      if (it == got.end()) {
        ADD_FAILURE() << text << ": article " << docid << " lost";
        continue;
      }
      EXPECT_NEAR(it->second, weight, 1e-9 * weight) << text << ": article " << docid;
    }
  }

  static inline TempDir* dir_ = nullptr;
  Xapian::Database db_;
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
  std::vector<std::string> languages_;
};

using CorpusQueryTest = CorpusQueryTestWith<NoExtraArticles>;

}  // namespace archivar::testing_support
