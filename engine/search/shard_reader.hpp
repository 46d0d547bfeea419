// Opening a shard set for reading: each shard of the manifest
// (index/shard_set.hpp) on its own, local ones with Xapian::Database and
// remote ones with Xapian::Remote::open and our timeouts, joined with
// Database::add_database. Xapian then searches the union with global
// statistics, so ranking and counts equal one index with the same articles.
//
// We parse the stub ourselves instead of Xapian::Database(stub) because the
// stub format cannot set remote timeouts and fails as a whole: here a shard
// that cannot be opened is named in the error, or skipped when partial
// answers are allowed.
//
// Thread-safety: free functions over the objects passed in.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "index/shard_set.hpp"

namespace archivar::search {

struct ShardReadOptions {
  bool allow_partial = false;        // skip shards that cannot be opened
  std::uint32_t timeout_ms = 10000;  // remote: per operation; 0 = none
  std::uint32_t connect_timeout_ms = 10000;
};

struct OpenedShards {
  Xapian::Database db;               // the union of the shards that opened
  std::vector<std::string> missing;  // described shards that did not open
};

// "shard 1/3 (remote 10.0.0.7:33333)": how errors and reports name a shard.
[[nodiscard]] std::string describe_shard(std::size_t k, std::size_t count,
                                         const index::ShardEntry& entry);

// Opens one shard. Throws Xapian::Error (NetworkError, DatabaseOpeningError).
// Cost: a remote open is one TCP connect and a handshake.
[[nodiscard]] Xapian::Database open_shard_for_reading(const index::ShardEntry& entry,
                                                      const ShardReadOptions& options);

// Opens every shard of `set`. Throws DatabaseError naming the shard(s) that
// could not be opened, unless options.allow_partial and at least one opened.
[[nodiscard]] OpenedShards open_shards(const index::ShardSet& set, const ShardReadOptions& options);

}  // namespace archivar::search
