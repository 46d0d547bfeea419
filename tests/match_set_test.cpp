// search::match_set: the match set from posting-list bitmaps equals the set
// Xapian's own (unweighted) match visits, for every operator it evaluates,
// and it declines the others.
#include "search/match_set.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <random>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "xapian_matches.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;
using testing_support::xapian_matches;
using Q = Xapian::Query;

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

TEST_F(MatchSet, CoveredTermsAreSkippedOnlyWhenTheirCoverIsInTheSameUnion) {
  // A cover that lies: "coin" (articles 4, 5) claimed inside "gold" (1, 4, 8).
  const TermCoverFn lying = [](const std::string& term) {
    return term == "coin" ? std::vector<std::string>{"gold"} : std::vector<std::string>{};
  };
  // Skipped where "gold" is in the same union (article 5 is lost: the rule
  // is taken on trust, which is why TermCover is pinned on real text)...
  EXPECT_EQ(*match_set(db_, Q(Q::OP_OR, Q("gold"), Q(Q::OP_SCALE_WEIGHT, Q("coin"), 0.2)), &lying),
            (std::vector<Xapian::docid>{1, 4, 8}));
  // ...but read when alone, in an AND, or with "gold" outside its union.
  EXPECT_EQ(*match_set(db_, Q("coin"), &lying), (std::vector<Xapian::docid>{4, 5}));
  EXPECT_EQ(*match_set(db_, Q(Q::OP_AND, Q("gold"), Q("coin")), &lying),
            (std::vector<Xapian::docid>{4}));
  EXPECT_EQ(*match_set(db_, Q(Q::OP_AND, Q("gold"), Q(Q::OP_OR, Q("coin"), Q("münze"))), &lying),
            (std::vector<Xapian::docid>{1, 4}));
}

TEST_F(MatchSet, CachedBitmapsGiveTheSameSetAndAreDroppedWithTheRevision) {
  PostingBitmaps cache(1 << 20, 1);  // every term common enough
  const Q query(Q::OP_OR, Q(Q::OP_AND, Q("münze"), Q("bundesbank")), Q("coin"));
  for (int pass = 0; pass < 2; ++pass) {  // reading, then from the cache
    EXPECT_EQ(*match_set(db_, query, nullptr, &cache), xapian_matches(db_, query));
    EXPECT_EQ(*match_set(db_, Q("münze"), nullptr, &cache), xapian_matches(db_, Q("münze")));
  }
  EXPECT_GE(cache.size(), 3u);
  EXPECT_EQ(cache.bytes(), cache.size() * sizeof(std::uint64_t));  // 8 docids: one word each
  // A new revision under the same last docid (a deletion): cleared by the
  // owner, the set is read again.
  db_.delete_document(1);
  db_.commit();
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(*match_set(db_, query, nullptr, &cache), xapian_matches(db_, query));
  // A new last docid clears it by itself.
  Xapian::Document doc;
  doc.add_term("coin");
  db_.add_document(doc);
  db_.commit();
  EXPECT_EQ(*match_set(db_, query, nullptr, &cache), xapian_matches(db_, query));
  EXPECT_EQ(*match_set(db_, Q("coin"), nullptr, &cache), (std::vector<Xapian::docid>{4, 5, 9}));
  // Over budget the least recently used bitmaps go.
  PostingBitmaps small(2 * sizeof(std::uint64_t) * 1, 1);
  const Q three(Q::OP_OR, Q(Q::OP_OR, Q("gold"), Q("coin")), Q("euro"));
  (void)match_set(db_, three, nullptr, &small);
  EXPECT_LE(small.bytes(), 2 * sizeof(std::uint64_t));
  EXPECT_EQ(*match_set(db_, three, nullptr, &small), xapian_matches(db_, three));
}

// match_bits() holds the same docids as match_set(); DocidBits' masked
// walks and counts split them by another bitmap (as the collapse key's
// shared bits do).
TEST_F(MatchSet, BitsHoldTheSameDocidsAndSplitByAMask) {
  const Q query(Q::OP_OR, Q("gold"), Q("münze"));  // 1 2 3 4 8
  const auto bits = match_bits(db_, query);
  ASSERT_TRUE(bits.has_value());
  EXPECT_EQ(bits->docids(), *match_set(db_, query));
  EXPECT_EQ(bits->count(), 5u);
  const std::vector<std::uint64_t> mask = {(1U << 2) | (1U << 4) | (1U << 5)};  // 2 4 5
  std::vector<Xapian::docid> both;
  bits->for_each_also_in(mask, [&](Xapian::docid docid) { both.push_back(docid); });
  EXPECT_EQ(both, (std::vector<Xapian::docid>{2, 4}));
  EXPECT_EQ(bits->count_not_in(mask), 3u);  // 1 3 8
  EXPECT_EQ(bits->count_not_in({}), 5u);
  std::vector<Xapian::docid> none;
  bits->for_each_also_in({}, [&](Xapian::docid docid) { none.push_back(docid); });
  EXPECT_TRUE(none.empty());
}

// count() and count_not_in() (POPCNT or not, whichever the CPU picks)
// equal a bit-by-bit count, over words with every bit pattern density.
TEST(DocidBits, CountsEqualABitByBitCount) {
  std::mt19937_64 random(7);
  std::vector<std::uint64_t> words(3000);
  std::vector<std::uint64_t> mask(2000);  // shorter: the rest counts whole
  for (std::size_t i = 0; i < words.size(); ++i) {
    words[i] = random() & (i % 3 == 0 ? random() : ~std::uint64_t{0});
    if (i % 7 == 0) words[i] = 0;
  }
  for (std::uint64_t& word : mask) word = random();
  std::size_t all = 0;
  std::size_t not_in_mask = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (unsigned bit = 0; bit < 64; ++bit) {
      if (((words[i] >> bit) & 1U) == 0) continue;
      ++all;
      if (i >= mask.size() || ((mask[i] >> bit) & 1U) == 0) ++not_in_mask;
    }
  }
  const DocidBits bits(words);
  EXPECT_EQ(bits.count(), all);
  EXPECT_EQ(bits.count_not_in(mask), not_in_mask);
  EXPECT_LT(not_in_mask, all);
  EXPECT_EQ(bits.count_not_in(words), 0U);
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
