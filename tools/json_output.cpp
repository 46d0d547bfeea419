#include "json_output.hpp"

namespace archivar::cli {

nlohmann::json to_json(const Article& article) {
  return {{"id", article.id},         {"title", article.title}, {"body", article.body},
          {"url", article.url},       {"date", article.date},   {"lang", article.lang},
          {"author", article.author}, {"tags", article.tags},   {"source", article.source}};
}

nlohmann::json to_json(const SearchResults& results, const SearchRequest& request) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : results.hits) {
    hits.push_back({{"id", hit.id},
                    {"title", hit.title},
                    {"date", hit.date},
                    {"lang", hit.lang},
                    {"url", hit.url},
                    {"source", hit.source},
                    {"score", hit.score},
                    {"rank", hit.rank},
                    {"copies", hit.copies}});
    if (request.snippet_length > 0) {
      hits.back()["snippet"] = hit.snippet;
      hits.back()["title_highlighted"] = hit.title_highlighted;
    }
  }
  nlohmann::json out = {{"query", results.query},
                        {"total",
                         {{"estimated", results.total.estimated},
                          {"lower", results.total.lower},
                          {"upper", results.total.upper}}},
                        {"page", request.page},
                        {"page_size", request.page_size},
                        {"hits", std::move(hits)}};
  if (!results.did_you_mean.empty()) out["did_you_mean"] = results.did_you_mean;
  if (results.corrected) out["corrected"] = true;
  if (!results.missing_shards.empty()) out["missing_shards"] = results.missing_shards;
  if (!request.facets.empty()) {
    nlohmann::json facets = nlohmann::json::object();
    for (const Facet& facet : results.facets) {
      nlohmann::json values = nlohmann::json::array();
      for (const FacetValue& value : facet.values) {
        values.push_back({{"value", value.value}, {"count", value.count}});
      }
      facets[facet.name] = std::move(values);
    }
    out["facets"] = std::move(facets);
    out["facet_counted"] = results.facet_counted;
  }
  return out;
}

nlohmann::json to_json(const IndexStats& stats) {
  return {{"path", stats.path},
          {"articles", stats.articles},
          {"articles_per_lang", stats.articles_per_lang},
          {"distinct_terms", stats.distinct_terms},
          {"average_length", stats.average_length},
          {"bytes_on_disk", stats.bytes_on_disk},
          {"shards", stats.shards},
          {"missing_shards", stats.missing_shards}};
}

namespace {

nlohmann::json scores_json(const EvalScores& scores) {
  return {{"queries", scores.queries},
          {"mrr@10", scores.mrr_at_10},
          {"recall@10", scores.recall_at_10},
          {"ndcg@10", scores.ndcg_at_10}};
}

}  // namespace

nlohmann::json to_json(const EvalReport& report) {
  nlohmann::json per_lang = nlohmann::json::object();
  for (const auto& [lang, scores] : report.per_lang) per_lang[lang] = scores_json(scores);
  return {{"per_lang", std::move(per_lang)}, {"all", scores_json(report.all)}};
}

std::string dump(const nlohmann::json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace archivar::cli
