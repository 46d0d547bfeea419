// PendingBands: the batch's band postings (see the header).
#include "index/pending_bands.hpp"

#include <algorithm>

#include "index/near_duplicates.hpp"

namespace archivar::index {

namespace {

unsigned block_bits(std::uint64_t hash, int block) {
  return static_cast<unsigned>((hash >> (kBlockBits * block)) & ((1U << kBlockBits) - 1));
}

}  // namespace

void PendingBands::drop_postings(Xapian::docid docid) {
  const auto found = entries_.find(docid);
  if (found == entries_.end()) return;
  for (int block = 0; block < kSimHashBlocks; ++block) {
    const auto list = postings_.find(block_key(block, block_bits(found->second.hash, block)));
    if (list == postings_.end()) continue;
    auto& postings = list->second;
    postings.erase(std::remove_if(postings.begin(), postings.end(),
                                  [&](const Posting& posting) { return posting.docid == docid; }),
                   postings.end());
  }
  entries_.erase(found);
}

void PendingBands::set(Xapian::docid docid, std::optional<std::uint64_t> hash, std::string key) {
  drop_postings(docid);
  changed_.insert(docid);
  if (!hash) return;
  for (int block = 0; block < kSimHashBlocks; ++block) {
    auto& postings = postings_[block_key(block, block_bits(*hash, block))];
    // Adds come in ascending docid order; a replaced document keeps its
    // (smaller) docid.
    const auto at = std::upper_bound(
        postings.begin(), postings.end(), docid,
        [](Xapian::docid value, const Posting& posting) { return value < posting.docid; });
    postings.insert(at, Posting{docid, *hash});
  }
  entries_[docid] = Entry{*hash, std::move(key)};
}

void PendingBands::erase(Xapian::docid docid) {
  drop_postings(docid);
  changed_.insert(docid);
}

void PendingBands::clear() noexcept {
  postings_.clear();
  entries_.clear();
  changed_.clear();
}

const std::vector<PendingBands::Posting>* PendingBands::postings(std::uint32_t key) const noexcept {
  const auto found = postings_.find(key);
  return found == postings_.end() || found->second.empty() ? nullptr : &found->second;
}

const PendingBands::Entry* PendingBands::find(Xapian::docid docid) const noexcept {
  const auto found = entries_.find(docid);
  return found == entries_.end() ? nullptr : &found->second;
}

}  // namespace archivar::index
