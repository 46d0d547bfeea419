// Query-language preference without the probe query: one ranked pass of the
// unboosted query, re-ordered here, instead of a top-1 probe for the best
// score followed by a boosted pass (search/language_preference.hpp).
//
// The preference adds the same `boost` (query_lang_weight times the best
// hit's score, which the unboosted pass reports as get_max_attained) to
// every article in the preferred language. Boosting never moves an article
// of another language up, so each of those in the boosted top K is in the
// unboosted top K as well (fewer than K articles beat it unboosted, because
// each that does still beats it boosted). Articles of the preferred
// language beyond an unboosted window of W >= K matches score at most
// s_W + boost (s_W: the window's lowest score). So the boosted top K is the
// top K of the window re-ordered with the boost, whenever
//   - the window holds every match (fewer than W came back), or
//   - the K-th re-ordered score is above s_W + boost, or
//   - every article of the window is in the preferred language (the boost
//     then keeps their order, and ties beyond the window have higher docids
//     than the window's, so they come later).
// Otherwise rerank_by_language() returns nothing and the caller runs the
// boosted query (its probe is saved either way: the best score is known).
//
// Scores are the boosted query's (score + boost, added in the order Xapian's
// OP_AND_MAYBE adds them); ties go to the lower docid, as the Searcher's
// ranking orders them. Checked on the peer comparison's 1,000 queries (5,000
// articles): the same top 10 as the boosted query except in 2 OR queries
// where dozens of articles tie on their score; there Xapian's own top 10
// depends on the window asked (its max-weight pruning passes over a tied
// candidate with a lower docid), and the window's order is the documented
// one (equal scores by docid, ascending). Not covered, so the caller keeps the boosted query
// for them: filters (the probe's best score ignores them, the window's would
// not), sort orders other than relevance, match spies on the ranked pass.
// With collapsing, the Searcher collapses the re-ordered window itself
// (search/collapse_check.hpp), so a group keeps its best article by the
// boosted score; only when Xapian's collapsed pass runs (the window ran
// short) does a group keep its best by the unboosted score (the two differ
// only for groups spanning two languages, which SimHash of body shingles
// rarely forms: translations do not collapse).
//
// Cost: one postlist walk of L<lang> over the window's docids (skip_to), or
// with a TermMembership once it keeps the term's bitmap a bit test each;
// a sort of W entries. Thread-safety: uses the given database; one call per
// thread and database.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "search/term_membership.hpp"

namespace archivar::search {

// One match in the final order: the pass's entry and its boosted score.
struct RankedMatch {
  Xapian::MSetIterator match;
  double score = 0;
};

// Extra matches fetched beyond the K wanted, so that the window's lowest
// score usually sits far enough below the K-th that no article outside it
// can climb into the top K.
inline constexpr Xapian::doccount kRerankWindowSlack = 20;

// Shallow window first: the Searcher asks the unboosted pass for only
// K + kRerankShallowSlack matches and keeps the re-ordered window when
// rerank_by_language() proves it and the deep window (K +
// kRerankWindowSlack) would not have held every match either (the pass's
// lower bound reaches it, or the shallow window already holds them all);
// then the top K is the one the deep window gives. Otherwise it runs the
// deep window as before (a second pass). A shallower window lets Xapian's
// max-weight pruning start earlier. Queries of any word only: questions
// (flat scores), phrases (loose lower bounds) and all-words queries (often
// fewer matches than the deep window, which then must be run to hold them
// all) failed the checks often enough that the second pass cost more than
// the shallow one saved. Measured on the 171k comparison index (1,000
// queries; bench/README.md "Shallow language-rerank window"): pages
// identical, OR p50 -10%, p95 -10%; the match-count bounds of 2 pages
// differ (bounds of the true count still, from the shallower pass).
inline constexpr Xapian::doccount kRerankShallowSlack = 5;

// `window`: mset(0, W) of the unboosted query (the caller asked for W
// matches); `wanted`: K <= W. Returns the first K matches in the boosted
// order, or every match when the window holds them all (fewer than W came
// back), or nothing if a match outside the window could belong there.
[[nodiscard]] std::optional<std::vector<RankedMatch>> rerank_by_language(
    const Xapian::MSet& window, Xapian::doccount window_asked, Xapian::doccount wanted,
    const Xapian::Database& db, const std::string& language_term, double boost,
    TermMembership* membership = nullptr);

// Adds `boost` to the score of each entry of `ranked` whose article holds
// `language_term` and re-sorts by score (descending), then docid
// (ascending); returns how many got it. rerank_by_language's re-ordering,
// for a window already re-scored (search/feedback_rerank.hpp). Cost: one
// postlist walk (skip_to) over the entries' docids, or `membership`'s bit
// tests (search/term_membership.hpp; may be null: the walk), a sort.
std::size_t boost_language(std::vector<RankedMatch>& ranked, const Xapian::Database& db,
                           const std::string& language_term, double boost,
                           TermMembership* membership = nullptr);

// The MSet's entries in its own order with their own weights.
[[nodiscard]] std::vector<RankedMatch> ranked_as_is(const Xapian::MSet& mset);

}  // namespace archivar::search
