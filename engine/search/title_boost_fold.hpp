// The title boost joined to a query so that Xapian can prune it: the same
// matches and weights as `query AND_MAYBE weight * (S<t1> OR S<t2> ...)`
// (search/ranking.hpp), with each title term whose articles already match
// the query made one more OR child of the query instead.
//
// Why: OP_AND_MAYBE lowers the weight its left side must reach by the
// right side's whole maximum, so with ten title terms (`Sthe`, `Sa`, `Sof`
// ... of a real question, each bound at ~2.2 times its idf) Xapian's
// max-weight pruning never lets the query's common words (`Zthe OR the`)
// stop producing candidates: every article holding one was scored and
// probed in the ten title postlists. As OR children each title term is
// weighed against the threshold on its own. On the 171k-article index the
// ranked pass of the 200 real questions took 1.6 s -> 1.0 s in total
// (bench/README.md, "Title boost folded into the OR").
//
// Why the matches stay: index::DocumentBuilder indexes every title word t
// as S<t> and as the plain term t, so the articles holding S<t> hold t; a
// title term is folded only when t is a leaf the query reaches through
// OP_OR / OP_SYNONYM / OP_SCALE_WEIGHT alone (the exact-form bonus of each
// word, query/query_builder.hpp), so those articles match the query
// anyway, and OR adds the term's weight exactly where OP_AND_MAYBE did.
// Through OP_AND_MAYBE (feedback expansion) the left side is folded. A
// word whose exact form the query builder merged into its stem
// (QueryBuilder::merged_exact_forms: all its articles are the stem's) is
// reached through its stem. A query that is one term, synonym or scaled
// term becomes an OR of itself and the folded title terms. Other title
// terms (question words the query leaves out, words of an AND query) stay
// under OP_AND_MAYBE.
//
// What changes: the weights are summed in another order (differences in
// the last bits of a double), and Xapian's match-count estimate and upper
// bound, which assume OR children independent, can grow a little.
//
// Cost: one walk of the query tree. Thread-safety: pure function.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "query/query_builder.hpp"

namespace archivar::search {

// `query` with the title terms `title_terms` (S-prefixed, as
// title_boost_terms gives them) weighing `weight` each; `query` itself
// when `title_terms` is empty. `leave_out` (optional; a ranking choice,
// not part of the exact rewrite): when some title terms were folded, the
// unfolded ones it returns true for (given the word without the prefix)
// are dropped instead of joined under OP_AND_MAYBE.
// `merged`: the build's merged exact forms (word → its Z stem).
[[nodiscard]] Xapian::Query add_title_boost(
    const Xapian::Query& query, const std::vector<std::string>& title_terms, double weight,
    const std::function<bool(const std::string&)>& leave_out = nullptr,
    const query::MergedExactForms& merged = {});

}  // namespace archivar::search
