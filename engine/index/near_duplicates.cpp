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

void assign_near_duplicate_cluster(const Xapian::Database& db, Xapian::Document& document,
                                   std::optional<std::uint64_t> hash, Xapian::docid self) {
  if (!hash) return;
  std::vector<Xapian::docid> checked;  // a near copy shares many terms: read it once

  int best_distance = kMaxHammingDistance + 1;
  Xapian::docid best = 0;
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
      const auto other = from_hex(db.get_document(candidate).get_value(schema::kSimHashSlot));
      if (!other) continue;
      const int distance = hamming_distance(*hash, *other);
      if (distance < best_distance || (distance == best_distance && candidate < best)) {
        best_distance = distance;
        best = candidate;
      }
    }
  }
  std::string key = to_hex(*hash);
  if (best != 0) {
    std::string theirs = db.get_document(best).get_value(schema::kClusterSlot);
    if (!theirs.empty()) key = std::move(theirs);
  }
  for (const std::string& term : band_terms(*hash)) document.add_boolean_term(term);
  document.add_value(schema::kSimHashSlot, to_hex(*hash));
  document.add_boolean_term(std::string(schema::kCluster) + key);
  document.add_value(schema::kClusterSlot, std::move(key));
}

}  // namespace archivar::index
