// Near-duplicate detection at index time: a 64-bit SimHash over word
// shingles of an article's cleaned, analyzed body, and a cluster key shared
// by the articles whose SimHashes are within kMaxHammingDistance bits.
//
// SimHash (Charikar 2002; Manku et al. 2007): every 3-word shingle of the
// body's word tokens (TokenKind::word, normalized terms) is hashed to 64
// bits; bit i of the SimHash is 1 when more shingles have bit i set than
// not. Small edits flip few bits, unrelated texts differ in ~32.
//
// Candidates are found with banded LSH and multi-probe lookups: the hash is
// split into kSimHashBlocks blocks of 16 bits, and each block is indexed as
// a boolean term XB<i><4 hex digits> (4 terms per article). An add looks up
// each of its blocks as is and with each one of its 16 bits flipped (68
// probes). Two hashes within 7 bits differ in at most 1 bit of some block
// (pigeonhole: 4 blocks), so a probe hits: never missed. Farther pairs up to
// kMaxHammingDistance are found unless every block has 2+ differing bits
// (random bits: ~95% found at 8, ~86% at 9); single-link clustering finds
// many of the rest through other copies. A 16-bit key keeps the candidate
// lists short (~docs/65536 per term). Until 2026-11 there were 28 terms of
// two 8-bit blocks (XB<i><j><hex>, within 6 bits never missed); 7x fewer
// terms cut the index by ~6% (README "Index size"). Articles indexed with
// the old terms are not found as candidates by new adds (no crash, just no
// clustering with them): rebuild an old index to cluster across both.
//
// Clustering is single-link to the nearest earlier article: an article takes
// the cluster key of its nearest candidate (smallest distance, then lowest
// docid), or starts a cluster keyed by its own SimHash. Order-dependent by
// design (O(1) lookups per add); deleting or replacing an article does not
// re-cluster the others.
//
// Thread-safety: free functions over the objects passed in.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "index/pending_bands.hpp"

namespace archivar::index {

inline constexpr std::size_t kShingleWords = 3;
// Bodies with fewer shingles get no SimHash (too short to tell a copy from a
// template) and are never collapsed.
inline constexpr std::size_t kMinShingles = 8;
// Near-duplicate threshold in bits, chosen by measurement (README
// "Near-duplicates": precision/recall per k on corpus articles with
// controlled edits).
inline constexpr int kMaxHammingDistance = 9;
inline constexpr int kSimHashBlocks = 4;              // of 16 bits; one term each
inline constexpr int kSimHashBands = kSimHashBlocks;  // band terms per article
inline constexpr int kBlockBits = 64 / kSimHashBlocks;
// Lookups per add: each block as is and with each one bit flipped.
inline constexpr int kSimHashProbes = kSimHashBlocks * (1 + kBlockBits);  // 68
// Within this many bits a candidate is always found (pigeonhole).
inline constexpr int kAlwaysFoundDistance = 2 * kSimHashBlocks - 1;  // 7
// Candidates examined per probe at most (bounds the cost of an add on a
// degenerate corpus where many articles share a term).
inline constexpr std::size_t kMaxCandidatesPerBand = 100;

// 64-bit hash of a byte string (FNV-1a folded through the SplitMix64
// finalizer: fast, well mixed in every bit).
[[nodiscard]] std::uint64_t hash64(std::string_view bytes) noexcept;

// Accumulates word terms and yields their SimHash.
class SimHasher {
 public:
  void add_word(std::string_view term);
  // nullopt when fewer than kMinShingles shingles were seen.
  [[nodiscard]] std::optional<std::uint64_t> finish() const;

 private:
  std::uint64_t window_[kShingleWords] = {};
  std::size_t words_ = 0;
  std::size_t shingles_ = 0;
  std::int32_t votes_[64] = {};
};

// SimHash of `text` analyzed as `lang` (word tokens only).
[[nodiscard]] std::optional<std::uint64_t> simhash(analysis::TextAnalyzer& analyzer,
                                                   std::string_view text, std::string_view lang);

[[nodiscard]] inline int hamming_distance(std::uint64_t a, std::uint64_t b) noexcept {
  return __builtin_popcountll(a ^ b);
}

// 16 lower-case hex digits (value slots, cluster keys).
[[nodiscard]] std::string to_hex(std::uint64_t value);
[[nodiscard]] std::optional<std::uint64_t> from_hex(std::string_view hex);

// The XB band terms of `hash` (indexed), one per block.
[[nodiscard]] std::vector<std::string> band_terms(std::uint64_t hash);

// The terms an add looks up for `hash`: every band term of every hash that
// differs from it in at most one bit of one block (kSimHashProbes terms).
[[nodiscard]] std::vector<std::string> probe_terms(std::uint64_t hash);

// Stores `hash` in the document (SimHash slot, band terms) and gives it a
// cluster key (slot and XC term): the nearest near-duplicate's in `db`, or
// its own. `self` is the docid the document replaces (0 if new), which is
// never its own candidate. Without a hash the document gets neither.
void assign_near_duplicate_cluster(const Xapian::Database& db, Xapian::Document& document,
                                   std::optional<std::uint64_t> hash, Xapian::docid self);

// The same, for a writer with uncommitted changes: the candidates its
// writable database would give, read from `committed` (a reader at the
// writer's last commit, or a newer one; null when nothing is committed) and
// `pending` (every document changed since that commit). Same cluster keys
// as the overload above, without making Xapian flush buffered band postings
// (PendingBands). The caller records the document in `pending` once it has
// a docid.
void assign_near_duplicate_cluster(const Xapian::Database* committed, const PendingBands& pending,
                                   Xapian::Document& document, std::optional<std::uint64_t> hash,
                                   Xapian::docid self);

// The cluster key of the nearest candidate of `hash` in `committed` plus
// `pending` (as above; `committed` may be null when every document is in
// `pending`), or "" when no candidate is within kMaxHammingDistance (the
// document then starts its own cluster, keyed to_hex(hash)). `self` is
// never a candidate. Cost: 68 probes, each at most kMaxCandidatesPerBand
// candidates.
[[nodiscard]] std::string nearest_cluster_key(const Xapian::Database* committed,
                                              const PendingBands& pending, std::uint64_t hash,
                                              Xapian::docid self);

}  // namespace archivar::index
