// QueryBuilder::kExactFormMergeShare: on real German and English articles
// (the corpora's first 300 each), a word whose exact form and stem hold
// nearly the same postings is searched as its stem weighing 1.2, without
// the exact form's leaf: the same articles as `stem OR 0.2 * exact`, with
// other weights only where the stem occurs in another form; a word whose stem gathers other forms
// keeps its leaf; a merged word's title term is still folded into the query's OR, and the merged
// word still counts for highlighting (Searcher).
#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "corpus_query_fixture.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"
#include "search/ranking.hpp"
#include "search/title_boost_fold.hpp"

namespace archivar::query {
namespace {

using MergedExactFormsTest = testing_support::CorpusQueryTest;
using testing_support::match_weights;

struct Build {
  Xapian::Query query;
  MergedExactForms merged;
};

TEST_F(MergedExactFormsTest, NearlyEqualPostingsMerge) {
  // Words of 20+ articles; merged ones are compared with the leaf inline.
  std::size_t merged_words = 0;
  std::size_t kept_words = 0;
  for (auto it = db_.allterms_begin(); it != db_.allterms_end() && merged_words < 25; ++it) {
    const std::string word = *it;
    if (word.size() < 3 || !std::islower(static_cast<unsigned char>(word[0])) ||
        it.get_termfreq() < 20) {
      continue;
    }
    QueryBuilder builder(*analyzer_, languages_);
    builder.set_database(db_);
    const Xapian::Query query = builder.build(parse_query(word), false);
    const auto found = builder.merged_exact_forms().find(word);
    if (found == builder.merged_exact_forms().end()) {
      ++kept_words;
      continue;
    }
    ++merged_words;
    const std::string& stem = found->second;
    // Nearly the same postings, the stem's never fewer.
    const double exact_articles = db_.get_termfreq(word);
    const double stem_articles = db_.get_termfreq(stem);
    EXPECT_GE(stem_articles, exact_articles) << word;
    EXPECT_LE(stem_articles, exact_articles * (1 + QueryBuilder::kExactFormMergeShare)) << word;
    // No leaf of the exact form left.
    for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
      EXPECT_NE(*term, word) << query.get_description();
    }
    // The inline form's articles, each weight within 1 %.
    const Xapian::Query inline_form(
        Xapian::Query::OP_OR, Xapian::Query(stem),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word),
                      QueryBuilder::kDefaultExactFormWeight));
    const std::map<Xapian::docid, double> expected = match_weights(db_, inline_form);
    const std::map<Xapian::docid, double> got = match_weights(db_, query);
    ASSERT_EQ(got.size(), expected.size()) << word << ": " << query.get_description();
    // Weights differ (by up to the bonus) only where the stem occurs in
    // another form: at most one article per extra occurrence.
    std::size_t differing = 0;
    for (const auto& [docid, weight] : expected) {
      const auto at = got.find(docid);
      ASSERT_NE(at, got.end()) << word << ": article " << docid << " lost";
      if (std::abs(at->second - weight) > 0.01 * weight) ++differing;
      EXPECT_LE(at->second, weight * (1 + QueryBuilder::kDefaultExactFormWeight) + 1e-9) << word;
    }
    EXPECT_LE(differing, db_.get_collection_freq(stem) - db_.get_collection_freq(word)) << word;
  }
  EXPECT_GE(merged_words, 10u);  // common words merge (`the`, `und`, ...)
  EXPECT_GE(kept_words, 10u);    // and many keep their leaf
}

TEST_F(MergedExactFormsTest, AStemOfSeveralFormsKeepsTheLeaf) {
  // `Banken` and `Bank` share the stem `bank`: far more postings.
  QueryBuilder builder(*analyzer_, languages_);
  builder.set_database(db_);
  const Xapian::Query query = builder.build(parse_query("Banken"), false);
  EXPECT_TRUE(builder.merged_exact_forms().empty()) << query.get_description();
  EXPECT_NE(query.get_description().find("banken"), std::string::npos) << query.get_description();
}

TEST_F(MergedExactFormsTest, MergedWordsTitleTermIsFolded) {
  // A single common word whose title term exists: the query is `1.2 * Z`
  // alone, and its title term becomes an OR child, same weights.
  std::size_t folded = 0;
  for (const char* text : {"the", "und", "die", "der", "for"}) {
    QueryBuilder builder(*analyzer_, languages_);
    builder.set_database(db_);
    const Xapian::Query query = builder.build(parse_query(text), false);
    if (builder.merged_exact_forms().empty()) continue;
    const std::vector<std::string> terms = search::title_boost_terms(text, *analyzer_, &db_);
    if (terms.empty()) continue;
    const Xapian::Query plain(Xapian::Query::OP_AND_MAYBE, query,
                              search::title_boost_query(text, 0.25, *analyzer_, &db_));
    const Xapian::Query boosted =
        search::add_title_boost(query, terms, 0.25, nullptr, builder.merged_exact_forms());
    EXPECT_EQ(boosted.get_type(), Xapian::Query::OP_OR) << boosted.get_description();
    check_same(text, plain, boosted);
    ++folded;
  }
  EXPECT_GE(folded, 2u);
}

}  // namespace
}  // namespace archivar::query
