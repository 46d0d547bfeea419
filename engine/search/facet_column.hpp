// Facet columns: an in-memory copy of a facet value slot of one database
// revision, so that counting a facet over a match set costs one array
// lookup per match instead of a value-stream read (a B-tree cursor step, a
// chunk decode and a string copy per match).
//
// A column maps each docid to a small code: 0 for "no value", 1..distinct
// for the slot's distinct values, packed in 1, 2 or 4 bytes per docid by
// how many distinct values there are. A list slot (tags) keeps, per docid,
// a range of 4-byte codes (offsets into one code array). The code → value
// table is kept unless the column is loaded as codes only (the collapse
// key: only equality matters).
//
// Memory per column: (last docid + 1) × width bytes, plus the distinct
// values' bytes and a hash table entry each while loading; a list column
// 4 bytes per docid plus 4 per value. On the full corpus index (171k
// articles): lang, year, source 1 byte per article, month 2, the cluster
// key 4 (codes only) plus a bit per article (shared()): about 1.5 MB for
// all of them.
// Cost: built on first use by one pass over the slot's value stream, or
// over the posting lists of its boolean terms (O(articles); on 171k
// articles lang 2.4 ms, year 1.9 ms from terms, the collapse key 18 ms from
// its value stream); lookups O(1).
// Only for a single local database: a shard set's docids interleave its
// shards, and remote shards have no value streams to read.
// Thread-safety: immutable once built; FacetColumns (the cache) is not
// thread-safe: one per Searcher, which one thread uses at a time. The
// columns themselves are shared between the Searchers of a process per
// database revision (search/revision_shared.hpp): serve's pooled Searchers
// load each column once, not once each.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/docid_bits.hpp"

namespace archivar::search {

class FacetColumn {
 public:
  // Reads `slot` of every article of `db`. `list`: the slot holds an encoded
  // value list (index/value_list.hpp). `keep_values`: keep the code → value
  // table (false: codes only). nullopt when the docids are too sparse for
  // an array (last docid more than twice the article count plus 65,536:
  // many deletions), so that a column never costs more than a few bytes
  // per article; callers then read the value stream. Throws Xapian errors
  // (DatabaseModifiedError: the caller reopens and retries).
  [[nodiscard]] static std::optional<FacetColumn> load(const Xapian::Database& db,
                                                       Xapian::valueno slot, bool list,
                                                       bool keep_values);

  // A single-valued column with values kept, read from the boolean terms
  // `prefix` + value instead of the value stream: for slots that hold
  // exactly their terms' suffix on the same articles (lang, year, source,
  // author: index/document_builder.cpp; not month, whose term is YYYYMM).
  // One posting-list walk per distinct value, a third of a value-stream
  // read (lang on 171k articles: 2.4 ms instead of 7). Falls back to
  // load(db, slot, false, true) if an article holds two such terms.
  [[nodiscard]] static std::optional<FacetColumn> load_from_terms(const Xapian::Database& db,
                                                                  Xapian::valueno slot,
                                                                  std::string_view prefix);

  // Codes are 1..distinct(); 0 is "no value".
  [[nodiscard]] std::uint32_t distinct() const { return distinct_; }
  // Single-valued columns: how many articles have a value (so valued() -
  // distinct() articles share their value with an earlier one).
  [[nodiscard]] std::uint32_t valued() const { return valued_; }

  // The value of code 1..distinct() (loaded with keep_values).
  [[nodiscard]] const std::string& value(std::uint32_t code) const { return values_[code - 1]; }
  // Bytes the column holds (its memory cost, roughly).
  [[nodiscard]] std::size_t bytes() const;

  // Adds 1 to tally[code] for each value of each docid in `docids`
  // (ascending; a docid beyond the column counts as "no value", code 0,
  // in a single-valued column and nothing in a list column).
  // `tally` must have distinct() + 1 entries. Cost: one array read and
  // one increment per docid (per value for a list column).
  void tally(const std::vector<Xapian::docid>& docids, std::vector<std::uint32_t>& tally) const;
  // The same for the docids of `docids`.
  void tally(const DocidBits& docids, std::vector<std::uint32_t>& tally) const;

  // The same in steps, for counting several columns in one pass over a
  // match set (DocidBits::for_each_block): `counts` starts as
  // tally_size() zeros, tally_block() adds the docids ids[0..count)
  // (ascending, and above those of earlier blocks), fold_tally() then
  // leaves the distinct() + 1 totals. For short columns the counts are
  // tally_lanes() (4) interleaved counter arrays: consecutive matches
  // mostly share a value, and one counter incremented back to back waits
  // for its previous store each time.
  [[nodiscard]] std::size_t tally_lanes() const;
  [[nodiscard]] std::size_t tally_size() const {
    return tally_lanes() * (std::size_t{distinct_} + 1);
  }
  void tally_block(const Xapian::docid* ids, std::size_t count, std::uint32_t* counts) const;
  void fold_tally(std::vector<std::uint32_t>& counts) const;

  // The code of a single-valued column at `docid` (0: none).
  [[nodiscard]] std::uint32_t code(Xapian::docid docid) const;

  // Single-valued columns loaded as codes only (the collapse key): true if
  // another article holds the value of `docid` too. One bit per docid (21 KB
  // on 171k articles: stays in cache where the 4-byte codes do not), so a
  // pass over a match set reads codes only for the few shared ones.
  // False for other columns and for docids beyond the column.
  [[nodiscard]] bool shared(Xapian::docid docid) const {
    const std::size_t word = docid / 64;
    return word < shared_.size() && ((shared_[word] >> (docid % 64)) & 1U) != 0;
  }
  // Codes-only columns (the collapse key): `matches` counted with those
  // that share a value counted once per value (the collapsed count). The
  // matches outside shared() are one popcount per word; the others one code
  // read each (no call per match) and a bit per code.
  [[nodiscard]] std::uint64_t collapsed_count(const DocidBits& matches) const;
  // The shared() bits as words (bit d % 64 of word d / 64; as DocidBits).
  [[nodiscard]] const std::vector<std::uint64_t>& shared_words() const { return shared_; }

 private:
  // Columns of at most this many codes (distinct() + 1) count in four
  // counter arrays (16 bytes per code).
  static constexpr std::size_t kMaxLaneCodes = 4096;

  // Sets width_ from distinct_ and packs `codes` (docid → code) in place:
  // the column keeps their buffer (no new pages for 4-byte codes; a
  // smaller copy for narrower ones).
  void pack(std::vector<std::uint32_t>&& codes);
  [[nodiscard]] const unsigned char* packed() const {
    return reinterpret_cast<const unsigned char*>(packed_words_.data());
  }
  template <class Code>
  [[nodiscard]] std::uint64_t collapsed_fixed(const DocidBits& matches) const;
  template <class Code>
  void tally_fixed(const Xapian::docid* ids, std::size_t count, std::uint32_t* counts) const;

  bool list_ = false;
  unsigned width_ = 1;  // bytes per code (single-valued)
  // Single-valued: (last docid + 1) × width_ bytes of codes (packed()),
  // in 4-byte words.
  std::vector<std::uint32_t> packed_words_;
  std::size_t packed_bytes_ = 0;
  std::vector<std::uint32_t> offsets_;  // list: docid → first code; last docid + 2 entries
  std::vector<std::uint32_t> list_codes_;
  std::uint32_t distinct_ = 0;
  std::uint32_t valued_ = 0;           // single-valued: docids with a value
  std::vector<std::string> values_;    // code - 1 → value (keep_values)
  std::vector<std::uint64_t> shared_;  // codes only: bit per docid, value held twice or more
};

// The columns of one Searcher's database revision, loaded lazily per slot.
// clear() when the database moves to another revision (reopen).
class FacetColumns {
 public:
  // The column of `slot`, loading it on first use; nullptr when it cannot
  // be an array (FacetColumn::load). Throws like FacetColumn::load.
  // A non-empty `term_prefix` (single-valued, values kept) loads the column
  // from those boolean terms (FacetColumn::load_from_terms).
  const FacetColumn* get(const Xapian::Database& db, Xapian::valueno slot, bool list,
                         bool keep_values, std::string_view term_prefix = {});
  // True when get() of these arguments costs no load: this object has
  // asked for the column since clear(), or another holder of `db`'s
  // revision keeps it (it is then adopted here). Cost: one map lookup,
  // or one lookup in the process's registry under its mutex.
  bool loaded(const Xapian::Database& db, Xapian::valueno slot, bool list, bool keep_values);
  void clear() { columns_.clear(); }
  // Slots asked for since clear() (arrays or not).
  [[nodiscard]] std::size_t size() const { return columns_.size(); }

 private:
  // nullptr: not an array. Shared with other Searchers of the revision.
  std::map<Xapian::valueno, std::shared_ptr<const FacetColumn>> columns_;
};

}  // namespace archivar::search
