// BulkIndexer: the sharded parallel build gives the same index as the serial
// Index path (same hits, scores and stored articles), replaces duplicate ids
// within one run, and leaves the target untouched when interrupted.
#include "archivar/bulk_indexer.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "archivar/article_reader.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/spelling_words.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

// The CLI fixture plus, when the shared data is there, 400 real articles
// from the BBC and Reuters corpora (German and English).
std::vector<Article> corpus() {
  std::vector<Article> articles;
  auto read = [&](const std::filesystem::path& file, std::size_t limit) {
    if (!std::filesystem::exists(file)) return;
    ArticleReader reader(file);
    Article article;
    Rejection rejection;
    std::size_t taken = 0;
    while (taken < limit) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status == ArticleReader::Status::article) {
        articles.push_back(article);
        ++taken;
      }
    }
  };
  read(std::filesystem::path(ARCHIVAR_FIXTURES) / "cli/news.jsonl", 1000);
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  read(corpora / "en_bbc.jsonl.gz", 200);
  read(corpora / "de_10kgnad_test.jsonl.gz", 200);
  return articles;
}

// The real articles corpus() adds beyond the fixture (the shared corpora,
// absent from a clone without ../shared): the tests that count on their
// vocabulary and near-duplicates skip without them.
bool shared_corpora_available() {
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  return std::filesystem::exists(corpora / "en_bbc.jsonl.gz") &&
         std::filesystem::exists(corpora / "de_10kgnad_test.jsonl.gz");
}

const std::vector<std::string> kQueries = {
    "Bundesbank",      "Münze Gold",      "\"Deutsche Mark\"",
    "market prices",   "title:Münze",     "government OR Regierung",
    "Fußball",         "company profits", "Schule Kinder",
    "\"the company\"", "tag:bundesbank",  "lang:en film",
};

// id → score for the first 50 hits, and the total.
std::map<std::string, double> hits_of(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.page_size = 50;
  std::map<std::string, double> hits;
  for (const Hit& hit : searcher.search(request).hits) hits[hit.id] = hit.score;
  return hits;
}

TEST(BulkIndexer, ParallelBuildMatchesSerialIndex) {
  TempDir dir;
  const std::vector<Article> articles = corpus();
  ASSERT_GE(articles.size(), 7u);
  {
    Index serial(dir / "serial.db");
    for (const Article& article : articles) (void)serial.add(article);
    serial.commit();
  }
  BulkIndexOptions options;
  options.threads = 3;
  options.shard_commit_every = 50;  // several commits per shard
  BulkIndexer bulk(dir / "parallel.db", options);
  EXPECT_TRUE(bulk.parallel());
  for (const Article& article : articles) bulk.add(article);
  const BulkIndexSummary summary = bulk.finish();
  EXPECT_TRUE(summary.parallel);
  EXPECT_EQ(summary.shards, 3u);
  EXPECT_EQ(summary.added, articles.size());
  EXPECT_EQ(summary.articles, articles.size());

  Searcher serial(dir / "serial.db");
  Searcher parallel(dir / "parallel.db");
  EXPECT_EQ(parallel.stats().articles, serial.stats().articles);
  EXPECT_EQ(parallel.stats().distinct_terms, serial.stats().distinct_terms);
  EXPECT_DOUBLE_EQ(parallel.stats().average_length, serial.stats().average_length);
  for (const std::string& query : kQueries) {
    const auto expected = hits_of(serial, query);
    const auto got = hits_of(parallel, query);
    ASSERT_EQ(got.size(), expected.size()) << query;
    for (const auto& [id, score] : expected) {
      ASSERT_TRUE(got.count(id)) << query << ": " << id;
      EXPECT_NEAR(got.at(id), score, 1e-9 * std::max(1.0, std::abs(score))) << query << ": " << id;
    }
  }
  for (const Article& article : articles) {
    EXPECT_EQ(parallel.get(article.id), serial.get(article.id)) << article.id;
  }
}

// The spelling table is built in parts (one per shard, by first letter) and
// merged by the compaction: the same words and frequencies one pass over the
// built index gives.
TEST(BulkIndexer, SpellingTableInPartsEqualsOnePass) {
  if (!shared_corpora_available()) GTEST_SKIP() << "shared corpora not available";
  TempDir dir;
  BulkIndexOptions options;
  options.threads = 3;
  BulkIndexer bulk(dir / "db", options);
  for (const Article& article : corpus()) bulk.add(article);
  (void)bulk.finish();
  const auto words_of = [](const Xapian::Database& db) {
    std::map<std::string, Xapian::doccount> words;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
      words[*it] = it.get_termfreq();
    }
    return words;
  };
  const Xapian::Database built((dir / "db").string());
  Xapian::WritableDatabase one_pass((dir / "one-pass").string(),
                                    Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  index::add_spelling_words_from(built, one_pass);
  one_pass.commit();
  const auto expected = words_of(one_pass);
  EXPECT_GT(expected.size(), 100u);
  EXPECT_TRUE(expected.count("bundesbank"));
  EXPECT_EQ(words_of(built), expected);
  // Suggestions read the trigram lists the compaction united.
  EXPECT_EQ(built.get_spelling_suggestion("bundesbnak"), "bundesbank");
  EXPECT_EQ(built.get_spelling_suggestion("govermnent"), "government");
  // The compaction writes 32 KB blocks: every table is whole blocks of it
  // (with 8 KB blocks, five tables all being multiples of 32 KB by chance
  // is unlikely, and this corpus's are not).
  for (const char* table : {"postlist", "position", "termlist", "docdata", "spelling"}) {
    const auto file = dir / "db" / (std::string(table) + ".glass");
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_EQ(std::filesystem::file_size(file) % 32768, 0u) << file;
  }
}

TEST(BulkIndexer, DuplicateIdsInOneRunAreReplaced) {
  TempDir dir;
  BulkIndexOptions options;
  options.threads = 2;
  BulkIndexer bulk(dir / "db", options);
  for (int version = 1; version <= 3; ++version) {
    for (int i = 0; i < 20; ++i) {
      Article article;
      article.id = "a" + std::to_string(i);
      article.title = "Version " + std::to_string(version);
      article.body = version == 3 ? "Endgültige Fassung des Artikels" : "Entwurf des Artikels";
      article.lang = "de";
      bulk.add(article);
    }
  }
  const BulkIndexSummary summary = bulk.finish();
  EXPECT_EQ(summary.added, 20u);
  EXPECT_EQ(summary.replaced, 40u);
  EXPECT_EQ(summary.articles, 20u);
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.get("a7")->title, "Version 3");
  EXPECT_TRUE(hits_of(searcher, "Entwurf").empty());
  EXPECT_EQ(hits_of(searcher, "Fassung").size(), 20u);
}

// The cluster key (value slot 8) of every article id in the index at `path`.
std::map<std::string, std::string> cluster_keys(const std::filesystem::path& path) {
  const Xapian::Database db(path.string());
  std::map<std::string, std::string> keys;
  for (auto term = db.allterms_begin("Q"); term != db.allterms_end("Q"); ++term) {
    const auto posting = db.postlist_begin(*term);
    keys[(*term).substr(1)] = db.get_document(*posting).get_value(8);
  }
  return keys;
}

// Wire copies of one story under different ids land in different workers'
// shards and rolled parts; the build still clusters them as one writer seeing every article
// would (index/cluster_unifier): the same keys as the serial build, and a
// search collapses each story to one hit standing for all its copies.
TEST(BulkIndexer, NearDuplicatesInDifferentShardsAreClusteredAsSerially) {
  if (!shared_corpora_available()) GTEST_SKIP() << "shared corpora not available";
  std::vector<Article> articles = corpus();
  std::vector<std::string> stories;
  const std::size_t originals = articles.size();
  for (std::size_t i = 0; i < originals && stories.size() < 8; ++i) {
    const Article original = articles[i];
    if (original.body.size() < 600) continue;
    stories.push_back(original.id);
    for (int copy = 1; copy <= 4; ++copy) {
      Article edited = original;
      edited.id = original.id + "-copy-" + std::to_string(copy);
      edited.url.clear();
      if (copy == 2) edited.body += " (dpa)";
      if (copy == 3) edited.body = "Update: " + edited.body;
      if (copy == 4) edited.body = edited.body.substr(0, edited.body.size() - 40);
      articles.push_back(edited);
    }
  }
  ASSERT_GE(stories.size(), 3u);
  TempDir dir;
  {
    Index serial(dir / "serial.db");
    for (const Article& article : articles) (void)serial.add(article);
    serial.commit();
  }
  BulkIndexOptions options;
  options.threads = 3;
  options.shard_commit_every = 20;
  options.shard_roll_articles = 40;  // several parts per worker
  BulkIndexer bulk(dir / "parallel.db", options);
  for (const Article& article : articles) bulk.add(article);
  (void)bulk.finish();

  const auto serial_keys = cluster_keys(dir / "serial.db");
  const auto parallel_keys = cluster_keys(dir / "parallel.db");
  EXPECT_EQ(parallel_keys, serial_keys);
  for (const std::string& id : stories) {
    const std::string& key = parallel_keys.at(id);
    EXPECT_FALSE(key.empty()) << id;
    for (int copy = 1; copy <= 4; ++copy) {
      EXPECT_EQ(parallel_keys.at(id + "-copy-" + std::to_string(copy)), key) << id << " " << copy;
    }
  }
  // A shard set built with one worker per shard: the same keys.
  BulkIndexOptions set_options = options;
  set_options.index.shards = 3;
  BulkIndexer set_bulk(dir / "set", set_options);
  for (const Article& article : articles) set_bulk.add(article);
  (void)set_bulk.finish();
  EXPECT_EQ(cluster_keys(dir / "set"), serial_keys);

  Searcher searcher(dir / "parallel.db");
  const auto first = std::find_if(articles.begin(), articles.end(),
                                  [&](const Article& a) { return a.id == stories[0]; });
  SearchRequest request;
  request.query = "\"" + first->title + "\"";
  const SearchResults results = searcher.search(request);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits[0].copies, 5u) << request.query;
}

// The scratch folder's worker databases (`shard-<worker>.<part>`), listed
// while the build merges.
std::vector<std::string> shard_parts_in_scratch(const std::filesystem::path& target) {
  std::vector<std::string> parts;
  for (const auto& entry : std::filesystem::directory_iterator(target.parent_path())) {
    if (entry.path().filename().string().rfind(target.filename().string() + ".bulk-", 0) != 0) {
      continue;
    }
    for (const auto& part : std::filesystem::directory_iterator(entry.path())) {
      const std::string name = part.path().filename().string();
      if (name.rfind("shard-", 0) == 0) parts.push_back(name);
    }
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

// Workers that roll over to fresh databases every 60 articles give the
// same hits, scores and stored articles as one serial index.
TEST(BulkIndexer, RollingPartsMatchSerialIndex) {
  if (!shared_corpora_available()) GTEST_SKIP() << "shared corpora not available";
  TempDir dir;
  const std::vector<Article> articles = corpus();
  ASSERT_GE(articles.size(), 300u) << "needs the shared corpora";
  {
    Index serial(dir / "serial.db");
    for (const Article& article : articles) (void)serial.add(article);
    serial.commit();
  }
  BulkIndexOptions options;
  options.threads = 2;
  options.shard_commit_every = 20;
  options.shard_roll_articles = 60;
  std::vector<std::string> parts;
  options.on_stage = [&](const std::string& stage) {
    if (stage == "merging") parts = shard_parts_in_scratch(dir / "parallel.db");
  };
  BulkIndexer bulk(dir / "parallel.db", options);
  for (const Article& article : articles) bulk.add(article);
  const BulkIndexSummary summary = bulk.finish();
  EXPECT_EQ(summary.added, articles.size());
  EXPECT_EQ(summary.articles, articles.size());
  // Each worker holds about half of the articles: several parts each.
  EXPECT_GE(parts.size(), 2 * (articles.size() / 2 / 60)) << testing::PrintToString(parts);
  EXPECT_NE(std::find(parts.begin(), parts.end(), "shard-1.2"), parts.end());

  Searcher serial(dir / "serial.db");
  Searcher parallel(dir / "parallel.db");
  EXPECT_EQ(parallel.stats().articles, serial.stats().articles);
  EXPECT_EQ(parallel.stats().distinct_terms, serial.stats().distinct_terms);
  EXPECT_DOUBLE_EQ(parallel.stats().average_length, serial.stats().average_length);
  for (const std::string& query : kQueries) {
    SearchRequest request;
    request.query = query;
    request.page_size = 50;
    request.collapse_duplicates = false;  // near-duplicates cluster within a part
    std::map<std::string, double> expected;
    std::map<std::string, double> got;
    for (const Hit& hit : serial.search(request).hits) expected[hit.id] = hit.score;
    for (const Hit& hit : parallel.search(request).hits) got[hit.id] = hit.score;
    ASSERT_EQ(got.size(), expected.size()) << query;
    for (const auto& [id, score] : expected) {
      ASSERT_TRUE(got.count(id)) << query << ": " << id;
      EXPECT_NEAR(got.at(id), score, 1e-9 * std::max(1.0, std::abs(score))) << query << ": " << id;
    }
  }
  for (const Article& article : articles) {
    EXPECT_EQ(parallel.get(article.id), serial.get(article.id)) << article.id;
  }
}

// An id that comes again after the part holding it was closed replaces it:
// one copy, the last version, counted as replaced.
TEST(BulkIndexer, DuplicateIdsAcrossRolledPartsAreReplaced) {
  TempDir dir;
  BulkIndexOptions options;
  options.threads = 2;
  options.shard_commit_every = 1;
  options.shard_commit_growth = 0;  // a commit after every article
  options.shard_roll_articles = 7;  // a version round of 20 ids spans parts
  BulkIndexer bulk(dir / "db", options);
  for (int version = 1; version <= 3; ++version) {
    for (int i = 0; i < 20; ++i) {
      Article article;
      article.id = "a" + std::to_string(i);
      article.title = "Version " + std::to_string(version);
      article.body = version == 3 ? "Endgültige Fassung des Artikels" : "Entwurf des Artikels";
      article.lang = "de";
      bulk.add(article);
    }
  }
  const BulkIndexSummary summary = bulk.finish();
  EXPECT_EQ(summary.added, 20u);
  EXPECT_EQ(summary.replaced, 40u);
  EXPECT_EQ(summary.articles, 20u);
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.stats().articles, 20u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(searcher.get("a" + std::to_string(i))->title, "Version 3") << i;
  }
  EXPECT_TRUE(hits_of(searcher, "Entwurf").empty());
  EXPECT_EQ(hits_of(searcher, "Fassung").size(), 20u);
}

// No scratch folder is left next to the target.
bool only_entry_is(const std::filesystem::path& dir, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names.empty() ? name.empty() : (names.size() == 1 && names[0] == name);
}

class BulkIndexerInterrupted : public testing::TestWithParam<std::string> {};

TEST_P(BulkIndexerInterrupted, LeavesNoIndexAndNoScratch) {
  TempDir dir;
  BulkIndexOptions options;
  options.threads = 2;
  options.on_stage = [&](const std::string& stage) {
    if (stage == GetParam()) throw std::runtime_error("interrupted at " + stage);
  };
  BulkIndexer bulk(dir / "db", options);
  for (const Article& article : corpus()) bulk.add(article);
  EXPECT_THROW((void)bulk.finish(), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
  EXPECT_TRUE(only_entry_is(dir.path(), ""));
}

INSTANTIATE_TEST_SUITE_P(Stages, BulkIndexerInterrupted,
                         testing::Values("finishing shards", "spelling", "merging", "installing"));

TEST(BulkIndexer, AbandonedWithoutFinishLeavesNoIndex) {
  TempDir dir;
  {
    BulkIndexer bulk(dir / "db");
    for (const Article& article : corpus()) bulk.add(article);
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
  EXPECT_TRUE(only_entry_is(dir.path(), ""));
}

TEST(BulkIndexer, ExistingIndexIsUpdatedSerially) {
  TempDir dir;
  const std::vector<Article> articles = corpus();
  {
    Index index(dir / "db");
    (void)index.add(articles[0]);
  }
  BulkIndexer bulk(dir / "db");
  EXPECT_FALSE(bulk.parallel());
  for (const Article& article : articles) bulk.add(article);
  const BulkIndexSummary summary = bulk.finish();
  EXPECT_FALSE(summary.parallel);
  EXPECT_EQ(summary.replaced, 1u);
  EXPECT_EQ(summary.added, articles.size() - 1);
  EXPECT_EQ(summary.articles, articles.size());
  EXPECT_TRUE(only_entry_is(dir.path(), "db"));
}

TEST(BulkIndexer, EmptyFolderGetsTheParallelBuild) {
  TempDir dir;
  std::filesystem::create_directory(dir / "db");
  BulkIndexer bulk(dir / "db");
  EXPECT_TRUE(bulk.parallel());
  const std::vector<Article> articles = corpus();
  for (const Article& article : articles) bulk.add(article);
  EXPECT_EQ(bulk.finish().articles, articles.size());
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.stats().articles, articles.size());
}

// The scratch shards' writers skip fdatasync (IndexOptions::sync_commits =
// false): what they commit is still read back whole, and the database opens
// again for synced writing.
TEST(BulkIndexer, UnsyncedCommitsAreReadBack) {
  TempDir dir;
  const std::vector<Article> articles = corpus();
  IndexOptions options;
  options.sync_commits = false;
  options.commit_every = 0;
  {
    Index index(dir / "db", options);
    for (const Article& article : articles) (void)index.add(article);
    index.commit();
  }
  {
    Index synced(dir / "db");
    EXPECT_EQ(synced.size(), articles.size());
    EXPECT_TRUE(synced.remove(articles.front().id));
    synced.commit();
  }
  Searcher searcher(dir / "db");
  EXPECT_EQ(searcher.stats().articles, articles.size() - 1);
  EXPECT_EQ(searcher.get(articles.back().id).value().body, articles.back().body);
}

TEST(BulkIndexer, BadArticlesAreRejectedByAdd) {
  TempDir dir;
  BulkIndexer bulk(dir / "db");
  Article article;
  EXPECT_THROW(bulk.add(article), InvalidArgumentError);  // empty id
  article.id = std::string(300, 'x');
  EXPECT_THROW(bulk.add(article), InvalidArgumentError);
  article.id = "ok";
  article.date = "yesterday";
  EXPECT_THROW(bulk.add(article), InvalidArgumentError);
  article.date = "2020-01-02";
  article.title = "Gültig";
  bulk.add(article);
  EXPECT_EQ(bulk.finish().articles, 1u);
}

}  // namespace
}  // namespace archivar
