// compact_index(): an updated index rewritten into full blocks and swapped
// in place (a shard set shard by shard), with the same articles and the same
// ranking; open Searchers move to it at reopen(); a locked, missing or
// foreign index is refused untouched.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archivar/article_reader.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "archivar/shards.hpp"
#include "corpus_articles.hpp"
#include "index/folder_size.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

namespace fs = std::filesystem;
using testing_support::TempDir;

// The fixtures' articles, and 150 of each of two corpora when
// ../shared/data is there.
std::vector<Article> real_articles() {
  std::vector<Article> articles;
  auto read = [&](const fs::path& file, std::size_t limit) {
    for (Article& article : testing_support::read_articles(file, limit)) {
      articles.push_back(std::move(article));
    }
  };
  const fs::path fixtures(ARCHIVAR_FIXTURES);
  read(fixtures / "cli/news.jsonl", 1000);
  read(fixtures / "serve/articles.jsonl", 1000);
  const fs::path corpora = fs::path(ARCHIVAR_SHARED_DATA) / "corpora";
  read(corpora / "en_bbc.jsonl.gz", 150);
  read(corpora / "de_10kgnad_test.jsonl.gz", 150);
  return articles;
}

// An index built the way a site updates one: small batches, each its own
// commit, and every article replaced once more later (a corrected copy).
void build_updated_index(const fs::path& db, const std::vector<Article>& articles,
                         IndexOptions options = {}) {
  Index index(db, options);
  std::size_t in_batch = 0;
  for (int round = 0; round < 2; ++round) {
    for (const Article& article : articles) {
      (void)index.add(article);
      if (++in_batch == 25) {
        index.commit();
        in_batch = 0;
      }
    }
  }
  index.commit();
}

const std::vector<std::string> kQueries = {
    "Bundesbank",    "Münze Gold", "\"Deutsche Mark\"", "market prices", "title:Münze",
    "Schule Kinder", "Fußball",    "company profits",   "lang:en film",  "tag:bundesbank",
};

// Each query's first 20 hits: id and score, and the total estimate.
std::map<std::string, std::vector<std::pair<std::string, double>>> pages(Searcher& searcher) {
  std::map<std::string, std::vector<std::pair<std::string, double>>> out;
  for (const std::string& query : kQueries) {
    SearchRequest request;
    request.query = query;
    request.page_size = 20;
    const SearchResults results = searcher.search(request);
    auto& page = out[query];
    for (const Hit& hit : results.hits) page.emplace_back(hit.id, hit.score);
    page.emplace_back("total", static_cast<double>(results.total.estimated));
  }
  return out;
}

// An article no fixture or corpus article shares a word with.
Article added_after_compaction() {
  Article added;
  added.id = "after-compaction";
  added.title = "Der Zwergkaninchenzüchterverein tagt im Rathaus";
  added.body = "Die Mitglieder wählten einen neuen Vorstand und planen eine Ausstellung.";
  added.lang = "de";
  return added;
}

void expect_finds_the_added_article(Searcher& searcher, std::uint64_t articles) {
  SearchRequest request;
  request.query = "Zwergkaninchenzüchterverein";
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1U);
  EXPECT_EQ(results.hits.front().id, "after-compaction");
  EXPECT_EQ(searcher.stats().articles, articles);
}

IndexOptions existing_index() {
  IndexOptions options;
  options.create = false;
  return options;
}

std::vector<std::string> siblings_with(const fs::path& db, const std::string& infix) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(db.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(db.filename().string() + infix)) names.push_back(name);
  }
  return names;
}

TEST(Compaction, UpdatedIndexShrinksAndSearchesTheSame) {
  TempDir dir;
  const fs::path db = dir / "news.db";
  const std::vector<Article> articles = real_articles();
  ASSERT_GE(articles.size(), 30U);
  build_updated_index(db, articles);
  std::map<std::string, std::vector<std::pair<std::string, double>>> before;
  {
    Searcher searcher(db);
    before = pages(searcher);
  }
  const std::uint64_t size_before = index::folder_size(db);

  const CompactResult result = compact_index(db);

  EXPECT_EQ(result.articles, articles.size());
  EXPECT_EQ(result.bytes_before, size_before);
  EXPECT_EQ(result.bytes_after, index::folder_size(db));
  // Two rounds of commits of 25 articles leave at least a third of the
  // bytes in empty or half-full blocks (measured with the corpora: 11.6 MB
  // -> 4.4 MB).
  EXPECT_LT(result.bytes_after * 3, result.bytes_before * 2)
      << result.bytes_before << " -> " << result.bytes_after;
  EXPECT_TRUE(siblings_with(db, ".compact-").empty());

  Searcher searcher(db);
  EXPECT_EQ(pages(searcher), before);
  EXPECT_EQ(searcher.stats().articles, articles.size());
  // Stored articles (compressed with the index's dictionary) read back.
  for (const Article& article : {articles.front(), articles.back()}) {
    const std::optional<Article> stored = searcher.get(article.id);
    ASSERT_TRUE(stored.has_value()) << article.id;
    EXPECT_EQ(stored->body, article.body);
    EXPECT_EQ(stored->title, article.title);
  }
}

TEST(Compaction, CompactedIndexTakesUpdatesAndOpenSearchersFollowAtReopen) {
  TempDir dir;
  const fs::path db = dir / "news.db";
  const std::vector<Article> articles = real_articles();
  {
    // Two commits: revision 2. The compacted copy starts again at 1, and
    // the commit below makes it 2 again, so Xapian's reopen() alone would
    // take the new folder for the revision the Searcher already has.
    Index index(db);
    for (std::size_t i = 0; i + 1 < articles.size(); ++i) (void)index.add(articles[i]);
    index.commit();
    (void)index.add(articles.back());
    index.commit();
  }
  Searcher searcher(db);  // open across the swap
  SearchRequest request;
  request.query = "Zwergkaninchenzüchterverein";
  EXPECT_TRUE(searcher.search(request).hits.empty());

  (void)compact_index(db);
  {
    Index index(db, existing_index());
    (void)index.add(added_after_compaction());
    index.commit();
  }
  // Still the old (compacted-away) files: a consistent snapshot.
  EXPECT_TRUE(searcher.search(request).hits.empty());
  EXPECT_EQ(searcher.stats().articles, articles.size());
  searcher.reopen();
  expect_finds_the_added_article(searcher, articles.size() + 1);
}

TEST(Compaction, RefusedWhileAWriterHoldsTheIndex) {
  TempDir dir;
  const fs::path db = dir / "news.db";
  const std::vector<Article> articles = real_articles();
  build_updated_index(db, articles);
  const std::uint64_t size = index::folder_size(db);
  {
    Index writer(db, existing_index());
    try {
      (void)compact_index(db);
      FAIL() << "compacted a locked index";
    } catch (const DatabaseError& error) {
      EXPECT_NE(std::string(error.what()).find("lock"), std::string::npos) << error.what();
    }
  }
  EXPECT_EQ(index::folder_size(db), size);
  EXPECT_TRUE(siblings_with(db, ".compact-").empty());
  Searcher searcher(db);
  EXPECT_EQ(searcher.stats().articles, articles.size());
}

TEST(Compaction, RefusesWhatIsNotASingleArchivarIndex) {
  TempDir dir;
  EXPECT_THROW((void)compact_index(dir / "missing.db"), DatabaseError);
  // A Xapian database archivar did not write.
  {
    Xapian::WritableDatabase foreign((dir / "foreign.db").string(), Xapian::DB_CREATE);
    Xapian::Document document;
    document.add_term("hello");
    foreign.add_document(document);
    foreign.commit();
  }
  EXPECT_THROW((void)compact_index(dir / "foreign.db"), DatabaseError);
  // A shard set with a remote shard: compacted on its server, not here.
  fs::create_directories(dir / "mixed.set");
  std::ofstream(dir / "mixed.set" / "XAPIANDB") << "auto shard-0\nremote 127.0.0.1:9\n";
  EXPECT_THROW((void)compact_index(dir / "mixed.set"), InvalidArgumentError);
  CompactOptions odd;
  odd.block_size = 3000;
  EXPECT_THROW((void)compact_index(dir / "foreign.db", odd), InvalidArgumentError);
}

TEST(Compaction, ShardSetCompactsEachLocalShardAndItsSearchersFollow) {
  TempDir dir;
  const fs::path set = dir / "news.set";
  const std::vector<Article> articles = real_articles();
  IndexOptions sharded;
  sharded.shards = 2;
  {
    Index index(set, sharded);
    for (const Article& article : articles) (void)index.add(article);
    index.commit();
  }
  // The shard the article added after the compaction goes to: the commits
  // below bring its compacted copy (revision 1) back to the revision the
  // Searcher has, so Xapian's reopen() alone would see no change.
  const fs::path shard = set / ("shard-" + std::to_string(shard_of("after-compaction", 2)));
  const auto revision = [&] { return Xapian::Database(shard.string()).get_revision(); };
  const Xapian::rev opened_revision = revision();
  Searcher searcher(set);
  const auto before = pages(searcher);

  const CompactResult result = compact_index(set);

  EXPECT_EQ(result.articles, articles.size());
  EXPECT_LT(result.bytes_after, result.bytes_before);
  EXPECT_TRUE(siblings_with(set / "shard-0", ".compact-").empty());
  EXPECT_TRUE(siblings_with(set / "shard-1", ".compact-").empty());
  {
    Searcher fresh(set);
    EXPECT_EQ(pages(fresh), before);
  }
  {
    Index index(set, existing_index());
    do {
      (void)index.add(added_after_compaction());
      index.commit();
    } while (revision() < opened_revision);
  }
  ASSERT_EQ(revision(), opened_revision);
  searcher.reopen();
  expect_finds_the_added_article(searcher, articles.size() + 1);
}

TEST(Compaction, RemovesTheCopyOfAKilledCompactionAndSetsTheBlockSize) {
  TempDir dir;
  const fs::path db = dir / "news.db";
  IndexOptions small;
  small.block_size = 8192;
  build_updated_index(db, real_articles(), small);
  // A copy left by a compaction whose process is gone, and one of a live
  // process (this one's parent) that must be left alone.
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  const fs::path stale = db.string() + ".compact-" + std::to_string(child);
  const fs::path live = db.string() + ".compact-" + std::to_string(getppid());
  for (const fs::path& copy : {stale, live}) {
    fs::create_directories(copy);
    std::ofstream(copy / "postlist.glass") << "partial";
  }

  (void)compact_index(db);  // default block size: 32 KB

  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  for (const char* table : {"postlist", "termlist", "docdata"}) {
    EXPECT_EQ(fs::file_size(db / (std::string(table) + ".glass")) % 32768, 0U) << table;
  }
}

}  // namespace
}  // namespace archivar
