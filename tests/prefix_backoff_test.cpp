// Prefix backoff: German stems Snowball keeps apart, reached by a shared
// beginning (query/prefix_backoff.hpp), on its own and through the Searcher.
#include "query/prefix_backoff.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

// Stem terms as the document builder writes them for German text
// ("Produkt", "Produktion", "produzieren", "Produktionsstätte", "existiert",
// "existieren"); each string is one article, a term repeated is in more.
Xapian::Database stem_index(const TempDir& dir) {
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  const std::vector<std::vector<std::string>> articles = {
      {"Zprodukt", "Zproduktion", "Zexistiert"},
      {"Zproduktion", "Zproduzi"},
      {"Zproduktion", "Zproduktionsstatt", "Zexisti"},
      {"Zprob", "Zproduzi"},
      {"Zproduktion"}};
  for (const auto& terms : articles) {
    Xapian::Document doc;
    for (const std::string& term : terms) doc.add_boolean_term(term);
    db.add_document(doc);
  }
  db.commit();
  return Xapian::Database((dir.path() / "db").string());
}

TEST(PrefixBackoff, ReachesEndingsNotLongerCompounds) {
  const TempDir dir;
  const Xapian::Database db = stem_index(dir);
  // `produktionsstatt` adds a second word (9 letters past `produkt`).
  EXPECT_EQ(query::prefix_neighbours(db, "Zprodukt", 1, {}),
            (std::vector<std::string>{"Zproduktion", "Zproduzi"}));
  EXPECT_EQ(query::prefix_neighbours(db, "Zexistiert", 1, {}),
            (std::vector<std::string>{"Zexisti"}));
  // Terms the query already has are left out.
  EXPECT_EQ(query::prefix_neighbours(db, "Zprodukt", 1, {"Zproduzi"}),
            (std::vector<std::string>{"Zproduktion"}));
}

TEST(PrefixBackoff, ShortStemsHaveNoNeighboursAndTheMostFrequentAreKept) {
  const TempDir dir;
  const Xapian::Database db = stem_index(dir);
  EXPECT_TRUE(query::prefix_neighbours(db, "Zprobe", 1, {}).empty());  // 5 letters
  query::PrefixBackoffOptions one;
  one.max_terms = 1;
  // `produktion` is in 4 articles, `produzi` in 2.
  EXPECT_EQ(query::prefix_neighbours(db, "Zprodukt", 1, {}, one),
            (std::vector<std::string>{"Zproduktion"}));
  // A prefix longer than the term, an empty walk: nothing, no exception.
  EXPECT_TRUE(query::prefix_neighbours(db, "Z", 5, {}).empty());
  EXPECT_TRUE(query::prefix_neighbours(db, "Zunbekannt", 1, {}).empty());
}

// Two German paragraphs about one factory (after the de_mlqa questions): the
// question says "Produkte", the answer "Produktion", which Snowball stems to
// `produkt` and `produktion`. Without the backoff both paragraphs match only
// "Fabrik", and the shorter one ranks first.
TEST(PrefixBackoff, GermanQuestionFindsTheDerivedWordInTheAnswer) {
  const TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Index index(path);
    Article lake;
    lake.id = "lage";
    lake.body =
        "Die Fabrik liegt am Mittellandkanal, nördlich der Altstadt, und ist mit der Bahn gut zu "
        "erreichen.";
    Article output;
    output.id = "produktion";
    output.body =
        "Zur Produktion der Fabrik gehören seit den fünfziger Jahren Personenwagen, Motoren und "
        "Getriebe, die in viele Länder Europas geliefert werden.";
    index.add(lake);
    index.add(output);
    index.commit();
  }
  Searcher searcher(path);
  SearchRequest request;
  request.query = "Welche Produkte stellt die Fabrik her?";
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 2U);
  EXPECT_EQ(results.hits.front().id, "produktion");
}

// A compound's neighbours would be other compounds of its first part
// (`bundesbank` / `bundesrat`); a word the index lacks alone matches nothing
// (left to "did you mean").
TEST(PrefixBackoff, NoNeighboursForCompoundsOrForAnUnknownWordAlone) {
  const TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Index index(path);
    Article council;
    council.id = "bundesrat";
    council.body =
        "Der Bundesrat stimmte am Freitag dem Gesetz zu, das die Länder zuvor im Ausschuss "
        "beraten hatten.";
    Article bank;
    bank.id = "bundesbank";
    bank.body =
        "Die Bundesbank gibt zum Abschied der Mark eine Goldmünze heraus, die im Handel "
        "erhältlich sein wird.";
    index.add(council);
    index.add(bank);
    index.commit();
  }
  Searcher searcher(path);
  SearchRequest request;
  request.query = "Bundesbank";
  SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1U);
  EXPECT_EQ(results.hits.front().id, "bundesbank");
  request.query = "Bundesbnak";  // its neighbour bundesbank is in the index
  EXPECT_TRUE(searcher.search(request).hits.empty());
  // With a known word it is backed off: the Bundesbank article matches too.
  request.query = "Bundesbnak Bundesrat";
  EXPECT_EQ(searcher.search(request).hits.size(), 2U);
}

// A word the index holds keeps its own stems: neighbours for every German
// word cost each query a term walk and more posting lists for +0.003 on
// de_mlqa (README "Prefix backoff"), so `Produkte` does not reach
// `Produktion` once some article says `Produkte`.
TEST(PrefixBackoff, AKnownWordTakesNoNeighbours) {
  const TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Index index(path);
    Article made;
    made.id = "produkte";
    made.body = "Die Produkte der Fabrik werden in viele Länder Europas geliefert.";
    Article output;
    output.id = "produktion";
    output.body = "Zur Produktion der Fabrik gehören seit den fünfziger Jahren Motoren.";
    index.add(made);
    index.add(output);
    index.commit();
  }
  Searcher searcher(path);
  SearchRequest request;
  request.query = "Produkte Jahren";
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 2U);  // "Jahren" matches the Produktion article
  EXPECT_EQ(results.hits.front().id, "produkte");
  request.query = "Produkte";
  const SearchResults alone = searcher.search(request);
  ASSERT_EQ(alone.hits.size(), 1U);
  EXPECT_EQ(alone.hits.front().id, "produkte");
}

}  // namespace
}  // namespace archivar
