// search::match_set: the match set from posting-list bitmaps equals the set
// Xapian's own (unweighted) match visits, for every operator it evaluates,
// and it declines the others.
#include "search/match_set.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;
using Q = Xapian::Query;

// Docids Xapian's matcher returns for `query` (BoolWeight, every match).
std::vector<Xapian::docid> xapian_matches(const Xapian::Database& db, const Q& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Xapian::docid> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

class MatchSet : public testing::Test {
 protected:
  void SetUp() override {
    db_ = Xapian::WritableDatabase((dir_ / "db").string(), Xapian::DB_CREATE);
    // Words of short German and English news lines, one article each.
    const std::vector<std::vector<std::string>> articles = {
        {"bundesbank", "gold", "münze", "Lde"},
        {"euro", "münze", "bundesrat", "Lde"},
        {"polizei", "falschgeld", "münze", "Lde"},
        {"gold", "auction", "coin", "Len"},
        {"coin", "collector", "Len"},
        {"bundesbank", "zins", "Lde"},
        {"weather", "rain", "Len"},
        {"gold", "price", "Len"}};
    for (const auto& words : articles) {
      Xapian::Document doc;
      Xapian::termpos pos = 0;
      for (const std::string& word : words) doc.add_posting(word, ++pos);
      db_.add_document(doc);
    }
    db_.delete_document(6);  // a deleted article never matches
    db_.commit();
  }

  void expect_same(const Q& query) {
    const auto ours = match_set(db_, query);
    ASSERT_TRUE(ours.has_value()) << query.get_description();
    EXPECT_EQ(*ours, xapian_matches(db_, query)) << query.get_description();
  }

  TempDir dir_;
  Xapian::WritableDatabase db_;
};

TEST_F(MatchSet, EqualsXapiansMatchForEveryOperatorItEvaluates) {
  const Q gold("gold");
  const Q coin("coin");
  const Q munze("münze");
  const Q de("Lde");
  expect_same(gold);
  expect_same(Q("nowhere"));
  expect_same(Q(Q::OP_OR, gold, coin));
  expect_same(Q(Q::OP_SYNONYM, munze, coin));
  expect_same(Q(Q::OP_MAX, munze, coin));
  expect_same(Q(Q::OP_AND, gold, Q(Q::OP_OR, munze, coin)));
  expect_same(Q(Q::OP_FILTER, Q(Q::OP_OR, gold, coin), de));
  expect_same(Q(Q::OP_AND_NOT, Q(Q::OP_OR, Q(Q::OP_OR, gold, coin), munze), de));
  expect_same(Q(Q::OP_XOR, gold, coin));
  expect_same(Q(Q::OP_AND_MAYBE, munze, gold));  // the optional side adds nothing
  expect_same(Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, gold, coin), 0.7));
  expect_same(Q(std::string()));  // MatchAll: every article, not the deleted one
  expect_same(Q(Q::OP_AND_NOT, Q(std::string()), Q("bundesbank")));
  // The query builder's shape for one word: stems, exact form, compound parts.
  expect_same(Q(Q::OP_OR,
                Q(Q::OP_OR, Q(Q::OP_SYNONYM, munze, coin),
                  Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, Q("bundes"), Q("bank")), 0.7)),
                Q(Q::OP_AND_MAYBE, Q("zins"), gold)));
}

TEST_F(MatchSet, DeclinesOperatorsItDoesNotEvaluate) {
  EXPECT_FALSE(match_set(db_, Q(Q::OP_PHRASE, Q("gold"), Q("auction"))).has_value());
  EXPECT_FALSE(
      match_set(db_, Q(Q::OP_OR, Q("gold"), Q(Q::OP_NEAR, Q("euro"), Q("münze")))).has_value());
  EXPECT_FALSE(match_set(db_, Q(Q::OP_VALUE_GE, 0, "2000")).has_value());
  EXPECT_FALSE(match_set(db_, Q(Q::OP_WILDCARD, "bun")).has_value());
}

}  // namespace
}  // namespace archivar::search
