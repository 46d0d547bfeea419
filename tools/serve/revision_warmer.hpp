// RevisionWarmer: builds each new revision's per-revision data for
// `archivar serve` before its requests need it.
//
// A thread of its own holds one Searcher. At start, after every interval
// and at once when notify() says a write committed, it reopens that
// Searcher and calls Searcher::warm_up(): the facet and near-duplicate key
// columns, the display records (search/display_column.hpp) and the "did
// you mean" index of the revision are built here, not
// by the first request that needs them, which would otherwise wait for them
// (171k articles: ~0.35 s for the first misspelled query after start, then
// ~25 ms for the columns, ~175 ms for the display records and ~50 ms for
// the spelling index after every commit). The pool's Searchers find them built
// (search/revision_shared.hpp) while this Searcher holds the revision, i.e. until its next reopen
// finds a newer one. A request that needs them while they are being built waits for that build
// instead of starting its own. Memory: the revision's data once (its size in
// search/spelling_index.hpp and search/facet_column.hpp), held even if no request ever needs it.
// Not for shard sets (Searcher::warm_up() has nothing to build for them).
// Failures (the index unreadable for a while) are written to stderr once
// per distinct message and tried again at the next interval.
// Thread-safety: notify() from any thread; the destructor stops the thread
// and waits for a warm-up under way.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "archivar/searcher.hpp"

namespace archivar::serve {

class RevisionWarmer {
 public:
  // Starts the thread, which warms the current revision up at once.
  // `interval` > 0: how often it looks for a commit of another process
  // (`archivar index`); Xapian compares revisions, a few µs.
  // `options`: the request Searchers' (what warm_up() builds follows them:
  // display records only when they hold them in memory).
  RevisionWarmer(std::filesystem::path path, std::chrono::milliseconds interval,
                 SearcherOptions options = {});
  ~RevisionWarmer();
  RevisionWarmer(const RevisionWarmer&) = delete;
  RevisionWarmer& operator=(const RevisionWarmer&) = delete;

  // A commit happened: look now rather than at the next interval.
  void notify();

  // Warm-ups that built something so far (for tests and logs).
  [[nodiscard]] std::uint64_t warmed() const;

 private:
  void run();

  std::filesystem::path path_;
  std::chrono::milliseconds interval_;
  SearcherOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;         // guarded by mutex_
  bool notified_ = false;     // guarded by mutex_
  std::uint64_t warmed_ = 0;  // guarded by mutex_
  std::thread thread_;        // last: starts after the members it reads
};

}  // namespace archivar::serve
