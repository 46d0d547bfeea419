// compact_index(): an index compacted into a sibling folder and swapped in.
//
// Order of steps (each a point where a crash leaves a whole index at PATH):
// write lock taken; stale siblings of killed compactions removed; the last
// committed revision compacted into PATH.compact-PID and synced; the two
// folders exchanged by renameat2(RENAME_EXCHANGE); the lock released; the
// old copy (now at PATH.compact-PID) deleted.
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "index/block_size.hpp"
#include "index/database_errors.hpp"
#include "index/folder_size.hpp"
#include "index/schema.hpp"
#include "index/shard_set.hpp"

namespace archivar {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCopySuffix = ".compact-";

// `path` without a trailing separator ("news.db/" names the folder news.db).
fs::path folder_path(const fs::path& path) {
  fs::path normal = path.lexically_normal();
  if (normal.has_filename()) return normal;
  return normal.parent_path();
}

// The pid in a sibling's name "NAME.compact-PID", or 0 when it is not one.
pid_t copy_owner(const std::string& sibling, const std::string& name) {
  const std::string prefix = name + std::string(kCopySuffix);
  if (!sibling.starts_with(prefix) || sibling.size() == prefix.size()) return 0;
  pid_t pid = 0;
  for (const char c : sibling.substr(prefix.size())) {
    if (c < '0' || c > '9' || pid > 100000000) return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

// Removes the copies that compactions killed before their end left beside
// `folder` (their process is gone). Best effort: errors are ignored.
void remove_stale_copies(const fs::path& folder) {
  const std::string name = folder.filename().string();
  std::error_code error;
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const pid_t owner = copy_owner(entry.path().filename().string(), name);
    if (owner <= 0 || owner == getpid()) continue;
    if (kill(owner, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    std::error_code remove_error;
    fs::remove_all(entry.path(), remove_error);
  }
}

void sync_path(const fs::path& path, int flags) {
  const int fd = open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw DatabaseError("cannot open " + path.string() + ": " + std::strerror(errno));
  const int result = fsync(fd);
  const int saved = errno;
  close(fd);
  if (result != 0) {
    throw DatabaseError("cannot sync " + path.string() + " to disk: " + std::strerror(saved));
  }
}

// Makes the compacted copy durable before it is swapped in: every file, then
// the folder's entries.
// Throws DatabaseError (never std::filesystem_error).
void sync_folder(const fs::path& folder) {
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code entry_error;
    if (it->is_regular_file(entry_error)) sync_path(it->path(), O_RDONLY);
  }
  if (error) {
    throw DatabaseError("cannot list the compacted copy " + folder.string() + ": " +
                        error.message());
  }
  sync_path(folder, O_RDONLY | O_DIRECTORY);
}

void check_archivar_index(const Xapian::WritableDatabase& db, const std::string& where) {
  const std::string stored = db.get_metadata(std::string(schema::kSchemaVersionKey));
  const std::string ours = std::to_string(schema::kSchemaVersion);
  if (stored.empty()) throw DatabaseError("index at " + where + " was not written by archivar");
  if (stored != ours) {
    throw DatabaseError("index at " + where + " has schema version " + stored +
                        ", this archivar reads version " + ours + "; re-index the articles");
  }
}

// A failed compaction leaves the index as it was (only the copy was
// written): said first, with the system error an operator acts on.
[[noreturn]] void throw_copy_error(const Xapian::Error& error, const std::string& what) {
  std::string detail = error.get_msg();
  if (const char* system = error.get_error_string(); system != nullptr && *system != '\0') {
    detail += " (" + std::string(system) + ")";
  }
  std::string cause;
  if (detail.find("No space left on device") != std::string::npos ||
      detail.find("Disk quota exceeded") != std::string::npos) {
    cause =
        "no space left on device for the compacted copy (it needs about as much free space "
        "as the index takes); ";
  }
  throw DatabaseError(what + ": " + cause + "the index is unchanged (" + error.get_type() + ": " +
                      detail + ")");
}

// One database folder: lock, compact into a sibling, swap, delete the old.
CompactResult compact_folder(const fs::path& folder, const CompactOptions& options) {
  const std::string where = folder.string();
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw DatabaseError("no index at " + where);

  // The write lock, held until the swap is done: no commit can happen
  // between the compacted revision and the swap.
  Xapian::WritableDatabase writer = index::translate_xapian_errors(
      "opening index " + where + " for compaction",
      [&] { return Xapian::WritableDatabase(where, Xapian::DB_OPEN); });
  index::translate_xapian_errors("reading index " + where,
                                 [&] { check_archivar_index(writer, where); });
  remove_stale_copies(folder);

  CompactResult result;
  result.bytes_before = index::folder_size(folder);
  const fs::path copy = folder.string() + std::string(kCopySuffix) + std::to_string(getpid());
  fs::remove_all(copy, error);
  try {
    try {
      Xapian::Database source(where);
      result.articles = source.get_doccount();
      source.compact(copy.string(), Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER,
                     static_cast<int>(options.block_size));
    } catch (const Xapian::Error& xapian_error) {
      throw_copy_error(xapian_error, "compacting index " + where + " into " + copy.string());
    }
    sync_folder(copy);
    if (renameat2(AT_FDCWD, copy.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) != 0) {
      throw DatabaseError("cannot swap the compacted copy " + copy.string() + " with " + where +
                          " (renameat2 RENAME_EXCHANGE: " + std::strerror(errno) +
                          "); the index is unchanged");
    }
  } catch (...) {
    fs::remove_all(copy, error);
    throw;
  }
  // The old index is now at `copy`; the writer holds its lock and nothing
  // else. A crash from here on leaves the compacted index at `folder`.
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  try {
    sync_path(parent, O_RDONLY | O_DIRECTORY);
  } catch (const DatabaseError&) {
    // The swap itself happened; a lost directory sync after a power cut
    // leaves the old index whole at `folder`, which is still an index.
  }
  try {
    writer.close();  // releases the old folder's lock; nothing to write
  } catch (const Xapian::Error&) {
    // The compaction is done either way; the destructor lets the lock go.
  }
  fs::remove_all(copy, error);
  result.bytes_after = index::folder_size(folder);
  return result;
}

}  // namespace

CompactResult compact_index(const std::filesystem::path& path, const CompactOptions& options) {
  index::check_block_size(options.block_size);
  const fs::path folder = folder_path(path);
  if (!index::is_shard_set(folder)) return compact_folder(folder, options);
  // A shard set: its local shards one after the other, each under its own
  // write lock (a writer of the set holds them all, so the first refuses).
  const index::ShardSet set = index::read_shard_set(folder);
  for (const index::ShardEntry& shard : set.shards) {
    if (shard.remote) {
      throw InvalidArgumentError("shard set " + folder.string() + " has the remote shard " +
                                 shard.spec +
                                 ": compact it on its server (archivar compact --db ITS_PATH)");
    }
  }
  CompactResult total;
  for (const index::ShardEntry& shard : set.shards) {
    const CompactResult one = compact_folder(folder_path(shard.path), options);
    total.articles += one.articles;
    total.bytes_before += one.bytes_before;
    total.bytes_after += one.bytes_after;
  }
  return total;
}

}  // namespace archivar
