// SearcherPool: one archivar::Searcher per concurrent request.
//
// Searchers are not thread-safe, so each request leases one for its whole
// duration and gives it back when done. The pool grows to the peak number of
// concurrent requests (at most the server's worker threads) and never
// shrinks. Every lease calls Searcher::reopen() first, so a request sees the
// latest commit of a concurrent writer (`archivar index`, the write API).
//
// Thread-safety: acquire() and lease destruction may run on any thread.
#pragma once

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
  // `options`: how a shard set is opened (ignored for a single index).
  explicit SearcherPool(std::filesystem::path path, SearcherOptions options = {});

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

  // A Searcher moved to the latest committed revision. Throws DatabaseError
  // if the index cannot be opened or reopened.
  [[nodiscard]] Lease acquire();

 private:
  void release(std::unique_ptr<Searcher> searcher);

  std::filesystem::path path_;
  SearcherOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace archivar::serve
