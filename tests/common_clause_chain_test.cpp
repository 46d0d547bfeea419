// search::chain_common_clauses: on real German and English articles (the
// corpora's first 300 each), real questions and queries built by the
// QueryBuilder get the same matches with the same BM25 weights once their
// common words' clauses are chained above the OR, and those clauses are
// chained (the rare words' are not).
#include "search/common_clause_chain.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "corpus_query_fixture.hpp"
#include "search/common_cutoff.hpp"

namespace archivar::search {
namespace {

// Links of the chain: the OR nodes whose left side is a SCALE_WEIGHT 1.0.
std::size_t links(Xapian::Query query) {
  std::size_t count = 0;
  while (query.get_type() == Xapian::Query::OP_OR && query.get_num_subqueries() == 2 &&
         query.get_subquery(0).get_type() == Xapian::Query::OP_SCALE_WEIGHT) {
    ++count;
    query = query.get_subquery(0).get_subquery(0);
  }
  return count;
}

using CommonClauseChain = testing_support::CorpusQueryTest;

TEST_F(CommonClauseChain, SameMatchesAndWeights) {
  std::size_t chained_links = 0;
  for (const char* text :
       {"mit welcher Gewalt stellt eine Regierung sicher, dass niemand gegen die Regierung "
        "verstößt?",
        "wie hoch sind die Zinsen der Bundesbank in diesem Jahr?",
        "what is the price of oil in the world?", "shares rose on the stock exchange",
        "Wer gründete die Fabrik und wann?"}) {
    const Xapian::Query query = built(text);
    const Xapian::Query chained = chain_common_clauses(db_, query);
    check_same(text, query, chained);
    chained_links += links(chained);
  }
  // die, der, the, of, in, and ... are in far more than 1/20 of 600 articles.
  EXPECT_GE(chained_links, 8u);
}

TEST_F(CommonClauseChain, ChainsOnlyCommonClausesMostFrequentOnTop) {
  const Xapian::Query query = built("what is the price of oil in the world?");
  const Xapian::Query chained = chain_common_clauses(db_, query);
  ASSERT_GE(links(chained), 2u) << chained.get_description();
  // The top link's clause is `in` (German and English articles hold it: the
  // most frequent word), a rare word's clause (`oil`) stays in the rest.
  const std::string top = chained.get_subquery(1).get_description();
  // (`Zin`, or `1.2 * Zin` with the exact form merged into it.)
  EXPECT_TRUE(top.find("Zin ") != std::string::npos || top.find("Zin)") != std::string::npos)
      << top;
  Xapian::Query rest = chained;
  while (links(rest) > 0) rest = rest.get_subquery(0).get_subquery(0);
  EXPECT_NE(rest.get_description().find("Zoil"), std::string::npos) << rest.get_description();
  EXPECT_EQ(rest.get_description().find("Zthe "), std::string::npos) << rest.get_description();
}

TEST_F(CommonClauseChain, ChainsTheLeftSideOfAnAndMaybe) {
  // As a feedback expansion joins its stems (search/query_expansion.hpp).
  const std::string text = "shares of the company rose after the profits";
  const Xapian::Query expanded(
      Xapian::Query::OP_AND_MAYBE, built(text),
      Xapian::Query(
          Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zmarket"), Xapian::Query("Zbank")),
          0.5));
  const Xapian::Query chained = chain_common_clauses(db_, expanded);
  ASSERT_EQ(chained.get_type(), Xapian::Query::OP_AND_MAYBE);
  EXPECT_GE(links(chained.get_subquery(0)), 2u) << chained.get_description();
  check_same(text, expanded, chained);
}

TEST_F(CommonClauseChain, ChainsASynonymAsCommonAsItsMostFrequentMember) {
  // A word's stems in two languages: a common one and one of a single
  // article (as `Zein SYNONYM Zeinen`). Xapian weighs the synonym as one
  // common term, so its clause is chained.
  std::string single;
  for (auto it = db_.allterms_begin("Z"); it != db_.allterms_end("Z"); ++it) {
    if (it.get_termfreq() == 1) {
      single = *it;
      break;
    }
  }
  ASSERT_FALSE(single.empty());
  const Xapian::Query word(
      Xapian::Query::OP_OR,
      Xapian::Query(Xapian::Query::OP_SYNONYM, Xapian::Query("Zthe"), Xapian::Query(single)),
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("the"), 0.2));
  const Xapian::Query query(Xapian::Query::OP_OR, word, Xapian::Query("Zoil"));
  const Xapian::Query chained = chain_common_clauses(db_, query);
  ASSERT_EQ(links(chained), 1u) << chained.get_description();
  EXPECT_NE(chained.get_subquery(1).get_description().find("SYNONYM"), std::string::npos)
      << chained.get_description();
  check_same("the (synonym) oil", query, chained);
}

TEST_F(CommonClauseChain, LeavesOtherQueriesAsTheyAre) {
  // Only rare words: nothing to chain.
  const Xapian::Query rare = built("Bundesbank Zinsen");
  EXPECT_EQ(chain_common_clauses(db_, rare).get_description(), rare.get_description());
  // Only common words: no rest to chain them above.
  const Xapian::Query common(Xapian::Query::OP_OR, Xapian::Query("Zthe"), Xapian::Query("Zdie"));
  EXPECT_EQ(chain_common_clauses(db_, common).get_description(), common.get_description());
  // Not an OR.
  const Xapian::Query phrase(Xapian::Query::OP_AND, Xapian::Query("Zthe"), Xapian::Query("Zoil"));
  EXPECT_EQ(chain_common_clauses(db_, phrase).get_description(), phrase.get_description());
}

// search::common_only_weight: ranked with it as Enquire's weight cutoff, a
// window that is full and ends above it is the window without the cutoff
// (same articles, order and weights: the contract the Searcher relies on),
// for questions of common words and words of a few articles.
TEST_F(CommonClauseChain, CommonCutoffKeepsTheWindow) {
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.75, 0.1);
  // Questions of common words around a word of a few articles, and real
  // questions of common and rare words.
  std::vector<std::string> texts = {"was sind die Pläne der Bundesbank für die Zinsen?",
                                    "what did the Fed say about the dollar?"};
  for (auto it = db_.allterms_begin(); it != db_.allterms_end() && texts.size() < 14; ++it) {
    const std::string word = *it;
    if (word.size() < 7 || !std::islower(static_cast<unsigned char>(word[0])) ||
        it.get_termfreq() < 3 || it.get_termfreq() > 6) {
      continue;
    }
    texts.push_back(texts.size() % 2 == 0 ? "die " + word + " und der" : "the " + word + " of the");
  }
  std::size_t proven = 0;
  std::size_t cut = 0;
  for (const std::string& text : texts) {
    const Xapian::Query query = built(text);
    const std::optional<double> cutoff = common_only_weight(db_, query, weight, kCommonShare);
    if (!cutoff) continue;
    ++cut;
    const Xapian::Query chained = chain_common_clauses(db_, query);
    for (const Xapian::doccount size : {1u, 2u, 3u}) {
      Xapian::Enquire with(db_);
      with.set_query(chained);
      with.set_weighting_scheme(weight);
      with.set_cutoff(0, *cutoff);
      const Xapian::MSet window = with.get_mset(0, size);
      if (window.size() < size || !(window[size - 1].get_weight() > *cutoff)) continue;
      ++proven;
      Xapian::Enquire without(db_);
      without.set_query(chained);
      without.set_weighting_scheme(weight);
      const Xapian::MSet expected = without.get_mset(0, size);
      ASSERT_EQ(window.size(), expected.size()) << text;
      for (Xapian::doccount i = 0; i < size; ++i) {
        EXPECT_EQ(*window[i], *expected[i]) << text << " #" << i;
        EXPECT_DOUBLE_EQ(window[i].get_weight(), expected[i].get_weight()) << text << " #" << i;
      }
    }
  }
  EXPECT_GE(proven, 3u) << cut << " of " << texts.size();  // the check really compared windows
}

// Remembered common-clause bounds (search/weight_bounds.hpp) give the very
// cutoff Xapian's bounds give, from the memo too (the second round).
TEST_F(CommonClauseChain, CommonCutoffSameWithRememberedBounds) {
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.75, 0.1);
  // Common words around a word of a few articles (as above).
  std::vector<std::string> texts;
  for (auto it = db_.allterms_begin(); it != db_.allterms_end() && texts.size() < 8; ++it) {
    const std::string word = *it;
    if (word.size() < 7 || !std::islower(static_cast<unsigned char>(word[0])) ||
        it.get_termfreq() < 3 || it.get_termfreq() > 6) {
      continue;
    }
    texts.push_back(texts.size() % 2 == 0 ? "die " + word + " und der" : "the " + word + " of the");
  }
  WeightBounds bounds;
  std::size_t cut = 0;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      const Xapian::Query query = built(text);
      const std::optional<double> fresh = common_only_weight(db_, query, weight, kCommonShare);
      const std::optional<double> remembered =
          common_only_weight(db_, query, weight, kCommonShare, nullptr, &bounds);
      EXPECT_EQ(fresh, remembered) << text;
      if (fresh) ++cut;
    }
  }
  EXPECT_GE(cut, 2u);            // some queries had a cutoff to compare
  EXPECT_GT(bounds.size(), 0u);  // and their common clauses were remembered
}

// With the chained query it ranks, the cutoff is the same, and the counts
// it hands back are Xapian's estimate for the chained query without a match.
TEST_F(CommonClauseChain, CommonCutoffHandsBackTheRankedQuerysCounts) {
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.75, 0.1);
  std::vector<std::string> texts;
  for (auto it = db_.allterms_begin(); it != db_.allterms_end() && texts.size() < 8; ++it) {
    const std::string word = *it;
    if (word.size() < 7 || !std::islower(static_cast<unsigned char>(word[0])) ||
        it.get_termfreq() < 3 || it.get_termfreq() > 6) {
      continue;
    }
    texts.push_back(texts.size() % 2 == 0 ? "die " + word + " und der" : "the " + word + " of the");
  }
  std::size_t cut = 0;
  for (const std::string& text : texts) {
    const Xapian::Query query = built(text);
    const Xapian::Query chained = chain_common_clauses(db_, query);
    MatchCounts counts{0, 0, 0};
    const std::optional<double> plain = common_only_weight(db_, query, weight, kCommonShare);
    const std::optional<double> with_ranked =
        common_only_weight(db_, query, weight, kCommonShare, nullptr, nullptr, &chained, &counts);
    EXPECT_EQ(plain, with_ranked) << text;
    if (!with_ranked) continue;
    ++cut;
    Xapian::Enquire enquire(db_);
    enquire.set_query(chained);
    enquire.set_weighting_scheme(weight);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet estimate = enquire.get_mset(0, 0);
    EXPECT_EQ(counts.lower, estimate.get_matches_lower_bound()) << text;
    EXPECT_EQ(counts.estimated, estimate.get_matches_estimated()) << text;
    EXPECT_EQ(counts.upper, estimate.get_matches_upper_bound()) << text;
    EXPECT_GT(counts.upper, 0u) << text;
  }
  EXPECT_GE(cut, 2u);
}

TEST_F(CommonClauseChain, CommonCutoffOnlyForOrsOfRareAndCommonClauses) {
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.75, 0.1);
  // Only rare words, only common words, not an OR.
  EXPECT_FALSE(common_only_weight(db_, built("Bundesbank Zinsen"), weight, kCommonShare));
  const Xapian::Query common(Xapian::Query::OP_OR, Xapian::Query("Zthe"), Xapian::Query("Zdie"));
  EXPECT_FALSE(common_only_weight(db_, common, weight, kCommonShare));
  const Xapian::Query both(Xapian::Query::OP_AND, Xapian::Query("Zthe"), Xapian::Query("Zoil"));
  EXPECT_FALSE(common_only_weight(db_, both, weight, kCommonShare));
  // A rare word with the common ones: the bound of the common clauses.
  const Xapian::Query mixed(Xapian::Query::OP_OR, Xapian::Query("Zthe"), Xapian::Query("Zdaimler"));
  if (db_.get_termfreq("Zdaimler") > 0 &&
      db_.get_termfreq("Zdaimler") * 32 <= db_.get_termfreq("Zthe")) {
    const std::optional<double> cutoff = common_only_weight(db_, mixed, weight, kCommonShare);
    ASSERT_TRUE(cutoff);
    Xapian::Enquire the(db_);
    the.set_query(Xapian::Query("Zthe"));
    the.set_weighting_scheme(weight);
    EXPECT_NEAR(*cutoff, the.get_mset(0, 0).get_max_possible(), 1e-6);
  }
}

}  // namespace
}  // namespace archivar::search
