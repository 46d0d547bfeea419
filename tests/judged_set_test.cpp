// Loading judged query sets: the fixture folders under tests/fixtures/judged/
// (one well-formed set with every accepted variation, one folder per failure)
// and the real en_cran set when ../shared/data is present.
#include "eval/judged_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "archivar/errors.hpp"
#include "eval/metrics.hpp"

namespace archivar::eval {
namespace {

const std::filesystem::path kJudged = std::filesystem::path(ARCHIVAR_FIXTURES) / "judged";

TEST(JudgedSet, LoadsFixture) {
  // tiny/: a UTF-8 BOM, a string and an integer id, a blank line, "lang"
  // null and absent, a CRLF line; qrels with tabs, runs of spaces, a blank
  // line, CRLF, a negative grade and a query id without a query (q9).
  const JudgedSet set = load_judged_set(kJudged / "tiny");
  const std::vector<JudgedQuery> expected = {
      {"q1", "Haushalt des Bundestages", "de"},
      {"2", "shear flow past a flat plate", "en"},
      {"q3", "Größe der Straße", ""},
      {"q4", "ohne Urteile", ""},
  };
  ASSERT_EQ(set.queries.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(set.queries[i].id, expected[i].id) << i;
    EXPECT_EQ(set.queries[i].text, expected[i].text) << i;
    EXPECT_EQ(set.queries[i].lang, expected[i].lang) << i;
  }
  using Grades = std::unordered_map<std::string, int>;
  ASSERT_EQ(set.qrels.size(), 3u);
  EXPECT_EQ(set.qrels.at("q1"), (Grades{{"d1", 2}, {"d2", 0}, {"d3", 1}}));
  EXPECT_EQ(set.qrels.at("2"), (Grades{{"d9", 3}, {"d1", -1}}));
  EXPECT_EQ(set.qrels.at("q9"), (Grades{{"d1", 1}}));
  EXPECT_EQ(set.qrels.count("q3"), 0u);
}

struct ErrorRow {
  const char* folder;
  std::string message;  // the error names file and line
};

TEST(JudgedSet, ErrorsNameFileAndLine) {
  const std::vector<ErrorRow> rows = {
      {"does_not_exist", "does_not_exist/queries.jsonl: cannot open"},
      {"missing_qrels", "missing_qrels/qrels.tsv: cannot open"},
      {"bad_json", "bad_json/queries.jsonl:2: not valid JSON"},
      {"missing_text", "missing_text/queries.jsonl:1: missing \"text\" string"},
      {"float_id", "float_id/queries.jsonl:1: \"id\" must be a string or an integer"},
      {"duplicate_query", "duplicate_query/queries.jsonl:3: duplicate query id \"q1\""},
      {"bad_fields", "bad_fields/qrels.tsv:3: expected 4 fields \"qid 0 docid grade\", got 3"},
      {"bad_grade", "bad_grade/qrels.tsv:2: grade \"relevant\" is not an integer"},
      {"duplicate_judgment",
       "duplicate_judgment/qrels.tsv:2: doc \"d1\" judged twice for query \"q1\""},
  };
  for (const ErrorRow& row : rows) {
    SCOPED_TRACE(row.folder);
    try {
      static_cast<void>(load_judged_set(kJudged / row.folder));
      ADD_FAILURE() << "no InputError";
    } catch (const InputError& error) {
      const std::string what = error.what();
      EXPECT_NE(what.find(row.message), std::string::npos) << what;
    }
  }
}

TEST(JudgedSet, RealCranfieldSet) {
  const std::filesystem::path dir = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "judged/en_cran";
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "judged set not present: " << dir.string()
                 << " (shared data lives next to the project, never in it)";
  }
  const JudgedSet set = load_judged_set(dir);
  EXPECT_EQ(set.queries.size(), 225u);
  EXPECT_EQ(set.qrels.size(), 225u);
  std::size_t judgments = 0;
  for (const auto& [query, grades] : set.qrels) judgments += grades.size();
  EXPECT_EQ(judgments, 1837u);

  ASSERT_FALSE(set.queries.empty());
  EXPECT_EQ(set.queries.front().id, "1");
  EXPECT_EQ(set.queries.front().lang, "en");
  EXPECT_EQ(set.queries.front().text.rfind("what similarity laws", 0), 0u);
  EXPECT_EQ(set.qrels.at("1").at("184"), 3);

  // Ranking each query's judged docs by grade is the ideal ranking: nDCG 1.
  for (const JudgedQuery& query : set.queries) {
    const auto& grades = set.qrels.at(query.id);
    if (!has_relevant(grades)) continue;
    std::vector<std::pair<int, std::string>> by_grade;
    for (const auto& [doc, grade] : grades) by_grade.emplace_back(-grade, doc);
    std::sort(by_grade.begin(), by_grade.end());
    std::vector<std::string> ranked;
    for (const auto& [negative_grade, doc] : by_grade) ranked.push_back(doc);
    EXPECT_NEAR(ndcg_at(ranked, grades, 10), 1.0, 1e-12) << query.id;
  }
}

}  // namespace
}  // namespace archivar::eval
