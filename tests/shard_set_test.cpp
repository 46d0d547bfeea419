// Shard sets: routing, the manifest, and search over 3 shards giving what
// one index holding the same articles gives (ids, scores, counts, facets,
// collapsed near-duplicates), replace/delete through the set, and shards
// that are missing.
#include "index/shard_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "archivar/article_reader.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "archivar/shards.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

// Real article text: every article of our JSONL fixtures (German and
// English news, wire copies that are near-duplicates of each other).
std::vector<Article> fixture_file_articles() {
  const std::string root = ARCHIVAR_FIXTURES;
  std::vector<Article> articles;
  for (const char* file :
       {"/serve/articles.jsonl", "/cli/news.jsonl", "/cli/wire.jsonl", "/ingest/articles.jsonl"}) {
    ArticleReader reader(root + file);
    Article article;
    Rejection rejection;
    for (;;) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status == ArticleReader::Status::article) articles.push_back(article);
    }
  }
  return articles;
}

void build(const std::filesystem::path& path, std::uint32_t shards,
           const std::vector<Article>& articles) {
  IndexOptions options;
  options.shards = shards;
  Index index(path, options);
  for (const Article& article : articles) index.add(article);
  index.commit();
}

// Queries from the articles themselves: every distinct title word, and
// each title as a whole.
std::vector<std::string> fixture_queries(const std::vector<Article>& articles) {
  std::set<std::string> queries;
  for (const Article& article : articles) {
    queries.insert(article.title);
    std::istringstream words(article.title);
    std::string word;
    while (words >> word) queries.insert(word);
  }
  return {queries.begin(), queries.end()};
}

bool same_score(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// The first `n` hits as (score, id), ids sorted within equal scores (ties
// are ordered by internal document number, which sharding changes), and
// without the trailing group of hits tied with hit n+1 (which of them make
// the cut depends on that order too).
std::vector<std::pair<double, std::string>> comparable_top(const SearchResults& results,
                                                           std::size_t n) {
  std::vector<std::pair<double, std::string>> top;
  for (const Hit& hit : results.hits) top.emplace_back(hit.score, hit.id);
  std::size_t end = std::min(n, top.size());
  if (top.size() > n) {
    while (end > 0 && same_score(top[end - 1].first, top[n].first)) --end;
  }
  top.resize(end);
  for (std::size_t begin = 0; begin < top.size();) {
    std::size_t group_end = begin + 1;
    while (group_end < top.size() && same_score(top[group_end].first, top[begin].first)) {
      ++group_end;
    }
    std::sort(top.begin() + static_cast<std::ptrdiff_t>(begin),
              top.begin() + static_cast<std::ptrdiff_t>(group_end),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    begin = group_end;
  }
  return top;
}

TEST(ShardRouting, IsFnv1a64OfTheIdAndNeverChanges) {
  // FNV-1a 64 reference values (Fowler/Noll/Vo test vectors).
  EXPECT_EQ(index::shard_hash(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(index::shard_hash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(index::shard_hash("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(shard_of("foobar", 3), 0x85944171f73967e8ULL % 3);
  EXPECT_EQ(shard_of("anything", 1), 0U);
}

TEST(ShardSet, ThreeShardsRankCountAndFacetLikeOneIndex) {
  const std::vector<Article> articles = fixture_file_articles();
  ASSERT_GE(articles.size(), 35U);
  TempDir dir;
  build(dir / "one", 1, articles);
  build(dir / "set", 3, articles);
  ASSERT_TRUE(is_shard_set(dir / "set"));
  EXPECT_FALSE(is_shard_set(dir / "one"));

  // Every shard got some articles, and together exactly all of them.
  std::uint64_t sum = 0;
  for (const ShardStatus& shard : shard_status(dir / "set")) {
    EXPECT_TRUE(shard.reachable) << shard.name;
    EXPECT_GT(shard.articles, 0U) << shard.name;
    sum += shard.articles;
  }
  EXPECT_EQ(sum, articles.size());

  Searcher one(dir / "one");
  Searcher set(dir / "set");
  EXPECT_EQ(set.stats().articles, one.stats().articles);
  EXPECT_EQ(set.stats().shards, 3U);
  const std::vector<std::string> queries = fixture_queries(articles);
  ASSERT_GE(queries.size(), 100U);
  std::size_t compared_hits = 0;
  for (const std::string& query : queries) {
    SearchRequest request;
    request.query = query;
    request.page_size = 20;
    request.facets = {"lang", "year", "source"};  // every match counted: exact totals
    const SearchResults a = one.search(request);
    const SearchResults b = set.search(request);
    const auto top_a = comparable_top(a, 10);
    const auto top_b = comparable_top(b, 10);
    ASSERT_EQ(top_a.size(), top_b.size()) << query;
    for (std::size_t i = 0; i < top_a.size(); ++i) {
      EXPECT_EQ(top_a[i].second, top_b[i].second) << query << " #" << i;
      EXPECT_TRUE(same_score(top_a[i].first, top_b[i].first))
          << query << " #" << i << ": " << top_a[i].first << " vs " << top_b[i].first;
    }
    compared_hits += top_a.size();
    EXPECT_EQ(a.total.estimated, b.total.estimated) << query;
    EXPECT_EQ(a.facet_counted, b.facet_counted) << query;
    ASSERT_EQ(a.facets.size(), b.facets.size());
    for (std::size_t f = 0; f < a.facets.size(); ++f) {
      EXPECT_EQ(a.facets[f].values, b.facets[f].values) << query << " facet " << f;
    }
    std::map<std::string, std::uint32_t> copies_a;
    std::map<std::string, std::uint32_t> copies_b;
    for (const Hit& hit : a.hits) copies_a[hit.id] = hit.copies;
    for (const Hit& hit : b.hits) copies_b[hit.id] = hit.copies;
    for (const auto& [score, id] : top_a)
      EXPECT_EQ(copies_a[id], copies_b[id]) << query << " " << id;
  }
  EXPECT_GT(compared_hits, 500U);  // the comparison really compared hits
}

TEST(ShardSet, ReplaceAndDeleteFindTheirShard) {
  const std::vector<Article> articles = fixture_file_articles();
  TempDir dir;
  build(dir / "set", 3, articles);
  Article changed = articles.front();
  changed.title = "Zeppelinwerft eröffnet Besucherzentrum";
  {
    Index index(dir / "set");  // an existing set keeps its 3 shards
    EXPECT_EQ(index.add(changed), AddResult::replaced);
    EXPECT_TRUE(index.remove(articles.back().id));
    EXPECT_FALSE(index.remove("no-such-article"));
    index.commit();
    EXPECT_EQ(index.size(), articles.size() - 1);
  }
  Searcher searcher(dir / "set");
  EXPECT_EQ(searcher.stats().articles, articles.size() - 1);
  ASSERT_TRUE(searcher.get(changed.id).has_value());
  EXPECT_EQ(searcher.get(changed.id)->title, changed.title);
  EXPECT_FALSE(searcher.get(articles.back().id).has_value());
  SearchRequest request;
  request.query = "Zeppelinwerft";
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1U);
  EXPECT_EQ(results.hits[0].id, changed.id);
}

TEST(ShardSet, KeepsItsShardCount) {
  TempDir dir;
  build(dir / "set", 3, fixture_file_articles());
  IndexOptions options;
  options.shards = 2;
  EXPECT_THROW(Index(dir / "set", options), InvalidArgumentError);
  options.shards = 3;
  EXPECT_NO_THROW(Index(dir / "set", options));
}

TEST(ShardSet, ManifestLinesInTheWrongOrderAreDetected) {
  TempDir dir;
  build(dir / "set", 3, fixture_file_articles());
  std::ofstream(dir / "set" / "XAPIANDB", std::ios::trunc)
      << "auto shard-1\nauto shard-0\nauto shard-2\n";
  try {
    Index index(dir / "set");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("shard-1"), std::string::npos) << error.what();
  }
}

TEST(ShardSet, BadManifestLineIsNamed) {
  TempDir dir;
  std::filesystem::create_directories(dir / "set");
  std::ofstream(dir / "set" / "XAPIANDB") << "# comment\nauto shard-0\nremote nowhere\n";
  try {
    Searcher searcher(dir / "set");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("XAPIANDB:3"), std::string::npos) << error.what();
  }
}

TEST(ShardSet, MissingShardFailsOrIsReportedWithAllowPartial) {
  const std::vector<Article> articles = fixture_file_articles();
  TempDir dir;
  build(dir / "set", 3, articles);
  std::filesystem::rename(dir / "set" / "shard-1", dir / "shard-1.away");
  try {
    Searcher searcher(dir / "set");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("shard 1/3"), std::string::npos) << error.what();
  }
  SearcherOptions options;
  options.allow_partial = true;
  Searcher searcher(dir / "set", options);
  SearchRequest request;  // every article
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.missing_shards.size(), 1U);
  EXPECT_NE(results.missing_shards[0].find("shard 1/3"), std::string::npos);
  std::uint64_t expected = 0;
  for (const Article& article : articles) expected += shard_of(article.id, 3) != 1 ? 1 : 0;
  EXPECT_EQ(searcher.stats().articles, expected);
  const auto statuses = shard_status(dir / "set");
  ASSERT_EQ(statuses.size(), 3U);
  EXPECT_TRUE(statuses[0].reachable);
  EXPECT_FALSE(statuses[1].reachable);
  EXPECT_FALSE(statuses[1].error.empty());
}

}  // namespace
}  // namespace archivar
