// Evaluation of ranking quality against a judged query set.
//
// A judged set is a folder with queries.jsonl ({"id", "text", "lang"}) and
// qrels.tsv (TREC: "qid 0 docid grade", grade 0 = judged not relevant); the
// documents must already be in the index (evaluation indexes nothing).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "archivar/export.hpp"
#include "archivar/searcher.hpp"

namespace archivar {

struct EvalScores {
  std::uint64_t queries = 0;  // queries with at least one relevant document
  double mrr_at_10 = 0;       // mean reciprocal rank of the first relevant hit in the top 10
  double recall_at_10 = 0;    // mean share of relevant documents found in the top 10
  double ndcg_at_10 = 0;      // mean nDCG@10, linear gain = grade
};

// One judged query's outcome, for finding the queries a change helps or hurts.
struct QueryEval {
  std::string id;    // the query's "id"
  std::string lang;  // the query's "lang"
  std::string text;  // the query as searched
  std::uint32_t first_relevant =
      0;  // rank (from 1) of the first relevant hit in the top 10; 0: none
  double recall_at_10 = 0;
  double ndcg_at_10 = 0;
};

struct EvalReport {
  std::map<std::string, EvalScores> per_lang;  // keyed by the queries' "lang"
  EvalScores all;
  std::vector<QueryEval> queries;  // every counted query, in the order of queries.jsonl
};

// Runs every judged query of `judged_dir` through `searcher` (top 10, default
// options) and averages the metrics. Throws InputError if the files are
// missing or malformed (naming file and line).
ARCHIVAR_EXPORT EvalReport evaluate(Searcher& searcher, const std::filesystem::path& judged_dir);

// The same with ranking options taken from `base` (sort, title_weight,
// recency, filters, ...); its query, page and page size are replaced.
ARCHIVAR_EXPORT EvalReport evaluate(Searcher& searcher, const std::filesystem::path& judged_dir,
                                    const SearchRequest& base);

}  // namespace archivar
