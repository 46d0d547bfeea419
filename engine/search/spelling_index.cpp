#include "search/spelling_index.hpp"

#include <xapian/unicode.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "search/revision_shared.hpp"

namespace archivar::search {

namespace {

constexpr std::size_t kMaxWordCodePoints =
    SpellingIndex::kMaxQueryCodePoints + SpellingIndex::kMaxEditDistance;
constexpr std::size_t kPrefix = SpellingIndex::kPrefixCodePoints;
// Strings reached from a kPrefix-code-point prefix by 0, 1 or 2 deletions.
constexpr std::size_t kMaxDeletionHashes = 1 + kPrefix + kPrefix * (kPrefix - 1) / 2;

// A word's code points; false when it has more than `limit`.
bool decode(std::string_view text, std::size_t limit, std::vector<unsigned>& out) {
  out.clear();
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    if (out.size() == limit) return false;
    out.push_back(*it);
  }
  return true;
}

// FNV-1a over the code points of `cps` without positions `skip1`, `skip2`
// (pass a position beyond the end to skip nothing).
std::uint32_t hash_without(const unsigned* cps, std::size_t size, std::size_t skip1,
                           std::size_t skip2) {
  std::uint32_t hash = 2166136261U;
  for (std::size_t i = 0; i < size; ++i) {
    if (i == skip1 || i == skip2) continue;
    hash = (hash ^ cps[i]) * 16777619U;
  }
  return hash;
}

// The hashes of every string reached from the first kPrefix code points of
// `cps` by deleting 0, 1 or 2 of them, sorted, without repeats.
void deletion_hashes(const std::vector<unsigned>& cps, std::vector<std::uint32_t>& out) {
  out.clear();
  const std::size_t size = std::min(cps.size(), kPrefix);
  const std::size_t none = size;
  out.push_back(hash_without(cps.data(), size, none, none));
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(hash_without(cps.data(), size, i, none));
    for (std::size_t j = i + 1; j < size; ++j) {
      out.push_back(hash_without(cps.data(), size, i, j));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Optimal string alignment distance of `a` and `b` (neighbour
// transpositions cost 1), or `bound` + 1 once it must exceed `bound`. Both
// have at most kMaxWordCodePoints code points.
unsigned edit_distance(const std::vector<unsigned>& a, const std::vector<unsigned>& b,
                       unsigned bound) {
  constexpr std::size_t kWidth = kMaxWordCodePoints + 1;
  std::array<std::array<unsigned, kWidth>, 3> rows{};  // rows i-2, i-1, i (rotating)
  const std::size_t n = b.size();
  for (std::size_t j = 0; j <= n; ++j) rows[1][j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    auto& current = rows[(i + 1) % 3];
    const auto& previous = rows[i % 3];
    const auto& before = rows[(i + 2) % 3];
    current[0] = static_cast<unsigned>(i);
    unsigned row_min = current[0];
    for (std::size_t j = 1; j <= n; ++j) {
      const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      unsigned value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        value = std::min(value, before[j - 2] + 1);
      }
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > bound) return bound + 1;
  }
  return std::min(rows[(a.size() + 1) % 3][n], bound + 1);
}

}  // namespace

SpellingIndex SpellingIndex::load(const Xapian::Database& db) {
  SpellingIndex index;
  index.offsets_.push_back(0);
  std::vector<unsigned> cps;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const std::string word = *it;
    if (!decode(word, kMaxWordCodePoints, cps) || cps.empty()) continue;
    if (index.text_.size() + word.size() > std::numeric_limits<std::uint32_t>::max()) break;
    index.text_ += word;
    index.offsets_.push_back(static_cast<std::uint32_t>(index.text_.size()));
    index.freqs_.push_back(it.get_termfreq());
  }
  index.text_.shrink_to_fit();
  index.fill_entries();
  return index;
}

void SpellingIndex::fill_entries() {
  // A bucket sort on the hash's top kBucketBits, then each bucket sorted on
  // its own: the deletion hashes of all words are computed once into a
  // flat array (4 bytes each, freed at the end) while the entries are
  // counted per bucket, then written straight to their place, so the entry
  // array is allocated once at its final size and no sort touches more
  // than a bucket (~140 entries at 171k articles): about twice as fast as
  // std::sort of the whole array grown by push_back (measured 1.07 →
  // 0.5 s at 171k). Same order: within a bucket std::sort compares the
  // whole (hash, word id) entry.
  constexpr unsigned kBucketBits = 16;
  constexpr unsigned kShift = 32 - kBucketBits;
  const auto words = static_cast<std::uint32_t>(freqs_.size());
  std::vector<unsigned> cps;
  std::vector<std::uint32_t> hashes;
  std::vector<std::uint32_t> all_hashes;
  all_hashes.reserve(std::size_t{words} * kMaxDeletionHashes);  // never moved
  std::vector<std::size_t> ends;  // word id → end of its hashes in all_hashes
  ends.reserve(words);
  std::vector<std::size_t> starts((std::size_t{1} << kBucketBits) + 1, 0);
  for (std::uint32_t id = 0; id < words; ++id) {
    (void)decode(word(id), kMaxWordCodePoints, cps);
    deletion_hashes(cps, hashes);
    for (const std::uint32_t hash : hashes) ++starts[(hash >> kShift) + 1];
    all_hashes.insert(all_hashes.end(), hashes.begin(), hashes.end());
    ends.push_back(all_hashes.size());
  }
  for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  // Not zero-filled: every slot is written below.
  entry_count_ = starts.back();
  entries_ = std::make_unique_for_overwrite<std::uint64_t[]>(entry_count_);
  std::vector<std::size_t> next(starts.begin(), starts.end() - 1);
  std::size_t at = 0;
  for (std::uint32_t id = 0; id < words; ++id) {
    for (; at < ends[id]; ++at) {
      const std::uint32_t hash = all_hashes[at];
      entries_[next[hash >> kShift]++] = static_cast<std::uint64_t>(hash) << 32 | id;
    }
  }
  for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
    std::sort(entries_.get() + starts[b], entries_.get() + starts[b + 1]);
  }
}

std::string SpellingIndex::suggest(std::string_view typed) const {
  std::vector<unsigned> query;
  if (!decode(typed, kMaxQueryCodePoints, query) || query.empty()) return {};
  std::vector<std::uint32_t> hashes;
  deletion_hashes(query, hashes);
  std::vector<std::uint32_t> candidates;
  for (const std::uint32_t hash : hashes) {
    const std::uint64_t low = static_cast<std::uint64_t>(hash) << 32;
    const std::uint64_t* const begin = entries_.get();
    const std::uint64_t* const end = begin + entry_count_;
    for (const std::uint64_t* it = std::lower_bound(begin, end, low);
         it != end && (*it >> 32) == hash; ++it) {
      candidates.push_back(static_cast<std::uint32_t>(*it));
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  unsigned best_distance = kMaxEditDistance + 1;
  std::uint32_t best_freq = 0;
  std::uint32_t best = 0;
  std::vector<unsigned> candidate;
  for (const std::uint32_t id : candidates) {  // in term order: the first of equals wins
    (void)decode(word(id), kMaxWordCodePoints, candidate);
    const std::size_t longer = std::max(candidate.size(), query.size());
    if (longer - std::min(candidate.size(), query.size()) > kMaxEditDistance) continue;
    const unsigned distance = edit_distance(candidate, query, kMaxEditDistance);
    if (distance == 0) return {};  // the typed word is a table word
    if (distance < best_distance || (distance == best_distance && freqs_[id] > best_freq)) {
      best_distance = distance;
      best_freq = freqs_[id];
      best = id;
    }
  }
  if (best_distance > kMaxEditDistance) return {};
  return std::string(word(best));
}

namespace {

RevisionShared<SpellingIndex>& shared_indexes() {
  static RevisionShared<SpellingIndex> indexes;
  return indexes;
}

}  // namespace

std::string SpellingLookup::suggest(const Xapian::Database& db, const std::string& word) {
  std::string key;
  if (!index_) {
    key = revision_key(db);
    if (!key.empty()) index_ = shared_indexes().find(key);
  }
  if (!index_ && lookups_ < kXapianLookups) {
    ++lookups_;
    return db.get_spelling_suggestion(word, SpellingIndex::kMaxEditDistance);
  }
  if (!index_) {
    const auto load = [&] {
      return std::make_shared<const SpellingIndex>(SpellingIndex::load(db));
    };
    index_ = key.empty() ? load() : shared_indexes().get(key, load);
  }
  return index_->suggest(word);
}

std::size_t SpellingIndex::bytes() const {
  return text_.capacity() + offsets_.capacity() * sizeof(std::uint32_t) +
         freqs_.capacity() * sizeof(std::uint32_t) + entry_count_ * sizeof(std::uint64_t);
}

}  // namespace archivar::search
