// search::WeightBounds: a remembered weight bound is Xapian's own, per
// query and weighting scheme, and a cleared memo follows a new revision.
#include "search/weight_bounds.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;
using Q = Xapian::Query;

// Short German news lines, one article each, lower-cased words as terms.
const std::vector<std::string> kArticleTexts = {
    "die bundesbank prägt eine neue goldmünze",
    "die polizei warnt vor falschgeld in berliner läden",
    "der bundesrat berät über den euro und die zinsen",
    "die zinsen steigen sagt die bundesbank",
    "regen überflutet die innenstadt",
    "der euro fällt und die bundesbank schweigt",
};

void add_text_article(Xapian::WritableDatabase& db, const std::string& text) {
  Xapian::Document doc;
  std::istringstream words(text);
  std::string word;
  Xapian::termpos pos = 0;
  while (words >> word) doc.add_posting(word, ++pos);
  db.add_document(doc);
}

double xapian_bound(const Xapian::Database& db, const Q& query, const Xapian::Weight& weight) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(weight);
  return enquire.get_mset(0, 0).get_max_possible();
}

class WeightBoundsTest : public testing::Test {
 protected:
  void SetUp() override {
    db_ = Xapian::WritableDatabase((dir_ / "db").string(), Xapian::DB_CREATE);
    for (const std::string& text : kArticleTexts) add_text_article(db_, text);
    db_.commit();
  }

  TempDir dir_;
  Xapian::WritableDatabase db_;
};

TEST_F(WeightBoundsTest, RemembersXapiansBoundPerQueryAndScheme) {
  Xapian::Database reader((dir_ / "db").string());
  const Xapian::BM25Weight ours(1.2, 0, 1, 0.75, 0.1);
  const Xapian::BM25Weight xapians;  // k1 1, b 0.5: other bounds
  const std::vector<Q> queries = {
      Q("die"), Q("bundesbank"), Q(Q::OP_SYNONYM, Q("zinsen"), Q("euro")),
      Q(Q::OP_SCALE_WEIGHT, Q("die"), 0.5), Q(Q::OP_OR, Q("die"), Q("der"))};
  WeightBounds bounds;
  for (int round = 0; round < 2; ++round) {  // the second round from the memo
    for (const Q& query : queries) {
      EXPECT_EQ(bounds(reader, query, ours), xapian_bound(reader, query, ours))
          << query.get_description();
      EXPECT_EQ(bounds(reader, query, xapians), xapian_bound(reader, query, xapians))
          << query.get_description();
    }
  }
  EXPECT_EQ(bounds.size(), 2 * queries.size());
  EXPECT_NE(bounds(reader, Q("die"), ours), bounds(reader, Q("die"), xapians));
  EXPECT_EQ(weight_bound(reader, Q("euro"), ours), xapian_bound(reader, Q("euro"), ours));
}

TEST_F(WeightBoundsTest, ClearedForANewRevisionGivesItsBound) {
  Xapian::Database reader((dir_ / "db").string());
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.75, 0.1);
  WeightBounds bounds;
  const Q zinsen("zinsen");
  const double before = bounds(reader, zinsen, weight);
  for (int i = 0; i < 4; ++i) add_text_article(db_, "die zinsen zinsen zinsen steigen wieder");
  db_.commit();
  ASSERT_TRUE(reader.reopen());
  bounds.clear();
  const double after = bounds(reader, zinsen, weight);
  EXPECT_EQ(after, xapian_bound(reader, zinsen, weight));
  EXPECT_NE(after, before);  // the statistics changed
}

}  // namespace
}  // namespace archivar::search
