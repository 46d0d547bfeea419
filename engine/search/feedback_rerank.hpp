// A descriptive query's feedback expansion (search/query_expansion.hpp)
// applied to a window of the query's own ranking instead of two more ranked
// passes (the feedback pass and the expanded pass).
//
// Why: the expanded query is `query AND_MAYBE (weighted feedback stems)`.
// OP_AND_MAYBE lowers the weight its left side must reach by the right
// side's whole maximum (ten stems, each up to kExpandWeight times its BM25
// bound), so Xapian's max-weight pruning of that pass is weak; and the
// feedback pass before it ranks the same long query once more. At 20k
// articles the ten slowest of the 1000 comparison queries, and at 171k 8 of
// the 10 slowest real questions, were descriptive queries.
//
// How: the Searcher ranks the query as typed (with its filters, without its
// title boost) for a window of feedback_window_size(K) matches (at least
// kFeedbackWindow and kFeedbackWindowDepth times the K entries wanted), a
// pass Xapian prunes at that depth.
// Unfiltered, the window's first kFeedbackArticles are the feedback
// articles (the feedback pass's own top), else the feedback pass runs
// apart. add_to_window() then adds to each window hit exactly what the
// boosted, expanded pass adds to it: the title boost's and the expansion's
// weight for that article, computed by Xapian with the same Weight object
// (one Enquire of `(title terms OR stems) FILTER (the window's docids)`,
// the docids from a posting source, so each term's postlist is only
// skipped through), and re-sorts the window (score descending, docid
// ascending, as the Searcher orders ties).
//
// Only plain terms are re-scored this way: Xapian 1.4.22 weighs a phrase
// inside an OR under such a filter as matched when its articles hold the
// words but not the phrase (seen on `microcomputer-based` at 171k), so the
// query itself is never re-scored through a filter.
//
// What changes: an article outside the query's window that
// its title boost and expansion would lift into the page is missed. The
// window's lowest score plus the added part's maximum (`bound`) says when
// that cannot happen; the Searcher does not demand it (it rarely holds
// for a whole page: the maximum adds every term's bound at once). Measured
// on the 1000 comparison queries at 20k and the 200 real questions at 171k,
// and by scripts/eval.sh (bench/README.md, "Feedback expansion as a window
// rerank"). Scores equal the expanded pass's up to the order of summation
// (last bits).
//
// Cost: the window pass, plus one filtered Enquire of the title terms and
// the ten stems over the window's docids (skip_to through each postlist).
// Thread-safety: uses the given database; one call per thread and database.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <vector>

#include "search/language_rerank.hpp"

namespace archivar::search {

// The window of the query as typed that the Searcher ranks before adding
// the title boost's and expansion's weights: at least kFeedbackWindow
// matches and kFeedbackWindowDepth times the K entries it keeps (the last
// entries of a window only 20 deeper than K come out of order: at 200
// entries, 420 deep, ranks 199-200 differed from the expanded pass on
// en_med), so the Searcher ranks through a window only when
// kFeedbackWindowDepth * K <= kMaxFeedbackWindow (pages ending at rank 200
// or above); deeper pages run the expanded pass. A collapsing window may
// keep more than K (search/collapse_check.hpp): then the window is at most
// kMaxFeedbackWindow, or K plus kRerankWindowSlack if that is more.
inline constexpr Xapian::doccount kFeedbackWindow = 100;
inline constexpr Xapian::doccount kFeedbackWindowDepth = 5;
inline constexpr Xapian::doccount kMaxFeedbackWindow = 1000;
[[nodiscard]] inline Xapian::doccount feedback_window_size(Xapian::doccount keep) {
  const Xapian::doccount deep = keep <= kMaxFeedbackWindow / kFeedbackWindowDepth
                                    ? keep * kFeedbackWindowDepth
                                    : kMaxFeedbackWindow;
  return std::max({kFeedbackWindow, deep, keep + kRerankWindowSlack});
}

struct WindowRescore {
  std::vector<RankedMatch> ranked;  // the whole window, re-sorted
  // The largest weight `extra` can add to any article (the sum of its
  // terms' bounds): an article outside the window scores at most the
  // window's lowest plus this.
  double bound = 0;
};

// `window`: mset(0, W) of a query; `extra`: a query of plain terms (each
// under OP_SCALE_WEIGHT, joined by OP_OR; no phrase or other positional
// part) whose weight the final ranking adds to the query's matches
// (OP_AND_MAYBE); `weighting`: the Weight of the window's pass. Each window
// entry's score plus its `extra` weight, the entries re-sorted by that
// score (descending), then docid (ascending). `extra` empty: the window as
// it is.
[[nodiscard]] WindowRescore add_to_window(const Xapian::MSet& window, const Xapian::Database& db,
                                          const Xapian::Query& extra,
                                          const Xapian::Weight& weighting);

}  // namespace archivar::search
