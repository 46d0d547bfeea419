#include "search/query_expansion.hpp"

#include <vector>

#include "index/schema.hpp"

namespace archivar::search {

namespace {

// Z<stem> only: not ZS<title stem> (wdf 0: matches, but weighs nothing), nor
// unstemmed or boolean terms. Stems are case-folded, so an upper-case second
// letter is a prefix.
class FeedbackStems : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() > 1 && term[0] == schema::kStem[0] && !(term[1] >= 'A' && term[1] <= 'Z');
  }
};

}  // namespace

bool is_descriptive_query(std::string_view text, analysis::TextAnalyzer& analyzer) {
  if (text.find('?') != std::string_view::npos) return false;
  std::size_t words = 0;
  for (const Token& token : analyzer.analyze(text, "")) {
    if (token.kind == TokenKind::word) ++words;
  }
  return words >= kMinWords;
}

Xapian::Query expand_by_feedback(const Xapian::Database& db, const Xapian::Query& query,
                                 const Xapian::Weight& weighting) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(weighting);
  const Xapian::MSet top = enquire.get_mset(0, kFeedbackArticles);
  if (top.empty()) return query;
  Xapian::RSet feedback;
  for (auto it = top.begin(); it != top.end(); ++it) feedback.add_document(*it);
  const FeedbackStems stems;
  const Xapian::ESet eset = enquire.get_eset(kExpandTerms, feedback, &stems);
  if (eset.empty()) return query;
  const double best = eset.begin().get_weight();
  if (!(best > 0)) return query;
  std::vector<Xapian::Query> expansion;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    expansion.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                           kExpandWeight * it.get_weight() / best);
  }
  return {Xapian::Query::OP_AND_MAYBE, query,
          Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end())};
}

}  // namespace archivar::search
