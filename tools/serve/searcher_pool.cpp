#include "serve/searcher_pool.hpp"

#include <algorithm>
#include <utility>

namespace archivar::serve {

SearcherPool::SearcherPool(std::filesystem::path path, std::uint32_t max_searchers,
                           SearcherOptions options)
    : path_(std::move(path)),
      options_(options),
      max_searchers_(std::max<std::uint32_t>(1, max_searchers)) {
  idle_.push_back(std::make_unique<Searcher>(path_, options_));
}

SearcherPool::Lease::~Lease() {
  if (searcher_) pool_->release(std::move(searcher_));
}

SearcherPool::Lease SearcherPool::acquire() {
  std::unique_ptr<Searcher> searcher;
  {
    std::unique_lock lock(mutex_);
    released_.wait(lock, [this] { return leased_ < max_searchers_; });
    ++leased_;
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  try {
    if (searcher) {
      searcher->reopen();  // cheap when nothing changed: Xapian compares revisions
    } else {
      searcher = std::make_unique<Searcher>(path_, options_);
    }
  } catch (...) {
    give_back_slot();  // a searcher that failed to reopen is dropped, not reused
    throw;
  }
  return Lease(*this, std::move(searcher));
}

void SearcherPool::release(std::unique_ptr<Searcher> searcher) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(searcher));
  }
  give_back_slot();
}

void SearcherPool::give_back_slot() {
  {
    const std::lock_guard lock(mutex_);
    --leased_;
  }
  released_.notify_one();
}

}  // namespace archivar::serve
