#include "search/facet_column.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/value_list.hpp"
#include "search/revision_shared.hpp"

namespace archivar::search {

namespace {

// Docids beyond twice the article count plus this are too sparse for an array.
constexpr Xapian::docid kSparseSlack = 65536;

// Hashes std::string and std::string_view alike, so that a lookup needs
// no string of its own (one per article and slot on a column load).
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view value) const noexcept {
    return std::hash<std::string_view>{}(value);
  }
};

constexpr std::uint64_t kByteOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kByteHighs = 0x8080808080808080ULL;

// The high bit of each byte of `bytes` set where that byte is at least `c`
// (bytes below 0x80, c at most 0x80: no borrow crosses a byte).
constexpr std::uint64_t bytes_at_least(std::uint64_t bytes, std::uint64_t c) {
  return ((bytes | kByteHighs) - c * kByteOnes) & kByteHighs;
}

// 8 lower-case hex digits as their 32-bit number (the first digit the
// highest); false if one is not 0-9 or a-f. All 8 bytes at once (SWAR):
// a per-digit loop was ~320 instructions a key, a third of the collapse
// key column's load.
[[gnu::always_inline]] inline bool hex32(const char* digits, std::uint32_t& number) {
  std::uint64_t bytes = 0;
  std::memcpy(&bytes, digits, sizeof bytes);
  if constexpr (std::endian::native == std::endian::big) bytes = __builtin_bswap64(bytes);
  // Now digits[i] is byte i (from the lowest).
  const std::uint64_t digit = bytes_at_least(bytes, '0') & ~bytes_at_least(bytes, '9' + 1);
  const std::uint64_t letter = bytes_at_least(bytes, 'a') & ~bytes_at_least(bytes, 'f' + 1);
  if ((bytes & kByteHighs) != 0 || (digit | letter) != kByteHighs) return false;
  // '0'..'9' are 0x30..0x39, 'a'..'f' 0x61..0x66: low nibble, plus 9 for letters.
  std::uint64_t nibbles = (bytes & (0x0FU * kByteOnes)) + (letter >> 7U) * 9U;
  nibbles = __builtin_bswap64(nibbles);  // the first digit in the highest byte
  nibbles = (nibbles | (nibbles >> 4U)) & 0x00FF00FF00FF00FFULL;
  nibbles = (nibbles | (nibbles >> 8U)) & 0x0000FFFF0000FFFFULL;
  nibbles = (nibbles | (nibbles >> 16U)) & 0x00000000FFFFFFFFULL;
  number = static_cast<std::uint32_t>(nibbles);
  return true;
}

// 16 lower-case hex digits (the collapse key, near_duplicates.hpp) as
// their number: one-to-one, so exact, and no string per distinct value
// (nearly every article has its own key: 171k strings to build and free).
// Branch-free per digit (hex32): keys are random, so a digit-or-letter
// branch mispredicts about every other character.
[[gnu::always_inline]] inline std::optional<std::uint64_t> hex64(std::string_view value) {
  if (value.size() != 16) return std::nullopt;
  std::uint32_t high = 0;
  std::uint32_t low = 0;
  if (!hex32(value.data(), high) || !hex32(value.data() + 8, low)) return std::nullopt;
  return (std::uint64_t{high} << 32U) | low;
}

// Sorts `items` (a key's high 32 bits << 32 | docid) by their high 32
// bits and docid, in place: one in-place bucket pass on the top 11 bits
// (2,048 buckets: "American flag" sort, no scratch array), then each bucket
// (about 80 items at 171k keys) sorted alone in the cache. Keys are
// near-duplicate hashes, so the buckets are even. Fresh memory is what a
// load pays most for on a VM (a first-touch page fault ~20 µs here): an
// 8-pass radix sort of 16-byte (key, docid) pairs with a scratch copy took
// ~18 ms of the collapse-key column's load at 171k articles.
void sort_by_high_key(std::vector<std::uint64_t>& items) {
  constexpr unsigned kShift = 64 - 11;
  constexpr std::size_t kBuckets = std::size_t{1} << 11;
  std::vector<std::size_t> begin(kBuckets + 1, 0);
  for (const std::uint64_t item : items) ++begin[(item >> kShift) + 1];
  for (std::size_t bucket = 1; bucket <= kBuckets; ++bucket) begin[bucket] += begin[bucket - 1];
  std::vector<std::size_t> next(begin.begin(), begin.end() - 1);
  for (std::size_t bucket = 0; bucket < kBuckets; ++bucket) {
    while (next[bucket] < begin[bucket + 1]) {
      std::uint64_t item = items[next[bucket]];
      for (std::size_t home = item >> kShift; home != bucket; home = item >> kShift) {
        std::swap(item, items[next[home]++]);
      }
      items[next[bucket]++] = item;
    }
  }
  for (std::size_t bucket = 0; bucket < kBuckets; ++bucket) {
    std::sort(items.begin() + static_cast<std::ptrdiff_t>(begin[bucket]),
              items.begin() + static_cast<std::ptrdiff_t>(begin[bucket + 1]));
  }
}

// A codes-only column whose values are all hex64 keys (the collapse key):
// docid → code through one sort instead of a hash map entry per distinct
// key. Codes number the distinct keys in key order. nullopt (nothing
// written) if some value is not a hex64 key: the caller then codes
// strings. `codes` has an entry per docid up to the last; `shared` gets
// FacetColumn's bit per docid whose key another article holds.
// Cost: the value stream, then O(n) over 8-byte items (sort_by_high_key);
// keys sharing their high 32 bits (a handful among 168k) are told apart by
// their low halves, kept in `codes` until the codes replace them.
std::optional<std::uint32_t> code_hex_keys(const Xapian::Database& db, Xapian::valueno slot,
                                           Xapian::docid last, std::vector<std::uint32_t>& codes,
                                           std::vector<std::uint64_t>& shared,
                                           std::uint32_t& valued) {
  std::vector<std::uint64_t> keyed;  // high 32 bits of the key << 32 | docid
  keyed.reserve(db.get_doccount());
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid docid = it.get_docid();
    if (docid > last) break;
    const std::string bytes = *it;
    if (bytes.empty()) continue;
    const std::optional<std::uint64_t> key = hex64(bytes);
    if (!key) {
      std::fill(codes.begin(), codes.end(), 0);  // nothing written, as promised
      return std::nullopt;
    }
    keyed.push_back((*key & 0xFFFFFFFF00000000ULL) | docid);
    codes[docid] = static_cast<std::uint32_t>(*key);  // the low half, for now
  }
  sort_by_high_key(keyed);
  shared.assign(codes.size() / 64 + 1, 0);
  std::uint32_t distinct = 0;
  const auto docid_of = [](std::uint64_t item) { return static_cast<Xapian::docid>(item); };
  std::vector<std::pair<std::uint32_t, Xapian::docid>> run;  // (low half, docid)
  for (std::size_t begin = 0; begin < keyed.size();) {
    const std::uint64_t high = keyed[begin] >> 32;
    std::size_t end = begin + 1;
    while (end < keyed.size() && keyed[end] >> 32 == high) ++end;
    if (end - begin == 1) {  // a key of its own (most)
      codes[docid_of(keyed[begin])] = ++distinct;
      begin = end;
      continue;
    }
    // Keys sharing their high half: grouped by the low half, in key order.
    run.clear();
    for (std::size_t at = begin; at < end; ++at) {
      const Xapian::docid docid = docid_of(keyed[at]);
      run.emplace_back(codes[docid], docid);
    }
    std::sort(run.begin(), run.end());
    for (std::size_t first = 0; first < run.size();) {
      std::size_t stop = first + 1;
      while (stop < run.size() && run[stop].first == run[first].first) ++stop;
      ++distinct;
      for (std::size_t at = first; at < stop; ++at) {
        const Xapian::docid docid = run[at].second;
        codes[docid] = distinct;
        if (stop - first > 1) shared[docid / 64] |= std::uint64_t{1} << (docid % 64);
      }
      first = stop;
    }
    begin = end;
  }
  valued = static_cast<std::uint32_t>(keyed.size());
  return distinct;
}

// Bytes per code for codes up to `largest`.
unsigned code_width(std::size_t largest) {
  return largest <= std::numeric_limits<std::uint8_t>::max()    ? 1
         : largest <= std::numeric_limits<std::uint16_t>::max() ? 2
                                                                : 4;
}

// A packed code of `width` bytes (1, 2 or 4; native byte order, as
// FacetColumn::code reads it).
std::uint32_t read_code(const unsigned char* at, unsigned width) {
  if (width == 1) return *at;
  if (width == 2) {
    std::uint16_t narrow = 0;
    std::memcpy(&narrow, at, sizeof narrow);
    return narrow;
  }
  std::uint32_t wide = 0;
  std::memcpy(&wide, at, sizeof wide);
  return wide;
}

void write_code(unsigned char* at, unsigned width, std::uint32_t code) {
  if (width == 1) {
    *at = static_cast<std::uint8_t>(code);
  } else if (width == 2) {
    const auto narrow = static_cast<std::uint16_t>(code);
    std::memcpy(at, &narrow, sizeof narrow);
  } else {
    std::memcpy(at, &code, sizeof code);
  }
}

// Values seen so far → code (1-based).
class Dictionary {
 public:
  explicit Dictionary(bool keep_values) : keep_values_(keep_values) {}

  std::uint32_t code(std::string_view value) {
    if (const std::optional<std::uint64_t> number = hex64(value)) {
      auto [found, inserted] = hex_codes_.try_emplace(*number, size_ + 1);
      if (inserted) add(value);
      return found->second;
    }
    auto found = codes_.find(value);
    if (found != codes_.end()) return found->second;
    codes_.emplace(std::string(value), size_ + 1);
    add(value);
    return size_;
  }
  [[nodiscard]] std::uint32_t size() const { return size_; }
  std::vector<std::string> take_values() { return std::move(values_); }

 private:
  void add(std::string_view value) {
    ++size_;
    if (keep_values_) values_.emplace_back(value);
  }

  bool keep_values_;
  std::uint32_t size_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> hex_codes_;
  std::unordered_map<std::string, std::uint32_t, TransparentHash, std::equal_to<>> codes_;
  std::vector<std::string> values_;
};

}  // namespace

std::optional<FacetColumn> FacetColumn::load(const Xapian::Database& db, Xapian::valueno slot,
                                             bool list, bool keep_values) {
  const Xapian::docid last = db.get_lastdocid();
  if (last > 2 * db.get_doccount() + kSparseSlack) return std::nullopt;
  FacetColumn column;
  column.list_ = list;
  Dictionary dictionary(keep_values);
  std::vector<std::uint32_t> codes;  // single-valued: docid → code
  if (list) {
    column.offsets_.assign(static_cast<std::size_t>(last) + 2, 0);
  } else {
    codes.assign(static_cast<std::size_t>(last) + 1, 0);
  }
  std::optional<std::uint32_t> hex_distinct;
  if (!list && !keep_values) {
    hex_distinct = code_hex_keys(db, slot, last, codes, column.shared_, column.valued_);
  }
  Xapian::docid filled = 0;  // list: offsets_[d] (start of docid d's codes) set for d <= filled
  for (auto it = db.valuestream_begin(slot); !hex_distinct && it != db.valuestream_end(slot);
       ++it) {
    const Xapian::docid docid = it.get_docid();
    if (docid > last) break;
    const std::string bytes = *it;
    if (list) {
      const auto at = static_cast<std::uint32_t>(column.list_codes_.size());
      while (filled < docid) column.offsets_[++filled] = at;  // start of each docid's codes
      index::for_each_in_value_list(bytes, [&](std::string_view value) {
        column.list_codes_.push_back(dictionary.code(value));
      });
    } else if (!bytes.empty()) {
      codes[docid] = dictionary.code(bytes);
      ++column.valued_;
    }
  }
  if (list) {
    const auto end = static_cast<std::uint32_t>(column.list_codes_.size());
    while (filled <= last) column.offsets_[++filled] = end;
  }
  column.distinct_ = hex_distinct ? *hex_distinct : dictionary.size();
  column.values_ = dictionary.take_values();
  if (!list && !keep_values && !hex_distinct) {
    std::vector<std::uint32_t> holders(std::size_t{column.distinct_} + 1, 0);
    for (const std::uint32_t code : codes) ++holders[code];
    column.shared_.assign(codes.size() / 64 + 1, 0);
    for (std::size_t docid = 0; docid < codes.size(); ++docid) {
      if (codes[docid] != 0 && holders[codes[docid]] > 1) {
        column.shared_[docid / 64] |= std::uint64_t{1} << (docid % 64);
      }
    }
  }
  if (!list) column.pack(std::move(codes));
  return column;
}

std::optional<FacetColumn> FacetColumn::load_from_terms(const Xapian::Database& db,
                                                        Xapian::valueno slot,
                                                        std::string_view prefix) {
  const Xapian::docid last = db.get_lastdocid();
  if (last > 2 * db.get_doccount() + kSparseSlack) return std::nullopt;
  // The slot's values first (term names, no postings): their number bounds
  // the codes, so codes are written at their final width, with no 4-byte
  // array per docid to pack (fresh pages are what a load pays most for).
  std::vector<std::string> names;
  const std::string start(prefix);
  for (auto term = db.allterms_begin(start); term != db.allterms_end(start); ++term) {
    std::string name = *term;
    if (name.size() != prefix.size()) names.push_back(std::move(name));  // else no value
  }
  FacetColumn column;
  column.width_ = code_width(names.size());
  column.packed_bytes_ = (static_cast<std::size_t>(last) + 1) * column.width_;
  column.packed_words_.assign((column.packed_bytes_ + 3) / 4, 0);
  auto* const bytes = reinterpret_cast<unsigned char*>(column.packed_words_.data());
  for (const std::string& name : names) {
    const std::uint32_t code = column.distinct_ + 1;
    bool any = false;
    for (auto posting = db.postlist_begin(name); posting != db.postlist_end(name); ++posting) {
      const Xapian::docid docid = *posting;
      if (docid > last) break;
      unsigned char* const at = bytes + static_cast<std::size_t>(docid) * column.width_;
      if (read_code(at, column.width_) != 0) {
        return load(db, slot, false, true);  // two values: not a facet slot
      }
      write_code(at, column.width_, code);
      ++column.valued_;
      any = true;
    }
    if (!any) continue;
    ++column.distinct_;
    column.values_.push_back(name.substr(prefix.size()));
  }
  return column;
}

void FacetColumn::pack(std::vector<std::uint32_t>&& codes) {
  width_ = code_width(distinct_);
  const std::size_t count = codes.size();
  packed_bytes_ = count * width_;
  if (width_ < 4) {
    // In place, front to back: code i moves from byte 4i to byte i × width_
    // (never after it), read before it is overwritten.
    auto* const bytes = reinterpret_cast<unsigned char*>(codes.data());
    for (std::size_t docid = 0; docid < count; ++docid) {
      write_code(bytes + docid * width_, width_, read_code(bytes + docid * 4, 4));
    }
    codes.resize((packed_bytes_ + 3) / 4);
    codes.shrink_to_fit();
  }
  packed_words_ = std::move(codes);
}

std::size_t FacetColumn::bytes() const {
  std::size_t total = packed_bytes_ + (offsets_.size() + list_codes_.size()) * 4 +
                      shared_.size() * sizeof(std::uint64_t);
  for (const std::string& value : values_) total += value.size() + sizeof(std::string);
  return total;
}

std::uint32_t FacetColumn::code(Xapian::docid docid) const {
  const std::size_t at = static_cast<std::size_t>(docid) * width_;
  if (list_ || at + width_ > packed_bytes_) return 0;
  if (width_ == 1) return packed()[at];
  if (width_ == 2) {
    std::uint16_t narrow = 0;
    std::memcpy(&narrow, packed() + at, sizeof narrow);
    return narrow;
  }
  std::uint32_t wide = 0;
  std::memcpy(&wide, packed() + at, sizeof wide);
  return wide;
}

template <class Code>
std::uint64_t FacetColumn::collapsed_fixed(const DocidBits& matches) const {
  std::uint64_t count = matches.count_not_in(shared_);
  std::vector<std::uint64_t> seen(std::size_t{distinct_} / 64 + 1, 0);
  const std::size_t size = packed_bytes_ / sizeof(Code);
  const unsigned char* const data = packed();
  matches.for_each_also_in(shared_, [&](Xapian::docid docid) {
    if (docid >= size) return;  // shared() is never set beyond the column
    Code code;
    std::memcpy(&code, data + static_cast<std::size_t>(docid) * sizeof(Code), sizeof code);
    std::uint64_t& word = seen[code / 64];
    const std::uint64_t bit = std::uint64_t{1} << (code % 64);
    count += (word & bit) == 0 ? 1 : 0;
    word |= bit;
  });
  return count;
}

std::uint64_t FacetColumn::collapsed_count(const DocidBits& matches) const {
  if (list_) return matches.count();
  switch (width_) {
    case 1:
      return collapsed_fixed<std::uint8_t>(matches);
    case 2:
      return collapsed_fixed<std::uint16_t>(matches);
    default:
      return collapsed_fixed<std::uint32_t>(matches);
  }
}

std::size_t FacetColumn::tally_lanes() const {
  return !list_ && std::size_t{distinct_} + 1 <= kMaxLaneCodes ? 4 : 1;
}

template <class Code>
void FacetColumn::tally_fixed(const Xapian::docid* ids, std::size_t count,
                              std::uint32_t* counts) const {
  const std::size_t size = packed_bytes_ / sizeof(Code);
  const unsigned char* const data = packed();
  const auto code_of = [data](Xapian::docid docid) {
    Code code;
    std::memcpy(&code, data + static_cast<std::size_t>(docid) * sizeof(Code), sizeof code);
    return code;
  };
  // Ascending: the docids beyond the column (code 0) are the tail.
  std::size_t inside = count;
  while (inside > 0 && ids[inside - 1] >= size) --inside;
  counts[0] += static_cast<std::uint32_t>(count - inside);
  // Four counter arrays, one per docid in turn (tally_lanes()): consecutive
  // matches mostly share a value (few languages, years), and incrementing
  // one counter back to back waits for the previous store each time.
  const std::size_t lane = tally_lanes() == 4 ? std::size_t{distinct_} + 1 : 0;
  std::uint32_t* const c0 = counts;
  std::uint32_t* const c1 = c0 + lane;
  std::uint32_t* const c2 = c1 + lane;
  std::uint32_t* const c3 = c2 + lane;
  std::size_t i = 0;
  for (; i + 4 <= inside; i += 4) {
    ++c0[code_of(ids[i])];
    ++c1[code_of(ids[i + 1])];
    ++c2[code_of(ids[i + 2])];
    ++c3[code_of(ids[i + 3])];
  }
  for (; i < inside; ++i) ++c0[code_of(ids[i])];
}

void FacetColumn::tally_block(const Xapian::docid* ids, std::size_t count,
                              std::uint32_t* counts) const {
  if (list_) {
    const std::size_t docs = offsets_.size() - 1;
    for (std::size_t at = 0; at < count; ++at) {
      const Xapian::docid docid = ids[at];
      if (docid >= docs) break;  // ascending: the rest are beyond too
      for (std::uint32_t i = offsets_[docid]; i < offsets_[docid + 1]; ++i)
        ++counts[list_codes_[i]];
    }
    return;
  }
  switch (width_) {
    case 1:
      tally_fixed<std::uint8_t>(ids, count, counts);
      break;
    case 2:
      tally_fixed<std::uint16_t>(ids, count, counts);
      break;
    default:
      tally_fixed<std::uint32_t>(ids, count, counts);
      break;
  }
}

void FacetColumn::fold_tally(std::vector<std::uint32_t>& counts) const {
  const std::size_t lane = std::size_t{distinct_} + 1;
  for (std::size_t extra = lane; extra < counts.size(); extra += lane) {
    for (std::size_t code = 0; code < lane; ++code) counts[code] += counts[extra + code];
  }
  counts.resize(lane);
}

void FacetColumn::tally(const std::vector<Xapian::docid>& docids,
                        std::vector<std::uint32_t>& tally) const {
  std::vector<std::uint32_t> counts(tally_size(), 0);
  tally_block(docids.data(), docids.size(), counts.data());
  fold_tally(counts);
  for (std::size_t code = 0; code < tally.size() && code < counts.size(); ++code) {
    tally[code] += counts[code];
  }
}

void FacetColumn::tally(const DocidBits& docids, std::vector<std::uint32_t>& tally) const {
  std::vector<std::uint32_t> counts(tally_size(), 0);
  docids.for_each_block(
      [&](const Xapian::docid* ids, std::size_t count) { tally_block(ids, count, counts.data()); });
  fold_tally(counts);
  for (std::size_t code = 0; code < tally.size() && code < counts.size(); ++code) {
    tally[code] += counts[code];
  }
}

namespace {

RevisionShared<FacetColumn>& shared_columns() {
  static RevisionShared<FacetColumn> columns;
  return columns;
}

// The registry's name of a column of `db`'s revision: the revision and
// everything else the column depends on; "" when the revision has no name
// (nothing is shared).
std::string shared_key(const Xapian::Database& db, Xapian::valueno slot, bool list,
                       bool keep_values, bool from_terms, std::string_view term_prefix) {
  std::string key = revision_key(db);
  if (key.empty()) return key;
  key += '#' + std::to_string(slot) + (list ? 'l' : 's') + (keep_values ? 'v' : 'c');
  if (from_terms) key.append(1, 't').append(term_prefix);
  return key;
}

}  // namespace

bool FacetColumns::loaded(const Xapian::Database& db, Xapian::valueno slot, bool list,
                          bool keep_values) {
  if (columns_.contains(slot)) return true;
  const std::string key = shared_key(db, slot, list, keep_values, false, {});
  if (key.empty()) return false;
  std::shared_ptr<const FacetColumn> column = shared_columns().find(key);
  if (!column) return false;
  columns_.emplace(slot, std::move(column));
  return true;
}

const FacetColumn* FacetColumns::get(const Xapian::Database& db, Xapian::valueno slot, bool list,
                                     bool keep_values, std::string_view term_prefix) {
  auto found = columns_.find(slot);
  if (found == columns_.end()) {
    const bool from_terms = !term_prefix.empty() && !list && keep_values;
    const auto load = [&]() -> std::shared_ptr<const FacetColumn> {
      std::optional<FacetColumn> loaded = from_terms
                                              ? FacetColumn::load_from_terms(db, slot, term_prefix)
                                              : FacetColumn::load(db, slot, list, keep_values);
      if (!loaded) return nullptr;
      return std::make_shared<const FacetColumn>(std::move(*loaded));
    };
    const std::string key = shared_key(db, slot, list, keep_values, from_terms, term_prefix);
    const std::shared_ptr<const FacetColumn> column =
        key.empty() ? load() : shared_columns().get(key, load);
    found = columns_.emplace(slot, std::move(column)).first;
  }
  return found->second.get();
}

}  // namespace archivar::search
