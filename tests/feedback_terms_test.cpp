// The feedback ESet without Enquire::get_eset (search/feedback_terms.hpp):
// on the real en_med abstracts (../shared/data) and its topic descriptions,
// the same stems with the same weights in the same order as Xapian's
// get_eset over the same top 15; the query's terms left out; nothing for no
// feedback.
#include "search/feedback_terms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/index.hpp"
#include "index/schema.hpp"
#include "ingest/json_record.hpp"
#include "ingest/line_reader.hpp"
#include "search/query_expansion.hpp"
#include "shared_data.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::kEnMed;
using testing_support::TempDir;

class FeedbackTermsTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::is_directory(kEnMed)) return;
    dir_ = new TempDir();
    Index index(*dir_ / "med.db");
    ingest::LineReader reader(kEnMed / "corpus.jsonl", std::size_t{1} << 24);
    std::string line;
    while (reader.next(line) == ingest::LineReader::Status::line) {
      Article article;
      ingest::RecordError error;
      if (ingest::parse_json_record(line, article, error)) index.add(article);
    }
    index.commit();
    std::ifstream queries(kEnMed / "queries.jsonl");
    while (std::getline(queries, line)) {
      queries_->push_back(nlohmann::json::parse(line).at("text").get<std::string>());
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (dir_ == nullptr)
      GTEST_SKIP() << kEnMed << " not present (shared data lives next to the project)";
  }

  // The OR of the query's Z stems, as the feedback pass sees a description.
  static Xapian::Query stem_query(const std::string& text) {
    analysis::TextAnalyzer analyzer;
    std::vector<Xapian::Query> stems;
    for (const Token& token : analyzer.analyze(text, "en")) {
      if (token.kind == TokenKind::word)
        stems.emplace_back(std::string(schema::kStem) + token.stem);
    }
    return {Xapian::Query::OP_OR, stems.begin(), stems.end()};
  }

  static TempDir* dir_;
  static std::vector<std::string>* queries_;
};

TempDir* FeedbackTermsTest::dir_ = nullptr;
std::vector<std::string>* FeedbackTermsTest::queries_ = new std::vector<std::string>();

class StemsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return search::is_feedback_stem(term); }
};

TEST_F(FeedbackTermsTest, SameStemsAndWeightsAsXapiansESet) {
  const Xapian::Database db((*dir_ / "med.db").string());
  ASSERT_GT(db.get_doccount(), 1000U);
  ASSERT_GE(queries_->size(), 30U);
  std::size_t compared = 0;
  for (const std::string& text : *queries_) {
    SCOPED_TRACE(text);
    const Xapian::Query query = stem_query(text);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet top = enquire.get_mset(0, search::kFeedbackArticles);
    if (top.empty()) continue;
    Xapian::RSet rset;
    std::vector<Xapian::docid> feedback;
    for (auto it = top.begin(); it != top.end(); ++it) {
      rset.add_document(*it);
      feedback.push_back(*it);
    }
    const StemsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(search::kExpandTerms, rset, &decider);
    std::vector<std::string> excluded(query.get_unique_terms_begin(), query.get_unique_terms_end());
    std::sort(excluded.begin(), excluded.end());
    const std::vector<search::FeedbackTerm> ours =
        search::best_feedback_stems(db, feedback, excluded, search::kExpandTerms);
    ASSERT_EQ(ours.size(), eset.size());
    std::size_t i = 0;
    for (auto it = eset.begin(); it != eset.end(); ++it, ++i) {
      EXPECT_EQ(ours[i].term, *it) << i;
      EXPECT_NEAR(ours[i].weight, it.get_weight(), 1e-9 * it.get_weight()) << *it;
      EXPECT_FALSE(std::binary_search(excluded.begin(), excluded.end(), ours[i].term));
    }
    ++compared;
  }
  EXPECT_EQ(compared, queries_->size());
}

TEST_F(FeedbackTermsTest, QueryTermsAreLeftOutAndNoFeedbackGivesNothing) {
  const Xapian::Database db((*dir_ / "med.db").string());
  const Xapian::Query query = stem_query(queries_->front());
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const Xapian::MSet top = enquire.get_mset(0, search::kFeedbackArticles);
  std::vector<Xapian::docid> feedback;
  for (auto it = top.begin(); it != top.end(); ++it) feedback.push_back(*it);
  ASSERT_FALSE(feedback.empty());
  const std::vector<search::FeedbackTerm> all = search::best_feedback_stems(db, feedback, {}, 10);
  ASSERT_EQ(all.size(), 10U);
  // Excluding the best stem gives the other nine in the same order.
  std::vector<std::string> excluded = {all.front().term};
  const std::vector<search::FeedbackTerm> without =
      search::best_feedback_stems(db, feedback, excluded, 9);
  ASSERT_EQ(without.size(), 9U);
  for (std::size_t i = 0; i < without.size(); ++i) EXPECT_EQ(without[i].term, all[i + 1].term);
  EXPECT_TRUE(search::best_feedback_stems(db, {}, {}, 10).empty());
  EXPECT_TRUE(search::best_feedback_stems(db, feedback, {}, 0).empty());
}

}  // namespace
}  // namespace archivar
