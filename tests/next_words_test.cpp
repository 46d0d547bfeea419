// Completions after a first word: the words that follow it in the text
// (search/next_words.hpp) come before the most frequent completions.
#include "search/next_words.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/searcher.hpp"
#include "small_index.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::SmallArticle;
using testing_support::TempDir;

std::vector<std::string> followers(std::string_view text, std::string_view typed,
                                   std::string_view term) {
  static const analysis::TextAnalyzer analyzer;
  std::vector<std::string> out;
  search::followers_in_text(text, search::spellings_of(typed, term), analyzer, out);
  return out;
}

using Words = std::vector<std::string>;

TEST(NextWordsInText, TheWordAfterSpacesOrOneHyphen) {
  EXPECT_EQ(followers("Kanzler Olaf Scholz sprach.", "olaf", "olaf"), Words{"scholz"});
  EXPECT_EQ(followers("die Corona-Pandemie", "corona", "corona"), Words{"pandemie"});
  EXPECT_EQ(followers("OLAF  SCHOLZ und olaf scholz", "Olaf", "olaf"), Words{"scholz"});
  EXPECT_EQ(followers("Olaf\u00a0Scholz", "olaf", "olaf"), Words{"scholz"});
  EXPECT_EQ(followers("Olaf Scholz, Olaf Lies", "olaf", "olaf"), (Words{"scholz", "lies"}));
}

TEST(NextWordsInText, PunctuationLineBreaksAndLongGapsEndThePhrase) {
  EXPECT_TRUE(followers("Das sagte Olaf. Schon gestern", "olaf", "olaf").empty());
  EXPECT_TRUE(followers("Olaf, Scholz", "olaf", "olaf").empty());
  EXPECT_TRUE(followers("Olaf\nScholz", "olaf", "olaf").empty());
  EXPECT_TRUE(followers("Olaf    Scholz", "olaf", "olaf").empty());  // four spaces
  EXPECT_TRUE(followers("Corona--Pandemie", "corona", "corona").empty());
  EXPECT_TRUE(followers("Olaf", "olaf", "olaf").empty());
  EXPECT_TRUE(followers("Olaf ", "olaf", "olaf").empty());
}

TEST(NextWordsInText, OnlyWholeWordsCount) {
  EXPECT_TRUE(followers("Gustolaf Scholz", "olaf", "olaf").empty());
  EXPECT_TRUE(followers("Olafs Haus", "olaf", "olaf").empty());
  EXPECT_EQ(followers("Gustolaf Scholz und Olaf Lies", "olaf", "olaf"), Words{"lies"});
}

TEST(NextWordsInText, CaseAndUmlautsAsTypedOrNormalized) {
  EXPECT_EQ(followers("Ärzte fordern mehr Geld", "ärzte", "ärzte"), Words{"fordern"});
  EXPECT_EQ(followers("ÄRZTE WARNEN", "ärzte", "ärzte"), Words{"warnen"});
  // The typed spelling keeps ß, which the normalized term folds to "ss".
  EXPECT_EQ(followers("An der Straße Richtung Süden", "Straße", "strasse"), Words{"richtung"});
  const std::vector<std::string> spellings = search::spellings_of("straße", "strasse");
  for (const char* expected : {"straße", "Straße", "STRASSE", "strasse"}) {
    EXPECT_NE(std::find(spellings.begin(), spellings.end(), expected), spellings.end()) << expected;
  }
}

TEST(NextWordsInText, InvalidUtf8AndTruncatedTextAreSafe) {
  EXPECT_TRUE(followers("Olaf \xff\xfe", "olaf", "olaf").empty());
  EXPECT_TRUE(followers("Olaf \xc3", "olaf", "olaf").empty());
  EXPECT_EQ(followers("\xff"
                      "Olaf Scholz",
                      "olaf", "olaf"),
            Words{"scholz"});
  EXPECT_EQ(followers("\xc3\xa4Olaf Scholz \xe2\x82", "olaf", "olaf"), Words{});  // "äOlaf"
}

TEST(NextWordsInText, AHugeTextCostsBoundedWork) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "olaf w" + std::to_string(i) + " ";
  const std::vector<std::string> found = followers(text, "olaf", "olaf");
  EXPECT_EQ(found.size(), 256u);
  EXPECT_EQ(found.front(), "w0");
  std::string late(2 << 20, 'x');
  late += " olaf scholz";
  EXPECT_TRUE(followers(late, "olaf", "olaf").empty());  // beyond the first MiB
}

// Sixteen articles: "schon" in six, "Olaf Scholz" in two, "Corona-Pandemie"
// in two while "prozent" is in five ("olaf" and "corona" in three each: a
// word in more than a quarter of the articles has no followers).
class NextWordSuggestions : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    testing_support::write_small_index(
        *dir_ / "db",
        {
            SmallArticle("a1", "Kanzler Olaf Scholz sprach im Bundestag. Das war schon spät."),
            SmallArticle("a2", "Olaf Scholz reiste nach Paris, schon am Morgen."),
            SmallArticle("a3", "Die Corona-Pandemie traf die Wirtschaft: minus drei Prozent."),
            SmallArticle("a4", "Seit der Corona-Pandemie arbeiten viele zu Hause."),
            SmallArticle("a5", "Die Preise stiegen um zwei Prozent, schon wieder."),
            SmallArticle("a6", "Ein Prozent mehr Lohn war schon vereinbart."),
            SmallArticle("a7", "Der Umsatz fiel um vier Prozent. Das schon bekannte Problem."),
            SmallArticle("a8", "Fünf Prozent Zinsen, das schon lange nicht mehr."),
            SmallArticle("a9", "Olaf zu Besuch. Corona wird kleiner, die Wirtschaft wächst."),
            SmallArticle("a10", "Ein Bericht über die Wirtschaft."),
            SmallArticle("f1", "The weather turned mild on Monday.", "", "en"),
            SmallArticle("f2", "Markets rallied in Tokyo and London.", "", "en"),
            SmallArticle("f3", "A new bridge opened in the north.", "", "en"),
            SmallArticle("f4", "The orchestra toured ten cities.", "", "en"),
            SmallArticle("f5", "Rain fell all day in Hamburg.", "", "en"),
            SmallArticle("f6", "Football fans cheered the home team.", "", "en"),
        });
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static Words terms(const std::vector<Suggestion>& suggestions) {
    Words out;
    for (const Suggestion& suggestion : suggestions) {
      if (suggestion.kind == SuggestionKind::term) out.push_back(suggestion.text);
    }
    return out;
  }

  static TempDir* dir_;
  Searcher searcher_{*dir_ / "db"};
};

TempDir* NextWordSuggestions::dir_ = nullptr;

TEST_F(NextWordSuggestions, AFollowerLeadsTheMoreFrequentCompletions) {
  // Alone, "sch" completes to the most frequent word.
  ASSERT_FALSE(terms(searcher_.suggest("sch")).empty());
  EXPECT_EQ(terms(searcher_.suggest("sch"))[0], "schon");
  // After "Olaf", to the word that follows it in the text; the frequent
  // completion still comes after it.
  const Words after_olaf = terms(searcher_.suggest("Olaf sch"));
  ASSERT_GE(after_olaf.size(), 2u);
  EXPECT_EQ(after_olaf[0], "olaf scholz");
  EXPECT_EQ(after_olaf[1], "olaf schon");
  // A hyphenated compound's second word follows its first.
  const Words after_corona = terms(searcher_.suggest("corona p"));
  ASSERT_GE(after_corona.size(), 2u);
  EXPECT_EQ(after_corona[0], "corona pandemie");
  EXPECT_EQ(after_corona[1], "corona prozent");
}

TEST_F(NextWordSuggestions, AFinishedWordIsFollowedByWhatFollowsItInTheText) {
  // "zu" follows "Olaf" once, and is in too many articles to tell anything.
  EXPECT_EQ(terms(searcher_.suggest("Olaf ")), Words{"olaf scholz"});
  EXPECT_EQ(terms(searcher_.suggest("olaf ", 1)), Words{"olaf scholz"});
}

TEST_F(NextWordSuggestions, EarlierWordsStayAndTheLimitHolds) {
  const Words suggested = terms(searcher_.suggest("kanzler olaf s", 2));
  EXPECT_EQ(suggested, (Words{"kanzler olaf scholz", "kanzler olaf schon"}));
  // A first word the index lacks: the frequent completions alone.
  EXPECT_EQ(terms(searcher_.suggest("xyzzy sch"))[0], "xyzzy schon");
}

TEST(NextWordTitles, TitlesWithTheFollowerComeFirst) {
  // Nine title words starting with "m" are more frequent than "Merkel",
  // and none stands in a title with "Angela": by frequency alone the title
  // search would look for them only.
  std::vector<SmallArticle> articles = {
      SmallArticle("am1", "Kanzlerin Angela Merkel sprach in Berlin.", "Angela Merkel in Berlin"),
      SmallArticle("am2", "Angela Merkel reiste nach Paris.", "Besuch in Paris"),
  };
  int n = 0;
  for (const char* word :
       {"Mai", "Markt", "Meer", "Mehr", "Mitte", "Mittag", "Mond", "Morgen", "Musik"}) {
    for (int copy = 0; copy < 2; ++copy) {
      const std::string number = std::to_string(++n);
      articles.emplace_back("m" + number, std::string("Ein Text über ") + word,
                            std::string(word) + " im Blick " + number);
    }
  }
  TempDir dir;
  testing_support::write_small_index(dir / "db", articles);
  Searcher searcher(dir / "db");
  std::vector<std::string> titles;
  for (const Suggestion& suggestion : searcher.suggest("angela m")) {
    if (suggestion.kind == SuggestionKind::title) titles.push_back(suggestion.text);
  }
  EXPECT_EQ(titles, Words{"Angela Merkel in Berlin"});
}

}  // namespace
}  // namespace archivar
