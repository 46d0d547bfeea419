// IndexOptions::block_size: the B-tree block size of the databases an Index
// or BulkIndexer creates (32 KB by default), kept by an existing index.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "archivar/bulk_indexer.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

std::vector<Article> articles(int count, const std::string& id_prefix = "a") {
  std::vector<Article> out;
  for (int i = 0; i < count; ++i) {
    Article article;
    article.id = id_prefix + std::to_string(i);
    article.title = "Haushaltsdebatte im Bundestag, Sitzung " + std::to_string(i);
    article.body =
        "Die Abgeordneten stritten über den Haushalt " + std::to_string(2000 + i) +
        ". The members of parliament argued about the budget and the Bundesbank's report.";
    article.lang = i % 2 == 0 ? "de" : "en";
    out.push_back(article);
  }
  return out;
}

// Glass tables are whole blocks: the sizes of the tables a search reads.
std::vector<std::uintmax_t> table_sizes(const std::filesystem::path& db) {
  std::vector<std::uintmax_t> sizes;
  for (const char* table : {"postlist", "position", "termlist", "docdata"}) {
    sizes.push_back(std::filesystem::file_size(db / (std::string(table) + ".glass")));
  }
  return sizes;
}

bool all_multiples_of(const std::vector<std::uintmax_t>& sizes, std::uintmax_t block) {
  for (std::uintmax_t size : sizes) {
    if (size == 0 || size % block != 0) return false;
  }
  return true;
}

void add_all(Index& index, const std::vector<Article>& batch) {
  for (const Article& article : batch) (void)index.add(article);
  index.commit();
}

TEST(BlockSize, NewIndexHas32KBlocksAndAnExplicit8KIsKept) {
  TempDir dir;
  {
    Index index(dir / "default");
    add_all(index, articles(40));
  }
  EXPECT_TRUE(all_multiples_of(table_sizes(dir / "default"), 32768));
  IndexOptions small;
  small.block_size = 8192;
  {
    Index index(dir / "small", small);
    add_all(index, articles(40));
  }
  const std::vector<std::uintmax_t> sizes = table_sizes(dir / "small");
  EXPECT_TRUE(all_multiples_of(sizes, 8192));
  // The check above can tell the sizes apart: some 8 KB table is an odd
  // number of blocks.
  EXPECT_FALSE(all_multiples_of(sizes, 32768));
}

TEST(BlockSize, ExistingIndexKeepsItsBlockSize) {
  TempDir dir;
  IndexOptions small;
  small.block_size = 8192;
  {
    Index index(dir / "db", small);
    add_all(index, articles(20));
  }
  {
    Index index(dir / "db");  // default options: 32 KB for a new database
    add_all(index, articles(20, "b"));
  }
  const std::vector<std::uintmax_t> sizes = table_sizes(dir / "db");
  EXPECT_TRUE(all_multiples_of(sizes, 8192));
  EXPECT_FALSE(all_multiples_of(sizes, 32768));
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "Haushalt";
  request.page_size = 100;
  request.collapse_duplicates = false;
  EXPECT_EQ(searcher.search(request).hits.size(), 40u);
}

TEST(BlockSize, ParallelBuildCompactsIntoTheRequestedSize) {
  TempDir dir;
  BulkIndexOptions options;
  options.threads = 2;
  options.index.block_size = 16384;
  BulkIndexer bulk(dir / "db", options);
  for (const Article& article : articles(200)) bulk.add(article);
  EXPECT_EQ(bulk.finish().articles, 200u);
  const std::vector<std::uintmax_t> sizes = table_sizes(dir / "db");
  EXPECT_TRUE(all_multiples_of(sizes, 16384));
  EXPECT_FALSE(all_multiples_of(sizes, 32768));
}

TEST(BlockSize, UnsupportedSizesAreRejectedBeforeAnythingIsWritten) {
  TempDir dir;
  for (std::uint32_t size : {0u, 1024u, 3000u, 24576u, 131072u}) {
    IndexOptions options;
    options.block_size = size;
    EXPECT_THROW(Index(dir / "db", options), InvalidArgumentError) << size;
    BulkIndexOptions bulk;
    bulk.threads = 2;
    bulk.index = options;
    EXPECT_THROW(BulkIndexer(dir / "bulk", bulk), InvalidArgumentError) << size;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bulk"));
}

}  // namespace
}  // namespace archivar
