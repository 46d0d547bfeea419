#include "search/query_expansion.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "search/feedback_terms.hpp"

namespace archivar::search {

bool is_descriptive_query(std::string_view text, analysis::TextAnalyzer& analyzer) {
  if (text.find('?') != std::string_view::npos) return false;
  std::size_t words = 0;
  for (const Token& token : analyzer.analyze(text, "")) {
    if (token.kind == TokenKind::word) ++words;
  }
  return words >= kMinWords;
}

Xapian::Query expansion_from_feedback(const Xapian::Database& db, const Xapian::Query& query,
                                      const std::vector<Xapian::docid>& feedback) {
  if (feedback.empty()) return {};
  std::vector<std::string> query_terms(query.get_unique_terms_begin(),
                                       query.get_unique_terms_end());
  std::sort(query_terms.begin(), query_terms.end());
  const std::vector<FeedbackTerm> stems =
      best_feedback_stems(db, feedback, query_terms, kExpandTerms);
  if (stems.empty()) return {};
  const double best = stems.front().weight;
  std::vector<Xapian::Query> expansion;
  for (const FeedbackTerm& stem : stems) {
    expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(stem.term),
                           kExpandWeight * stem.weight / best);
  }
  return {Xapian::Query::OP_OR, expansion.begin(), expansion.end()};
}

Xapian::Query feedback_expansion(const Xapian::Database& db, const Xapian::Query& query,
                                 const Xapian::Weight& weighting) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(weighting);
  const Xapian::MSet top = enquire.get_mset(0, kFeedbackArticles);
  std::vector<Xapian::docid> feedback;
  for (auto it = top.begin(); it != top.end(); ++it) feedback.push_back(*it);
  return expansion_from_feedback(db, query, feedback);
}

}  // namespace archivar::search
