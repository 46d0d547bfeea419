// AST + Analyzer → Xapian::Query: the query terms must be the index terms.
#include "query/query_builder.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>

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

// Questions as the MLQA and XQuAD sets ask them.
TEST(QueryBuilder, QuestionWordsAreLeftOutWhenOtherWordsRemain) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"});
  const std::set<std::string> german =
      terms_of(builder.build(parse_query("Wann wurde die Mauer geöffnet?"), false));
  EXPECT_FALSE(german.contains("wann"));
  EXPECT_FALSE(german.contains("Zwann"));
  EXPECT_TRUE(german.contains("mauer"));
  const std::set<std::string> english =
      terms_of(builder.build(parse_query("Which team won Super Bowl 50?"), false));
  EXPECT_FALSE(english.contains("which"));
  EXPECT_TRUE(english.contains("team"));
  // Alone, or required, a question word is searched for.
  EXPECT_TRUE(terms_of(builder.build(parse_query("Wer?"), false)).contains("wer"));
  EXPECT_TRUE(terms_of(builder.build(parse_query("+who band"), false)).contains("who"));
}

// A quantity word or naming verb right after `wie` / `how` belongs to the
// question word;
// elsewhere, or before other words, it is searched for.
TEST(QueryBuilder, QuantityWordsAndNamingVerbsAfterWieOrHowAreLeftOut) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"});
  struct Case {
    const char* query;
    const char* word;  // normalized form of the quantity word
    bool searched;
  };
  const std::vector<Case> cases = {
      {"Wie viele Einwohner hatte Berlin 1900?", "viele", false},
      {"Wie viel kostete der Bau des Doms?", "viel", false},
      {"How many students attend the university?", "many", false},
      {"How much did the Apollo program cost?", "much", false},
      {"Wie hieß der erste Sohn von Ramses II.?", "hiess", false},
      {"Wie heißt die Hauptstadt von Bhutan?", "heisst", false},
      {"Wie nennt man die Bewohner Triers?", "nennt", false},
      {"Das Kind heißt Anna", "heisst", true},               // not after wie
      {"Warum lebten dort viele Familien?", "viele", true},  // not after wie
      {"Wie hoch ist der Turm und wie viele Stufen hat er?", "viele", false},
      {"wie viele", "viele", true},          // nothing else to search for
      {"Wie +viele Kinder", "viele", true},  // required
      {"Much Ado About Nothing", "much", true},
  };
  for (const Case& c : cases) {
    const std::set<std::string> terms = terms_of(builder.build(parse_query(c.query), false));
    EXPECT_EQ(terms.contains(c.word), c.searched) << c.query;
  }
  // The subject stays: "Einwohner" is searched, `wie` is not.
  const std::set<std::string> terms =
      terms_of(builder.build(parse_query("Wie viele Einwohner hatte Berlin 1900?"), false));
  EXPECT_TRUE(terms.contains("einwohner"));
  EXPECT_FALSE(terms.contains("wie"));
}

TEST(QueryBuilder, CompoundPartsWeighLessThanTheCompound) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de"});
  const Xapian::Query query = builder.word_query("medienseite");
  ASSERT_EQ(query.get_type(), Xapian::Query::OP_OR);
  const Xapian::Query parts = query.get_subquery(1);
  ASSERT_EQ(parts.get_type(), Xapian::Query::OP_SCALE_WEIGHT);
  EXPECT_EQ(terms_of(parts), (std::set<std::string>{"Zmedi", "Zseit"}));
}

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    ++count;
  }
  return count;
}

// A repeated word, or a compound part that occurs twice, is one clause of
// twice the weight: one posting-list walk, the same score as two clauses.
TEST(QueryBuilder, RepeatedClausesAreWalkedOnceWithTheirWeightsSummed) {
  analysis::TextAnalyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* text : {"the cat sat", "the dog", "a cat", "the the mouse"}) {
    Xapian::Document doc;
    for (const Token& token : analyzer.analyze(text, "en")) {
      doc.add_term(token.term);
      doc.add_term("Z" + token.stem);
    }
    db.add_document(doc);
  }
  QueryBuilder builder(analyzer, {"en"});
  builder.set_database(db);
  const Xapian::Query repeated = builder.build(parse_query("the cat the"), false);
  const std::string described = repeated.get_description();
  EXPECT_EQ(occurrences(described, "Zthe"), 1U) << described;
  EXPECT_EQ(occurrences(described, "2 * "), 1U) << described;

  // Scores: "the cat the" = "the cat" + "the", per article.
  const auto weights = [&](const std::string& text) {
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.build(parse_query(text), false));
    std::map<Xapian::docid, double> by_doc;
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) by_doc[*it] = it.get_weight();
    return by_doc;
  };
  const auto merged = weights("the cat the");
  const auto once = weights("the cat");
  const auto the = weights("the");
  ASSERT_EQ(merged.size(), 4U);
  for (const auto& [doc, weight] : merged) {
    const double expected =
        (once.contains(doc) ? once.at(doc) : 0) + (the.contains(doc) ? the.at(doc) : 0);
    EXPECT_NEAR(weight, expected, 1e-9) << "doc " << doc;
  }
  // "the" weighs something: the test would pass trivially otherwise.
  EXPECT_GT(the.at(1), 0.0);

  // Bundesregierung's parts name Bund more than once.
  QueryBuilder german(analyzer, {"de"});
  const std::string compound = german.word_query("bundesregierung").get_description();
  EXPECT_EQ(occurrences(compound, "Zbund "), 1U) << compound;
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
  // All words: AND of the words, their exact forms apart (AND_MAYBE).
  const Xapian::Query all = builder.build(parse_query("cocoa coffee"), true);
  ASSERT_EQ(all.get_type(), Xapian::Query::OP_AND_MAYBE);
  EXPECT_EQ(all.get_subquery(0).get_type(), Xapian::Query::OP_AND);
  // Without exact forms, no AND_MAYBE.
  QueryBuilder stems_only(analyzer, {"en"}, /*exact_form_weight=*/0);
  EXPECT_EQ(stems_only.build(parse_query("cocoa coffee"), true).get_type(), Xapian::Query::OP_AND);
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

std::string description(QueryBuilder& builder, std::string_view input, bool all = false) {
  return builder.build(parse_query(input), all).get_description();
}

TEST(QueryBuilder, ParenthesizedOptionalWordsBuildTheSameQueryAsPlainWords) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"}, /*exact_form_weight=*/0);
  EXPECT_EQ(description(builder, "(Münzen Gold) Bundesbank"),
            description(builder, "Münzen Gold Bundesbank"));
  EXPECT_EQ(description(builder, "(a (b c)) d", true), description(builder, "a b c d", true));
}

TEST(QueryBuilder, TitleFieldMatchesTitleStemsAndRanksLikeTheWord) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"}, /*exact_form_weight=*/0);
  const Xapian::Query query = builder.build(parse_query("title:Münzen"), false);
  EXPECT_EQ(query.get_type(), Xapian::Query::OP_AND_MAYBE);
  EXPECT_EQ(terms_of(query),
            (std::set<std::string>{"ZSmunz", "ZSmünzen", "Zmunz", "Zmunzen", "Zmünzen"}));
  const Xapian::Query phrase = builder.build(parse_query("title:\"Deutsche Mark\""), false);
  EXPECT_EQ(phrase.get_type(), Xapian::Query::OP_PHRASE);
  EXPECT_EQ(terms_of(phrase), (std::set<std::string>{"Sdeutsche", "Smark"}));
  EXPECT_EQ(terms_of(builder.build(parse_query("title:\"Gold\""), false)),
            (std::set<std::string>{"Sgold"}));
}

TEST(QueryBuilder, BooleanFieldsAreNormalizedLikeTheIndexAndFilter) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"}, /*exact_form_weight=*/0);
  EXPECT_EQ(terms_of(builder.build(parse_query("author:\"Grit MÜLLER\""), false)),
            (std::set<std::string>{"Agrit müller"}));
  EXPECT_EQ(terms_of(builder.build(parse_query("author:Mu\xCC\x88ller"), false)),
            (std::set<std::string>{"Amüller"}));
  EXPECT_EQ(terms_of(builder.build(parse_query("tag:Straße source:Reuters lang:DE"), false)),
            (std::set<std::string>{"Kstrasse", "Hreuters", "Lde"}));
  EXPECT_EQ(terms_of(builder.build(parse_query("url:https://x.de/A?b=1"), false)),
            (std::set<std::string>{"Uhttps://x.de/A?b=1"}));

  // A filter restricts the ranked part; the same field OR-ed, fields AND-ed.
  EXPECT_EQ(description(builder, "cocoa source:reuters"), "Query((Zcocoa FILTER Hreuters))");
  EXPECT_EQ(description(builder, "cocoa tag:a tag:b lang:en"),
            "Query((Zcocoa FILTER ((Ka OR Kb) AND Len)))");
  EXPECT_EQ(description(builder, "cocoa -source:reuters"), "Query((Zcocoa AND_NOT Hreuters))");
  EXPECT_EQ(description(builder, "author:x"), "Query(Ax)");
}

TEST(QueryBuilder, LongUrlsAreHashedTheSameWayAsAtIndexTime) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"en"}, /*exact_form_weight=*/0);
  const std::string url = "https://example.org/" + std::string(400, 'a');
  const std::set<std::string> terms = terms_of(builder.build(parse_query("url:" + url), false));
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_LE(terms.begin()->size(), 220u);
  EXPECT_EQ(terms.begin()->substr(0, 21), "Uhttps://example.org/");
}

TEST(QueryBuilder, DateRangesUseTheDateSlot) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de"}, /*exact_form_weight=*/0);
  EXPECT_EQ(description(builder, "date:2014"), "Query(VALUE_RANGE 0 20140101 20141231)");
  EXPECT_EQ(description(builder, "date:..2014-03"), "Query(VALUE_LE 0 20140331)");
  EXPECT_EQ(description(builder, "date:2014-03-05.."), "Query(VALUE_GE 0 20140305)");
  EXPECT_EQ(description(builder, "Gold date:2000 date:2014"),
            "Query((Zgold FILTER (VALUE_RANGE 0 20000101 20001231 OR "
            "VALUE_RANGE 0 20140101 20141231)))");
}

TEST(QueryBuilder, PrefixExpandsOverUnstemmedTermsWithALimit) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"}, /*exact_form_weight=*/0);
  const Xapian::Query query = builder.build(parse_query("MÜNZ*"), false);
  EXPECT_EQ(query.get_type(), Xapian::Query::OP_WILDCARD);
  EXPECT_EQ(query.get_description(), "Query(WILDCARD SYNONYM münz)");
  // Too short: the word itself.
  EXPECT_EQ(description(builder, "s*"), "Query(Zs)");
}

TEST(QueryBuilder, NearUsesUnstemmedTermsAndAWindow) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"de", "en"}, /*exact_form_weight=*/0);
  EXPECT_EQ(description(builder, "Gold NEAR Münzen"), "Query((gold NEAR 12 münzen))");
  EXPECT_EQ(description(builder, "a NEAR/0 b"), "Query((a NEAR 2 b))");
  EXPECT_EQ(description(builder, "\"Deutsche Mark\" NEAR/3 Gold"),
            "Query((deutsche NEAR 6 mark NEAR 6 gold))");
}

TEST(QueryBuilder, AndOrNotGroups) {
  analysis::TextAnalyzer analyzer;
  QueryBuilder builder(analyzer, {"en"}, /*exact_form_weight=*/0);
  EXPECT_EQ(description(builder, "(cocoa OR coffee) AND -sugar"),
            "Query(((Zcocoa OR Zcoffe) AND_NOT Zsugar))");
  EXPECT_EQ(description(builder, "cocoa AND coffee OR sugar"),
            "Query(((Zcocoa AND Zcoffe) OR Zsugar))");
  EXPECT_EQ(description(builder, "sugar OR (cocoa AND NOT coffee)"),
            "Query((Zsugar OR (Zcocoa AND_NOT Zcoffe)))");
  EXPECT_EQ(description(builder, "sugar (+cocoa coffee)"),
            "Query((Zsugar OR (Zcocoa AND_MAYBE Zcoffe)))");
  EXPECT_EQ(description(builder, "sugar -(cocoa coffee)"),
            "Query((Zsugar AND_NOT (Zcocoa OR Zcoffe)))");
}

}  // namespace
}  // namespace archivar::query
