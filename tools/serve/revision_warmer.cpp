#include "serve/revision_warmer.hpp"

#include <exception>
#include <iostream>
#include <optional>
#include <utility>

#include "archivar/searcher.hpp"

namespace archivar::serve {

RevisionWarmer::RevisionWarmer(std::filesystem::path path, std::chrono::milliseconds interval,
                               SearcherOptions options)
    : path_(std::move(path)),
      interval_(interval),
      options_(std::move(options)),
      thread_([this] { run(); }) {}

RevisionWarmer::~RevisionWarmer() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void RevisionWarmer::notify() {
  {
    const std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_one();
}

std::uint64_t RevisionWarmer::warmed() const {
  const std::lock_guard lock(mutex_);
  return warmed_;
}

void RevisionWarmer::run() {
  std::optional<Searcher> searcher;
  std::string last_error;
  for (;;) {
    try {
      if (searcher) {
        searcher->reopen();
      } else {
        // The warm-up needs no threads of its own.
        SearcherOptions options = options_;
        options.facet_thread = false;
        options.snippet_thread = false;
        searcher.emplace(path_, options);
      }
      const WarmUpReport report = searcher->warm_up();
      last_error.clear();
      if (!report.was_ready) {
        const std::lock_guard lock(mutex_);
        ++warmed_;
      }
    } catch (const std::exception& error) {
      // The index may be replaced or briefly unreadable: open afresh next
      // time; say so once, not every interval.
      searcher.reset();
      if (last_error != error.what()) {
        last_error = error.what();
        std::cerr << "archivar serve: warning: warming up the index failed: " << last_error << '\n';
      }
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, interval_, [this] { return stop_ || notified_; });
    if (stop_) return;
    notified_ = false;
  }
}

}  // namespace archivar::serve
