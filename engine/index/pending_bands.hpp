// PendingBands: the near-duplicate band postings of a writer's uncommitted
// changes, held in memory.
//
// A near-duplicate probe (near_duplicates.hpp) used to read each of its 68
// band terms from the writable database, and Xapian answers that by first
// writing the term's buffered postings into its B-tree: every add flushed
// the band terms of the articles added before it in the batch. With
// PendingBands the writer probes a reader at its last commit (which holds
// nothing buffered) plus this batch index, and sees the same postings: the
// reader's, without every document the batch added, replaced or deleted,
// and the batch's own, merged in docid order.
//
// A writer that created its database (every bulk shard) keeps all its
// articles here instead of clearing after each commit, up to
// kMaxRetainedBandArticles: its probes then need no reader at all (the
// reader's 68 posting-list look-ups per article grew with the index: ~9% of
// a 171k-article build's CPU, bench/README.md "Near-duplicate probes").
//
// Memory: about 100 bytes per document held (~100 MB at the cap);
// clear() after a commit unless all are kept. Thread-safety: none; one per
// writer.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace archivar::index {

// The most articles a writer keeps in its PendingBands across commits.
inline constexpr std::size_t kMaxRetainedBandArticles = 1'000'000;

class PendingBands {
 public:
  struct Entry {
    std::uint64_t hash = 0;
    std::string cluster_key;
  };
  // A band posting with its document's SimHash, so a probe reads candidates'
  // hashes without a look-up per candidate.
  struct Posting {
    Xapian::docid docid = 0;
    std::uint64_t hash = 0;
    bool operator==(const Posting&) const = default;
  };

  // Document `docid` was added or replaced in the batch, now with SimHash
  // `hash` (nullopt: too short, no band terms) and cluster key `key`.
  void set(Xapian::docid docid, std::optional<std::uint64_t> hash, std::string key);
  // Document `docid` was deleted in the batch.
  void erase(Xapian::docid docid);
  // The batch was committed.
  void clear() noexcept;
  // Documents added, replaced or deleted since the last clear().
  [[nodiscard]] std::size_t size() const noexcept { return changed_.size(); }

  // True if `docid` was added, replaced or deleted in the batch: the
  // committed postings of its band terms no longer hold for it.
  [[nodiscard]] bool changed(Xapian::docid docid) const noexcept {
    return changed_.count(docid) != 0;
  }
  // The batch's documents holding band `key` (block_key()), by ascending
  // docid; null when none.
  [[nodiscard]] const std::vector<Posting>* postings(std::uint32_t key) const noexcept;
  // The batch's SimHash and cluster key of `docid`; null if it has none here.
  [[nodiscard]] const Entry* find(Xapian::docid docid) const noexcept;

  // The key of band term `block` with 16 bits `bits`.
  [[nodiscard]] static std::uint32_t block_key(int block, unsigned bits) noexcept {
    return (static_cast<std::uint32_t>(block) << 16) | (bits & 0xFFFFU);
  }

 private:
  void drop_postings(Xapian::docid docid);

  std::unordered_map<std::uint32_t, std::vector<Posting>> postings_;
  std::unordered_map<Xapian::docid, Entry> entries_;
  std::unordered_set<Xapian::docid> changed_;
};

}  // namespace archivar::index
