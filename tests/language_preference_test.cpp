// Query-language preference in a mixed German/English index: a German
// article and its English translation (written for this test, in the style
// of the XQuAD paragraphs, where both languages share names and numbers)
// compete for queries; the query's language decides which ranks first.
#include "search/language_preference.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/language_detector.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

Article article(const char* id, const char* lang, const char* title, const char* body) {
  Article a;
  a.id = id;
  a.lang = lang;
  a.title = title;
  a.body = body;
  return a;
}

class LanguagePreferenceTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "mixed.db");
    index.add(article("mauer-de", "de", "Der Fall der Berliner Mauer",
                      "Am 9. November 1989 öffnete die DDR ihre Grenze. Günter Schabowski "
                      "verlas auf einer Pressekonferenz in Berlin die neue Reiseregelung, und "
                      "noch in der Nacht zogen Tausende zu den Übergängen an der Bornholmer "
                      "Straße."));
    index.add(article("mauer-en", "en", "The fall of the Berlin Wall",
                      "On 9 November 1989 the GDR opened its border. Günter Schabowski read "
                      "out the new travel rules at a press conference in Berlin, and that "
                      "same night thousands went to the crossings at Bornholmer Straße."));
    index.add(article("rhein-de", "de", "Hochwasser am Rhein",
                      "Der Pegel in Köln stieg im Januar 1995 auf fast elf Meter; die Altstadt "
                      "stand unter Wasser."));
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::string first_hit(SearchRequest request) {
    Searcher searcher(*dir_ / "mixed.db");
    const SearchResults results = searcher.search(request);
    return results.hits.empty() ? std::string() : results.hits.front().id;
  }

  static TempDir* dir_;
};

TempDir* LanguagePreferenceTest::dir_ = nullptr;

TEST_F(LanguagePreferenceTest, GivenQueryLanguageRanksItsArticleFirst) {
  // Names and numbers only: both articles match the same words.
  SearchRequest request;
  request.query = "Schabowski Bornholmer 1989";
  request.query_lang_weight = 0.1;
  request.query_lang = "de";
  EXPECT_EQ(first_hit(request), "mauer-de");
  request.query_lang = "en-GB";
  EXPECT_EQ(first_hit(request), "mauer-en");
}

TEST_F(LanguagePreferenceTest, DetectedQueryLanguageRanksItsArticleFirst) {
  SearchRequest request;
  request.query_lang_weight = 0.1;
  request.query = "Was verlas Günter Schabowski auf der Pressekonferenz in Berlin?";
  EXPECT_EQ(first_hit(request), "mauer-de");
  request.query = "What did Günter Schabowski read out at the press conference in Berlin?";
  EXPECT_EQ(first_hit(request), "mauer-en");
}

TEST_F(LanguagePreferenceTest, PreferenceOnlyReweightsMatches) {
  SearchRequest request;
  request.query = "Schabowski";
  request.query_lang = "de";
  request.query_lang_weight = 1.0;
  Searcher searcher(*dir_ / "mixed.db");
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 2U);  // never the German flood article
  EXPECT_EQ(results.hits[0].id, "mauer-de");
  EXPECT_GT(results.hits[0].score, results.hits[1].score);
}

TEST(QueryLanguageDetection, ConfidentOnlyOnRealSentences) {
  EXPECT_EQ(analysis::detect_language_confidently(
                "Wann wurde die Grenze zwischen der DDR und der Bundesrepublik geöffnet?"),
            "de");
  EXPECT_EQ(analysis::detect_language_confidently(
                "When was the border between East and West Germany opened?"),
            "en");
  EXPECT_EQ(analysis::detect_language_confidently(""), "");
  EXPECT_EQ(analysis::detect_language_confidently("1989"), "");
}

TEST(QueryLanguageDetection, PreferredLanguageMustBeAnIndexLanguage) {
  const std::vector<std::string> mixed = {"de", "en"};
  EXPECT_EQ(search::preferred_language("egal", "DE-at", mixed), "de");
  EXPECT_EQ(search::preferred_language("egal", "fr", mixed), "");
  EXPECT_EQ(search::preferred_language("Wo liegt die Altstadt von Köln?", "", {"de"}), "");
}

TEST(QueryLanguageDetection, OnlyLanguagesWithARealShareMakeAMixedIndex) {
  EXPECT_EQ(search::mixed_languages({{"de", 240}, {"en", 240}}),
            (std::vector<std::string>{"de", "en"}));
  // de_mlqa_val as detected: a German index with a few "English" articles.
  EXPECT_TRUE(search::mixed_languages({{"de", 447}, {"en", 6}, {"fr", 3}}).empty());
  EXPECT_EQ(search::mixed_languages({{"de", 80}, {"en", 15}, {"ga", 5}}),
            (std::vector<std::string>{"de", "en"}));
}

}  // namespace
}  // namespace archivar
