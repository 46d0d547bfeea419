// CommitSchedule: growing commit batches bounded by article count and text.
#include "index/commit_schedule.hpp"

#include <algorithm>

namespace archivar::index {

CommitSchedule::CommitSchedule(const CommitScheduleOptions& options) noexcept : options_(options) {
  options_.min_articles = std::max<std::uint32_t>(1, options_.min_articles);
  options_.max_articles = std::max(options_.max_articles, options_.min_articles);
}

std::uint64_t CommitSchedule::batch_target() const noexcept {
  if (options_.growth == 0) return options_.min_articles;
  const std::uint64_t grown = committed_articles_ / options_.growth;
  return std::clamp<std::uint64_t>(grown, options_.min_articles, options_.max_articles);
}

bool CommitSchedule::add(std::size_t text_bytes) noexcept {
  ++pending_articles_;
  pending_bytes_ += text_bytes;
  if (pending_articles_ < options_.min_articles) return false;
  return pending_articles_ >= batch_target() || pending_bytes_ >= options_.max_text_bytes;
}

void CommitSchedule::committed() noexcept {
  committed_articles_ += pending_articles_;
  pending_articles_ = 0;
  pending_bytes_ = 0;
}

}  // namespace archivar::index
