// search::add_title_boost folds title terms into a query's OR: on real
// German and English articles (the corpora's first 300 each), every real
// question and query below gets the same matches with the same BM25
// weights as `query AND_MAYBE title boost`, and most title terms are folded
// (one article of our own has question words in its title).
// Terms the query does not reach by OR (question words, an AND query's
// words, folded spellings) stay under OP_AND_MAYBE.
#include "search/title_boost_fold.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "archivar/article.hpp"
#include "corpus_query_fixture.hpp"
#include "index/schema.hpp"
#include "search/ranking.hpp"

namespace archivar::search {
namespace {

constexpr double kWeight = 0.25;  // SearchRequest::title_weight's default

// Title terms left under OP_AND_MAYBE: those of its right side.
std::size_t unfolded(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::OP_AND_MAYBE) return 0;
  const Xapian::Query right = query.get_subquery(query.get_num_subqueries() - 1);
  std::size_t count = 0;
  for (auto it = right.get_unique_terms_begin(); it != right.get_unique_terms_end(); ++it) {
    if ((*it).starts_with(schema::kTitle)) ++count;
  }
  return count;
}

// A title holding question words (the corpora's headlines hold none).
struct QuestionTitle {
  static std::vector<Article> articles() {
    Article asking;
    asking.id = "question-title";
    asking.title = "Wie viele Banken gibt es noch?";
    asking.body = "Die Zahl der Banken in Deutschland sinkt seit Jahren.";
    asking.lang = "de";
    return {asking};
  }
};

class TitleBoostFold : public testing_support::CorpusQueryTestWith<QuestionTitle> {
 protected:
  // Without known words' prefix neighbours (unlike the base's).
  // Keeps the build's merged exact forms for check().
  Xapian::Query built(const std::string& text, bool all_words = false) {
    query::QueryBuilder builder(*analyzer_, languages_);
    builder.set_database(db_);
    Xapian::Query query = builder.build(query::parse_query(text), all_words);
    merged_ = builder.merged_exact_forms();
    return query;
  }

  // Checks `query` + the title boost of `text` both ways; returns how many
  // title terms were folded.
  std::size_t check(const std::string& text, const Xapian::Query& query) {
    const std::vector<std::string> terms = title_boost_terms(text, *analyzer_, &db_);
    const Xapian::Query plain(Xapian::Query::OP_AND_MAYBE, query,
                              title_boost_query(text, kWeight, *analyzer_, &db_));
    const Xapian::Query folded = add_title_boost(query, terms, kWeight, nullptr, merged_);
    check_same(text, plain, folded);
    return terms.size() - unfolded(folded);
  }

  query::MergedExactForms merged_;
};

TEST_F(TitleBoostFold, SameMatchesAndWeightsAsAndMaybe) {
  std::size_t folded = 0;
  for (const char* text :
       {"what is the price of oil in the world?", "Wer gründete die Fabrik?",
        "wie hoch sind die Zinsen der Bundesbank", "oil prices", "Bundesregierung",
        "shares rose on the stock exchange", "Fußball Bundesliga Spiel", "company -oil profits",
        "title:Bank Zinsen", "\"oil prices\" rose", "Gewinn OR profit"}) {
    folded += check(text, built(text));
  }
  EXPECT_GT(folded, 12u);
}

TEST_F(TitleBoostFold, LeavesTermsTheQueryDoesNotReachByOr) {
  // AND: none of its words is reached by OR alone.
  const std::string text = "oil prices";
  const Xapian::Query all_words = built(text, true);
  EXPECT_EQ(check(text, all_words), 0u);
  EXPECT_EQ(
      unfolded(add_title_boost(all_words, title_boost_terms(text, *analyzer_, &db_), kWeight)), 2u);
  // Question words the query leaves out stay under OP_AND_MAYBE (where a
  // title holds them).
  std::size_t left_out = 0;
  for (const char* question :
       {"what did the company report?", "how many shares did the company sell?",
        "who bought the company?", "wie viele Menschen leben in Berlin?",
        "warum steigen die Preise?", "wie viele Banken gibt es?", "wer kauft die Firma?"}) {
    const Xapian::Query folded =
        add_title_boost(built(question), title_boost_terms(question, *analyzer_, &db_), kWeight);
    left_out += unfolded(folded);
    (void)check(question, built(question));
  }
  EXPECT_GE(left_out, 1u);
}

TEST_F(TitleBoostFold, FoldsTheLeftSideOfAnAndMaybe) {
  // As a feedback expansion joins its stems (search/query_expansion.hpp).
  const std::string text = "shares of the company rose after the profits";
  const Xapian::Query expanded(
      Xapian::Query::OP_AND_MAYBE, built(text),
      Xapian::Query(
          Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zmarket"), Xapian::Query("Zbank")),
          0.5));
  EXPECT_GT(check(text, expanded), 3u);
}

TEST_F(TitleBoostFold, LeaveOutDropsOnlyUnfoldedTerms) {
  const std::string question = "wie viele Banken gibt es?";
  const std::vector<std::string> terms = title_boost_terms(question, *analyzer_, &db_);
  const auto is_wie = [](const std::string& word) { return word == "wie" || word == "banken"; };
  const Xapian::Query kept = add_title_boost(built(question), terms, kWeight);
  const Xapian::Query dropped = add_title_boost(built(question), terms, kWeight, is_wie);
  EXPECT_GE(unfolded(kept), 1u) << kept.get_description();
  EXPECT_EQ(unfolded(dropped), unfolded(kept) - 1) << dropped.get_description();
  // `banken` is folded, so it stays although leave_out names it.
  const std::string folded_banken = dropped.get_description();
  EXPECT_NE(folded_banken.find("Sbanken"), std::string::npos) << folded_banken;
  EXPECT_EQ(folded_banken.find("Swie"), std::string::npos) << folded_banken;
}

TEST_F(TitleBoostFold, NoTermsNoChange) {
  const Xapian::Query query = built("oil prices");
  EXPECT_EQ(add_title_boost(query, {}, kWeight).get_description(), query.get_description());
}

}  // namespace
}  // namespace archivar::search
