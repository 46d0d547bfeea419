// search::chain_common_clauses: on real German and English articles (the
// corpora's first 300 each), real questions and queries built by the
// QueryBuilder get the same matches with the same BM25 weights once their
// common words' clauses are chained above the OR, and those clauses are
// chained (the rare words' are not).
#include "search/common_clause_chain.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analysis_options.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/article.hpp"
#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"
#include "index/schema.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"
#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;

// Every match of `query` with its BM25 weight (the Searcher's parameters).
std::map<Xapian::docid, double> weights(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.1));
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::map<Xapian::docid, double> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
  return out;
}

// Links of the chain: the OR nodes whose left side is a SCALE_WEIGHT 1.0.
std::size_t links(Xapian::Query query) {
  std::size_t count = 0;
  while (query.get_type() == Xapian::Query::OP_OR && query.get_num_subqueries() == 2 &&
         query.get_subquery(0).get_type() == Xapian::Query::OP_SCALE_WEIGHT) {
    ++count;
    query = query.get_subquery(0).get_subquery(0);
  }
  return count;
}

class CommonClauseChain : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    Index index(*dir_ / "db");
    const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
    for (const char* name : {"en_reuters21578.jsonl.gz", "de_10kgnad_test.jsonl.gz"}) {
      ArticleReader reader(corpora / name);
      Article article;
      Rejection rejection;
      for (int taken = 0; taken < 300;) {
        const auto status = reader.next(article, rejection);
        if (status == ArticleReader::Status::end) break;
        if (status == ArticleReader::Status::article) {
          (void)index.add(article);
          ++taken;
        }
      }
    }
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
    const std::string prefix(schema::kLanguage);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      languages_.push_back((*it).substr(prefix.size()));
    }
  }

  // A question's query as the Searcher builds it (known words' prefix
  // neighbours included).
  Xapian::Query built(const std::string& text) {
    query::QueryBuilder builder(*analyzer_, languages_);
    builder.set_database(db_);
    builder.set_known_words_back_off(true);
    return builder.build(query::parse_query(text), false);
  }

  // Checks that `chained` keeps the matches and weights of `query`.
  void check_same(const std::string& text, const Xapian::Query& query,
                  const Xapian::Query& chained) {
    const std::map<Xapian::docid, double> expected = weights(db_, query);
    const std::map<Xapian::docid, double> got = weights(db_, chained);
    EXPECT_FALSE(expected.empty()) << text;
    EXPECT_EQ(got.size(), expected.size()) << text << ": " << chained.get_description();
    for (const auto& [docid, weight] : expected) {
      const auto it = got.find(docid);
      if (it == got.end()) {
        ADD_FAILURE() << text << ": article " << docid << " lost";
        continue;
      }
      EXPECT_NEAR(it->second, weight, 1e-9 * weight) << text << ": article " << docid;
    }
  }

  static TempDir* dir_;
  Xapian::Database db_;
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
  std::vector<std::string> languages_;
};

TempDir* CommonClauseChain::dir_ = nullptr;

TEST_F(CommonClauseChain, SameMatchesAndWeights) {
  std::size_t chained_links = 0;
  for (const char* text :
       {"mit welcher Gewalt stellt eine Regierung sicher, dass niemand gegen die Regierung "
        "verstößt?",
        "wie hoch sind die Zinsen der Bundesbank in diesem Jahr?",
        "what is the price of oil in the world?", "shares rose on the stock exchange",
        "Wer gründete die Fabrik und wann?"}) {
    const Xapian::Query query = built(text);
    const Xapian::Query chained = chain_common_clauses(db_, query);
    check_same(text, query, chained);
    chained_links += links(chained);
  }
  // die, der, the, of, in, and ... are in far more than 1/20 of 600 articles.
  EXPECT_GE(chained_links, 8u);
}

TEST_F(CommonClauseChain, ChainsOnlyCommonClausesMostFrequentOnTop) {
  const Xapian::Query query = built("what is the price of oil in the world?");
  const Xapian::Query chained = chain_common_clauses(db_, query);
  ASSERT_GE(links(chained), 2u) << chained.get_description();
  // The top link's clause is `in` (German and English articles hold it: the
  // most frequent word), a rare word's clause (`oil`) stays in the rest.
  const std::string top = chained.get_subquery(1).get_description();
  EXPECT_NE(top.find("Zin "), std::string::npos) << top;
  Xapian::Query rest = chained;
  while (links(rest) > 0) rest = rest.get_subquery(0).get_subquery(0);
  EXPECT_NE(rest.get_description().find("Zoil"), std::string::npos) << rest.get_description();
  EXPECT_EQ(rest.get_description().find("Zthe "), std::string::npos) << rest.get_description();
}

TEST_F(CommonClauseChain, ChainsTheLeftSideOfAnAndMaybe) {
  // As a feedback expansion joins its stems (search/query_expansion.hpp).
  const std::string text = "shares of the company rose after the profits";
  const Xapian::Query expanded(
      Xapian::Query::OP_AND_MAYBE, built(text),
      Xapian::Query(
          Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zmarket"), Xapian::Query("Zbank")),
          0.5));
  const Xapian::Query chained = chain_common_clauses(db_, expanded);
  ASSERT_EQ(chained.get_type(), Xapian::Query::OP_AND_MAYBE);
  EXPECT_GE(links(chained.get_subquery(0)), 2u) << chained.get_description();
  check_same(text, expanded, chained);
}

TEST_F(CommonClauseChain, LeavesOtherQueriesAsTheyAre) {
  // Only rare words: nothing to chain.
  const Xapian::Query rare = built("Bundesbank Zinsen");
  EXPECT_EQ(chain_common_clauses(db_, rare).get_description(), rare.get_description());
  // Only common words: no rest to chain them above.
  const Xapian::Query common(Xapian::Query::OP_OR, Xapian::Query("Zthe"), Xapian::Query("Zdie"));
  EXPECT_EQ(chain_common_clauses(db_, common).get_description(), common.get_description());
  // Not an OR.
  const Xapian::Query phrase(Xapian::Query::OP_AND, Xapian::Query("Zthe"), Xapian::Query("Zoil"));
  EXPECT_EQ(chain_common_clauses(db_, phrase).get_description(), phrase.get_description());
}

}  // namespace
}  // namespace archivar::search
