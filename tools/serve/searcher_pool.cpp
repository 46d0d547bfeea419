#include "serve/searcher_pool.hpp"

#include <utility>

namespace archivar::serve {

SearcherPool::SearcherPool(std::filesystem::path path, SearcherOptions options)
    : path_(std::move(path)), options_(options) {
  idle_.push_back(std::make_unique<Searcher>(path_, options_));
}

SearcherPool::Lease::~Lease() {
  if (searcher_) pool_->release(std::move(searcher_));
}

SearcherPool::Lease SearcherPool::acquire() {
  std::unique_ptr<Searcher> searcher;
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (searcher) {
    searcher->reopen();  // cheap when nothing changed: Xapian compares revisions
  } else {
    searcher = std::make_unique<Searcher>(path_, options_);
  }
  return Lease(*this, std::move(searcher));
}

void SearcherPool::release(std::unique_ptr<Searcher> searcher) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(searcher));
}

}  // namespace archivar::serve
