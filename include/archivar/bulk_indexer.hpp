// BulkIndexer: builds a new index from many articles on several cores.
//
// For a NEW index (the path does not exist, or is an empty folder) the
// articles are spread over `threads` worker threads by a stable hash of the
// id (so every version of one id lands in the same worker and the last one
// wins, as with Index::add). Each worker owns its own shard (a Xapian
// database with its own analyzer, in a temporary folder next to the target)
// and commits it in batches that grow with the shard (see the shard_commit_*
// options); every `shard_roll_articles` it goes on in a fresh database (a
// later copy of an id deletes the earlier one from its closed database, so
// the last one still wins; each worker keeps its ids in memory, ~60 bytes
// plus the id per article). finish() merges the
// shards with Xapian's compactor into a temporary folder and then renames
// that into place: readers never see a half-built index, and an interrupted
// build (exception, kill, power loss) leaves the target path as it was
// (absent). A kill can leave a `<target>.bulk-*` scratch folder behind; it
// is never read and can be deleted. The compacted index is also smaller
// (about half the size of one written article by article).
//
// For an EXISTING index the articles go straight to an Index on the
// caller's thread (the serial path): replacing and deleting in an index
// that already holds articles needs the one Xapian writer, and its commits
// every IndexOptions::commit_every articles are kept by an interrupted run.
//
// Memory: each worker has a bounded queue (`queue_capacity` articles) and
// Xapian keeps its pending batch's postings in memory (about 18 bytes per
// byte of text), so a worker buffers at most about 18 × max(
// `shard_commit_bytes`, the text of `shard_commit_every` articles) bytes;
// input is streamed by the caller.
//
// What a kill loses: a new single index, everything (the target stays
// absent); a new shard set, each shard's pending batch (at most
// `shard_commit_max` articles or about `shard_commit_bytes` of text per
// shard); the serial path, up to IndexOptions::commit_every changes.
//
// Thread-safety: one thread at a time calls add()/finish().
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "archivar/article.hpp"
#include "archivar/export.hpp"
#include "archivar/index.hpp"

namespace archivar {

struct BulkIndexOptions {
  IndexOptions index;    // analysis and cleaning; commit_every for the serial path
  unsigned threads = 0;  // worker shards; 0: one per core; 1: the serial path
  // A shard commits (writes its buffered postings) when its batch holds
  // `shard_commit_every` articles and either 1/`shard_commit_growth` of the
  // shard's committed articles, `shard_commit_max` articles or
  // `shard_commit_bytes` of title and body text. Small batches cost less
  // CPU and memory at small shards (bench/README.md "Parallel indexing": 1,000
  // vs 5,000 at 20,000 articles, ~17 % less CPU, peak RSS 165 vs 477 MiB); at
  // large ones each commit rewrites a block per distinct term of the batch,
  // so the batch grows with the shard (bench/README.md "Shard commits").
  std::uint32_t shard_commit_every = 1000;         // smallest batch (articles)
  std::uint32_t shard_commit_growth = 8;           // 0: always shard_commit_every
  std::uint32_t shard_commit_max = 8000;           // largest batch (articles)
  std::uint64_t shard_commit_bytes = 16ull << 20;  // batch text beyond shard_commit_every
  // A worker closes its database once its commits hold this many articles
  // and continues in a fresh one (all merged by finish(), in the order they
  // were filled), so its commits write into small B-trees and its batches
  // stay small: CPU per article does not grow with the shard (bench/README.md
  // "Rolling shard parts": -14 % CPU at 171k). finish() clusters
  // near-duplicates over every part and shard (index/cluster_unifier), as one
  // writer would. 0: one database per worker. Not used for a shard
  // set (its workers write the set's shards in place).
  std::uint64_t shard_roll_articles = 30000;
  std::size_t queue_capacity = 256;  // articles waiting per worker before add() blocks
  // Called on the thread that calls finish() when a stage begins
  // ("finishing shards": the workers' last commits; "clustering": near-duplicates
  // over all shards; "spelling": the table
  // from the merged term frequencies; "merging": compaction; "installing"). May throw: the build is
  // abandoned, the target stays as it was.
  std::function<void(const std::string& stage)> on_stage;
};

struct BulkIndexSummary {
  std::uint64_t added = 0;     // new ids
  std::uint64_t replaced = 0;  // ids seen before (in this run or in the existing index)
  std::uint64_t articles = 0;  // articles in the index afterwards
  bool parallel = false;       // true: sharded build and merge; false: the serial path
  unsigned shards = 0;         // worker shards used (0 on the serial path)
};

class ARCHIVAR_EXPORT BulkIndexer {
 public:
  // Decides the path: parallel for a new index, serial for an existing one
  // or with threads == 1. A new shard set (index.shards > 1, threads != 1)
  // is built with one worker per shard writing straight into the set (no
  // merge; near-duplicates are clustered over all shards at the end, and an
  // abandoned build leaves the set with the batches its shards committed).
  // Throws DatabaseError if the target cannot be opened or the scratch
  // folder cannot be made.
  explicit BulkIndexer(const std::filesystem::path& path, BulkIndexOptions options = {});
  // Without finish(): abandons the build (parallel: removes the shards, the
  // target stays as it was; serial: commits what was added, as Index does).
  ~BulkIndexer();
  BulkIndexer(const BulkIndexer&) = delete;
  BulkIndexer& operator=(const BulkIndexer&) = delete;

  // Queues `article` (validated here: throws InvalidArgumentError for an
  // empty or over-long id or a malformed date, as Index::add does). Blocks
  // while the worker's queue is full. Rethrows a worker's failure.
  void add(Article article);

  // Waits for the workers, merges and installs the index (parallel) or
  // commits (serial). Call once.
  BulkIndexSummary finish();

  // Articles handed to add() so far.
  [[nodiscard]] std::uint64_t queued() const noexcept;
  // True when this build uses the sharded parallel path.
  [[nodiscard]] bool parallel() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archivar
