// The title boost (search/ranking.hpp): which title terms a search-box query
// boosts. Plain words boost their own title terms (the same as analyzing the
// whole query text, which the eval figures were measured with); quoted
// phrases, excluded words, operators and fields other than title boost none.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "index/schema.hpp"
#include "search/ranking.hpp"

namespace archivar::search {
namespace {

std::set<std::string> boosted(const std::string& query) {
  analysis::TextAnalyzer analyzer;
  const Xapian::Query boost = title_boost_query(query, 0.25, analyzer);
  return {boost.get_terms_begin(), boost.get_terms_end()};
}

struct BoostCase {
  const char* query;
  std::set<std::string> terms;
};

class TitleBoost : public testing::TestWithParam<BoostCase> {};

TEST_P(TitleBoost, BoostsTheTitleTermsOfPlainWordsOnly) {
  EXPECT_EQ(boosted(GetParam().query), GetParam().terms) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    SearchBoxQueries, TitleBoost,
    testing::Values(  // Folded spellings come along, as in the analysis ("grundete").
        BoostCase{"Wer gründete die Fabrik?",
                  {"Sdie", "Sfabrik", "Sgrundete", "Sgründete", "Swer"}},
        BoostCase{"\"und nicht\" Berlin", {"Sberlin"}}, BoostCase{"\"und nicht\"", {}},
        BoostCase{"Berlin -Paris NOT London", {"Sberlin"}},
        BoostCase{"title:Goldmünze author:Müller", {"Sgoldmunze", "Sgoldmünze"}},
        BoostCase{"title:\"Deutsche Mark\" Euro", {"Seuro"}},
        BoostCase{"Bank AND (Zins OR Euro)", {"Sbank", "Seuro", "Szins"}},
        BoostCase{"Straßenbahn date:2014", {"Sstrassenbahn"}},
        BoostCase{"Verbrauch* Strom NEAR Preis", {"Spreis", "Sstrom", "Sverbrauch"}}));

// Plain words, as in every judged query set: the same terms as analyzing the
// query text as a whole (what the title boost did before it read syntax).
TEST(TitleBoost, PlainWordsGiveTheTermsOfTheWholeText) {
  analysis::TextAnalyzer analyzer;
  for (const char* query :
       {"Wann wurde die Universität Lund gegründet?",
        "What is the population of the U.S. state of Ohio in 2010?",
        "the relationship of blood and cerebrospinal fluid oxygen concentrations",
        "Müller, Gregorová & Co.: Seitenaufrufe im Jahr 2014 (Klick-durch-Rate)"}) {
    std::set<std::string> whole;
    for (const Token& token : analyzer.analyze(query, "")) {
      whole.insert(std::string(schema::kTitle) + token.term);
    }
    EXPECT_EQ(boosted(query), whole) << query;
  }
}

}  // namespace
}  // namespace archivar::search
