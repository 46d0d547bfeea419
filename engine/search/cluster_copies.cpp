#include "search/cluster_copies.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "index/schema.hpp"

namespace archivar::search {

namespace {

std::uint32_t clamp_count(Xapian::doccount count) {
  return static_cast<std::uint32_t>(
      std::clamp<Xapian::doccount>(count, 1, std::numeric_limits<std::uint32_t>::max()));
}

// The exact number of articles matching `query` that hold `cluster_term`.
Xapian::doccount matching_members(const Xapian::Database& db, const Xapian::Query& query,
                                  const std::string& cluster_term) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(cluster_term)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
  return counted.get_matches_lower_bound();
}

}  // namespace

std::vector<std::uint32_t> cluster_copies(const Xapian::Database& db, const Xapian::Query& query,
                                          const std::vector<RankedMatch>& page,
                                          const FacetColumn* clusters, const DocidBits* matches,
                                          query::TermFreqs* freqs, const Xapian::MSet* window) {
  std::vector<std::uint32_t> copies(page.size(), 1);
  if (clusters != nullptr && matches != nullptr) {
    // (code, page index) of the page's shared hits, sorted by code.
    std::vector<std::pair<std::uint32_t, std::size_t>> codes;
    for (std::size_t i = 0; i < page.size(); ++i) {
      const Xapian::docid docid = *page[i].match;
      if (clusters->shared(docid)) codes.emplace_back(clusters->code(docid), i);
    }
    if (codes.empty()) return copies;
    std::sort(codes.begin(), codes.end());
    std::vector<Xapian::doccount> counted(codes.size(), 0);
    matches->for_each_also_in(clusters->shared_words(), [&](Xapian::docid docid) {
      const std::uint32_t code = clusters->code(docid);
      const auto it = std::lower_bound(codes.begin(), codes.end(),
                                       std::pair<std::uint32_t, std::size_t>(code, 0));
      if (it != codes.end() && it->first == code) ++counted[it - codes.begin()];
    });
    for (std::size_t c = 0; c < codes.size(); ++c) {
      copies[codes[c].second] = clamp_count(counted[c]);
    }
    return copies;
  }
  std::string term(schema::kCluster);
  if (clusters != nullptr) {
    // One unweighted match of the query filtered to all the page's shared
    // clusters at once; each match counted for its cluster by its code.
    std::vector<std::pair<std::uint32_t, std::size_t>> codes;  // (code, page index), by code
    std::vector<Xapian::Query> cluster_terms;
    std::vector<std::pair<std::uint32_t, Xapian::doccount>> sizes;  // (code, articles)
    Xapian::doccount members = 0;
    for (std::size_t i = 0; i < page.size(); ++i) {
      const Xapian::docid docid = *page[i].match;
      if (!clusters->shared(docid)) continue;
      const std::string key = page[i].match.get_document().get_value(schema::kClusterSlot);
      if (key.empty()) continue;  // no key: never collapsed
      term.resize(schema::kCluster.size());
      term += key;
      codes.emplace_back(clusters->code(docid), i);
      cluster_terms.emplace_back(term);
      const Xapian::doccount size = query::termfreq(db, freqs, term);
      sizes.emplace_back(clusters->code(docid), size);
      members += size;
    }
    if (codes.empty()) return copies;
    std::sort(codes.begin(), codes.end());
    if (window != nullptr) {
      // The window's matches of each page cluster; all of its articles
      // there: they are its matching members.
      std::sort(sizes.begin(), sizes.end());
      std::vector<Xapian::doccount> seen(sizes.size(), 0);
      for (auto it = window->begin(); it != window->end(); ++it) {
        const std::uint32_t code = clusters->code(*it);
        const auto at = std::lower_bound(sizes.begin(), sizes.end(),
                                         std::pair<std::uint32_t, Xapian::doccount>(code, 0));
        if (at != sizes.end() && at->first == code) ++seen[at - sizes.begin()];
      }
      bool whole = true;
      for (std::size_t c = 0; c < sizes.size() && whole; ++c) whole = seen[c] == sizes[c].second;
      if (whole) {
        for (const auto& [code, index] : codes) {
          const auto at = std::lower_bound(sizes.begin(), sizes.end(),
                                           std::pair<std::uint32_t, Xapian::doccount>(code, 0));
          copies[index] = clamp_count(seen[at - sizes.begin()]);
        }
        return copies;
      }
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_OR, cluster_terms.begin(), cluster_terms.end())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet matched = enquire.get_mset(0, std::max<Xapian::doccount>(members, 1));
    std::vector<Xapian::doccount> counted(codes.size(), 0);
    for (auto it = matched.begin(); it != matched.end(); ++it) {
      const std::uint32_t code = clusters->code(*it);
      const auto at = std::lower_bound(codes.begin(), codes.end(),
                                       std::pair<std::uint32_t, std::size_t>(code, 0));
      if (at != codes.end() && at->first == code) ++counted[at - codes.begin()];
    }
    for (std::size_t c = 0; c < codes.size(); ++c) {
      copies[codes[c].second] = clamp_count(counted[c]);
    }
    return copies;
  }
  for (std::size_t i = 0; i < page.size(); ++i) {
    const std::string key = page[i].match.get_document().get_value(schema::kClusterSlot);
    if (key.empty()) continue;  // no key: never collapsed
    term.resize(schema::kCluster.size());
    term += key;
    if (query::termfreq(db, freqs, term) <= 1) continue;
    copies[i] = clamp_count(matching_members(db, query, term));
  }
  return copies;
}

}  // namespace archivar::search
