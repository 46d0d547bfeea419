#include "search/language_rerank.hpp"

#include <algorithm>

namespace archivar::search {

std::size_t boost_language(std::vector<RankedMatch>& ranked, const Xapian::Database& db,
                           const std::string& language_term, double boost,
                           TermMembership* membership) {
  std::vector<Xapian::docid> docids;
  docids.reserve(ranked.size());
  for (const RankedMatch& entry : ranked) docids.push_back(*entry.match);
  std::vector<bool> holds;
  const std::size_t in_language = membership != nullptr
                                      ? membership->test(db, language_term, docids, holds)
                                      : test_by_walk(db, language_term, docids, holds);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    if (holds[i]) ranked[i].score = ranked[i].score + boost;  // as OP_AND_MAYBE adds it
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedMatch& a, const RankedMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    return *a.match < *b.match;
  });
  return in_language;
}

std::optional<std::vector<RankedMatch>> rerank_by_language(
    const Xapian::MSet& window, Xapian::doccount window_asked, Xapian::doccount wanted,
    const Xapian::Database& db, const std::string& language_term, double boost,
    TermMembership* membership) {
  std::vector<RankedMatch> ranked = ranked_as_is(window);
  const std::size_t in_language = boost_language(ranked, db, language_term, boost, membership);
  const bool complete = window.size() < window_asked;
  const double lowest = window.empty() ? 0.0 : (window.end() - 1).get_weight();
  // A window holding every match keeps them all: a collapsing caller then
  // has the whole match set (its exact collapsed count, no collapsed pass).
  if (complete) return ranked;
  if (ranked.size() > wanted) ranked.resize(wanted);
  if (in_language == window.size()) return ranked;
  if (ranked.size() == wanted && ranked.back().score > lowest + boost) return ranked;
  return std::nullopt;
}

std::vector<RankedMatch> ranked_as_is(const Xapian::MSet& mset) {
  std::vector<RankedMatch> ranked;
  ranked.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) ranked.push_back({it, it.get_weight()});
  return ranked;
}

}  // namespace archivar::search
