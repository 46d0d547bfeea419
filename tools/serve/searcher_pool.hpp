// SearcherPool: one archivar::Searcher per concurrent request.
//
// Searchers are not thread-safe, so each request leases one for its whole
// duration and gives it back when done. At most `max_searchers` are leased
// at once (the server's --threads: searches are CPU-bound, more at once than
// cores only adds memory); acquire() waits for a free one, so more
// connections than searchers share them in turn instead of being refused.
// The pool grows to the peak number of concurrent leases and never shrinks.
// Every lease calls Searcher::reopen() first, so a request sees the latest
// commit of a concurrent writer (`archivar index`, the write API).
// A thread must not hold two leases at once (it could wait for itself).
//
// Thread-safety: acquire() and lease destruction may run on any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "archivar/searcher.hpp"

namespace archivar::serve {

class SearcherPool {
 public:
  // Opens one Searcher at once, so a missing or broken index fails at
  // startup (DatabaseError) rather than at the first request.
  // `max_searchers` >= 1. `options`: how a shard set is opened (ignored
  // for a single index).
  SearcherPool(std::filesystem::path path, std::uint32_t max_searchers,
               SearcherOptions options = {});

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
        : pool_(&pool), searcher_(std::move(searcher)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() const { return *searcher_; }
    Searcher* operator->() const { return searcher_.get(); }

   private:
    SearcherPool* pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  // A Searcher moved to the latest committed revision; waits while
  // `max_searchers` are leased. Throws DatabaseError if the index cannot be
  // opened or reopened.
  [[nodiscard]] Lease acquire();

 private:
  void release(std::unique_ptr<Searcher> searcher);  // back to idle_, then give_back_slot()
  void give_back_slot();                             // one lease fewer; wakes one waiter

  std::filesystem::path path_;
  SearcherOptions options_;
  std::uint32_t max_searchers_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::uint32_t leased_ = 0;  // guarded by mutex_
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace archivar::serve
