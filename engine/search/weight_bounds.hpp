// WeightBounds: Xapian's upper bound of a query's weight
// (Enquire::get_mset(0, 0).get_max_possible()) remembered for one revision
// of one database.
//
// The common-word cutoff (search/common_cutoff.hpp) asks for the bound of
// each common clause of an OR query, and common words ("der", "the")
// recur query after query. Each Xapian bound builds an Enquire and its
// postlist tree (a B-tree lookup per term, no match): ~10 µs on the full
// corpus index; a remembered one is a serialisation and a hash lookup.
// The bound is a function of the query, the weighting scheme (both in the
// key, as serialised) and the revision's statistics alone, so a
// remembered bound is the very value Xapian gives.
//
// Contract: the owner calls clear() whenever the database may have moved to
// another revision, as for query::TermFreqs. At most kMaxBounds bounds are
// kept; the next one empties the memo first.
// Cost: a Query::serialise() and a hash lookup per known query; the key's
// bytes plus ~60 per bound remembered.
// Thread-safety: none; one per Searcher.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>

namespace archivar::search {

class WeightBounds {
 public:
  static constexpr std::size_t kMaxBounds = 1U << 14;

  // Xapian's bound of `query` ranked by `weight` in `db`.
  [[nodiscard]] double operator()(const Xapian::Database& db, const Xapian::Query& query,
                                  const Xapian::Weight& weight);

  // Forgets every bound (the database's revision changed).
  void clear() { bounds_.clear(); }
  [[nodiscard]] std::size_t size() const { return bounds_.size(); }

 private:
  std::unordered_map<std::string, double> bounds_;
};

// Xapian's bound of `query` ranked by `weight` in `db`, through `bounds`
// when given.
[[nodiscard]] double weight_bound(const Xapian::Database& db, const Xapian::Query& query,
                                  const Xapian::Weight& weight, WeightBounds* bounds = nullptr);

}  // namespace archivar::search
