// Shard set manifests (Xapian stub format) and the routing hash.
#include "index/shard_set.hpp"

#include <charconv>
#include <fstream>

#include "archivar/errors.hpp"

namespace archivar::index {

namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// "HOST:PORT" (HOST may be empty: Xapian reads ":PORT" as a program, so we
// reject it) → host and port. False if it is not that.
bool parse_host_port(const std::string& spec, std::string& host, unsigned& port) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return false;
  host = spec.substr(0, colon);
  const char* begin = spec.data() + colon + 1;
  const char* end = spec.data() + spec.size();
  const auto [next, error] = std::from_chars(begin, end, port);
  return error == std::errc() && next == end && port > 0 && port < 65536;
}

}  // namespace

std::uint64_t shard_hash(std::string_view id) noexcept {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::uint32_t shard_of(std::string_view id, std::uint32_t count) noexcept {
  if (count <= 1) return 0;
  return static_cast<std::uint32_t>(shard_hash(id) % count);
}

bool is_shard_set(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error) &&
         std::filesystem::is_regular_file(path / kShardManifestName, error);
}

ShardSet read_shard_set(const std::filesystem::path& root) {
  const std::filesystem::path manifest = root / kShardManifestName;
  std::ifstream in(manifest);
  if (!in) throw DatabaseError("cannot read shard manifest " + manifest.string());
  ShardSet set;
  set.root = root;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    const auto space = text.find_first_of(" \t");
    const std::string type = text.substr(0, space);
    const std::string value = space == std::string::npos ? "" : trim(text.substr(space));
    const std::string where = manifest.string() + ":" + std::to_string(number);
    ShardEntry entry;
    entry.spec = text;
    if ((type == "auto" || type == "glass") && !value.empty()) {
      const std::filesystem::path path(value);
      entry.path = path.is_absolute() ? path : root / path;
    } else if (type == "remote") {
      entry.remote = true;
      if (!parse_host_port(value, entry.host, entry.port)) {
        throw DatabaseError(where + ": remote shard must be 'remote HOST:PORT', got '" + text +
                            "'");
      }
    } else {
      throw DatabaseError(
          where + ": expected 'auto PATH', 'glass PATH' or 'remote HOST:PORT', got '" + text + "'");
    }
    set.shards.push_back(std::move(entry));
    if (set.shards.size() > kMaxShards) {
      throw DatabaseError(where + ": more than " + std::to_string(kMaxShards) + " shards");
    }
  }
  if (set.shards.empty())
    throw DatabaseError("shard manifest " + manifest.string() + " lists no shard");
  return set;
}

std::string local_shard_name(std::uint32_t k) { return "shard-" + std::to_string(k); }

void write_local_manifest(const std::filesystem::path& root, std::uint32_t count) {
  const std::filesystem::path manifest = root / kShardManifestName;
  const std::filesystem::path temporary = root / (std::string(kShardManifestName) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "# archivar shard set: " << count << " shards; article id -> shard k = FNV-1a 64 of "
        << "the id mod " << count << ", shard k on line k (xapian stub format)\n";
    for (std::uint32_t k = 0; k < count; ++k) out << "auto " << local_shard_name(k) << "\n";
    out.flush();
    if (!out) throw DatabaseError("cannot write shard manifest " + temporary.string());
  }
  std::error_code error;
  std::filesystem::rename(temporary, manifest, error);
  if (error) {
    throw DatabaseError("cannot write shard manifest " + manifest.string() + ": " +
                        error.message());
  }
}

std::string shard_metadata(std::uint32_t k, std::uint32_t count) {
  return std::to_string(k) + "/" + std::to_string(count);
}

}  // namespace archivar::index
