// "Did you mean": suggestions come from the index's own words.
#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <string>

#include "archivar/bulk_indexer.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/spelling_words.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

class Spelling : public testing::Test {
 protected:
  void build(bool spelling) {
    IndexOptions options;
    options.spelling = spelling;
    Index index(dir_ / "db", options);
    const char* bodies[][2] = {
        {"de",
         "Die Bundesbank erhöht den Leitzins für die jungen Sparer. Der Balsamico aus Modena ist "
         "teuer."},
        {"de", "Die Bundesbank warnt vor Inflation und steigenden Preisen."},
        {"en", "The central bank raised interest rates to fight inflation."},
    };
    int id = 0;
    for (const auto& [lang, body] : bodies) {
      Article article;
      article.id = "a" + std::to_string(++id);
      article.body = body;
      article.lang = lang;
      index.add(article);
    }
    index.commit();
  }

  SearchResults search(const std::string& query, bool auto_correct = false) {
    Searcher searcher(dir_ / "db");
    SearchRequest request;
    request.query = query;
    request.auto_correct = auto_correct;
    return searcher.search(request);
  }

  testing_support::TempDir dir_;
};

TEST_F(Spelling, SuggestsKnownWordsForUnknownOnes) {
  build(true);
  EXPECT_EQ(search("Bundesbnak Inflation").did_you_mean, "Bundesbank Inflation");
  EXPECT_EQ(search("basalmico").did_you_mean, "balsamico");
  EXPECT_EQ(search("intrest rates").did_you_mean, "interest rates");
  // Written in the case the word was typed in.
  EXPECT_EQ(search("BUNDESBNAK").did_you_mean, "BUNDESBANK");
  EXPECT_EQ(search("bundesbnak").did_you_mean, "bundesbank");
}

TEST_F(Spelling, KnownWordsAndSyntaxAreLeftAlone) {
  build(true);
  EXPECT_EQ(search("Bundesbank Inflation").did_you_mean, "");
  EXPECT_EQ(search("xq").did_you_mean, "");  // too short to correct
  EXPECT_EQ(search("\"Bundesbnak\" AND -Inflaton").did_you_mean, "\"Bundesbank\" AND -Inflation");
}

// `prefix*`: a prefix that begins index words is what was meant (the old
// rule corrected "bundesb" to the shorter word "bundes..."), one that
// begins none is still corrected.
TEST_F(Spelling, PrefixesOfIndexWordsAreLeftAlone) {
  build(true);
  EXPECT_EQ(search("Bundesb*").did_you_mean, "");
  EXPECT_EQ(search("Infla* Bundesbnak").did_you_mean, "Infla* Bundesbank");
  EXPECT_EQ(search("Bundesbnak*").did_you_mean, "Bundesbank*");
}

TEST_F(Spelling, DictionaryWordsAreNotCorrectedWhileTheQueryFindsSomething) {
  build(true);
  // "Lungen" and "lung" are correct German and English words that no
  // article has; their index neighbours "jungen" and "rung"/"lung" are no
  // better spellings.
  EXPECT_EQ(search("Lungen Inflation").did_you_mean, "");
  EXPECT_EQ(search("lung rates").did_you_mean, "");
  // A typo next to a dictionary word is still corrected, alone.
  EXPECT_EQ(search("Lungen Bundesbnak Inflation").did_you_mean, "Lungen Bundesbank Inflation");
  // When the query finds nothing at all, any suggestion is better than none.
  EXPECT_EQ(search("Lungen").did_you_mean, "Jungen");
}

// A long question whose other words match many articles still gets its
// typo corrected (a Searcher looks words up in its SpellingIndex).
TEST(SpellingLongQuestion, TypoInAQuestionOfManyCommonWordsIsCorrected) {
  testing_support::TempDir dir;
  {
    Index index(dir / "db");
    // Twelve different texts (near-duplicates would collapse), each with
    // "ich habe"; three name the word the question misspells.
    const char* bodies[] = {
        "Ab wann habe ich einen Rentenanspruch nach vierzig Jahren im Betrieb?",
        "Ich habe gehört, der Rentenanspruch hängt von den Beitragsjahren ab.",
        "Den Rentenanspruch habe ich beim Amt prüfen lassen, sagt die Lehrerin.",
        "Ich habe einen Garten am Stadtrand und pflanze dort Tomaten.",
        "Gestern habe ich im Kino einen alten Film mit Freunden gesehen.",
        "Ich habe den Zug verpasst, weil die Straßenbahn ausgefallen war.",
        "Seit Montag habe ich ein neues Fahrrad mit elektrischem Antrieb.",
        "Im Urlaub habe ich am Meer viele Muscheln gesammelt.",
        "Ich habe die Wahl im Rathaus als Wahlhelfer begleitet.",
        "Beim Bäcker habe ich frische Brötchen und Kuchen gekauft.",
        "Ich habe das Konzert der Philharmonie im Radio gehört.",
        "Zum Geburtstag habe ich meiner Schwester ein Buch geschenkt.",
    };
    int id = 0;
    for (const char* body : bodies) {
      Article article;
      article.id = "r" + std::to_string(++id);
      article.lang = "de";
      article.body = body;
      index.add(article);
    }
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "ab wann habe ich einen Rentananspruch";
  const SearchResults results = searcher.search(request);
  ASSERT_GE(results.total.lower, 10u);  // the rule for short queries does not apply
  EXPECT_EQ(results.did_you_mean, "ab wann habe ich einen Rentenanspruch");
}

TEST_F(Spelling, AutoCorrectSearchesTheSuggestionWhenNothingMatches) {
  build(true);
  SearchResults plain = search("Bundesbnak");
  EXPECT_TRUE(plain.hits.empty());
  EXPECT_FALSE(plain.corrected);
  SearchResults corrected = search("Bundesbnak", true);
  EXPECT_TRUE(corrected.corrected);
  EXPECT_EQ(corrected.query, "Bundesbnak");
  EXPECT_EQ(corrected.hits.size(), 2u);
  // With matches, auto-correct changes nothing but still suggests.
  SearchResults found = search("Bundesbnak Inflation", true);
  EXPECT_FALSE(found.corrected);
  EXPECT_EQ(found.did_you_mean, "Bundesbank Inflation");
}

// Searcher::warm_up() (what `archivar serve` runs after each commit)
// prepares the facet and near-duplicate columns and the "did you mean"
// index of the current revision, once, and follows the index's commits.
TEST_F(Spelling, WarmUpPreparesTheRevisionOnceAndFollowsCommits) {
  build(true);
  Searcher warmer(dir_ / "db");
  const WarmUpReport first = warmer.warm_up();
  EXPECT_FALSE(first.was_ready);
  EXPECT_EQ(first.columns, 8U);  // lang, year, month, source, tag, author, cluster key, display
  EXPECT_GE(first.spelling_words, 10U);
  const WarmUpReport again = warmer.warm_up();
  EXPECT_TRUE(again.was_ready);
  EXPECT_EQ(again.spelling_words, first.spelling_words);

  // Searches after a warm-up answer as without one.
  SearchRequest request;
  request.query = "Bundesbnak";
  request.facets = {"lang"};
  const SearchResults warm = warmer.search(request);
  EXPECT_EQ(warm.did_you_mean, "Bundesbank");
  EXPECT_EQ(warm.did_you_mean, search("Bundesbnak").did_you_mean);

  {
    Index index(dir_ / "db");
    Article article;
    article.id = "a4";
    article.lang = "de";
    article.body = "Der Zentralbankrat tagt. Der Zentralbankrat entscheidet über den Leitzins.";
    index.add(article);
    index.commit();
  }
  warmer.reopen();
  const WarmUpReport after = warmer.warm_up();
  EXPECT_FALSE(after.was_ready);
  EXPECT_GT(after.spelling_words, first.spelling_words);
  request.query = "Zentralbnakrat";
  EXPECT_EQ(warmer.search(request).did_you_mean, "Zentralbankrat");
}

TEST_F(Spelling, IndexWithoutSpellingDataSuggestsNothing) {
  build(false);
  EXPECT_EQ(search("Bundesbnak").did_you_mean, "");
}

// A new index built by BulkIndexer gets its spelling table from the merged
// shards: words of two or more articles only (singletons are mostly typos).
TEST(BulkSpelling, WordsOfTwoArticlesAreSuggestedSingletonsAreNot) {
  testing_support::TempDir dir;
  BulkIndexOptions options;
  options.threads = 2;
  {
    BulkIndexer indexer(dir / "db", options);
    const char* bodies[] = {
        "Die Bundesbank erhöht den Leitzins. Der Balsamico aus Modena ist teuer.",
        "Die Bundesbank warnt vor Inflation und steigenden Preisen.",
        "Die Inflation steigt, sagt der Kammerpräsident.",
        "Ein Kammerpräsident spricht über Preise.",
    };
    int id = 0;
    for (const char* body : bodies) {
      Article article;
      article.id = "b" + std::to_string(++id);
      article.body = body;
      article.lang = "de";
      indexer.add(std::move(article));
    }
    const BulkIndexSummary summary = indexer.finish();
    ASSERT_TRUE(summary.parallel);
    ASSERT_EQ(summary.articles, 4u);
  }
  Searcher searcher(dir / "db");
  const auto suggest = [&](const std::string& query) {
    SearchRequest request;
    request.query = query;
    return searcher.search(request).did_you_mean;
  };
  EXPECT_EQ(suggest("Bundesbnak"), "Bundesbank");            // in 2 articles
  EXPECT_EQ(suggest("Kammerpräsidnet"), "Kammerpräsident");  // in 2 articles (2 shards)
  EXPECT_EQ(suggest("Inflaton"), "Inflation");               // in 2 articles
  EXPECT_EQ(suggest("basalmico"), "");                       // in 1 article only
}

// The bulk build's table: every plain word of 2+ articles with its document
// frequency, whatever sorts before or after it (digits, prefixed terms, bytes
// above 'z'); the prefixed terms before "a" are skipped by a seek.
TEST(SpellingWordsFrom, KeepsExactlyThePlainWordsOfTwoArticles) {
  testing_support::TempDir dir;
  Xapian::WritableDatabase source((dir / "source").string(),
                                  Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  const std::vector<std::vector<std::string>> documents = {
      {"1984", "Zbank", "QX1", "XBabc", "bank", "über", "{x", "zebra", "ab"},
      {"1984", "Zbank", "bank", "über", "{x", "zebra", "ab", "aaa"},
      {"bank", "zebra", "once", "Sbank", "Sbank2"},
  };
  for (const auto& terms : documents) {
    Xapian::Document document;
    for (const std::string& term : terms) document.add_term(term);
    source.add_document(document);
  }
  source.commit();
  Xapian::WritableDatabase target((dir / "target").string(),
                                  Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  index::add_spelling_words_from(source, target);
  target.commit();
  std::map<std::string, Xapian::doccount> words;
  for (auto it = target.spellings_begin(); it != target.spellings_end(); ++it) {
    words[*it] = it.get_termfreq();
  }
  const std::map<std::string, Xapian::doccount> expected = {{"bank", 3}, {"zebra", 3}, {"über", 2}};
  EXPECT_EQ(words, expected);
}

}  // namespace
}  // namespace archivar
