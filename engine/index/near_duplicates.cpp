#include "index/near_duplicates.hpp"

#include <algorithm>

#include "index/schema.hpp"

namespace archivar::index {

namespace {

constexpr std::uint64_t mix(std::uint64_t z) noexcept {  // SplitMix64 finalizer
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr char kHexDigits[] = "0123456789abcdef";

}  // namespace

std::uint64_t hash64(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix(h);
}

void SimHasher::add_word(std::string_view term) {
  for (std::size_t i = 0; i + 1 < kShingleWords; ++i) window_[i] = window_[i + 1];
  window_[kShingleWords - 1] = hash64(term);
  if (++words_ < kShingleWords) return;
  // Order-sensitive combination of the window's word hashes.
  std::uint64_t shingle = 0;
  for (std::size_t i = 0; i < kShingleWords; ++i) shingle = mix(shingle ^ window_[i]) + i;
  for (int bit = 0; bit < 64; ++bit) votes_[bit] += ((shingle >> bit) & 1U) != 0 ? 1 : -1;
  ++shingles_;
}

std::optional<std::uint64_t> SimHasher::finish() const {
  if (shingles_ < kMinShingles) return std::nullopt;
  std::uint64_t hash = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (votes_[bit] > 0) hash |= std::uint64_t{1} << bit;
  }
  return hash;
}

std::optional<std::uint64_t> simhash(analysis::TextAnalyzer& analyzer, std::string_view text,
                                     std::string_view lang) {
  SimHasher hasher;
  analyzer.analyze(text, lang, 1, [&](const Token& token) {
    if (token.kind == TokenKind::word) hasher.add_word(token.term);
  });
  return hasher.finish();
}

std::string to_hex(std::uint64_t value) {
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i) {
    hex[static_cast<std::size_t>(i)] = kHexDigits[value & 0xF];
    value >>= 4;
  }
  return hex;
}

std::optional<std::uint64_t> from_hex(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : hex) {
    int digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  return value;
}

namespace {

// XB<block digit><4 hex digits of the block's 16 bits>.
std::string band_term(int block, unsigned bits) {
  std::string term(schema::kSimHashBand);
  term += static_cast<char>('0' + block);
  for (int shift = kBlockBits - 4; shift >= 0; shift -= 4)
    term += kHexDigits[(bits >> shift) & 0xF];
  return term;
}

unsigned block_of(std::uint64_t hash, int block) {
  return static_cast<unsigned>((hash >> (kBlockBits * block)) & ((1U << kBlockBits) - 1));
}

}  // namespace

std::vector<std::string> band_terms(std::uint64_t hash) {
  std::vector<std::string> terms;
  terms.reserve(kSimHashBands);
  for (int block = 0; block < kSimHashBlocks; ++block) {
    terms.push_back(band_term(block, block_of(hash, block)));
  }
  return terms;
}

std::vector<std::string> probe_terms(std::uint64_t hash) {
  std::vector<std::string> terms;
  terms.reserve(kSimHashProbes);
  for (int block = 0; block < kSimHashBlocks; ++block) {
    const unsigned bits = block_of(hash, block);
    terms.push_back(band_term(block, bits));
    for (int bit = 0; bit < kBlockBits; ++bit)
      terms.push_back(band_term(block, bits ^ (1U << bit)));
  }
  return terms;
}

namespace {

// The nearest candidate seen so far: smallest distance, then lowest docid.
struct Nearest {
  int distance = kMaxHammingDistance + 1;
  Xapian::docid docid = 0;

  void offer(Xapian::docid candidate, int candidate_distance) {
    if (candidate_distance < distance || (candidate_distance == distance && candidate < docid)) {
      distance = candidate_distance;
      docid = candidate;
    }
  }
};

// Gives `document` its band terms, SimHash and cluster key `key` (its own
// hash when empty).
void store_cluster(Xapian::Document& document, std::uint64_t hash, std::string key) {
  if (key.empty()) key = to_hex(hash);
  for (const std::string& term : band_terms(hash)) document.add_boolean_term(term);
  document.add_value(schema::kSimHashSlot, to_hex(hash));
  document.add_boolean_term(std::string(schema::kCluster) + key);
  document.add_value(schema::kClusterSlot, std::move(key));
}

}  // namespace

void assign_near_duplicate_cluster(const Xapian::Database& db, Xapian::Document& document,
                                   std::optional<std::uint64_t> hash, Xapian::docid self) {
  if (!hash) return;
  std::vector<Xapian::docid> checked;  // a near copy shares many terms: read it once
  Nearest nearest;
  for (const std::string& term : probe_terms(*hash)) {
    std::size_t examined = 0;
    for (auto it = db.postlist_begin(term);
         it != db.postlist_end(term) && examined < kMaxCandidatesPerBand; ++it, ++examined) {
      const Xapian::docid candidate = *it;
      if (candidate == self ||
          std::find(checked.begin(), checked.end(), candidate) != checked.end()) {
        continue;
      }
      checked.push_back(candidate);
      const auto other = from_hex(db.get_document(candidate, Xapian::DOC_ASSUME_VALID).get_value(schema::kSimHashSlot));
      if (!other) continue;
      nearest.offer(candidate, hamming_distance(*hash, *other));
    }
  }
  std::string key;
  if (nearest.docid != 0) key = db.get_document(nearest.docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kClusterSlot);
  store_cluster(document, *hash, std::move(key));
}

std::string nearest_cluster_key(const Xapian::Database* committed, const PendingBands& pending,
                                std::uint64_t hash, Xapian::docid self) {
  std::vector<Xapian::docid> checked;
  Nearest nearest;
  for (int block = 0; block < kSimHashBlocks; ++block) {
    const unsigned bits = block_of(hash, block);
    // The same probes in the same order as probe_terms().
    for (int flip = -1; flip < kBlockBits; ++flip) {
      const unsigned probe = flip < 0 ? bits : bits ^ (1U << flip);
      const std::vector<PendingBands::Posting>* batch =
          pending.postings(PendingBands::block_key(block, probe));
      std::size_t next_batch = 0;
      Xapian::PostingIterator it;
      Xapian::PostingIterator end;
      if (committed != nullptr) {
        const std::string term = band_term(block, probe);
        it = committed->postlist_begin(term);
        end = committed->postlist_end(term);
      }
      // The writable database's posting list: the committed one without the
      // batch's changed documents, merged with the batch's, in docid order.
      for (std::size_t examined = 0; examined < kMaxCandidatesPerBand; ++examined) {
        while (it != end && pending.changed(*it)) ++it;
        const bool from_committed = it != end;
        const bool from_batch = batch != nullptr && next_batch < batch->size();
        if (!from_committed && !from_batch) break;
        if (from_batch && (!from_committed || (*batch)[next_batch].docid < *it)) {
          // In memory: offering a candidate again changes nothing (same
          // distance, same docid), so no check for repeats.
          const PendingBands::Posting& posting = (*batch)[next_batch++];
          if (posting.docid != self)
            nearest.offer(posting.docid, hamming_distance(hash, posting.hash));
          continue;
        }
        const Xapian::docid candidate = *it;
        ++it;
        // A committed candidate costs a document read: once per probe set.
        if (candidate == self ||
            std::find(checked.begin(), checked.end(), candidate) != checked.end()) {
          continue;
        }
        checked.push_back(candidate);
        const std::optional<std::uint64_t> other =
            from_hex(committed->get_document(candidate, Xapian::DOC_ASSUME_VALID).get_value(schema::kSimHashSlot));
        if (!other) continue;
        nearest.offer(candidate, hamming_distance(hash, *other));
      }
    }
  }
  std::string key;
  if (nearest.docid != 0) {
    if (const PendingBands::Entry* entry = pending.find(nearest.docid)) {
      key = entry->cluster_key;
    } else {
      key = committed->get_document(nearest.docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kClusterSlot);
    }
  }
  return key;
}

void assign_near_duplicate_cluster(const Xapian::Database* committed, const PendingBands& pending,
                                   Xapian::Document& document, std::optional<std::uint64_t> hash,
                                   Xapian::docid self) {
  if (!hash) return;
  store_cluster(document, *hash, nearest_cluster_key(committed, pending, *hash, self));
}

}  // namespace archivar::index
