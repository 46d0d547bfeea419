#include "archivar/evaluation.hpp"

#include <cmath>

#include "eval/judged_set.hpp"
#include "eval/metrics.hpp"

namespace archivar {

namespace {

// Running sums for one group of queries.
struct ScoreSums {
  std::uint64_t queries = 0;
  double rr = 0;
  double recall = 0;
  double ndcg = 0;

  void add(double query_rr, double query_recall, double query_ndcg) {
    ++queries;
    rr += query_rr;
    recall += query_recall;
    ndcg += query_ndcg;
  }

  [[nodiscard]] EvalScores mean() const {
    EvalScores scores;
    scores.queries = queries;
    if (queries == 0) return scores;
    const auto n = static_cast<double>(queries);
    scores.mrr_at_10 = rr / n;
    scores.recall_at_10 = recall / n;
    scores.ndcg_at_10 = ndcg / n;
    return scores;
  }
};

}  // namespace

EvalReport evaluate(Searcher& searcher, const std::filesystem::path& judged_dir) {
  return evaluate(searcher, judged_dir, SearchRequest{});
}

EvalReport evaluate(Searcher& searcher, const std::filesystem::path& judged_dir,
                    const SearchRequest& base) {
  constexpr std::size_t kDepth = 10;
  const eval::JudgedSet set = eval::load_judged_set(judged_dir);
  EvalReport report;
  std::map<std::string, ScoreSums> per_lang;
  ScoreSums all;
  SearchRequest request = base;
  request.page = 1;
  request.page_size = kDepth;
  std::vector<std::string> ranked;
  for (const eval::JudgedQuery& query : set.queries) {
    const auto judged = set.qrels.find(query.id);
    if (judged == set.qrels.end() || !eval::has_relevant(judged->second)) continue;
    request.query = query.text;
    const SearchResults results = searcher.search(request);
    ranked.clear();
    for (const Hit& hit : results.hits) ranked.push_back(hit.id);
    const double rr = eval::reciprocal_rank_at(ranked, judged->second, kDepth);
    const double recall = eval::recall_at(ranked, judged->second, kDepth);
    const double ndcg = eval::ndcg_at(ranked, judged->second, kDepth);
    per_lang[query.lang].add(rr, recall, ndcg);
    all.add(rr, recall, ndcg);
    const auto first = static_cast<std::uint32_t>(rr > 0 ? std::lround(1.0 / rr) : 0);
    report.queries.push_back({query.id, query.lang, query.text, first, recall, ndcg});
  }
  for (const auto& [lang, sums] : per_lang) report.per_lang[lang] = sums.mean();
  report.all = all.mean();
  return report;
}

}  // namespace archivar
