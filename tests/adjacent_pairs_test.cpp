// Adjacent query-word pairs (search/adjacent_pairs.hpp): which queries are
// questions (real queries of the judged sets in ../shared/data), which
// pairs a question gives, and that a question ranks the paragraph holding
// its words next to each other above one holding them far apart, while the
// same words typed as keywords keep BM25's order.
#include "search/adjacent_pairs.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
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

Article article(const char* id, const char* body) {
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
    index.add(article("adjacent",
                      "Die Deutsche Bank wurde 1870 in Berlin gegründet, um den Außenhandel zu "
                      "finanzieren."));
    index.add(article("apart",
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
    for (const char* body : others) index.add(article(("x" + std::to_string(n++)).c_str(), body));
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

}  // namespace
}  // namespace archivar
