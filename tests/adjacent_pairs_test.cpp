// Adjacent query-word pairs (search/adjacent_pairs.hpp): which queries are
// questions (real queries of the judged sets in ../shared/data), which
// pairs a question gives, and that a question ranks the paragraph holding
// its words next to each other above one holding them far apart, while the
// same words typed as keywords keep BM25's order; the rerank that checks
// rare pair words against the hits' posting lists first gives the scores
// and order of one that looks every word's positions up.
#include "search/adjacent_pairs.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/article.hpp"
#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "corpus_articles.hpp"
#include "query/term_freqs.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

struct QuestionCase {
  const char* query;
  bool question;
};

TEST(AdjacentPairsTest, QuestionsEndWithAQuestionMarkOrOpenShortWithAQuestionWord) {
  const std::vector<QuestionCase> cases = {
      // de_mlqa, en_xquad: questions.
      {"Wann wurde die Deutsche Bank gegründet?", true},
      {"How many points did the Panthers defense surrender in the regular season of 2015?  ", true},
      // Short, a question word first, no '?'.
      {"wer erfand den Buchdruck", true},
      // en_cran: a long statement opening with a question word is descriptive.
      {"what similarity laws must be obeyed when constructing aeroelastic models\nof heated high "
       "speed aircraft .",
       false},
      // de_xglue: keyword queries; en_med: a topic.
      {"herzmuskelentzuendung symptome", false},
      {"electron microscopy of lung or bronchi.", false},
      {"", false},
  };
  analysis::TextAnalyzer analyzer;
  for (const QuestionCase& c : cases) {
    EXPECT_EQ(search::is_question(c.query, analyzer), c.question) << c.query;
  }
}

struct PairsCase {
  const char* query;
  std::vector<std::string> pairs;  // "first second"
};

TEST(AdjacentPairsTest, PairsAreNeighbouringWordsWithoutQuestionWords) {
  const std::vector<PairsCase> cases = {
      {"Wann wurde die Deutsche Bank gegründet?",
       {"wurde die", "die deutsche", "deutsche bank", "bank gegründet"}},
      // Quantity words after `wie` go with the question word.
      {"Wie viele Einwohner hat Köln?", {"einwohner hat", "hat köln"}},
      {"Who founded Apple?", {"founded apple"}},
      // A repeated word is no pair; one word gives none.
      {"New New", {}},
      {"Warum?", {}},
  };
  analysis::TextAnalyzer analyzer;
  for (const PairsCase& c : cases) {
    std::vector<std::string> got;
    for (const search::AdjacentPair& pair : search::adjacent_pairs(c.query, analyzer)) {
      got.push_back(pair.first + " " + pair.second);
    }
    EXPECT_EQ(got, c.pairs) << c.query;
  }
}

// An article in German, without a title.
Article german_article(const char* id, const char* body) {
  Article a;
  a.id = id;
  a.lang = "de";
  a.body = body;
  return a;
}

// Two paragraphs about a bank's founding: "adjacent" names the Deutsche
// Bank once in a longer text, "apart" is shorter and has `Bank` twice but
// never "Deutsche Bank" together, so BM25 alone ranks it first (the
// question too, by 5.47 to 5.45 before the pairs' bonus of 0.5 x 0.5 x the
// best score: 2 of its 4 pairs).
class AdjacentPairsSearchTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "banks.db");
    index.add(
        german_article("adjacent",
                       "Die Deutsche Bank wurde 1870 in Berlin gegründet, um den Außenhandel zu "
                       "finanzieren."));
    index.add(
        german_article("apart",
                       "Die Bank wurde gegründet, als deutsche Kaufleute in Hamburg eine eigene "
                       "Bank für den Handel brauchten. Die Bank wuchs schnell."));
    const std::vector<const char*> others = {
        "Der Rhein fließt von den Alpen bis zur Nordsee durch mehrere Länder.",
        "Im Sommer blühen auf den Wiesen der Alpen viele seltene Blumen.",
        "Die Stadt Köln ist für ihren Dom und den Karneval bekannt.",
        "Goethe schrieb den Faust über viele Jahrzehnte hinweg.",
        "Der Buchdruck mit beweglichen Lettern veränderte Europa.",
        "Die Eisenbahn verband im neunzehnten Jahrhundert die großen Städte.",
        "Fußball ist in Deutschland die beliebteste Sportart.",
        "Das Klima an der Küste ist milder als im Gebirge."};
    int n = 0;
    for (const char* body : others)
      index.add(german_article(("x" + std::to_string(n++)).c_str(), body));
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::vector<std::string> ids(const std::string& query) {
    Searcher searcher(*dir_ / "banks.db");
    SearchRequest request;
    request.query = query;
    std::vector<std::string> out;
    for (const Hit& hit : searcher.search(request).hits) out.push_back(hit.id);
    return out;
  }

  static TempDir* dir_;
};

TempDir* AdjacentPairsSearchTest::dir_ = nullptr;

TEST_F(AdjacentPairsSearchTest, AQuestionRanksItsWordsAdjacentAboveThemApart) {
  const std::vector<std::string> question = ids("Wann wurde die Deutsche Bank gegründet?");
  ASSERT_GE(question.size(), 2U);
  EXPECT_EQ(question[0], "adjacent");
  EXPECT_EQ(question[1], "apart");
}

TEST_F(AdjacentPairsSearchTest, KeywordsKeepTheBm25Order) {
  const std::vector<std::string> keywords = ids("Deutsche Bank gegründet");
  ASSERT_GE(keywords.size(), 2U);
  EXPECT_EQ(keywords[0], "apart");
  EXPECT_EQ(keywords[1], "adjacent");
}

// The first 300 articles of a German and an English corpus, for pair words
// rare enough (in at most 1/32 of the articles) to be checked by a
// posting-list walk before their positions are read.
class AdjacentPairsCorpusTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "news.db");
    testing_support::add_corpus_articles(
        index, {"en_reuters21578.jsonl.gz", "de_10kgnad_test.jsonl.gz"}, 300);
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static TempDir* dir_;
};

TempDir* AdjacentPairsCorpusTest::dir_ = nullptr;

TEST_F(AdjacentPairsCorpusTest, RareWordsCheckedFirstGiveTheScoresOfLookingAllUp) {
  const Xapian::Database db((*dir_ / "news.db").string());
  analysis::TextAnalyzer analyzer;
  // Questions of common words ("die", "the": looked up in every hit) and
  // rare ones (checked first, absent from most hits).
  const std::vector<std::string> questions = {
      "Wie hoch ist die Arbeitslosigkeit in der Europäischen Union?",
      "Was sagt die Regierung in Wien zur Steuerreform?",
      "What did the Bank of Japan say about the yen?",
      "How much did oil prices rise in the first quarter?"};
  std::size_t rare_words = 0;
  for (const std::string& question : questions) {
    const std::vector<search::AdjacentPair> pairs = search::adjacent_pairs(question, analyzer);
    ASSERT_FALSE(pairs.empty()) << question;
    // A window: the pair words' articles by BM25.
    std::vector<Xapian::Query> words;
    for (const search::AdjacentPair& pair : pairs) {
      words.emplace_back(pair.first);
      words.emplace_back(pair.second);
      for (const std::string* word : {&pair.first, &pair.second}) {
        if (db.get_termfreq(*word) * search::kRareWordShare <= db.get_doccount()) ++rare_words;
      }
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
    const Xapian::MSet mset = enquire.get_mset(0, 40);
    ASSERT_GT(mset.size(), 5U) << question;
    std::vector<search::RankedMatch> ranked = search::ranked_as_is(mset);
    // Expected: every hit's share from its words' positions alone.
    std::vector<search::RankedMatch> expected = ranked;
    const std::size_t depth = 30;
    const std::size_t n = std::min(depth, expected.size());
    const double bonus = 0.5 * expected.front().score;
    for (std::size_t i = 0; i < n; ++i) {
      expected[i].score += bonus * search::adjacent_share(db, *expected[i].match, pairs);
    }
    std::stable_sort(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(n),
                     [](const search::RankedMatch& a, const search::RankedMatch& b) {
                       return a.score > b.score;
                     });
    query::TermFreqs freqs(db);
    search::rerank_by_adjacent_pairs(ranked, db, pairs, depth, 0.5, &freqs);
    ASSERT_EQ(ranked.size(), expected.size());
    bool lifted = false;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      EXPECT_EQ(*ranked[i].match, *expected[i].match) << question << " #" << i;
      EXPECT_EQ(ranked[i].score, expected[i].score) << question << " #" << i;
      lifted = lifted || ranked[i].score != ranked[i].match.get_weight();
    }
    EXPECT_TRUE(lifted) << question;  // some hit holds a pair adjacent
  }
  EXPECT_GE(rare_words, 2U);  // the walk had words to check
}

}  // namespace
}  // namespace archivar
