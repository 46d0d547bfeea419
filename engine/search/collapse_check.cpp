#include "search/collapse_check.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

#include "index/schema.hpp"

namespace archivar::search {

namespace {

// Articles per distinct collapse key above which copies count as common.
constexpr double kCommonCopiesRatio = 1.2;

}  // namespace

bool collapsing_changes_nothing(const MatchCounts& counts, const std::vector<RankedMatch>& ranked,
                                const Xapian::Database& db, query::TermFreqs* freqs) {
  if (counts.lower == counts.upper && counts.upper > ranked.size()) return false;
  std::string term(schema::kCluster);
  for (const RankedMatch& match : ranked) {
    const std::string key = match.match.get_document().get_value(schema::kClusterSlot);
    if (key.empty()) continue;  // Xapian never collapses an article without a key
    term.resize(schema::kCluster.size());
    term += key;
    if (query::termfreq(db, freqs, term) > 1) return false;
  }
  return true;
}

double common_copies_ratio(const FacetColumn* clusters) {
  if (clusters == nullptr || clusters->distinct() == 0) return 1.0;
  // valued() articles hold a key, distinct() keys among them: the others
  // are copies of an earlier article.
  const double ratio =
      static_cast<double>(clusters->valued()) / static_cast<double>(clusters->distinct());
  return ratio > kCommonCopiesRatio ? ratio : 1.0;
}

std::size_t entries_for_stories(const std::vector<RankedMatch>& ranked, const FacetColumn& clusters,
                                std::size_t stories) {
  std::unordered_set<std::uint32_t> seen;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const Xapian::docid docid = *ranked[i].match;
    const std::uint32_t code = clusters.shared(docid) ? clusters.code(docid) : 0;
    if (code != 0 && !seen.insert(code).second) continue;  // a copy of a story above
    if (found == stories) return i;                        // the first entry of story N + 1
    ++found;
  }
  return ranked.size();
}

Xapian::doccount collapse_window_size(Xapian::doccount wanted, const FacetColumn* clusters) {
  const Xapian::doccount shallow = wanted + 5;
  const double ratio = common_copies_ratio(clusters);
  if (ratio == 1.0) return shallow;
  const double scaled = std::ceil(static_cast<double>(shallow) * ratio);
  return static_cast<Xapian::doccount>(
      std::min<double>(scaled, static_cast<double>(kMaxCollapseWindow(wanted))));
}

Xapian::doccount collapse_deep_window_size(Xapian::doccount wanted, Xapian::doccount entries,
                                           Xapian::doccount kept) {
  const Xapian::doccount deep = wanted * 2 + 20;
  if (kept == 0 || entries <= kept) return deep;
  // The window's entries per kept hit, times the hits wanted, plus half.
  const double scaled = std::ceil(1.5 * static_cast<double>(wanted + 5) *
                                  static_cast<double>(entries) / static_cast<double>(kept));
  return static_cast<Xapian::doccount>(std::clamp<double>(
      scaled, static_cast<double>(deep), static_cast<double>(kMaxCollapseWindow(wanted))));
}

WindowCollapse collapse_window(const Xapian::MSet& mset, const MatchCounts& counts,
                               Xapian::doccount asked, const std::vector<RankedMatch>& ranked,
                               const FacetColumn& clusters, Xapian::doccount wanted,
                               bool count_known) {
  // Whole: the pass returned every match and `ranked` holds them all (a
  // language rerank keeps only its provable top).
  const bool whole =
      (mset.size() < asked || counts.upper <= mset.size()) && ranked.size() == mset.size();
  // Xapian counted every match but the window does not hold them all: the
  // page must show the exact collapsed count, which only its pass knows.
  WindowCollapse out;
  if (!whole && !count_known && counts.lower == counts.upper) {
    out.decided = false;
    return out;
  }
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
  if (out.ranked.size() < wanted && !whole) out.decided = false;
  return out;
}

}  // namespace archivar::search
