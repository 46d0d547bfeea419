// Shard sets: one logical archivar index stored as N Xapian databases.
//
// On disk a shard set is a folder holding the shard databases and a manifest
// named XAPIANDB in Xapian's stub database format, so Xapian itself (and
// xapian-delve, xapian-tcpsrv, ...) opens the folder as the union of its
// shards:
//
//   # archivar shard set: 3 shards, routed by FNV-1a 64 of the id mod 3
//   auto shard-0
//   auto shard-1
//   remote 10.0.0.7:33333
//
// Lines: `auto PATH` or `glass PATH` (a local shard; a relative PATH is
// relative to the set folder), `remote HOST:PORT` (a shard served by
// xapian-tcpsrv), `#` comments and blank lines. Line order is shard order:
// the k-th shard line holds exactly the articles with shard_of(id, N) == k.
// Each local shard also records "k/N" in its metadata (kShardMetadataKey),
// so a reordered or mixed-up manifest is detected when a writer opens it.
//
// Thread-safety: free functions; reading and writing the same manifest from
// two processes at once is not synchronised (one writer per set, as for one
// index).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::index {

inline constexpr std::string_view kShardManifestName = "XAPIANDB";
inline constexpr std::string_view kShardMetadataKey = "archivar.shard";  // "k/N"
inline constexpr std::uint32_t kMaxShards = 1024;

struct ShardEntry {
  bool remote = false;
  std::filesystem::path path;  // local: absolute path of the shard database
  std::string host;            // remote: host name or address
  unsigned port = 0;           // remote: TCP port
  std::string spec;            // the manifest line as written (for messages)
};

struct ShardSet {
  std::filesystem::path root;  // the set folder
  std::vector<ShardEntry> shards;
};

// The shard an article id belongs to among `count` shards: FNV-1a 64-bit
// (offset basis 14695981039346656037, prime 1099511628211) over the id's
// UTF-8 bytes, modulo `count`. Part of the on-disk format: it must never
// change (tests pin known values), or replace/delete would miss articles.
[[nodiscard]] std::uint64_t shard_hash(std::string_view id) noexcept;
[[nodiscard]] std::uint32_t shard_of(std::string_view id, std::uint32_t count) noexcept;

// True if `path` is a folder with a manifest (a shard set).
[[nodiscard]] bool is_shard_set(const std::filesystem::path& path);

// Reads and checks the manifest of the set at `root`. Throws DatabaseError
// naming the manifest file and line when it cannot be read or a line is not
// understood, or when it lists no shard.
[[nodiscard]] ShardSet read_shard_set(const std::filesystem::path& root);

// Folder name of the k-th local shard of a new set ("shard-0", ...).
[[nodiscard]] std::string local_shard_name(std::uint32_t k);

// Writes the manifest of a new set of `count` local shards named
// local_shard_name(k) (atomically: a temporary file renamed into place).
// Throws DatabaseError if it cannot be written.
void write_local_manifest(const std::filesystem::path& root, std::uint32_t count);

// "k/N" as stored under kShardMetadataKey.
[[nodiscard]] std::string shard_metadata(std::uint32_t k, std::uint32_t count);

}  // namespace archivar::index
