#include "search/collapse_check.hpp"

#include <string>

#include "index/schema.hpp"

namespace archivar::search {

bool collapsing_changes_nothing(const Xapian::MSet& mset, const std::vector<RankedMatch>& ranked,
                                const Xapian::Database& db) {
  const Xapian::doccount upper = mset.get_matches_upper_bound();
  if (mset.get_matches_lower_bound() == upper && upper > ranked.size()) return false;
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

}  // namespace archivar::search
