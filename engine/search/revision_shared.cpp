#include "search/revision_shared.hpp"

namespace archivar::search {

std::string revision_key(const Xapian::Database& db) {
  // A writer's uncommitted changes are not part of its revision number.
  if (dynamic_cast<const Xapian::WritableDatabase*>(&db) != nullptr) return {};
  try {
    std::string uuid = db.get_uuid();
    if (uuid.empty()) return {};
    return uuid + '@' + std::to_string(db.get_revision());
  } catch (const Xapian::InvalidOperationError&) {
    return {};  // several sub-databases: no one revision to name
  }
}

}  // namespace archivar::search
