#include "search/common_clause_chain.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace archivar::search {
namespace {

// How common `clause` is, for the chain: the fewest articles any of its
// parts is in, where an OP_SYNONYM counts as the one term Xapian weighs it
// as (its most frequent member's articles: a lower bound of the union its
// weight comes from). So `(Zein SYNONYM Zeinen) OR 0.2 * einen` is as
// common as `ein`, although `Zeinen` is in one article. 0 for a clause
// without terms, which is never chained.
Xapian::doccount fewest_articles(const Xapian::Database& db, const Xapian::Query& clause,
                                 query::TermFreqs* freqs) {
  if (clause.get_type() == Xapian::Query::LEAF_TERM) {
    return query::termfreq(db, freqs, *clause.get_terms_begin());
  }
  const std::size_t parts = clause.get_num_subqueries();
  if (parts == 0) return 0;  // MatchAll, a value range, a posting source: not a word
  const bool synonym = clause.get_type() == Xapian::Query::OP_SYNONYM;
  Xapian::doccount articles = synonym ? 0 : std::numeric_limits<Xapian::doccount>::max();
  for (std::size_t i = 0; i < parts; ++i) {
    const Xapian::doccount part = fewest_articles(db, clause.get_subquery(i), freqs);
    articles = synonym ? std::max(articles, part) : std::min(articles, part);
  }
  return articles;
}

Xapian::Query chain_or(const Xapian::Database& db, const Xapian::Query& query, double common_share,
                       query::TermFreqs* freqs) {
  if (query.get_type() != Xapian::Query::OP_OR) return query;
  const double threshold = common_share * static_cast<double>(db.get_doccount());
  std::vector<Xapian::Query> rest;
  std::vector<std::pair<Xapian::doccount, Xapian::Query>> common;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Xapian::Query clause = query.get_subquery(i);
    const Xapian::doccount articles = fewest_articles(db, clause, freqs);
    if (articles > 0 && static_cast<double>(articles) >= threshold) {
      common.emplace_back(articles, std::move(clause));
    } else {
      rest.push_back(std::move(clause));
    }
  }
  if (common.empty() || rest.empty()) return query;
  // Least frequent first: the most frequent ends at the top of the chain.
  std::stable_sort(common.begin(), common.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Xapian::Query chain(Xapian::Query::OP_OR, rest.begin(), rest.end());
  for (auto& [articles, clause] : common) {
    chain =
        Xapian::Query(Xapian::Query::OP_OR,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, chain, 1.0), std::move(clause));
  }
  return chain;
}

}  // namespace

Xapian::Query chain_common_clauses(const Xapian::Database& db, const Xapian::Query& query,
                                   double common_share, query::TermFreqs* freqs) {
  if (query.get_type() == Xapian::Query::OP_OR) return chain_or(db, query, common_share, freqs);
  if (query.get_type() != Xapian::Query::OP_AND_MAYBE || query.get_num_subqueries() < 2) {
    return query;
  }
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    parts.push_back(query.get_subquery(i));
  }
  parts.front() = chain_or(db, parts.front(), common_share, freqs);
  return {Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end()};
}

}  // namespace archivar::search
