// The best expansion terms of a feedback set: the ESet of Xapian's default
// expand weight (TradEWeight, k = 1), computed without Xapian's get_eset.
//
// Why not Enquire::get_eset: it walks the merged term lists of the feedback
// articles and, for every accepted term of every article, asks the
// postlist table for the term's frequency (thousands of B-tree lookups for
// 15 long articles) before it can weigh the term. Here each term list is
// read from the first "Z" term to the last (the Z stems; the exact forms
// after them are never decoded), the stems' relevant-set statistics are
// summed in one pass, and the term frequency, the only statistic a term
// list does not hold, is looked up only for stems that can still reach the
// top: a stem's weight is at most its weight at termfreq = r (the number of
// feedback articles holding it), so stems are looked up in the order of
// that bound until the bound falls below the count-th best weight.
//
// The weight (Xapian 1.4's TradEWeight, so results equal get_eset's with
// the same decider):
//   w(t) = mult(t) × log((r + ½)(N − n − (R − r) + ½) / ((n − r + ½)(R − r + ½)))
//   mult(t) = Σ over feedback articles d holding t of 2·wdf / (len(d)/avlen + wdf)
// N documents, n the term's frequency, R feedback articles. Terms of weight
// ≤ 0 are left out. Equal weights are ordered by descending term, as in
// Xapian's ESet (the summation order may differ in the last bit of a
// weight, so a tie at the 10th place may resolve the other way).
// Over a shard set the term frequency is exact (get_eset's default scales
// up the frequency of the shards the feedback articles come from).
//
// Cost (measured on the 11 descriptive queries of the 20k comparison, 15
// feedback articles, 10 terms): ~0.65 ms opening the term lists (Xapian
// inflates each list whole), ~0.6 ms collecting ~5,300 stems, ~100 term
// frequency lookups instead of ~5,300; 2.0 ms per query against get_eset's
// 5.9 ms (thread CPU time).
// Thread-safety: a pure function of its arguments; a Database per thread.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace archivar::search {

struct FeedbackTerm {
  std::string term;
  double weight = 0;
};

// Z<stem> terms only: not ZS<title stem> (wdf 0: matches, but weighs
// nothing), nor unstemmed or boolean terms. Stems are case-folded, so an
// upper-case second letter is a prefix.
[[nodiscard]] bool is_feedback_stem(const std::string& term);

// The `count` best feedback stems of `feedback` (docids of `db`) by the
// weight above, best first, leaving out `excluded` (sorted: the query's own
// terms). Empty when `feedback` is empty or no stem weighs more than 0.
[[nodiscard]] std::vector<FeedbackTerm> best_feedback_stems(
    const Xapian::Database& db, const std::vector<Xapian::docid>& feedback,
    const std::vector<std::string>& excluded, std::size_t count);

}  // namespace archivar::search
