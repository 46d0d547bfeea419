// A weight cutoff above the common clauses (see the header).
#include "search/common_cutoff.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace archivar::search {

namespace {

// An upper bound of the articles `query` matches, from term frequencies:
// a term's, the smallest child's of an AND, the sum of an OR's children.
double articles_at_most(const Xapian::Database& db, const Xapian::Query& query,
                        query::TermFreqs* freqs) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return static_cast<double>(query::termfreq(db, freqs, *query.get_terms_begin()));
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      double fewest = articles_at_most(db, query.get_subquery(0), freqs);
      for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
        fewest = std::min(fewest, articles_at_most(db, query.get_subquery(i), freqs));
      }
      return fewest;
    }
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return articles_at_most(db, query.get_subquery(0), freqs);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_MAX: {
      double sum = 0;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        sum += articles_at_most(db, query.get_subquery(i), freqs);
      }
      return std::min(sum, static_cast<double>(db.get_doccount()));
    }
    default:  // wildcards, value ranges, MatchAll, posting sources: unknown
      return static_cast<double>(db.get_doccount());
  }
}

}  // namespace

std::optional<double> common_only_weight(const Xapian::Database& db, const Xapian::Query& query,
                                         const Xapian::Weight& weight, double common_share,
                                         query::TermFreqs* freqs, WeightBounds* bounds,
                                         const Xapian::Query* ranked, MatchCounts* ranked_counts) {
  if (query.get_type() != Xapian::Query::OP_OR) return std::nullopt;
  const double threshold = common_share * static_cast<double>(db.get_doccount());
  // The whole query's and the rare clauses' bounds are the query's own:
  // not remembered.
  const auto bound = [&](const Xapian::Query& part) { return weight_bound(db, part, weight); };
  std::vector<Xapian::Query> rare;
  double rare_articles = 0;    // an upper bound of the articles a rare clause holds
  double common_articles = 0;  // the most articles a common clause may hold
  double common_weight = 0;    // Xapian's bound of an OR: the sum of its children's
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    const Xapian::Query clause = query.get_subquery(i);
    const double articles = articles_at_most(db, clause, freqs);
    if (articles >= threshold) {
      const double clause_weight = weight_bound(db, clause, weight, bounds);
      if (clause_weight <= kMaxCommonClauseWeight) {
        common_articles = std::max(common_articles, articles);
        common_weight += clause_weight;
        continue;
      }
    }
    rare.push_back(clause);
    rare_articles += articles;
  }
  if (rare.empty() || common_articles == 0 ||
      rare_articles * kCutoffArticlesRatio > common_articles) {
    return std::nullopt;
  }
  // A term's weight depends on how often the whole query holds it, so the
  // clauses' bounds alone hold for the query only if they add up to its own.
  double whole = 0;
  MatchCounts whole_counts;
  {
    Xapian::Enquire enquire(db);
    enquire.set_query(ranked != nullptr ? *ranked : query);
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet estimate = enquire.get_mset(0, 0);
    whole = estimate.get_max_possible();
    whole_counts = counts_of(estimate);
  }
  const double parts =
      bound(Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end())) + common_weight;
  if (std::abs(whole - parts) > 1e-9 * whole) return std::nullopt;
  // Xapian prunes a clause once the threshold exceeds its bound: a hair
  // above the bound, so that its own rounding does not keep the clause.
  if (ranked != nullptr && ranked_counts != nullptr) *ranked_counts = whole_counts;
  return common_weight * (1 + 1e-9);
}

}  // namespace archivar::search
