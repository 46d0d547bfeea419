// Searcher::suggest: search-box completions from frequent words and titles,
// German and English, normalized like queries.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/schema.hpp"
#include "search/facet_column.hpp"
#include "search/suggester.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

class Suggest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "db");
    struct Row {
      const char* id;
      const char* title;
      const char* body;
      const char* lang;
    };
    const Row rows[] = {
        {"bt-1", "Bundestag beschließt Haushalt",
         "Der Bundestag hat am Freitag den Haushalt beschlossen. Die Bundesregierung zeigte sich "
         "zufrieden, der Bundesrat muss noch zustimmen.",
         "de"},
        {"bt-2", "Bundestag debattiert über Rente",
         "Im Bundestag wurde über die Rente gestritten. Der Bundestag vertagte die Abstimmung.",
         "de"},
        {"bb-1", "Bundesbank warnt vor Inflation",
         "Die Bundesbank erwartet eine höhere Inflation. Der Bundestag soll gegensteuern.", "de"},
        {"mu-1", "Müller gewinnt Wahl in Köln",
         "Thomas Müller ist neuer Oberbürgermeister. Müller dankte seinen Wählern.", "de"},
        {"en-1", "Budget talks stall in Congress",
         "Budget negotiations stalled as Congress left for the weekend. The budget deadline "
         "is Friday.",
         "en"},
        {"en-2", "Bundesliga season opens",
         "The Bundesliga season opened on Friday with a win for Munich.", "en"},
    };
    for (const Row& row : rows) {
      Article article;
      article.id = row.id;
      article.title = row.title;
      article.body = row.body;
      article.lang = row.lang;
      index.add(article);
    }
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::vector<std::string> texts(const std::vector<Suggestion>& suggestions,
                                        SuggestionKind kind) {
    std::vector<std::string> out;
    for (const Suggestion& s : suggestions) {
      if (s.kind == kind) out.push_back(s.text);
    }
    return out;
  }

  static TempDir* dir_;
  Searcher searcher_{*dir_ / "db"};
};

TempDir* Suggest::dir_ = nullptr;

TEST_F(Suggest, CompletesTheLastWordWithFrequentTermsFirst) {
  const auto suggestions = searcher_.suggest("bund");
  const auto terms = texts(suggestions, SuggestionKind::term);
  ASSERT_GE(terms.size(), 4u);
  EXPECT_EQ(terms[0], "bundestag");  // in three articles
  for (const char* word : {"bundesbank", "bundesregierung", "bundesrat", "bundesliga"}) {
    EXPECT_NE(std::find(terms.begin(), terms.end(), word), terms.end()) << word;
  }
  // Terms first, then titles; scores fall within a kind.
  for (std::size_t i = 1; i < suggestions.size(); ++i) {
    if (suggestions[i].kind == suggestions[i - 1].kind) {
      EXPECT_LE(suggestions[i].score, suggestions[i - 1].score);
    } else {
      EXPECT_EQ(suggestions[i].kind, SuggestionKind::title);
    }
  }
}

TEST_F(Suggest, SuggestsTitlesWithAWordStartingWithThePrefix) {
  const auto titles = texts(searcher_.suggest("bundes"), SuggestionKind::title);
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Bundesbank warnt vor Inflation"),
            titles.end());
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Bundesliga season opens"), titles.end());
  // "Bundestag ..." titles: "bundestag" starts with "bundes" too.
  EXPECT_NE(std::find(titles.begin(), titles.end(), "Bundestag beschließt Haushalt"), titles.end());
  EXPECT_EQ(std::find(titles.begin(), titles.end(), "Budget talks stall in Congress"),
            titles.end());
}

TEST_F(Suggest, NormalizesThePrefixLikeAQuery) {
  // Upper case, and NFD "Mu\u0308l" are folded like the index.
  EXPECT_EQ(texts(searcher_.suggest("MÜL"), SuggestionKind::term),
            std::vector<std::string>{"müller"});
  EXPECT_EQ(texts(searcher_.suggest("Mu\xCC\x88l"), SuggestionKind::term),
            std::vector<std::string>{"müller"});
  EXPECT_EQ(texts(searcher_.suggest("müll"), SuggestionKind::title),
            std::vector<std::string>{"Müller gewinnt Wahl in Köln"});
}

TEST_F(Suggest, EnglishWorksLikeGerman) {
  const auto suggestions = searcher_.suggest("budg");
  EXPECT_EQ(texts(suggestions, SuggestionKind::term), std::vector<std::string>{"budget"});
  EXPECT_EQ(texts(suggestions, SuggestionKind::title),
            std::vector<std::string>{"Budget talks stall in Congress"});
}

TEST_F(Suggest, KeepsEarlierWordsAndUsesThemForTitles) {
  const auto suggestions = searcher_.suggest("bundestag de");
  const auto terms = texts(suggestions, SuggestionKind::term);
  ASSERT_FALSE(terms.empty());
  EXPECT_EQ(terms[0].rfind("bundestag de", 0), 0u) << terms[0];
  EXPECT_EQ(texts(suggestions, SuggestionKind::title),
            std::vector<std::string>{"Bundestag debattiert über Rente"});
}

TEST_F(Suggest, LimitAndEmptyInput) {
  EXPECT_LE(texts(searcher_.suggest("b", 2), SuggestionKind::term).size(), 2u);
  EXPECT_LE(texts(searcher_.suggest("b", 2), SuggestionKind::title).size(), 2u);
  EXPECT_TRUE(searcher_.suggest("").empty());
  EXPECT_TRUE(searcher_.suggest("  ,;  ").empty());
  EXPECT_TRUE(searcher_.suggest("xyzzy").empty());
  EXPECT_THROW((void)searcher_.suggest("bund", 0), InvalidArgumentError);
  EXPECT_THROW((void)searcher_.suggest("bund", 101), InvalidArgumentError);
}

// The most frequent completions of `prefix` among all its words, straight
// from the term dictionary (the reference for Searcher::suggest's terms).
std::vector<std::string> reference_completions(const Xapian::Database& db,
                                               const std::string& prefix, std::size_t count) {
  std::vector<std::pair<Xapian::doccount, std::string>> all;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    all.emplace_back(it.get_termfreq(), *it);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < all.size() && i < count; ++i) out.push_back(all[i].second);
  return out;
}

// A prefix shared by tens of thousands of words (the first letter typed) is
// completed with the most frequent of all of them, not of the first ones in
// alphabetical order; the completions are kept per revision (the second
// call answers from them) and agree with a walk of the whole dictionary.
TEST(SuggestHeavyPrefixes, CompleteWithTheMostFrequentOfAllTheirWords) {
  std::ifstream list("/usr/share/dict/ngerman");
  ASSERT_TRUE(list) << "needs Debian's wngerman (scripts/setup-debian.sh installs it)";
  std::vector<std::string> words;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && (line[0] == 's' || line[0] == 'S')) words.push_back(line);
  }
  ASSERT_GT(words.size(), 25000u);
  TempDir dir;
  {
    Index index(dir / "db");
    constexpr std::size_t kWordsPerArticle = 1500;
    for (std::size_t first = 0, n = 0; first < words.size(); first += kWordsPerArticle, ++n) {
      Article article;
      article.id = "dict-" + std::to_string(n);
      article.title = "Wörter ab " + words[first];
      article.lang = "de";
      // "Szene" in every article: the most frequent word, late in the alphabet.
      article.body = "Szene.";
      for (std::size_t i = first; i < words.size() && i < first + kWordsPerArticle; ++i) {
        article.body += ' ' + words[i];
      }
      index.add(article);
    }
    index.commit();
  }
  const Xapian::Database db((dir / "db").string());
  std::size_t before_szene = 0;
  for (auto it = db.allterms_begin("s"); it != db.allterms_end("s") && *it < "szene"; ++it) {
    ++before_szene;
  }
  ASSERT_GT(before_szene, 20000u);  // beyond what one keystroke could walk

  Searcher searcher(dir / "db");
  for (const std::string prefix : {"s", "sc", "sch", "st", "sz", "sze"}) {
    const auto expected = reference_completions(db, prefix, 100);
    for (int call = 0; call < 2; ++call) {  // walked, then kept
      const auto suggestions = searcher.suggest(prefix, 100);
      const auto terms = [&] {
        std::vector<std::string> out;
        for (const Suggestion& s : suggestions) {
          if (s.kind == SuggestionKind::term) out.push_back(s.text);
        }
        return out;
      }();
      EXPECT_EQ(terms, expected) << prefix << " call " << call;
    }
  }
  const auto top = searcher.suggest("s", 3);
  ASSERT_FALSE(top.empty());
  EXPECT_EQ(top[0].text, "szene");
  // A smaller limit gives the first completions of a larger one.
  const auto three = searcher.suggest("sch", 3);
  const auto expected_three = reference_completions(db, "sch", 3);
  ASSERT_GE(three.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(three[i].text, expected_three[i]);
}

// A prefix typed alone whose title words fill thousands of titles ("d":
// "der", "die" in every title here) has its title suggestions kept per
// revision: the same titles, in the same order, as the title search gives
// (search::suggest without a cache), for every limit.
TEST(SuggestHeavyPrefixes, TitlesOfCommonTitleWordsAreKept) {
  std::ifstream list("/usr/share/dict/ngerman");
  ASSERT_TRUE(list) << "needs Debian's wngerman (scripts/setup-debian.sh installs it)";
  std::vector<std::string> nouns;
  for (std::string line; std::getline(list, line) && nouns.size() < 10500;) {
    if (line.size() > 3 && line[0] >= 'A' && line[0] <= 'Z') nouns.push_back(line);
  }
  ASSERT_EQ(nouns.size(), 10500u);
  TempDir dir;
  {
    Index index(dir / "db");
    for (std::size_t i = 0; i < nouns.size(); ++i) {
      Article article;
      article.id = "noun-" + std::to_string(i);
      article.title = (i % 2 == 0 ? "Der Streit um " : "Die Frage nach ") + nouns[i];
      article.body = nouns[i] + " ist ein Wort der deutschen Sprache.";
      article.lang = "de";
      index.add(article);
    }
    index.commit();
  }
  const Xapian::Database db((dir / "db").string());
  ASSERT_GT(db.get_termfreq("Sder") + db.get_termfreq("Sdie"), search::kCachedTitlePostings);
  analysis::TextAnalyzer analyzer;
  const auto titles_of = [](const std::vector<Suggestion>& suggestions) {
    std::vector<std::string> out;
    for (const Suggestion& s : suggestions) {
      if (s.kind == SuggestionKind::title) out.push_back(s.text);
    }
    return out;
  };
  Searcher searcher(dir / "db");
  search::CompletionCache cache;
  for (const std::uint32_t limit : {3u, 10u, 20u, 40u}) {  // 40: more than kept
    const auto expected = titles_of(search::suggest(db, analyzer, "d", limit));
    ASSERT_EQ(expected.size(), limit);
    EXPECT_EQ(titles_of(search::suggest(db, analyzer, "d", limit, &cache)), expected) << limit;
    EXPECT_EQ(titles_of(searcher.suggest("d", limit)), expected) << limit;
    EXPECT_EQ(titles_of(searcher.suggest("D", limit)), expected) << limit;  // kept
  }
  EXPECT_EQ(cache.held_titles(), 1u);  // "Sd", walked once
  // A rarer prefix, and a prefix after other words, are searched each time.
  std::string rare = nouns[0].substr(0, 5);
  std::transform(rare.begin(), rare.end(), rare.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  EXPECT_FALSE(titles_of(search::suggest(db, analyzer, rare, 10, &cache)).empty()) << rare;
  EXPECT_FALSE(titles_of(search::suggest(db, analyzer, "streit d", 10, &cache)).empty());
  EXPECT_EQ(cache.held_titles(), 1u);
}

// Syndicated copies of one story (its title edited in the copy) give one
// title suggestion, whether near-duplicates are told apart by the
// collapse-key column (a single index) or by each hit's cluster value (a
// shard set has no column).
TEST(SuggestTitles, NearDuplicatesOnce) {
  const std::string story =
      "Die Bundesbank rechnet für das kommende Jahr mit einer deutlich höheren Inflation als "
      "bisher angenommen. Vor allem die Preise für Energie und Lebensmittel dürften weiter "
      "steigen, teilte die Notenbank am Montag in Frankfurt mit. Die Volkswirte erwarten, dass "
      "die Teuerung erst im Laufe des übernächsten Jahres wieder in die Nähe des Ziels von zwei "
      "Prozent sinkt. Der Präsident der Bundesbank forderte die Europäische Zentralbank auf, "
      "die Zinsen nicht zu früh zu senken, und warnte vor Lohnforderungen, die die Preise "
      "zusätzlich antreiben könnten. Gewerkschaften wiesen die Warnung zurück.";
  TempDir dir;
  {
    Index index(dir / "db");
    const auto add = [&](const char* id, const char* title, const std::string& body) {
      Article article;
      article.id = id;
      article.title = title;
      article.body = body;
      article.lang = "de";
      index.add(article);
    };
    add("wire-1", "Bundesbank erwartet höhere Inflation", story);
    add("wire-1-copy", "Bundesbank erwartet deutlich höhere Inflation",
        story + "\n\n(dpa/AFP) Alle Rechte vorbehalten.");
    add("other", "Bundesbahn erhöht die Preise",
        "Die Bahn erhöht zum Fahrplanwechsel die Preise für Fernverkehrstickets um "
        "durchschnittlich "
        "fünf Prozent. Pendler mit Zeitkarten zahlen mehr, Sparpreise bleiben gleich.");
    index.commit();
  }
  const Xapian::Database db((dir / "db").string());
  ASSERT_FALSE(db.get_document(1).get_value(schema::kClusterSlot).empty())
      << "the copies must form a near-duplicate cluster";
  analysis::TextAnalyzer analyzer;
  const auto column = search::FacetColumn::load(db, schema::kClusterSlot, false, false);
  ASSERT_TRUE(column);
  for (const search::FacetColumn* clusters :
       {&*column, static_cast<const search::FacetColumn*>(nullptr)}) {
    std::vector<std::string> titles;
    for (const Suggestion& s : search::suggest(db, analyzer, "bundesb", 10, nullptr, clusters)) {
      if (s.kind == SuggestionKind::title) titles.push_back(s.text);
    }
    ASSERT_EQ(titles.size(), 2u) << (clusters ? "column" : "values");
    EXPECT_EQ(std::count(titles.begin(), titles.end(), "Bundesbahn erhöht die Preise"), 1);
    EXPECT_TRUE(titles[0].starts_with("Bundesbank erwartet") ||
                titles[1].starts_with("Bundesbank erwartet"));
  }
  // Through a Searcher: its first call of a revision reads the hits'
  // cluster values (no column load), the second uses the column; the same
  // suggestions either way.
  search::FacetColumns probe;
  Searcher searcher(dir / "db");
  const auto texts = [&] {
    std::vector<std::string> out;
    for (const Suggestion& s : searcher.suggest("bundesb", 10)) out.push_back(s.text);
    return out;
  };
  const std::vector<std::string> first = texts();
  EXPECT_FALSE(probe.loaded(db, schema::kClusterSlot, false, false));
  EXPECT_EQ(texts(), first);
  EXPECT_TRUE(probe.loaded(db, schema::kClusterSlot, false, false));
  EXPECT_EQ(std::count_if(first.begin(), first.end(),
                          [](const std::string& text) { return text.starts_with("Bundesbank"); }),
            1);
}

}  // namespace
}  // namespace archivar
