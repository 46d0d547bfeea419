// Pseudo-relevance feedback (search/query_expansion.hpp): which queries are
// expanded (real queries of the judged sets in ../shared/data), and that an
// expanded query re-ranks its matches by the top hits' words without adding
// matches.
#include "search/query_expansion.hpp"

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

struct DescriptiveCase {
  const char* query;
  bool descriptive;
};

TEST(QueryExpansionTest, OnlyLongQueriesWithoutQuestionMarkAreDescriptive) {
  const std::vector<DescriptiveCase> cases = {
      // en_med, en_cacm: topic descriptions.
      {"the relationship of blood and cerebrospinal fluid oxygen concentrations\nor partial "
       "pressures. a method of interest is polarography.",
       true},
      {"Security considerations in local networks, network operating systems, and distributed "
       "systems.",
       true},
      // Short descriptions: too few words.
      {"electron microscopy of lung or bronchi.", false},
      {"the crystalline lens in vertebrates, including humans.", false},
      // de_mlqa, en_xquad: questions, however long.
      {"Welchen Beruf verfolgte Lee, nachdem er in der fünften Klasse verletzt worden war und "
       "seinen Wunsch, Fußballspieler zu werden, zunichte gemacht wurde?",
       false},
      {"How many points did the Panthers defense surrender in the regular season of 2015?", false},
      // de_xglue: keyword queries.
      {"herzmuskelentzuendung symptome", false},
      {"", false},
  };
  analysis::TextAnalyzer analyzer;
  for (const DescriptiveCase& c : cases) {
    EXPECT_EQ(search::is_descriptive_query(c.query, analyzer), c.descriptive) << c.query;
  }
}

// An article in English, without a title.
Article english_article(const char* id, const char* body) {
  Article a;
  a.id = id;
  a.lang = "en";
  a.body = body;
  return a;
}

// Three abstracts about oxygen measured by polarography answer the query
// well; two more each hold one query word and are otherwise alike, one of
// them in the vocabulary of the top hits (polarographic electrodes), the
// other not. Without feedback they tie and the earlier one ranks first.
class QueryExpansionSearchTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "med.db");
    index.add(
        english_article("o2-1",
                        "oxygen tension of cerebrospinal fluid and arterial blood measured with "
                        "a polarographic platinum electrode in anaesthetized dogs."));
    index.add(english_article("o2-2",
                              "partial pressures of oxygen in blood and cerebrospinal fluid: the "
                              "polarographic platinum electrode compared with gas analysis."));
    index.add(english_article("o2-3",
                              "oxygen concentrations in cerebrospinal fluid during hypoxia, by "
                              "polarography with a covered platinum electrode."));
    index.add(english_article("other",
                              "pressures recorded in the portal vein of patients with cirrhosis "
                              "of the liver after meals."));
    index.add(english_article("electrode",
                              "pressures recorded with a platinum electrode in the "
                              "polarographic cell of the new analyser after calibration."));
    // Articles the query does not match: the collection statistics that
    // make the top hits' shared words stand out.
    const std::vector<const char*> others = {
        "renal tubular transport of sodium in the rat kidney.",
        "growth hormone secretion in children with short stature.",
        "antibodies to thyroid antigens in autoimmune thyroiditis.",
        "the incidence of congenital malformations in twins.",
        "vitamin deficiency and anaemia in pregnant women.",
        "bacterial flora of the small intestine after gastrectomy.",
        "serum cholesterol and coronary heart disease in middle age.",
        "visual acuity after cataract surgery in elderly patients.",
        "insulin response to glucose in obese subjects.",
        "skin grafts in the treatment of severe burns."};
    int n = 0;
    for (const char* body : others)
      index.add(english_article(("x" + std::to_string(n++)).c_str(), body));
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static SearchResults run(bool feedback) {
    Searcher searcher(*dir_ / "med.db");
    SearchRequest request;
    request.query =
        "the relationship of blood and cerebrospinal fluid oxygen concentrations or partial "
        "pressures";
    request.feedback_expansion = feedback;
    return searcher.search(request);
  }

  static std::size_t rank_of(const SearchResults& results, const std::string& id) {
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      if (results.hits[i].id == id) return i + 1;
    }
    return 0;
  }

  static TempDir* dir_;
};

TempDir* QueryExpansionSearchTest::dir_ = nullptr;

TEST_F(QueryExpansionSearchTest, FeedbackRanksTheTopHitsVocabularyHigherWithoutNewMatches) {
  const SearchResults plain = run(false);
  const SearchResults expanded = run(true);
  ASSERT_GE(plain.hits.size(), 5U);  // the fillers match "the", "of", "in" too
  EXPECT_LT(rank_of(plain, "other"), rank_of(plain, "electrode"));
  EXPECT_LT(rank_of(expanded, "electrode"), rank_of(expanded, "other"));
  // Re-weighted matches only: the same articles, the same count.
  EXPECT_EQ(expanded.hits.size(), plain.hits.size());
  EXPECT_EQ(expanded.total.estimated, plain.total.estimated);
}

}  // namespace
}  // namespace archivar
