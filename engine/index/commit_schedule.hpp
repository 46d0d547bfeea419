// CommitSchedule: when a bulk build's shard commits its pending batch.
//
// Every commit writes each B-tree block its batch touches, and a batch's
// distinct terms land in ever more distinct blocks as the shard grows: with
// fixed 1,000-article batches a 1M build wrote 335 GB for a 5.6 GiB index
// (bench/results/scale.md). So the batch grows with the shard: a commit is
// due once the batch holds at least `min_articles` and either
//   - `1/growth` of the articles the shard held at its last commit, or
//   - `max_text_bytes` of title and body text, or
//   - `max_articles`,
// whichever comes first. The first batches are `min_articles` (a small build
// is unchanged); later ones reach `max_articles` at a shard of
// growth × max_articles articles unless their text reaches the byte cap first.
//
// Memory: Xapian buffers a batch's postings and positions in memory (about
// 18 bytes per byte of text: ~38 KB for a 2 KB article, bench/README.md
// "Shard commits"), so the byte cap bounds a worker's buffer at about
// 18 × max(max_text_bytes, the text of min_articles articles).
//
// Thread-safety: a plain value; one per shard worker.
#pragma once

#include <cstddef>
#include <cstdint>

namespace archivar::index {

struct CommitScheduleOptions {
  std::uint32_t min_articles = 1000;  // every batch holds at least this many (0 is read as 1)
  std::uint32_t growth = 8;           // later batches: 1/growth of the shard; 0: fixed batches
  std::uint32_t max_articles = 8000;  // batch size at most (Xapian commits by itself at 10,000)
  std::uint64_t max_text_bytes = 16ull << 20;  // batch text at most, once min_articles is reached
};

class CommitSchedule {
 public:
  explicit CommitSchedule(const CommitScheduleOptions& options) noexcept;

  // Counts one article with `text_bytes` of title and body added to the
  // batch. Returns true when the batch should be committed now; the caller
  // then commits and calls committed().
  [[nodiscard]] bool add(std::size_t text_bytes) noexcept;

  // The batch was committed: it is now part of the shard.
  void committed() noexcept;

  // The article count a batch reaches before it commits (ignoring the byte
  // cap), given the current shard size.
  [[nodiscard]] std::uint64_t batch_target() const noexcept;
  [[nodiscard]] std::uint64_t pending_articles() const noexcept { return pending_articles_; }
  [[nodiscard]] std::uint64_t shard_articles() const noexcept { return committed_articles_; }

 private:
  CommitScheduleOptions options_;
  std::uint64_t committed_articles_ = 0;
  std::uint64_t pending_articles_ = 0;
  std::uint64_t pending_bytes_ = 0;
};

}  // namespace archivar::index
