// QueryBuilder, all-words queries: the words' exact-form leaves are set
// apart as `AND(words) AND_MAYBE OR(exact forms)`. On real German and
// English articles (the corpora's first 300 each) that matches the same
// articles with the same BM25 weights as the leaves OR-ed into each word
// (the form "+a +b" still builds), for typed pairs, a compound, a repeated
// word and word pairs taken from the index; one word keeps its OR.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <string>
#include <vector>

#include "corpus_query_fixture.hpp"

namespace archivar::query {
namespace {

using AllWordsExactForms = testing_support::CorpusQueryTest;
using testing_support::match_weights;

// "+w1 +w2 ...": the same words required, each with its leaf inline.
std::string required_form(const std::string& text) {
  std::string out;
  std::string word;
  for (const char c : text + " ") {
    if (c != ' ') {
      word += c;
      continue;
    }
    if (!word.empty()) out += (out.empty() ? "+" : " +") + word;
    word.clear();
  }
  return out;
}

TEST_F(AllWordsExactForms, SameMatchesAndWeightsAsInlineLeaves) {
  std::vector<std::string> texts = {
      "Bundesregierung Steuern", "Aktien Banken Zinsen", "oil prices",
      "shares rose sharply",     "Zinsen Zinsen Bank",   "Regierung Bundesregierung"};
  // Pairs of words a few articles hold each (most pairs match nothing).
  std::string previous;
  for (auto it = db_.allterms_begin(); it != db_.allterms_end() && texts.size() < 40; ++it) {
    const std::string word = *it;
    if (word.size() < 4 || !std::islower(static_cast<unsigned char>(word[0])) ||
        it.get_termfreq() < 20 || it.get_termfreq() > 200) {
      continue;
    }
    if (!previous.empty()) texts.push_back(previous + " " + word);
    previous = word;
  }
  std::size_t apart = 0;
  std::size_t matched = 0;
  for (const std::string& text : texts) {
    const Xapian::Query all = built(text, true);
    const Xapian::Query inline_form = built(required_form(text), false);
    if (all.get_type() == Xapian::Query::OP_AND_MAYBE) ++apart;
    if (match_weights(db_, inline_form).empty()) continue;
    ++matched;
    check_same(text, inline_form, all);
  }
  EXPECT_GE(apart, 30u);   // the leaves were set apart
  EXPECT_GE(matched, 6u);  // and matching queries were compared
}

TEST_F(AllWordsExactForms, LeavesGoRightOfTheWordsAnd) {
  const Xapian::Query all = built("Aktien Banken", true);
  ASSERT_EQ(all.get_type(), Xapian::Query::OP_AND_MAYBE) << all.get_description();
  const std::string words = all.get_subquery(0).get_description();
  const std::string leaves = all.get_subquery(1).get_description();
  EXPECT_EQ(all.get_subquery(0).get_type(), Xapian::Query::OP_AND) << words;
  EXPECT_NE(words.find("Zakti"), std::string::npos) << words;
  EXPECT_EQ(words.find(" aktien"), std::string::npos) << words;
  EXPECT_NE(leaves.find("aktien"), std::string::npos) << leaves;
  EXPECT_NE(leaves.find("banken"), std::string::npos) << leaves;
}

TEST_F(AllWordsExactForms, OneWordKeepsItsOr) {
  for (const char* text : {"Banken", "Banken Banken", "oil"}) {
    const Xapian::Query all = built(text, true);
    EXPECT_NE(all.get_type(), Xapian::Query::OP_AND_MAYBE) << all.get_description();
    check_same(text, built(text, false), all);
  }
}

}  // namespace
}  // namespace archivar::query
