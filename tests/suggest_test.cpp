// Searcher::suggest: search-box completions from frequent words and titles,
// German and English, normalized like queries.
#include <gtest/gtest.h>

#include <algorithm>

#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
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

}  // namespace
}  // namespace archivar
