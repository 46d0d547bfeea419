// Index: the writer side of an archivar index (a Xapian glass database).
//
// One writer per index at a time (a second one gets DatabaseError "locked");
// any number of Searchers may read it meanwhile and see each commit as a
// whole. Changes become durable and visible at commit(): automatically every
// IndexOptions::commit_every changes, and when the Index is destroyed (best
// effort; call commit() to see errors). A crash loses only uncommitted work.
//
// A shard set (IndexOptions::shards) is written through one WritableDatabase
// per shard; commit() commits them one after the other, so a crash between
// two shard commits leaves some shards one batch behind the others.
//
// Thread-safety: one thread at a time per Index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "archivar/article.hpp"
#include "archivar/cleaning.hpp"
#include "archivar/export.hpp"

namespace archivar {

struct IndexOptions {
  bool create = true;  // create the index if it does not exist
  // Shards: > 1 creates a shard set (a folder of `shards` databases and a
  // Xapian stub manifest, README "Running on several machines") when `path`
  // does not exist yet; articles go to shard FNV-1a-64(id) mod shards. An
  // existing set keeps its shard count (a different value > 1 is an
  // InvalidArgumentError); 0 or 1: a single database, or whatever set exists.
  std::uint32_t shards = 0;
  std::uint32_t commit_every = 10000;  // automatic commit after this many changes; 0: never
  // Analysis steps, fixed when the index is created (an existing index keeps
  // the ones it was created with; searches follow the index):
  bool fold_spellings = true;     // Müller = Mueller = Muller, Gregorová = Gregorova
  bool decompound_german = true;  // "Seite" finds "Medienseite"
  bool spelling = true;           // collect words for "did you mean" (Searcher)
  // Cleaning before analysis, applied on every add (the stored article stays
  // as given): rejoined line breaks, no boilerplate lines, repeats once.
  CleaningOptions cleaning;
  // false: commits are not flushed to disk (no fdatasync; Xapian's
  // DB_NO_SYNC). A killed process loses nothing committed (the kernel still
  // writes the pages), but an operating-system crash or power loss can leave
  // a corrupt database. For scratch databases that are rebuilt after such a
  // crash, as BulkIndexer's shards (~0.4 s of fdatasync per worker at
  // 20,000 articles).
  bool sync_commits = true;
  // B-tree block size in bytes of the databases this creates: a power of
  // two from 2,048 to 65,536 (else InvalidArgumentError); an existing index
  // keeps the one it was created with. 32 KB against Xapian's 8 KB: one
  // read brings 4x the postings, so searches take ~10 % less time (p50;
  // same results), building takes the same time, and an index updated in
  // small batches grows faster (bench/README.md "Compacted block size").
  std::uint32_t block_size = 32768;
};

enum class AddResult { added, replaced };

class ARCHIVAR_EXPORT Index {
 public:
  // Opens (or creates) the index at `path`. Throws DatabaseError if it cannot
  // be opened for writing (locked, corrupt, permission denied).
  explicit Index(const std::filesystem::path& path, IndexOptions options = {});
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // Analyzes and stores `article`, replacing any article with the same id.
  // The terms come from title and body cleaned per IndexOptions::cleaning;
  // the stored article keeps them as given. Detects the language (of the
  // cleaned text) when article.lang is empty. Throws
  // InvalidArgumentError for an empty id or a malformed date, DatabaseError
  // when the index cannot be written.
  AddResult add(const Article& article);

  // Deletes the article with this id. Returns false if there was none.
  bool remove(std::string_view id);

  // Makes all changes so far durable and visible to readers.
  void commit();

  // Articles in the index, including uncommitted changes.
  [[nodiscard]] std::uint64_t size() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Compaction of an existing index (`archivar compact`): rewrites it into
// full B-tree blocks, as the parallel build's merge does, and gives back the
// space that updates leave behind (half-full blocks, freed blocks of old
// revisions). Worth doing after many small batches: an index updated in
// batches of 100 grows ~7 MB per 1,000 articles against ~5 for a compacted
// one (bench/README.md "Compaction").
struct CompactOptions {
  // B-tree block size of the compacted index: a power of two from 2,048 to
  // 65,536 (else InvalidArgumentError); the default is that of new indexes.
  std::uint32_t block_size = 32768;
};

struct CompactResult {
  std::uint64_t articles = 0;
  std::uint64_t bytes_before = 0;  // the index folder's files
  std::uint64_t bytes_after = 0;
};

// Compacts the index at `path` in place. Holds the index's write lock
// throughout (another writer gets "locked" meanwhile, and an open writer
// makes this throw DatabaseError, index untouched); writes the compacted copy
// into a sibling folder `PATH.compact-PID` (free disk space for one more copy
// is needed), swaps the two folders in one atomic rename (Linux
// renameat2 RENAME_EXCHANGE: a crash leaves either the old or the new index
// at `path`, whole), then deletes the old copy. A leftover sibling of a
// killed compaction is removed by the next one. Searchers that are open keep
// reading the old files until their next reopen() (or search() after it),
// which opens the compacted index; `archivar serve` does so per request.
// A shard set is compacted shard by shard, each local shard as above (the
// result sums them); a set with a remote shard is an InvalidArgumentError
// (compact it on its server), as is a bad block size. DatabaseError when
// `path` is no archivar index, is locked, or the copy cannot be written
// (disk full: the partial copy is removed, the index is unchanged).
ARCHIVAR_EXPORT CompactResult compact_index(const std::filesystem::path& path,
                                            const CompactOptions& options = {});

}  // namespace archivar
