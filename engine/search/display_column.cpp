#include "search/display_column.hpp"

#include <limits>
#include <utility>

#include "index/schema.hpp"
#include "search/revision_shared.hpp"

namespace archivar::search {

std::shared_ptr<const DisplayColumn> DisplayColumn::load(const Xapian::Database& db) {
  const Xapian::docid last = db.get_lastdocid();
  const Xapian::doccount articles = db.get_doccount();
  if (articles == 0 || last > 2ULL * articles + 65536) return nullptr;
  auto column = std::make_shared<DisplayColumn>();
  column->ends_.assign(static_cast<std::size_t>(last) + 1, 0);
  // ~115 bytes per news article; grows by doubling when the guess is short.
  column->records_.reserve(static_cast<std::size_t>(articles) * 128);
  Xapian::docid filled = 0;  // ends_ is set up to here
  const auto fill_to = [&](Xapian::docid docid, std::size_t end) {
    for (; filled < docid; ++filled) column->ends_[filled + 1] = static_cast<std::uint32_t>(end);
  };
  for (Xapian::ValueIterator value = db.valuestream_begin(schema::kDisplaySlot);
       value != db.valuestream_end(schema::kDisplaySlot); ++value) {
    const Xapian::docid docid = value.get_docid();
    if (docid > last) break;  // cannot happen within one revision
    fill_to(docid - 1, column->records_.size());
    const std::string record = *value;
    if (column->records_.size() + record.size() > std::numeric_limits<std::uint32_t>::max()) {
      return nullptr;
    }
    column->records_ += record;
    fill_to(docid, column->records_.size());
  }
  if (column->records_.empty()) return nullptr;  // schema 3: no display records
  fill_to(last, column->records_.size());
  column->records_.shrink_to_fit();
  return column;
}

namespace {

RevisionShared<DisplayColumn>& shared_display_columns() {
  static RevisionShared<DisplayColumn> columns;
  return columns;
}

}  // namespace

const DisplayColumn* DisplayColumnHolder::get(const Xapian::Database& db, bool load) {
  if (column_) return column_.get();
  if (unavailable_) return nullptr;
  const std::string revision = revision_key(db);
  if (revision.empty()) {
    unavailable_ = true;  // a revision without a name is never shared or kept
    return nullptr;
  }
  const std::string key = revision + "#display";
  if (!load) {
    column_ = shared_display_columns().find(key);
    return column_.get();
  }
  column_ = shared_display_columns().get(key, [&] { return DisplayColumn::load(db); });
  unavailable_ = !column_;
  return column_.get();
}

}  // namespace archivar::search
