// PendingBands: near-duplicate probes from a reader at the last commit plus
// the batch's band postings give the same cluster keys as probes of the
// writable database (which flush the batch's buffered band postings), over
// adds, replacements and deletions across several commits, on a real glass
// database.
#include "index/pending_bands.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "index/near_duplicates.hpp"
#include "index/schema.hpp"
#include "temp_dir.hpp"

namespace archivar::index {
namespace {

using testing_support::TempDir;

TEST(PendingBands, SetReplaceAndEraseKeepPostingsSorted) {
  PendingBands bands;
  const std::uint64_t hash = 0x1234'5678'9abc'def0ULL;
  const std::uint32_t key0 = PendingBands::block_key(0, hash & 0xFFFF);
  bands.set(7, hash, "k7");
  bands.set(3, hash, "k3");
  bands.set(9, 0ULL, "k9");  // no block in common with `hash`
  ASSERT_NE(bands.postings(key0), nullptr);
  EXPECT_EQ(*bands.postings(key0), (std::vector<PendingBands::Posting>{{3, hash}, {7, hash}}));
  bands.set(7, std::nullopt, "");  // replaced by a too-short text: no bands
  EXPECT_EQ(*bands.postings(key0), (std::vector<PendingBands::Posting>{{3, hash}}));
  EXPECT_TRUE(bands.changed(7));
  EXPECT_EQ(bands.find(7), nullptr);
  bands.erase(3);
  EXPECT_EQ(bands.postings(key0), nullptr);
  EXPECT_TRUE(bands.changed(3));
  ASSERT_NE(bands.find(9), nullptr);
  EXPECT_EQ(bands.find(9)->cluster_key, "k9");
  EXPECT_FALSE(bands.changed(1));
  bands.clear();
  EXPECT_FALSE(bands.changed(9));
  EXPECT_EQ(bands.find(9), nullptr);
}

// Hashes in families (a base and copies a few bits off), so probes find
// candidates in the batch and in committed data, within and beyond 7 bits.
class HashSource {
 public:
  std::uint64_t next() {
    if (bases_.empty() || pick_(random_) < 30) {
      std::uint64_t base = random_();
      // One crowded band (more than kMaxCandidatesPerBand documents), so the
      // per-probe limit cuts merged committed and batch postings.
      if (pick_(random_) < 40) base = (base & ~std::uint64_t{0xFFFF}) | 0xABCD;
      bases_.push_back(base);
      return bases_.back();
    }
    std::uint64_t hash = bases_[random_() % bases_.size()];
    const int flips = static_cast<int>(random_() % 12);
    for (int i = 0; i < flips; ++i) hash ^= std::uint64_t{1} << (random_() % 64);
    return hash;
  }

 private:
  std::mt19937_64 random_{20261127};
  std::uniform_int_distribution<int> pick_{0, 99};
  std::vector<std::uint64_t> bases_;
};

// Adds, replaces and deletes 1,500 documents with SimHashes in families,
// committing every 170 steps, and checks each probe of the batch index (with
// a reader at the last commit, or with every document kept when
// `keep_all`, as a writer that created its database does) against the
// writable database's own postings.
void check_probes_against_writable_database(bool keep_all) {
  TempDir dir;
  const std::string path = (dir / "db").string();
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  std::optional<Xapian::Database> reader;  // none before the first commit
  PendingBands pending;
  HashSource hashes;
  std::mt19937 random(7);
  std::vector<Xapian::docid> live;
  std::size_t clustered = 0;
  for (int step = 0; step < 1500; ++step) {
    const int action = static_cast<int>(random() % 100);
    if (action < 8 && !live.empty()) {  // delete
      const std::size_t at = random() % live.size();
      db.delete_document(live[at]);
      pending.erase(live[at]);
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
    } else {  // add, or replace an existing document
      const bool replace = action < 25 && !live.empty();
      const Xapian::docid self = replace ? live[random() % live.size()] : 0;
      const std::optional<std::uint64_t> hash =
          random() % 20 == 0 ? std::nullopt : std::optional<std::uint64_t>(hashes.next());
      Xapian::Document expected;
      assign_near_duplicate_cluster(db, expected, hash, self);
      Xapian::Document got;
      assign_near_duplicate_cluster(reader ? &*reader : nullptr, pending, got, hash, self);
      ASSERT_EQ(got.get_value(schema::kClusterSlot), expected.get_value(schema::kClusterSlot))
          << "step " << step;
      if (hash && expected.get_value(schema::kClusterSlot) != to_hex(*hash)) ++clustered;
      Xapian::docid docid = self;
      if (replace) {
        db.replace_document(self, got);
      } else {
        docid = db.add_document(got);
        live.push_back(docid);
      }
      pending.set(docid, hash, got.get_value(schema::kClusterSlot));
    }
    if (step % 170 == 169) {
      db.commit();
      if (!keep_all) {
        pending.clear();
        reader = Xapian::Database(path);
      }
    }
  }
  EXPECT_GT(clustered, 300u);  // the families were found: the test compared real work
  EXPECT_GT(db.get_termfreq(band_terms(0xABCD)[0]), kMaxCandidatesPerBand);
  if (keep_all) {
    EXPECT_GT(pending.size(), 1000u);
  }
}

TEST(PendingBands, ProbesGiveTheWritableDatabasesClusters) {
  check_probes_against_writable_database(false);
}

TEST(PendingBands, AllDocumentsKeptGiveTheWritableDatabasesClustersWithoutReader) {
  check_probes_against_writable_database(true);
}

}  // namespace
}  // namespace archivar::index
