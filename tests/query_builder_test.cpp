// AST + Analyzer → Xapian::Query: the query terms must be the index terms.
#include "query/query_builder.hpp"

#include <gtest/gtest.h>

#include <set>

#include "analysis/text_analyzer.hpp"
#include "query/query_syntax.hpp"

namespace archivar::query {
namespace {

std::set<std::string> terms_of(const Xapian::Query& query) {
  return {query.get_terms_begin(), query.get_terms_end()};
}

TEST(QueryBuilder, WordExpandsToTheStemOfEveryIndexLanguage) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"});
  const Xapian::Query query = builder.build(parse_query("Häuser"), false);
  // German stem, English "stem", the folded spelling's stem, and the exact
  // form (a small bonus for the spelling as typed).
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"Zhaus", "Zhäuser", "Zhauser", "häuser"}));
  ASSERT_EQ(query.get_type(), Xapian::Query::OP_OR);
  EXPECT_EQ(query.get_subquery(0).get_type(), Xapian::Query::OP_SYNONYM);
  EXPECT_EQ(query.get_subquery(1).get_type(), Xapian::Query::OP_SCALE_WEIGHT);
}

TEST(QueryBuilder, SameStemInBothLanguagesGivesOneTerm) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"});
  const Xapian::Query query = builder.build(parse_query("bank"), false);
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"Zbank", "bank"}));
  ASSERT_EQ(query.get_type(), Xapian::Query::OP_OR);
  EXPECT_EQ(query.get_subquery(0).get_type(), Xapian::Query::LEAF_TERM);
}

TEST(QueryBuilder, NfdAndNfcQueriesGiveTheSameTerms) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de"});
  EXPECT_EQ(terms_of(builder.build(parse_query("Goldmu\xCC\x88nze"), false)),
            terms_of(builder.build(parse_query("goldmünze"), false)));
}

TEST(QueryBuilder, PhrasesUseUnstemmedTermsWithPositions) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"});
  const Xapian::Query query = builder.build(parse_query("\"Deutsche Bundesbank\""), false);
  EXPECT_EQ(query.get_type(), Xapian::Query::OP_PHRASE);
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"deutsche", "bundesbank"}));
}

TEST(QueryBuilder, HyphenatedWordBecomesAPhrase) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de"});
  const Xapian::Query query = builder.build(parse_query("1-DM-Goldmünze"), false);
  EXPECT_EQ(query.get_type(), Xapian::Query::OP_PHRASE);
  EXPECT_EQ(terms_of(query), (std::set<std::string>{"1", "dm", "goldmünze"}));
}

TEST(QueryBuilder, OperatorsMapToXapianOperators) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"en"});
  EXPECT_EQ(builder.build(parse_query("cocoa coffee"), false).get_type(), Xapian::Query::OP_OR);
  EXPECT_EQ(builder.build(parse_query("cocoa coffee"), true).get_type(), Xapian::Query::OP_AND);
  EXPECT_EQ(builder.build(parse_query("+cocoa coffee"), false).get_type(),
            Xapian::Query::OP_AND_MAYBE);
  EXPECT_EQ(builder.build(parse_query("cocoa -coffee"), false).get_type(),
            Xapian::Query::OP_AND_NOT);
  const Xapian::Query only_excluded = builder.build(parse_query("-coffee"), false);
  EXPECT_EQ(only_excluded.get_type(), Xapian::Query::OP_AND_NOT);
}

TEST(QueryBuilder, NothingSearchableGivesAnEmptyQuery) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de"});
  EXPECT_TRUE(builder.build(parse_query("!!! ... --"), false).empty());
  EXPECT_TRUE(builder.build(parse_query(""), false).empty());
}

}  // namespace
}  // namespace archivar::query
