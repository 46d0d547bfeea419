// Snippets leave out the words most articles of the hit's language hold
// (search/snippet_terms.hpp): on real BBC and 10kGNAD articles, a
// question's function words are neither marked nor chosen for, its content
// words are; a query of function words only still marks them; an index
// with few articles keeps every term.
#include "search/snippet_terms.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "corpus_articles.hpp"
#include "query/term_freqs.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::size_t marks(const std::string& text) {
  std::size_t count = 0;
  for (std::size_t at = text.find("\u00AB"); at != std::string::npos;
       at = text.find("\u00AB", at + 1)) {
    ++count;
  }
  return count;
}

class SnippetTermsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
    if (!std::filesystem::exists(corpora / "en_bbc.jsonl.gz")) return;
    Index index(*dir_ / "db");
    testing_support::add_corpus_articles(index, {"en_bbc.jsonl.gz", "de_10kgnad_test.jsonl.gz"},
                                         300);
    index.commit();
    built_ = true;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!built_) GTEST_SKIP() << "shared corpora not available";
  }
  static SearchResults search(const std::string& query) {
    Searcher searcher(*dir_ / "db");
    SearchRequest request;
    request.query = query;
    request.snippet_length = 200;
    return searcher.search(request);
  }
  static TempDir* dir_;
  static bool built_;
};

TempDir* SnippetTermsTest::dir_ = nullptr;
bool SnippetTermsTest::built_ = false;

TEST_F(SnippetTermsTest, CommonWordsOfTheHitsLanguageAreLeftOut) {
  const Xapian::Database db((*dir_ / "db").string());
  query::TermFreqs freqs(db);
  // Of 300 BBC and 300 10kGNAD articles: "the" in 321 (all English ones
  // and some German), "for" in 276, "und" in ~300, "wie" in 185;
  // "government" in 88 (29 % of the English ones: kept), "budget" in 38.
  const search::QueryTerms terms = {"the",     "Zthe", "for", "Zfor", "government", "budget",
                                    "Zbudget", "und",  "wie", "Zwie", "regierung",  "Zregier"};
  search::SnippetTerms snippet_terms(terms, freqs);
  const search::QueryTerms& english = snippet_terms.for_language("en");
  for (const char* common : {"the", "Zthe", "for", "Zfor"}) {
    EXPECT_FALSE(english.contains(common)) << common;
  }
  for (const char* kept : {"government", "budget", "Zbudget", "regierung", "Zregier"}) {
    EXPECT_TRUE(english.contains(kept)) << kept;
  }
  const search::QueryTerms& german = snippet_terms.for_language("de");
  for (const char* common : {"und", "wie", "Zwie"}) EXPECT_FALSE(german.contains(common)) << common;
  for (const char* kept : {"regierung", "Zregier", "budget", "government"}) {
    EXPECT_TRUE(german.contains(kept)) << kept;
  }
  // Only common words: all of them.
  const search::QueryTerms common = {"the", "Zthe", "for", "Zfor"};
  search::SnippetTerms only_common(common, freqs);
  EXPECT_EQ(only_common.for_language("en"), common);
}

TEST_F(SnippetTermsTest, QuestionsMarkTheirContentWordsNotTheirFunctionWords) {
  std::size_t english_marks = 0;
  for (const Hit& hit : search("how did the government plan the budget for the election").hits) {
    if (hit.lang != "en") continue;
    const std::string snippet = lower(hit.snippet);
    EXPECT_EQ(snippet.find("\u00ABthe\u00BB"), std::string::npos) << hit.snippet;
    EXPECT_EQ(snippet.find("\u00ABfor\u00BB"), std::string::npos) << hit.snippet;
    EXPECT_EQ(lower(hit.title_highlighted).find("\u00ABthe\u00BB"), std::string::npos);
    english_marks += marks(snippet);
  }
  EXPECT_GE(english_marks, 10u);  // government, plan, budget, election are marked
  std::size_t german_marks = 0;
  for (const Hit& hit : search("wie will die Regierung die Steuern senken").hits) {
    if (hit.lang != "de") continue;
    const std::string snippet = lower(hit.snippet);
    EXPECT_EQ(snippet.find("\u00ABdie\u00BB"), std::string::npos) << hit.snippet;
    german_marks += marks(snippet);
  }
  EXPECT_GE(german_marks, 5u);
}

TEST_F(SnippetTermsTest, FunctionWordsAloneAreStillMarked) {
  const SearchResults results = search("\"of the\"");
  ASSERT_FALSE(results.hits.empty());
  EXPECT_NE(lower(results.hits.front().snippet).find("\u00ABthe\u00BB"), std::string::npos)
      << results.hits.front().snippet;
}

// A handful of articles: shares say nothing, every term is kept.
TEST(SnippetTermsSmallIndex, EveryTermIsKept) {
  TempDir dir;
  {
    Index index(dir / "db");
    for (int i = 0; i < 5; ++i) {
      Article article;
      article.id = "a" + std::to_string(i);
      article.title = "The budget of the government";
      article.body = "The government plans the budget of the year " + std::to_string(i) + ".";
      article.lang = "en";
      index.add(article);
    }
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "the budget";
  request.snippet_length = 100;
  const SearchResults results = searcher.search(request);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_NE(lower(results.hits.front().snippet).find("\u00ABthe\u00BB"), std::string::npos)
      << results.hits.front().snippet;
}

}  // namespace
}  // namespace archivar
