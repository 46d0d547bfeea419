// Near-duplicate clusters of a parallel build made global over its shards.
//
// A bulk build's workers cluster each article against the articles of their
// own shard only (index/near_duplicates.hpp), so copies of one story routed
// to different shards (different ids) got different cluster keys and were
// not collapsed: on the comparison's 20,000 articles, 366 articles collapsed
// away against a serial build's 435. unify_near_duplicate_clusters() runs the
// serial build's clustering again over all shards' articles in the order the
// build received them, from their stored SimHashes and an in-memory band
// index (PendingBands, the same probes and tie-breaks), and rewrites the
// cluster key (value slot and XC term) of every article whose key differs
// from the one its worker gave it. Scores do not change (the XC term is
// boolean: no document length).
//
// Result: the cluster keys a serial build of the same input gives, when no id
// repeats. A repeated id keeps its first position with its last version's
// SimHash here, while the serial build clusters the new version against the
// articles present at that time.
//
// Cost: two value streams read per shard, 68 hash-map probes per article, and
// one replace_document per rewritten article (in practice the cross-shard
// copies only), on one thread per shard with rewrites. Memory: about 150 bytes
// per article with a SimHash, freed on return.
//
// Thread-safety: no writer may be open on the shards during the call.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace archivar::index {

// One shard of a parallel build and the order its articles came in.
struct ShardArrivals {
  std::filesystem::path path;
  // arrival[i]: the build's input position of the article with docid i + 1
  // (a shard's docids follow its adds; a replaced id keeps its docid).
  std::vector<std::uint64_t> arrival;
};

struct ClusterUnification {
  std::uint64_t articles = 0;   // articles with a SimHash
  std::uint64_t rewritten = 0;  // articles whose cluster key changed
};

// Makes the shards' cluster keys global (see above). `sync`: the rewrite
// commits fdatasync (false for scratch shards a crash discards anyway).
// Throws DatabaseError naming the shard on a Xapian failure, or when a shard
// holds a docid `arrival` does not cover.
ClusterUnification unify_near_duplicate_clusters(const std::vector<ShardArrivals>& shards,
                                                 bool sync);

}  // namespace archivar::index
