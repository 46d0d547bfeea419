#include "search/title_boost_fold.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "index/schema.hpp"

namespace archivar::search {

namespace {

// Leaf terms any of whose articles match `query`: reached from its root
// through OR, SYNONYM and SCALE_WEIGHT only.
void reachable_terms(const Xapian::Query& query, std::set<std::string>& terms) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      if (query.get_unique_terms_begin() != query.get_unique_terms_end()) {
        terms.insert(*query.get_unique_terms_begin());
      }
      return;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_SCALE_WEIGHT:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        reachable_terms(query.get_subquery(i), terms);
      }
      return;
    default:
      return;
  }
}

Xapian::Query scaled(const std::string& term, double weight) {
  return {Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight};
}

// `query` with the terms of `title_terms` that it matches anyway as OR
// children (removed from `title_terms`); nullopt when none is.
std::optional<Xapian::Query> fold(const Xapian::Query& query, std::vector<std::string>& title_terms,
                                  double weight, const query::MergedExactForms& merged) {
  if (query.get_type() == Xapian::Query::OP_AND_MAYBE && query.get_num_subqueries() >= 1) {
    // Matches are the left side's; the right side only adds weight.
    std::optional<Xapian::Query> left = fold(query.get_subquery(0), title_terms, weight, merged);
    if (!left) return std::nullopt;
    std::vector<Xapian::Query> parts{*left};
    for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
      parts.push_back(query.get_subquery(i));
    }
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end());
  }
  // A single word's query (a term, its stems' synonym, a merged stem) is
  // an OR of one child.
  const bool one_child = query.get_type() == Xapian::Query::LEAF_TERM ||
                         query.get_type() == Xapian::Query::OP_SYNONYM ||
                         query.get_type() == Xapian::Query::OP_SCALE_WEIGHT;
  if (query.get_type() != Xapian::Query::OP_OR && !one_child) return std::nullopt;
  std::set<std::string> reachable;
  reachable_terms(query, reachable);
  const std::size_t prefix = schema::kTitle.size();
  std::vector<Xapian::Query> children;
  if (one_child) {
    children.push_back(query);
  } else {
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      children.push_back(query.get_subquery(i));
    }
  }
  const std::size_t before = children.size();
  const auto reached = [&](const std::string& word) {
    if (reachable.contains(word)) return true;
    const auto stem = merged.find(word);
    return stem != merged.end() && reachable.contains(stem->second);
  };
  std::erase_if(title_terms, [&](const std::string& term) {
    if (!reached(term.substr(prefix))) return false;
    children.push_back(scaled(term, weight));
    return true;
  });
  if (children.size() == before) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_OR, children.begin(), children.end());
}

}  // namespace

Xapian::Query add_title_boost(const Xapian::Query& query,
                              const std::vector<std::string>& title_terms, double weight,
                              const std::function<bool(const std::string&)>& leave_out,
                              const query::MergedExactForms& merged) {
  if (title_terms.empty()) return query;
  std::vector<std::string> rest = title_terms;
  const std::optional<Xapian::Query> folded = fold(query, rest, weight, merged);
  Xapian::Query boosted = folded.value_or(query);
  if (folded && leave_out) {
    const std::size_t prefix = schema::kTitle.size();
    std::erase_if(rest, [&](const std::string& term) { return leave_out(term.substr(prefix)); });
  }
  if (rest.empty()) return boosted;
  return {Xapian::Query::OP_AND_MAYBE, boosted,
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_OR, rest.begin(), rest.end()), weight)};
}

}  // namespace archivar::search
