// archivar serve's RevisionWarmer: a new revision's "did you mean" index
// and columns are built by the warmer's thread, so the first lookup of a
// request finds them built.
#include "serve/revision_warmer.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <string>
#include <thread>

#include "archivar/index.hpp"
#include "search/spelling_index.hpp"
#include "temp_dir.hpp"

namespace archivar::serve {
namespace {

void add(const std::filesystem::path& path, const std::string& id, const std::string& body) {
  Index index(path);
  Article article;
  article.id = id;
  article.lang = "de";
  article.body = body;
  index.add(article);
  index.commit();
}

// Waits (bounded: sanitized builds are slow) until `warmer` has warmed
// `count` revisions up.
bool wait_for(const RevisionWarmer& warmer, std::uint64_t count) {
  for (int i = 0; i < 3000 && warmer.warmed() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return warmer.warmed() >= count;
}

TEST(RevisionWarmer, TheFirstLookupOfEachRevisionFindsItsIndexBuilt) {
  testing_support::TempDir dir;
  const std::filesystem::path path = dir / "db";
  add(path, "a1", "Die Bundesbank erhöht den Leitzins. Die Bundesbank warnt vor Inflation.");
  // An interval longer than the test: the second revision is found through
  // notify(), as after a write of the server's.
  RevisionWarmer warmer(path, std::chrono::hours(1));
  ASSERT_TRUE(wait_for(warmer, 1));
  {
    const Xapian::Database db(path.string());
    search::SpellingLookup request;
    EXPECT_EQ(request.suggest(db, "bundesbnak"), "bundesbank");
    EXPECT_NE(request.index(), nullptr);  // no Xapian phase: the warmer's index
  }

  add(path, "a2", "Der Zentralbankrat tagt. Der Zentralbankrat entscheidet.");
  warmer.notify();
  ASSERT_TRUE(wait_for(warmer, 2));
  const Xapian::Database db(path.string());
  search::SpellingLookup request;
  EXPECT_EQ(request.suggest(db, "zentralbnakrat"), "zentralbankrat");
  EXPECT_NE(request.index(), nullptr);
  EXPECT_EQ(warmer.warmed(), 2U);  // nothing new to warm up in between
}

}  // namespace
}  // namespace archivar::serve
