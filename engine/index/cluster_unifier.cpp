// Near-duplicate clusters made global over a parallel build's shards (see
// the header).
#include "index/cluster_unifier.hpp"

#include <xapian.h>

#include <algorithm>
#include <exception>
#include <string>
#include <thread>

#include "archivar/errors.hpp"
#include "index/database_errors.hpp"
#include "index/near_duplicates.hpp"
#include "index/pending_bands.hpp"
#include "index/schema.hpp"

namespace archivar::index {

namespace {

// An article with a SimHash in one of the shards: where it arrived, where it
// is, its hash and its cluster key.
struct HashedArticle {
  std::uint64_t arrival = 0;
  std::uint32_t shard = 0;
  Xapian::docid docid = 0;
  std::uint64_t hash = 0;
  std::string key;  // as the worker stored it
};

struct Rewrite {
  Xapian::docid docid = 0;
  std::string old_key;
  std::string new_key;
};

// The shard's articles with a SimHash, their stored keys and arrivals.
void read_shard(const ShardArrivals& shard, std::uint32_t index, std::vector<HashedArticle>& out) {
  translate_xapian_errors("reading near-duplicate keys of " + shard.path.string(), [&] {
    const Xapian::Database db(shard.path.string());
    auto keys = db.valuestream_begin(schema::kClusterSlot);
    const auto keys_end = db.valuestream_end(schema::kClusterSlot);
    for (auto it = db.valuestream_begin(schema::kSimHashSlot);
         it != db.valuestream_end(schema::kSimHashSlot); ++it) {
      const Xapian::docid docid = it.get_docid();
      const std::optional<std::uint64_t> hash = from_hex(*it);
      if (!hash) continue;
      if (docid > shard.arrival.size()) {
        throw DatabaseError("shard " + shard.path.string() + " holds docid " +
                            std::to_string(docid) + " beyond the " +
                            std::to_string(shard.arrival.size()) + " articles it was given");
      }
      if (keys != keys_end && keys.get_docid() < docid) keys.skip_to(docid);
      std::string key;
      if (keys != keys_end && keys.get_docid() == docid) key = *keys;
      out.push_back(HashedArticle{shard.arrival[docid - 1], index, docid, *hash, std::move(key)});
    }
  });
}

void rewrite_shard(const std::filesystem::path& path, const std::vector<Rewrite>& rewrites,
                   bool sync) {
  translate_xapian_errors("rewriting near-duplicate keys of " + path.string(), [&] {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN | (sync ? 0 : Xapian::DB_NO_SYNC));
    for (const Rewrite& rewrite : rewrites) {
      Xapian::Document document = db.get_document(rewrite.docid);
      if (!rewrite.old_key.empty()) {
        try {
          document.remove_term(std::string(schema::kCluster) + rewrite.old_key);
        } catch (const Xapian::InvalidArgumentError&) {
          // The term was absent: nothing to remove.
        }
      }
      document.add_boolean_term(std::string(schema::kCluster) + rewrite.new_key);
      document.add_value(schema::kClusterSlot, rewrite.new_key);
      db.replace_document(rewrite.docid, document);
    }
    db.commit();
    db.close();
  });
}

}  // namespace

ClusterUnification unify_near_duplicate_clusters(const std::vector<ShardArrivals>& shards,
                                                 bool sync) {
  std::vector<HashedArticle> articles;
  for (std::uint32_t k = 0; k < shards.size(); ++k) read_shard(shards[k], k, articles);
  std::sort(articles.begin(), articles.end(),
            [](const HashedArticle& a, const HashedArticle& b) { return a.arrival < b.arrival; });

  // The serial build's clustering in arrival order: position i + 1 plays the
  // docid a serial build would have given.
  std::vector<std::vector<Rewrite>> rewrites(shards.size());
  ClusterUnification result;
  result.articles = articles.size();
  {
    PendingBands bands;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      HashedArticle& article = articles[i];
      std::string key = nearest_cluster_key(nullptr, bands, article.hash, 0);
      if (key.empty()) key = to_hex(article.hash);
      if (key != article.key) {
        rewrites[article.shard].push_back(Rewrite{article.docid, std::move(article.key), key});
        ++result.rewritten;
      }
      bands.set(static_cast<Xapian::docid>(i + 1), article.hash, std::move(key));
    }
  }
  articles.clear();
  articles.shrink_to_fit();

  std::vector<std::exception_ptr> failures(shards.size());
  std::vector<std::thread> threads;
  const auto run = [&](std::size_t k) {
    try {
      std::sort(rewrites[k].begin(), rewrites[k].end(),
                [](const Rewrite& a, const Rewrite& b) { return a.docid < b.docid; });
      rewrite_shard(shards[k].path, rewrites[k], sync);
    } catch (...) {
      failures[k] = std::current_exception();
    }
  };
  std::size_t first = shards.size();
  for (std::size_t k = 0; k < shards.size(); ++k) {
    if (rewrites[k].empty()) continue;
    if (first == shards.size()) {
      first = k;  // run on this thread after starting the others
    } else {
      threads.emplace_back(run, k);
    }
  }
  if (first < shards.size()) run(first);
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return result;
}

}  // namespace archivar::index
