// The query language end to end: field:value, date ranges, AND/OR/NOT with
// parentheses, prefix* and NEAR through archivar::Searcher, on a temporary
// index of short German and English articles written for this test.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "small_index.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

struct Fixture {
  const char* id;
  const char* date;
  const char* lang;
  const char* author;
  const char* source;
  std::vector<std::string> tags;
  const char* url;
  const char* title;
  const char* body;
};

std::vector<Article> articles() {
  const std::vector<Fixture> rows = {
      {"muenzen-2001",
       "2001-03-14",
       "de",
       "Grit Müller",
       "Tagesblatt",
       {"Wirtschaft", "Geld"},
       "https://tagesblatt.example/wirtschaft/2001/goldmuenze",
       "Bundesbank prägt Münzen aus Gold",
       "Zum Abschied von der Mark gibt die Bundesbank eine Goldmünze heraus. Sammler "
       "erwarten, dass die Münzen schnell vergriffen sein werden."},
      {"euro-2002",
       "2002-01-02",
       "de",
       "Jan Schulz",
       "Tagesblatt",
       {"Wirtschaft"},
       "https://tagesblatt.example/wirtschaft/2002/euro",
       "Der Euro ist da",
       "Seit dem ersten Januar zahlen die Deutschen mit Euro und Cent. Die alte Mark "
       "verschwindet aus den Geldbörsen, die Banken tauschen die Münzen noch bis Ende Februar."},
      {"inflation-2014",
       "2014-03-20",
       "de",
       "Grit Müller",
       "Wochenpost",
       {"Wirtschaft"},
       "https://wochenpost.example/2014/inflation",
       "Inflation bleibt niedrig",
       "Die Inflation in der Eurozone ist im März weiter gefallen. Ökonomen der Bundesbank "
       "rechnen mit steigenden Preisen erst im kommenden Jahr."},
      {"fussball-2014",
       "2014-07-14",
       "de",
       "Jan Schulz",
       "Wochenpost",
       {"Sport"},
       "https://wochenpost.example/2014/weltmeister",
       "Deutschland ist Weltmeister",
       "Im Finale von Rio de Janeiro schlug die deutsche Mannschaft Argentinien mit eins zu "
       "null. Mario Götze schoss das entscheidende Tor in der Verlängerung."},
      {"cocoa-1987",
       "1987-02-26",
       "en",
       "",
       "Reuters",
       {"commodities"},
       "https://reuters.example/1987/cocoa",
       "Bahia cocoa review",
       "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
       "drought and improving prospects for the coming harvest. Gold prices were steady."},
      {"gold-1987",
       "1987-11-02",
       "en",
       "",
       "Reuters",
       {"commodities", "metals"},
       "https://reuters.example/1987/gold-coins",
       "Gold coins sell well",
       "Sales of gold coins rose in October as investors bought bullion after the stock "
       "market crash; dealers reported record demand for the coins."},
      {"inflation-2014-en",
       "2014-03-21",
       "en",
       "Ann Taylor",
       "Wochenpost",
       {"economy"},
       "https://wochenpost.example/en/2014/inflation",
       "Inflation stays low in the euro area",
       "Inflation in the euro area fell again in March. Economists expect prices to rise "
       "only next year, while the central bank keeps rates on hold."},
  };
  std::vector<Article> out;
  for (const Fixture& row : rows) {
    Article article;
    article.id = row.id;
    article.date = row.date;
    article.lang = row.lang;
    article.author = row.author;
    article.source = row.source;
    article.tags = row.tags;
    article.url = row.url;
    article.title = row.title;
    article.body = row.body;
    out.push_back(std::move(article));
  }
  return out;
}

class QueryLanguage : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "news.db");
    for (const Article& article : articles()) index.add(article);
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // Ids of all hits, sorted (order is not what these tests are about).
  static std::vector<std::string> ids(const std::string& query, bool all_words = false) {
    Searcher searcher(*dir_ / "news.db");
    SearchRequest request;
    request.query = query;
    request.page_size = 100;
    request.match_all_words = all_words;
    std::vector<std::string> out;
    for (const Hit& hit : searcher.search(request).hits) out.push_back(hit.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::string first(const std::string& query) {
    Searcher searcher(*dir_ / "news.db");
    SearchRequest request;
    request.query = query;
    const SearchResults results = searcher.search(request);
    return results.hits.empty() ? "" : results.hits.front().id;
  }

  static TempDir* dir_;
};

TempDir* QueryLanguage::dir_ = nullptr;

using Ids = std::vector<std::string>;

TEST_F(QueryLanguage, TitleFieldMatchesTitleWordsByStem) {
  // "Münzen" is in the title of muenzen-2001 only; euro-2002 has it in the body.
  EXPECT_EQ(ids("title:Münze"), Ids{"muenzen-2001"});
  EXPECT_EQ(ids("title:Münzen"), Ids{"muenzen-2001"});
  EXPECT_EQ(ids("Münzen"), (Ids{"euro-2002", "muenzen-2001"}));
  EXPECT_EQ(ids("title:coin"), Ids{"gold-1987"});
  EXPECT_EQ(ids("title:\"Gold coins\""), Ids{"gold-1987"});
  EXPECT_TRUE(ids("title:\"coins Gold\"").empty());
  EXPECT_EQ(ids("title:inflation"), (Ids{"inflation-2014", "inflation-2014-en"}));
}

TEST_F(QueryLanguage, AuthorTagSourceLangUrlFilter) {
  EXPECT_EQ(ids("author:\"Grit Müller\""), (Ids{"inflation-2014", "muenzen-2001"}));
  EXPECT_EQ(ids("author:\"GRIT MU\xCC\x88LLER\""), (Ids{"inflation-2014", "muenzen-2001"}));
  EXPECT_EQ(ids("Bundesbank author:\"Grit Müller\""), (Ids{"inflation-2014", "muenzen-2001"}));
  EXPECT_EQ(ids("Münzen author:\"Jan Schulz\""), Ids{"euro-2002"});
  EXPECT_EQ(ids("tag:Sport"), Ids{"fussball-2014"});
  EXPECT_EQ(ids("tag:metals tag:Sport"), (Ids{"fussball-2014", "gold-1987"}));  // same field: OR
  EXPECT_EQ(ids("tag:Wirtschaft source:Wochenpost"), Ids{"inflation-2014"});    // fields: AND
  EXPECT_EQ(ids("gold source:reuters"), (Ids{"cocoa-1987", "gold-1987"}));
  EXPECT_EQ(ids("gold -source:reuters"), Ids{"muenzen-2001"});
  EXPECT_EQ(ids("inflation lang:en"), Ids{"inflation-2014-en"});
  EXPECT_EQ(ids("url:https://reuters.example/1987/gold-coins"), Ids{"gold-1987"});
  EXPECT_TRUE(ids("url:https://reuters.example/1987").empty());  // exact, not a prefix
}

TEST_F(QueryLanguage, DateRanges) {
  EXPECT_EQ(ids("date:1987"), (Ids{"cocoa-1987", "gold-1987"}));
  EXPECT_EQ(ids("date:2014-03"), (Ids{"inflation-2014", "inflation-2014-en"}));
  EXPECT_EQ(ids("date:2014-03-21"), Ids{"inflation-2014-en"});
  EXPECT_EQ(ids("date:2001-01-01..2002-12-31"), (Ids{"euro-2002", "muenzen-2001"}));
  EXPECT_EQ(ids("Münzen date:2002"), Ids{"euro-2002"});
  EXPECT_EQ(ids("gold date:..2000"), (Ids{"cocoa-1987", "gold-1987"}));
  EXPECT_EQ(ids("inflation date:2014-03-21.."), Ids{"inflation-2014-en"});
  EXPECT_EQ(ids("gold -date:1987"), Ids{"muenzen-2001"});
  // An invalid date is a word, not an error and not an empty result.
  EXPECT_EQ(ids("Münzen date:2014-13"), (Ids{"euro-2002", "muenzen-2001"}));
}

TEST_F(QueryLanguage, AndOrNotWithParentheses) {
  EXPECT_EQ(ids("(Münzen OR coins) AND Gold"), (Ids{"gold-1987", "muenzen-2001"}));
  EXPECT_EQ(ids("(inflation OR Weltmeister) AND NOT economists"),
            (Ids{"fussball-2014", "inflation-2014"}));
  EXPECT_EQ(ids("Bundesbank AND Inflation OR cocoa"), (Ids{"cocoa-1987", "inflation-2014"}));
  EXPECT_EQ(ids("Bundesbank AND (Inflation OR cocoa)"), Ids{"inflation-2014"});
  EXPECT_EQ(ids("gold -(cocoa OR Mark)"), Ids{"gold-1987"});
  EXPECT_EQ(ids("NOT gold date:1987"), Ids{});
  EXPECT_EQ(ids("NOT cocoa date:1987"), Ids{"gold-1987"});
}

TEST_F(QueryLanguage, PrefixWildcards) {
  EXPECT_EQ(ids("Inflat*"), (Ids{"inflation-2014", "inflation-2014-en"}));
  EXPECT_EQ(ids("Goldmün*"), Ids{"muenzen-2001"});
  EXPECT_EQ(ids("Weltmeist* OR cocoa"), (Ids{"cocoa-1987", "fussball-2014"}));
  // Too short to expand: read as the word itself.
  EXPECT_TRUE(ids("z*").empty());
}

TEST_F(QueryLanguage, Near) {
  // "gold" and "coins" are 1 word apart in gold-1987; "Gold" and "prices" 0
  // words in cocoa-1987.
  EXPECT_EQ(ids("coins NEAR gold"), Ids{"gold-1987"});
  EXPECT_EQ(ids("bullion NEAR/2 coins"), Ids{});
  EXPECT_EQ(ids("bullion NEAR/8 coins"), Ids{"gold-1987"});
  EXPECT_EQ(ids("Bundesbank NEAR Goldmünze"), Ids{"muenzen-2001"});
  // "Bundesbank eine Goldmünze heraus. Sammler": three words between.
  EXPECT_EQ(ids("Bundesbank NEAR/2 Sammler"), Ids{});
  EXPECT_EQ(ids("Bundesbank NEAR/3 Sammler"), Ids{"muenzen-2001"});
}

// German gender forms (query_syntax: the joined feminine form) find the
// masculine, the feminine and the starred forms of the text; read as the
// phrase "lehrer innen" they found only the starred one.
TEST(QueryLanguageGenderForms, FindEveryFormOfTheNoun) {
  TempDir dir;
  testing_support::write_small_index(dir / "db", {
                                                     {"lehrer", "Die Lehrer streiken am Montag."},
                                                     {"lehrerinnen", "Die Lehrerinnen streiken."},
                                                     {"stern", "Die Lehrer*innen streiken."},
                                                     {"innen", "Die Schüler bleiben innen."},
                                                 });
  Searcher searcher(dir / "db");
  for (const std::string query : {"Lehrer*innen", "Lehrer:innen", "lehrer_innen", "LehrerInnen"}) {
    EXPECT_EQ(testing_support::sorted_hit_ids(searcher, query),
              (Ids{"lehrer", "lehrerinnen", "stern"}))
        << query;
  }
}

// A hyphenated word also finds its closed form where the index has it
// ("Corona-Pandemie" / "Coronapandemie", "e-mail" / "email"); its words
// apart are still no match, and the closed form ranks as the phrase does.
TEST(QueryLanguageHyphens, FindTheClosedForm) {
  TempDir dir;
  testing_support::write_small_index(
      dir / "db", {
                      {"geschlossen", "Die Coronapandemie hat die Schulen geschlossen."},
                      {"bindestrich", "Die Corona-Pandemie hat die Schulen geschlossen."},
                      {"getrennt", "Corona ist ein Bier, die Pandemie eine Krankheit."},
                      {"email", "Send your email to the editor.", "", "en"},
                      {"e-mail", "Send your e-mail to the editor.", "", "en"},
                  });
  Searcher searcher(dir / "db");
  const auto found = [&](const std::string& query) {
    return testing_support::sorted_hit_ids(searcher, query);
  };
  EXPECT_EQ(found("Corona-Pandemie"), (Ids{"bindestrich", "geschlossen"}));
  EXPECT_EQ(found("Coronapandemie"), (Ids{"geschlossen"}));
  EXPECT_EQ(found("e-mail"), (Ids{"e-mail", "email"}));
  // Quoted, the words in order only.
  EXPECT_EQ(found("\"Corona-Pandemie\""), (Ids{"bindestrich"}));
}

TEST_F(QueryLanguage, MalformedInputStillFindsWhatALenientReadingFinds) {
  EXPECT_EQ(ids("(Münzen OR coins"), (Ids{"euro-2002", "gold-1987", "muenzen-2001"}));
  EXPECT_EQ(ids("cocoa)"), Ids{"cocoa-1987"});
  EXPECT_EQ(ids("\"Bahia cocoa"), Ids{"cocoa-1987"});
  EXPECT_EQ(ids("cocoa AND"), Ids{"cocoa-1987"});
  EXPECT_EQ(ids("OR cocoa NOT"), Ids{"cocoa-1987"});
  EXPECT_EQ(ids("title: cocoa"), Ids{"cocoa-1987"});
  EXPECT_EQ(ids("author: cocoa"), Ids{"cocoa-1987"});
  // Not a field: the word as typed, which the analyzer keeps whole (UAX #29
  // treats ':' between letters as inside a word), as in indexed text.
  EXPECT_EQ(ids("foo:cocoa"), Ids{});
  EXPECT_EQ(ids("cocoa *"), Ids{"cocoa-1987"});
  EXPECT_EQ(ids(std::string(5000, '(') + "cocoa" + std::string(5000, ')')), Ids{"cocoa-1987"});
  EXPECT_EQ(first("Weltmeister Zeit: 10 Uhr"), "fussball-2014");
}

TEST_F(QueryLanguage, MatchAllWordsAppliesInsideGroups) {
  EXPECT_EQ(ids("Inflation (Bundesbank Ökonomen)", true), Ids{"inflation-2014"});
  EXPECT_EQ(ids("gold (coins OR Münzen)", true), (Ids{"gold-1987", "muenzen-2001"}));
}

}  // namespace
}  // namespace archivar
