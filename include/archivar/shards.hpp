// Shard sets: one archivar index split over several databases, local or
// served by xapian-tcpsrv (README "Running on several machines"). Index
// writes a set (IndexOptions::shards), Searcher reads one (SearcherOptions);
// this header answers operational questions about a set.
//
// Thread-safety: free functions; each call opens its own connections.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "archivar/export.hpp"
#include "archivar/searcher.hpp"

namespace archivar {

struct ShardStatus {
  std::string name;      // "shard 1/3 (remote 10.0.0.7:33333)"
  std::string location;  // local path or HOST:PORT
  bool remote = false;
  bool reachable = false;           // opened and answered
  std::uint64_t articles = 0;       // when reachable
  std::uint64_t bytes_on_disk = 0;  // local shards only
  std::string error;                // why not reachable
};

// True if `path` is a shard set (a folder with a XAPIANDB manifest).
[[nodiscard]] ARCHIVAR_EXPORT bool is_shard_set(const std::filesystem::path& path);

// The shard (0-based manifest line) an article with `id` belongs to in a set
// of `count` shards: FNV-1a 64 of the id's bytes mod count (never changes).
[[nodiscard]] ARCHIVAR_EXPORT std::uint32_t shard_of(std::string_view id, std::uint32_t count);

// Per shard of the set at `path`: reachable, articles, size. Never throws
// for a shard that is down (that is what it reports); throws DatabaseError
// when `path` is not a readable shard set. Timeouts from `options`.
// Cost: opens every shard once (a TCP connect per remote shard).
[[nodiscard]] ARCHIVAR_EXPORT std::vector<ShardStatus> shard_status(
    const std::filesystem::path& path, const SearcherOptions& options = {});

}  // namespace archivar
