// Opening the shards of a set for reading, one by one (see the header).
#include "search/shard_reader.hpp"

#include "archivar/errors.hpp"

namespace archivar::search {

std::string describe_shard(std::size_t k, std::size_t count, const index::ShardEntry& entry) {
  return "shard " + std::to_string(k) + "/" + std::to_string(count) + " (" +
         (entry.remote ? entry.spec : entry.path.string()) + ")";
}

Xapian::Database open_shard_for_reading(const index::ShardEntry& entry,
                                        const ShardReadOptions& options) {
  if (entry.remote) {
    return Xapian::Remote::open(entry.host, entry.port, options.timeout_ms,
                                options.connect_timeout_ms);
  }
  return Xapian::Database(entry.path.string(), Xapian::DB_BACKEND_GLASS);
}

OpenedShards open_shards(const index::ShardSet& set, const ShardReadOptions& options) {
  OpenedShards opened;
  std::string failures;
  for (std::size_t k = 0; k < set.shards.size(); ++k) {
    const index::ShardEntry& entry = set.shards[k];
    try {
      opened.db.add_database(open_shard_for_reading(entry, options));
    } catch (const Xapian::Error& error) {
      const std::string name = describe_shard(k, set.shards.size(), entry);
      opened.missing.push_back(name);
      failures +=
          (failures.empty() ? "" : "; ") + name + ": " + error.get_type() + ": " + error.get_msg();
    }
  }
  if (opened.missing.empty()) return opened;
  if (!options.allow_partial) {
    throw DatabaseError("shard set " + set.root.string() + ": " + failures +
                        " (allow_partial answers from the other shards)");
  }
  if (opened.missing.size() == set.shards.size()) {
    throw DatabaseError("shard set " + set.root.string() +
                        ": no shard could be opened: " + failures);
  }
  return opened;
}

}  // namespace archivar::search
