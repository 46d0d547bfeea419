// Public shard-set operations: status per shard, routing.
#include <system_error>

#include "archivar/errors.hpp"
#include "archivar/shards.hpp"
#include "index/shard_set.hpp"
#include "search/shard_reader.hpp"

namespace archivar {

namespace {

std::uint64_t folder_size(const std::filesystem::path& path) {
  std::error_code error;
  std::uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(path, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) total += it->file_size(error);
  }
  return total;
}

}  // namespace

bool is_shard_set(const std::filesystem::path& path) { return index::is_shard_set(path); }

std::uint32_t shard_of(std::string_view id, std::uint32_t count) {
  return index::shard_of(id, count);
}

std::vector<ShardStatus> shard_status(const std::filesystem::path& path,
                                      const SearcherOptions& options) {
  if (!index::is_shard_set(path)) {
    throw DatabaseError(path.string() + " is not a shard set (no " +
                        std::string(index::kShardManifestName) + " manifest)");
  }
  const index::ShardSet set = index::read_shard_set(path);
  search::ShardReadOptions read_options;
  read_options.timeout_ms = options.remote_timeout_ms;
  read_options.connect_timeout_ms = options.connect_timeout_ms;
  std::vector<ShardStatus> statuses;
  for (std::size_t k = 0; k < set.shards.size(); ++k) {
    const index::ShardEntry& entry = set.shards[k];
    ShardStatus status;
    status.name = search::describe_shard(k, set.shards.size(), entry);
    status.remote = entry.remote;
    status.location =
        entry.remote ? entry.host + ":" + std::to_string(entry.port) : entry.path.string();
    try {
      const Xapian::Database db = search::open_shard_for_reading(entry, read_options);
      status.articles = db.get_doccount();
      status.reachable = true;
    } catch (const Xapian::Error& error) {
      status.error = error.get_type() + std::string(": ") + error.get_msg();
    }
    if (!entry.remote) status.bytes_on_disk = folder_size(entry.path);
    statuses.push_back(std::move(status));
  }
  return statuses;
}

}  // namespace archivar
