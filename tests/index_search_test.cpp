// Index → search → get → delete through the public API, on a temporary
// index with real German and English text.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

Article make(std::string id, std::string title, std::string body, std::string date = "",
             std::string lang = "") {
  Article article;
  article.id = std::move(id);
  article.title = std::move(title);
  article.body = std::move(body);
  article.date = std::move(date);
  article.lang = std::move(lang);
  return article;
}

std::vector<Article> fixture_articles() {
  return {
      make("gold-1", "Gesetz über die Ausprägung einer 1-DM-Goldmünze",
           "Die Deutsche Bundesbank wird ermächtigt, zum Gedenken an die Deutsche Mark im "
           "eigenen Namen im Jahre 2001 eine Münze in Gold über 1 Deutsche Mark herauszugeben.",
           "2000-12-27"),
      make("panthers-de", "Super Bowl 50",
           "Die Verteidigung der Panthers gab nur 308 Punkte ab und belegte den sechsten Platz "
           "in der Liga.",
           "2016-02-07", "de"),
      make("panthers-en", "Super Bowl 50",
           "The Panthers defense gave up just 308 points, ranking sixth in the league.",
           "2016-02-07", "en"),
      make("reuters-1", "BAHIA COCOA REVIEW",
           "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
           "drought since early January and improving prospects for the coming temporao.",
           "1987-02-26"),
      make("houses-en", "Housing market",
           "New houses were built in record numbers as the housing market recovered.",
           "2004-05-01"),
      make("haeuser-de", "Wohnungsmarkt",
           "In der Stadt wurden mehr Häuser gebaut als je zuvor, sagte der Bürgermeister.",
           "2004-06-01"),
  };
}

class IndexSearch : public testing::Test {
 protected:
  void SetUp() override {
    Index index(db_path());
    for (const Article& article : fixture_articles()) {
      EXPECT_EQ(index.add(article), AddResult::added);
    }
    index.commit();
  }

  [[nodiscard]] std::filesystem::path db_path() const { return dir_ / "news.db"; }

  std::vector<std::string> ids_for(const std::string& query, SearchRequest request = {}) {
    Searcher searcher(db_path());
    request.query = query;
    std::vector<std::string> ids;
    for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
    return ids;
  }

  TempDir dir_;
};

TEST_F(IndexSearch, FindsGermanByStemWithoutKnowingTheLanguage) {
  // "Münzen" (plural, capitalised) finds the article that says "Münze".
  const auto ids = ids_for("Münzen");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "gold-1");
}

TEST_F(IndexSearch, FindsEnglishByStem) {
  const auto ids = ids_for("house");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "houses-en");
}

TEST_F(IndexSearch, UmlautQueryInNfdFindsNfcText) {
  const auto ids = ids_for("Ha\xCC\x88user");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "haeuser-de");
}

TEST_F(IndexSearch, DetectsLanguageWhenNotGiven) {
  Searcher searcher(db_path());
  EXPECT_EQ(searcher.get("gold-1")->lang, "de");
  EXPECT_EQ(searcher.get("reuters-1")->lang, "en");
  const IndexStats stats = searcher.stats();
  EXPECT_EQ(stats.articles, 6u);
  EXPECT_EQ(stats.articles_per_lang.at("de"), 3u);
  EXPECT_EQ(stats.articles_per_lang.at("en"), 3u);
  EXPECT_GT(stats.distinct_terms, 50u);
  EXPECT_GT(stats.bytes_on_disk, 0u);
}

TEST_F(IndexSearch, PhraseNeedsTheWordsInOrder) {
  EXPECT_EQ(ids_for("\"Deutsche Bundesbank\""), (std::vector<std::string>{"gold-1"}));
  EXPECT_TRUE(ids_for("\"Bundesbank Deutsche\"").empty());
  EXPECT_EQ(ids_for("1-DM-Goldmünze"), (std::vector<std::string>{"gold-1"}));
}

TEST_F(IndexSearch, RequiredAndExcludedWords) {
  auto ids = ids_for("Panthers -league");
  EXPECT_EQ(ids, (std::vector<std::string>{"panthers-de"}));
  ids = ids_for("+cocoa Panthers");
  EXPECT_EQ(ids, (std::vector<std::string>{"reuters-1"}));
  ids = ids_for("cocoa OR houses");
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"houses-en", "reuters-1"}));
}

TEST_F(IndexSearch, MatchAllWordsRequiresEveryWord) {
  SearchRequest request;
  request.match_all_words = true;
  EXPECT_EQ(ids_for("Panthers league", request), (std::vector<std::string>{"panthers-en"}));
}

TEST_F(IndexSearch, LanguageAndDateFilters) {
  SearchRequest request;
  request.lang = "de";
  EXPECT_EQ(ids_for("Panthers", request), (std::vector<std::string>{"panthers-de"}));
  request = {};
  request.date_from = "2004-01-01";
  request.date_to = "2004-12-31";
  auto ids = ids_for("", request);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"haeuser-de", "houses-en"}));
  request = {};
  request.date_to = "1999-12-31";
  EXPECT_EQ(ids_for("", request), (std::vector<std::string>{"reuters-1"}));
}

TEST_F(IndexSearch, PagingAndCounts) {
  Searcher searcher(db_path());
  SearchRequest request;
  request.page_size = 4;
  request.page = 2;
  const SearchResults results = searcher.search(request);  // empty query: everything
  EXPECT_EQ(results.total.estimated, 6u);
  EXPECT_EQ(results.total.lower, 6u);
  EXPECT_EQ(results.total.upper, 6u);
  ASSERT_EQ(results.hits.size(), 2u);
  EXPECT_EQ(results.hits[0].rank, 5u);
}

TEST_F(IndexSearch, HitsCarryTheStoredFields) {
  Searcher searcher(db_path());
  SearchRequest request;
  request.query = "temporao";
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1u);
  const Hit& hit = results.hits.front();
  EXPECT_EQ(hit.id, "reuters-1");
  EXPECT_EQ(hit.title, "BAHIA COCOA REVIEW");
  EXPECT_EQ(hit.date, "1987-02-26");
  EXPECT_EQ(hit.lang, "en");
  EXPECT_GT(hit.score, 0.0);
  EXPECT_EQ(results.query, "temporao");
}

TEST_F(IndexSearch, ReindexingAnIdReplacesTheArticle) {
  {
    Index index(db_path());
    EXPECT_EQ(
        index.add(make("reuters-1", "COFFEE REVIEW", "Coffee prices rose sharply.", "", "en")),
        AddResult::replaced);
    // Twice in one uncommitted batch: still one article.
    EXPECT_EQ(index.add(make("reuters-1", "COFFEE REVIEW", "Coffee prices rose again.", "", "en")),
              AddResult::replaced);
    EXPECT_EQ(index.size(), 6u);
  }  // destruction commits
  EXPECT_TRUE(ids_for("cocoa").empty());
  EXPECT_EQ(ids_for("coffee"), (std::vector<std::string>{"reuters-1"}));
  Searcher searcher(db_path());
  EXPECT_EQ(searcher.get("reuters-1")->body, "Coffee prices rose again.");
}

TEST_F(IndexSearch, GetReturnsTheWholeStoredArticle) {
  Searcher searcher(db_path());
  const auto article = searcher.get("gold-1");
  ASSERT_TRUE(article.has_value());
  EXPECT_EQ(article->title, "Gesetz über die Ausprägung einer 1-DM-Goldmünze");
  EXPECT_EQ(article->date, "2000-12-27");
  EXPECT_FALSE(searcher.get("no-such-id").has_value());
}

TEST_F(IndexSearch, DeleteRemovesFromSearchAndGet) {
  {
    Index index(db_path());
    EXPECT_TRUE(index.remove("reuters-1"));
    EXPECT_FALSE(index.remove("reuters-1"));
    EXPECT_FALSE(index.remove("never-there"));
    index.commit();
  }
  Searcher searcher(db_path());
  EXPECT_FALSE(searcher.get("reuters-1").has_value());
  EXPECT_TRUE(ids_for("cocoa").empty());
  EXPECT_EQ(searcher.stats().articles, 5u);
}

TEST_F(IndexSearch, ReaderSeesCommitsOnlyAfterReopen) {
  Searcher searcher(db_path());
  Index index(db_path());
  index.add(make("new-1", "Kakao", "Der Kakaopreis steigt.", "", "de"));
  index.commit();
  SearchRequest request;
  request.query = "Kakao";
  EXPECT_TRUE(searcher.search(request).hits.empty());
  searcher.reopen();
  EXPECT_EQ(searcher.search(request).hits.size(), 1u);
}

TEST_F(IndexSearch, UncommittedChangesAreInvisibleToReaders) {
  Index index(db_path());
  index.add(make("pending-1", "Kaffee", "Der Kaffeepreis sinkt.", "", "de"));
  Searcher searcher(db_path());
  EXPECT_FALSE(searcher.get("pending-1").has_value());
}

TEST_F(IndexSearch, SecondWriterGetsALockError) {
  Index writer(db_path());
  try {
    Index second(db_path());
    FAIL() << "a second writer opened the index";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("locked"), std::string::npos) << error.what();
  }
}

TEST_F(IndexSearch, MisuseIsALogicError) {
  Searcher searcher(db_path());
  SearchRequest request;
  request.page = 0;
  EXPECT_THROW((void)searcher.search(request), InvalidArgumentError);
  request = {};
  request.page_size = 0;
  EXPECT_THROW((void)searcher.search(request), InvalidArgumentError);
  request = {};
  request.date_from = "2004-02-30";
  EXPECT_THROW((void)searcher.search(request), InvalidArgumentError);
  Index index(db_path());
  EXPECT_THROW(index.add(make("", "t", "b")), InvalidArgumentError);
  EXPECT_THROW(index.add(make(std::string(300, 'x'), "t", "b")), InvalidArgumentError);
  EXPECT_THROW(index.add(make("x", "t", "b", "27.12.2000")), InvalidArgumentError);
  EXPECT_EQ(index.size(), 6u);
}

TEST_F(IndexSearch, HostileQueriesNeverThrow) {
  Searcher searcher(db_path());
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255);
  SearchRequest request;
  for (int round = 0; round < 300; ++round) {
    request.query.clear();
    for (int i = 0; i < round; ++i) request.query.push_back(static_cast<char>(byte(random)));
    EXPECT_NO_THROW((void)searcher.search(request));
  }
  request.query = std::string(20000, '"') + std::string(20000, '(');
  EXPECT_NO_THROW((void)searcher.search(request));
  request.query.clear();
  for (int i = 0; i < 10000; ++i) request.query += "Münze" + std::to_string(i) + " OR ";
  EXPECT_NO_THROW((void)searcher.search(request));
}

TEST(IndexOpen, MissingIndexIsADatabaseErrorNamingThePath) {
  TempDir dir;
  try {
    Searcher searcher(dir / "missing.db");
    FAIL() << "opened a missing index";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("missing.db"), std::string::npos) << error.what();
  }
  IndexOptions no_create;
  no_create.create = false;
  EXPECT_THROW(Index(dir / "missing.db", no_create), DatabaseError);
}

TEST(IndexOpen, AutomaticCommitEveryNChanges) {
  TempDir dir;
  IndexOptions options;
  options.commit_every = 2;
  Index index(dir / "db", options);
  index.add(make("a", "eins", "erster Artikel", "", "de"));
  index.add(make("b", "zwei", "zweiter Artikel", "", "de"));
  index.add(make("c", "drei", "dritter Artikel", "", "de"));
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.stats().articles, 2u);  // the third waits for the next commit
}

}  // namespace
}  // namespace archivar
