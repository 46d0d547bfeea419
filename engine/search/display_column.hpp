// DisplayColumn: every article's display record (value slot
// schema::kDisplaySlot: id, title, url, date, lang, author, source, tags;
// index/stored_fields.hpp) of one database revision in memory, so that a
// hit's fields cost an array lookup instead of a read of Xapian's value
// chunks. That read is a B-tree look-up whose leaf block (32 KB in our
// indexes) glass copies with one pread per hit: measured 8.0–8.6 µs per
// random docid at 171k articles and ~4 µs at 20k, ten of them per result
// page, the same again for a page's snippets.
//
// Memory: the records' bytes plus 4 bytes per docid (171,211 articles:
// 19.4 MB + 0.7 MB; about 115 bytes per news article). Load: one pass over
// the slot's value stream, ~175 ms at 171k, ~20 ms at 20k.
// Only for a single local database (a shard set's docids interleave its
// shards).
// Thread-safety: immutable once loaded; DisplayColumnHolder is not
// thread-safe (one per Searcher, which one thread uses at a time). The
// column itself is shared by the Searchers of a process per database
// revision (search/revision_shared.hpp), and may be read from several
// threads at once (a page's snippet worker reads it too).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::search {

class DisplayColumn {
 public:
  // The display records of every article of `db`; nullptr when the index
  // has none (schema 3 keeps them in the document data), when their bytes
  // exceed 4 GiB, or when the docids are too sparse for an array (last
  // docid more than twice the article count plus 65,536: many deletions).
  // Throws Xapian errors (DatabaseModifiedError: the caller reopens).
  [[nodiscard]] static std::shared_ptr<const DisplayColumn> load(const Xapian::Database& db);

  // The record of `docid` as get_value(kDisplaySlot) gives it: empty for a
  // docid the revision does not hold or that has none.
  [[nodiscard]] std::string_view record(Xapian::docid docid) const noexcept {
    if (docid == 0 || docid >= ends_.size()) return {};
    const std::uint32_t begin = ends_[docid - 1];
    return std::string_view(records_).substr(begin, ends_[docid] - begin);
  }

  // Bytes held (records and offsets).
  [[nodiscard]] std::size_t bytes() const noexcept {
    return records_.size() + ends_.size() * sizeof(std::uint32_t);
  }

 private:
  std::string records_;              // docid order, back to back
  std::vector<std::uint32_t> ends_;  // ends_[d]: end of docid d's record; ends_[0] = 0
};

// A Searcher's hold on its revision's column. Not thread-safe.
class DisplayColumnHolder {
 public:
  // The column of `db`'s current revision: the one held here, else one
  // another holder of the revision keeps (adopted; one look-up in the
  // process's registry under its mutex), else, when `load` is true, loaded
  // now (and shared). nullptr when there is none (yet), or none can be
  // made (DisplayColumn::load; asked once per revision). Call clear() when
  // `db` moves to another revision. Throws like DisplayColumn::load.
  const DisplayColumn* get(const Xapian::Database& db, bool load);
  void clear() {
    column_.reset();
    unavailable_ = false;
  }

 private:
  std::shared_ptr<const DisplayColumn> column_;
  bool unavailable_ = false;  // load() gave nullptr for this revision
};

}  // namespace archivar::search
