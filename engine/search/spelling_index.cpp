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

// The longest table word the index holds, in code points: longer ones are
// never within kMaxEditDistance of a word that is looked up.
constexpr std::size_t kMaxIndexedWordCodePoints =
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
// have at most kMaxIndexedWordCodePoints code points.
unsigned edit_distance(const std::vector<unsigned>& a, const std::vector<unsigned>& b,
                       unsigned bound) {
  constexpr std::size_t kWidth = kMaxIndexedWordCodePoints + 1;
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

SpellingIndex SpellingIndex::read_words(const Xapian::Database& db) {
  SpellingIndex index;
  index.offsets_.push_back(0);
  std::vector<unsigned> cps;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const std::string word = *it;
    if (!decode(word, kMaxIndexedWordCodePoints, cps) || cps.empty()) continue;
    if (index.text_.size() + word.size() > std::numeric_limits<std::uint32_t>::max()) break;
    index.text_ += word;
    index.offsets_.push_back(static_cast<std::uint32_t>(index.text_.size()));
    index.freqs_.push_back(it.get_termfreq());
  }
  index.text_.shrink_to_fit();
  return index;
}

SpellingIndex SpellingIndex::load(const Xapian::Database& db) {
  SpellingIndex index = read_words(db);
  index.fill_entries();
  return index;
}

SpellingIndex SpellingIndex::update(const SpellingIndex& previous, const Xapian::Database& db) {
  if (!previous.base_) return load(db);
  SpellingIndex index = read_words(db);
  // previous word id → new id (kGone: not in the table any more); both
  // word lists are in term (byte) order. Words previous lacks are hashed.
  const auto old_words = static_cast<std::uint32_t>(previous.words());
  const auto new_words = static_cast<std::uint32_t>(index.words());
  std::vector<std::uint32_t> renumbered(old_words, kGone);
  std::vector<std::uint64_t> fresh;
  // More own entries than this: built afresh (a lookup then reads two
  // arrays of similar size, and the shared one holds many gone words).
  const std::size_t max_own = previous.base_->count / 4;
  std::vector<unsigned> cps;
  std::vector<std::uint32_t> hashes;
  std::uint32_t old_id = 0;
  for (std::uint32_t id = 0; id < new_words; ++id) {
    const std::string_view word = index.word(id);
    while (old_id < old_words && previous.word(old_id) < word) ++old_id;
    if (old_id < old_words && previous.word(old_id) == word) {
      renumbered[old_id++] = id;
      continue;
    }
    (void)decode(word, kMaxIndexedWordCodePoints, cps);
    deletion_hashes(cps, hashes);
    for (const std::uint32_t hash : hashes) fresh.push_back(std::uint64_t{hash} << 32 | id);
    if (fresh.size() > max_own) {
      index.fill_entries();
      return index;
    }
  }
  std::sort(fresh.begin(), fresh.end());

  // The shared array's map, composed with the renumbering.
  const std::size_t base_words = previous.base_ids_.empty() ? old_words : previous.base_ids_.size();
  index.base_ids_.resize(base_words);
  std::size_t gone = 0;
  for (std::size_t b = 0; b < base_words; ++b) {
    const std::uint32_t was =
        previous.base_ids_.empty() ? static_cast<std::uint32_t>(b) : previous.base_ids_[b];
    index.base_ids_[b] = was == kGone ? kGone : renumbered[was];
    gone += index.base_ids_[b] == kGone ? 1 : 0;
  }
  // previous's own entries renumbered (an increasing map: still sorted),
  // merged with the fresh ones.
  std::vector<std::uint64_t> kept;
  kept.reserve(previous.added_.size());
  for (const std::uint64_t entry : previous.added_) {
    const std::uint32_t id = renumbered[static_cast<std::uint32_t>(entry)];
    if (id != kGone) kept.push_back((entry >> 32) << 32 | id);
  }
  index.added_.resize(kept.size() + fresh.size());
  std::merge(kept.begin(), kept.end(), fresh.begin(), fresh.end(), index.added_.begin());

  if (index.added_.size() > max_own || gone > base_words / 4) {
    index.base_ids_ = {};
    index.added_ = {};
    index.fill_entries();  // too far from the shared array: built afresh
    return index;
  }
  index.base_ = previous.base_;
  return index;
}

template <class Visit>
void SpellingIndex::for_each_word_of(std::uint32_t hash, Visit&& visit) const {
  const std::uint64_t low = std::uint64_t{hash} << 32;
  const auto same_hash = [hash](std::uint64_t entry) { return (entry >> 32) == hash; };
  if (base_) {
    const std::uint64_t* const begin = base_->data.data();
    const std::uint64_t* const end = begin + base_->count;
    for (const std::uint64_t* it = std::lower_bound(begin, end, low); it != end && same_hash(*it);
         ++it) {
      const auto id = static_cast<std::uint32_t>(*it);
      const std::uint32_t mapped = base_ids_.empty() ? id : base_ids_[id];
      if (mapped != kGone) visit(mapped);
    }
  }
  for (auto it = std::lower_bound(added_.begin(), added_.end(), low);
       it != added_.end() && same_hash(*it); ++it) {
    visit(static_cast<std::uint32_t>(*it));
  }
}

std::vector<std::uint64_t> SpellingIndex::all_entries() const {
  std::vector<std::uint64_t> out;
  if (base_) {
    for (std::size_t i = 0; i < base_->count; ++i) {
      const std::uint64_t entry = base_->data[i];
      const auto id = static_cast<std::uint32_t>(entry);
      const std::uint32_t mapped = base_ids_.empty() ? id : base_ids_[id];
      if (mapped != kGone) out.push_back((entry >> 32) << 32 | mapped);
    }
  }
  out.insert(out.end(), added_.begin(), added_.end());
  std::sort(out.begin(), out.end());
  return out;
}

bool operator==(const SpellingIndex& a, const SpellingIndex& b) {
  return a.text_ == b.text_ && a.offsets_ == b.offsets_ && a.freqs_ == b.freqs_ &&
         a.all_entries() == b.all_entries();
}

void SpellingIndex::fill_entries() {
  // A bucket sort on the hash's top kBucketBits, then each bucket sorted on
  // its own: the deletion hashes of all words are computed once into a
  // flat array (4 bytes each, freed at the end) while the entries are
  // counted per bucket, then written straight to their place, so the entry
  // array is allocated once at its final size and no sort touches more
  // than a bucket (~140 entries at 171k articles): about twice as fast as
  // std::sort of the whole array grown by push_back (measured 1.07 →
  // 0.5 s at 171k; 0.24 s with the arrays in huge pages, HugeArray).
  // Same order: within a bucket std::sort compares the
  // whole (hash, word id) entry.
  constexpr unsigned kBucketBits = 16;
  constexpr unsigned kShift = 32 - kBucketBits;
  const auto words = static_cast<std::uint32_t>(freqs_.size());
  std::vector<unsigned> cps;
  std::vector<std::uint32_t> hashes;
  HugeArray<std::uint32_t> all_hashes(std::size_t{words} * kMaxDeletionHashes);
  std::size_t filled = 0;
  std::vector<std::size_t> ends;  // word id → end of its hashes in all_hashes
  ends.reserve(words);
  std::vector<std::size_t> starts((std::size_t{1} << kBucketBits) + 1, 0);
  for (std::uint32_t id = 0; id < words; ++id) {
    (void)decode(word(id), kMaxIndexedWordCodePoints, cps);
    deletion_hashes(cps, hashes);
    for (const std::uint32_t hash : hashes) {
      ++starts[(hash >> kShift) + 1];
      all_hashes[filled++] = hash;
    }
    ends.push_back(filled);
  }
  for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  // Not zeroed: every slot is written below.
  auto entries = std::make_shared<Entries>();
  entries->count = starts.back();
  entries->data = HugeArray<std::uint64_t>(entries->count);
  std::uint64_t* const data = entries->data.data();
  std::vector<std::size_t> next(starts.begin(), starts.end() - 1);
  std::size_t at = 0;
  for (std::uint32_t id = 0; id < words; ++id) {
    for (; at < ends[id]; ++at) {
      const std::uint32_t hash = all_hashes[at];
      data[next[hash >> kShift]++] = static_cast<std::uint64_t>(hash) << 32 | id;
    }
  }
  for (std::size_t b = 0; b + 1 < starts.size(); ++b) {
    std::sort(data + starts[b], data + starts[b + 1]);
  }
  base_ = std::move(entries);
}

std::string SpellingIndex::suggest(std::string_view typed) const {
  std::vector<unsigned> query;
  if (!decode(typed, kMaxQueryCodePoints, query) || query.empty()) return {};
  std::vector<std::uint32_t> hashes;
  deletion_hashes(query, hashes);
  std::vector<std::uint32_t> candidates;
  for (const std::uint32_t hash : hashes) {
    for_each_word_of(hash, [&](std::uint32_t id) { candidates.push_back(id); });
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  unsigned best_distance = kMaxEditDistance + 1;
  std::uint32_t best_freq = 0;
  std::uint32_t best = 0;
  std::vector<unsigned> candidate;
  for (const std::uint32_t id : candidates) {  // in term order: the first of equals wins
    (void)decode(word(id), kMaxIndexedWordCodePoints, candidate);
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

// Finds the revision's index another lookup built, or builds it from the
// previous revision's when this lookup has one; else leaves index_ empty.
void SpellingLookup::find_or_update(const Xapian::Database& db, const std::string& key) {
  if (!index_ && !key.empty()) index_ = shared_indexes().find(key);
  if (index_) {
    previous_.reset();
  } else if (previous_) {  // a new revision: built from the previous one's at once
    const auto update = [&] {
      return std::make_shared<const SpellingIndex>(SpellingIndex::update(*previous_, db));
    };
    index_ = key.empty() ? update() : shared_indexes().get(key, update);
    previous_.reset();
  }
}

void SpellingLookup::load(const Xapian::Database& db, const std::string& key) {
  const auto build = [&] { return std::make_shared<const SpellingIndex>(SpellingIndex::load(db)); };
  index_ = key.empty() ? build() : shared_indexes().get(key, build);
}

std::string SpellingLookup::suggest(const Xapian::Database& db, const std::string& word) {
  if (!index_) {
    const std::string key = revision_key(db);
    find_or_update(db, key);
    if (!index_ && lookups_ < kXapianLookups) {
      ++lookups_;
      return db.get_spelling_suggestion(word, SpellingIndex::kMaxEditDistance);
    }
    if (!index_) load(db, key);
  }
  return index_->suggest(word);
}

const SpellingIndex& SpellingLookup::prepare(const Xapian::Database& db) {
  if (!index_) {
    const std::string key = revision_key(db);
    find_or_update(db, key);
    if (!index_) load(db, key);
  }
  return *index_;
}

std::size_t SpellingIndex::bytes() const {
  return text_.capacity() + offsets_.capacity() * sizeof(std::uint32_t) +
         freqs_.capacity() * sizeof(std::uint32_t) +
         (base_ ? base_->count * sizeof(std::uint64_t) : 0) +
         base_ids_.capacity() * sizeof(std::uint32_t) + added_.capacity() * sizeof(std::uint64_t);
}

}  // namespace archivar::search
