// Feedback expansion as a window rerank (search/feedback_rerank.hpp), on
// the real en_med abstracts (../shared/data) and their topic descriptions:
// add_to_window gives each window entry the weight of `query AND_MAYBE
// extra`; the Searcher's window pages equal those of the expanded ranked
// pass (which it still runs for relevance_recency, here with no recency
// weight) for every description, page by page, with a filter (the
// feedback pass then runs apart), with exact totals and facets, and past
// the window.
#include "search/feedback_rerank.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "ingest/json_record.hpp"
#include "ingest/line_reader.hpp"
#include "shared_data.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::kEnMed;
using testing_support::TempDir;

class FeedbackRerankTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::is_directory(kEnMed)) return;
    dir_ = new TempDir();
    Index index(db_path());
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

  static std::filesystem::path db_path() { return *dir_ / "med.db"; }

  // The expanded ranked pass: relevance_recency without recency weight
  // ranks like relevance, but never through the window.
  static SearchRequest expanded_pass(SearchRequest request) {
    request.sort = SortOrder::relevance_recency;
    request.recency_weight = 0;
    return request;
  }

  // Same ids in the same order and the same scores (up to the order of
  // summation).
  static void expect_same_hits(const SearchResults& window, const SearchResults& pass,
                               const std::string& what) {
    ASSERT_EQ(window.hits.size(), pass.hits.size()) << what;
    for (std::size_t i = 0; i < window.hits.size(); ++i) {
      EXPECT_EQ(window.hits[i].id, pass.hits[i].id) << what << " rank " << i + 1;
      EXPECT_NEAR(window.hits[i].score, pass.hits[i].score, 1e-9 * pass.hits[i].score)
          << what << " rank " << i + 1;
      EXPECT_EQ(window.hits[i].rank, pass.hits[i].rank) << what;
    }
  }

  static TempDir* dir_;
  static std::vector<std::string>* queries_;
};

TempDir* FeedbackRerankTest::dir_ = nullptr;
std::vector<std::string>* FeedbackRerankTest::queries_ = new std::vector<std::string>();

TEST_F(FeedbackRerankTest, AddToWindowGivesTheWeightsOfAndMaybe) {
  const Xapian::Database db(db_path().string());
  const Xapian::BM25Weight weighting(1.2, 0, 1, 0.75, 0.1);
  const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("Zoxygen"),
                            Xapian::Query("Zblood"));
  const Xapian::Query extra(
      Xapian::Query::OP_OR,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("Zpolarograph"), 0.5),
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("Zelectrod"), 0.25));
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(weighting);
  enquire.set_query(query);
  const Xapian::MSet window = enquire.get_mset(0, 40);
  ASSERT_EQ(window.size(), 40U);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, extra));
  const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  std::map<Xapian::docid, double> expected;
  for (auto it = all.begin(); it != all.end(); ++it) expected[*it] = it.get_weight();

  const search::WindowRescore rescored = search::add_to_window(window, db, extra, weighting);
  ASSERT_EQ(rescored.ranked.size(), window.size());
  std::size_t raised = 0;
  for (std::size_t i = 0; i < rescored.ranked.size(); ++i) {
    const search::RankedMatch& match = rescored.ranked[i];
    EXPECT_NEAR(match.score, expected.at(*match.match), 1e-12 * match.score);
    if (match.score > match.match.get_weight()) ++raised;
    if (i > 0) {
      EXPECT_GE(rescored.ranked[i - 1].score, match.score);
    }
  }
  EXPECT_GT(raised, 0U);  // some window articles hold the extra stems
  EXPECT_GT(rescored.bound, 0.0);
  // Nothing to add: the window as it is.
  const search::WindowRescore same = search::add_to_window(window, db, Xapian::Query(), weighting);
  ASSERT_EQ(same.ranked.size(), window.size());
  EXPECT_EQ(*same.ranked.front().match, *window.begin());
}

TEST_F(FeedbackRerankTest, EveryDescriptionPagesLikeTheExpandedPass) {
  Searcher searcher(db_path());
  std::size_t compared = 0;
  for (const std::string& text : *queries_) {
    SearchRequest request;
    request.query = text;
    for (const std::uint32_t page : {1U, 2U, 3U}) {
      request.page = page;
      const SearchResults window = searcher.search(request);
      const SearchResults pass = searcher.search(expanded_pass(request));
      expect_same_hits(window, pass, text + " page " + std::to_string(page));
      ++compared;
    }
  }
  EXPECT_EQ(compared, 3 * queries_->size());
  EXPECT_GE(queries_->size(), 30U);
}

TEST_F(FeedbackRerankTest, FilteredDescriptionsPageLikeTheExpandedPass) {
  // A filter: the feedback pass runs apart, the window is the filtered one.
  Searcher searcher(db_path());
  for (const std::string& text : *queries_) {
    SearchRequest request;
    request.query = text;
    request.lang = "en";
    request.collapse_duplicates = false;
    const SearchResults window = searcher.search(request);
    const SearchResults pass = searcher.search(expanded_pass(request));
    ASSERT_FALSE(window.hits.empty()) << text;
    expect_same_hits(window, pass, text + " lang:en");
  }
}

TEST_F(FeedbackRerankTest, PagesJoinUpAndAgreeWithOneLongPage) {
  Searcher searcher(db_path());
  SearchRequest request;
  request.query = queries_->front();
  request.page_size = 30;
  const SearchResults long_page = searcher.search(request);
  ASSERT_EQ(long_page.hits.size(), 30U);
  request.page_size = 10;
  for (std::uint32_t page = 1; page <= 3; ++page) {
    request.page = page;
    const SearchResults part = searcher.search(request);
    ASSERT_EQ(part.hits.size(), 10U);
    for (std::size_t i = 0; i < 10; ++i) {
      EXPECT_EQ(part.hits[i].id, long_page.hits[(page - 1) * 10 + i].id);
      EXPECT_EQ(part.hits[i].rank, (page - 1) * 10 + i + 1);
    }
  }
}

TEST_F(FeedbackRerankTest, FacetsTotalsAndDeepPagesStayThoseOfTheExpandedPass) {
  Searcher searcher(db_path());
  SearchRequest request;
  request.query = queries_->at(1);
  request.facets = {"lang"};
  const SearchResults window = searcher.search(request);
  const SearchResults pass = searcher.search(expanded_pass(request));
  expect_same_hits(window, pass, request.query);
  // Exact totals from the match set: the query's matches, expanded or not.
  EXPECT_EQ(window.total.lower, window.total.upper);
  EXPECT_EQ(window.total.lower, pass.total.lower);
  ASSERT_FALSE(window.facets.empty());
  ASSERT_FALSE(window.facets.front().values.empty());
  // Facets count every matching article (the total collapses copies).
  ASSERT_FALSE(pass.facets.empty());
  EXPECT_EQ(window.facets.front().values, pass.facets.front().values);
  EXPECT_GE(window.facets.front().values.front().count, window.total.lower);
  // Deep pages: ranks 1-200 from a window of 1000, ranks 201-400 (deeper
  // than kMaxFeedbackWindow / kFeedbackWindowDepth) from the expanded pass.
  request.facets.clear();
  request.page_size = 200;
  for (const std::uint32_t page : {1U, 2U}) {
    request.page = page;
    const SearchResults deep = searcher.search(request);
    const SearchResults deep_pass = searcher.search(expanded_pass(request));
    ASSERT_FALSE(deep.hits.empty());
    EXPECT_EQ(deep.hits.front().rank, (page - 1) * 200 + 1);
    expect_same_hits(deep, deep_pass, request.query + " page " + std::to_string(page));
  }
}

}  // namespace
}  // namespace archivar
