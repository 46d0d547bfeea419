#include "search/collapse_check.hpp"

#include <string>
#include <unordered_set>

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

std::optional<WindowCollapse> collapse_window(const Xapian::MSet& mset, Xapian::doccount asked,
                                              const std::vector<RankedMatch>& ranked,
                                              const FacetColumn& clusters, Xapian::doccount wanted,
                                              bool count_known) {
  // Whole: the pass returned every match and `ranked` holds them all (a
  // language rerank keeps only its provable top).
  const bool whole = (mset.size() < asked || mset.get_matches_upper_bound() <= mset.size()) &&
                     ranked.size() == mset.size();
  // Xapian counted every match but the window does not hold them all: the
  // page must show the exact collapsed count, which only its pass knows.
  if (!whole && !count_known && mset.get_matches_lower_bound() == mset.get_matches_upper_bound()) {
    return std::nullopt;
  }
  WindowCollapse out;
  out.whole = whole;
  std::unordered_set<std::uint32_t> first;  // codes of shared keys already kept
  first.reserve(ranked.size());
  for (const RankedMatch& match : ranked) {
    // A key no other article holds never collapses: no map entry for it.
    const Xapian::docid docid = *match.match;
    const std::uint32_t code = clusters.shared(docid) ? clusters.code(docid) : 0;
    if (code != 0) {
      if (!first.insert(code).second) continue;  // collapsed into a hit above
    }
    ++out.kept;
    if (out.ranked.size() < wanted) out.ranked.push_back(match);
  }
  if (out.ranked.size() < wanted && !whole) return std::nullopt;
  return out;
}

}  // namespace archivar::search
