#include "search/collapse_check.hpp"

#include <algorithm>
#include <string>

#include "index/schema.hpp"

namespace archivar::search {

bool collapsing_changes_nothing(const Xapian::MSet& mset, const std::vector<RankedMatch>& ranked,
                                const Xapian::Database& db) {
  const Xapian::doccount upper = mset.get_matches_upper_bound();
  if (mset.get_matches_lower_bound() == upper && upper > ranked.size() &&
      upper <= kMaxExactRecount) {
    return false;
  }
  std::string term(schema::kCluster);
  for (const RankedMatch& match : ranked) {
    const std::string key = match.match.get_document().get_value(schema::kClusterSlot);
    if (key.empty()) continue;  // Xapian never collapses an article without a key
    term.resize(schema::kCluster.size());
    term += key;
    if (db.get_termfreq(term) > 1) return false;
  }
  return true;
}

Xapian::doccount collapsed_lower_bound(const Xapian::MSet& mset, std::size_t checked) {
  const Xapian::doccount lower = mset.get_matches_lower_bound();
  if (lower == mset.get_matches_upper_bound() && lower <= checked) return lower;
  return std::min<Xapian::doccount>(lower, static_cast<Xapian::doccount>(checked));
}

}  // namespace archivar::search
