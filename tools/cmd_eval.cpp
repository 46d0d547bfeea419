// archivar eval: ranking quality of an index on a judged query set.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "archivar/evaluation.hpp"
#include "command.hpp"
#include "json_output.hpp"

namespace archivar::cli {

namespace {

void print_row(const std::string& name, const EvalScores& scores) {
  std::printf("%-8s %8llu %8.3f %10.3f %8.3f\n", name.c_str(),
              static_cast<unsigned long long>(scores.queries), scores.mrr_at_10,
              scores.recall_at_10, scores.ndcg_at_10);
}

// One line per query: id, lang, rank of the first relevant hit (0: not in
// the top 10), recall@10, nDCG@10, query text (tabs and line breaks as
// blanks). Sorting by the third column lists the worst queries.
bool write_per_query(const std::string& path, const EvalReport& report) {
  std::ofstream out(path);
  out << "id\tlang\tfirst_relevant\trecall@10\tndcg@10\tquery\n";
  for (const QueryEval& query : report.queries) {
    std::string text = query.text;
    for (char& c : text) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    out << query.id << '\t' << query.lang << '\t' << query.first_relevant << '\t'
        << query.recall_at_10 << '\t' << query.ndcg_at_10 << '\t' << text << '\n';
  }
  out.close();
  return static_cast<bool>(out);
}

}  // namespace

int run_eval(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string db;
  std::string dir;
  std::string per_query;
  SearchRequest base;
  // clang-format off
  options.add_options()
      ("db", po::value(&db)->required(), "index holding the judged set's documents")
      ("json", "print JSON")
      ("per-query", po::value(&per_query),
       "also write one tab-separated line per query to this file (id, lang, rank of the first "
       "relevant hit or 0, recall@10, nDCG@10, query)")
      ("title-weight", po::value(&base.title_weight)->default_value(base.title_weight),
       "extra weight of query words found in titles (as archivar search --title-weight)")
      ("query-lang-weight",
       po::value(&base.query_lang_weight)->default_value(base.query_lang_weight),
       "boost of articles in the query's language in a mixed-language index (as archivar "
       "search --query-lang-weight)")
      ("set", po::value(&dir)->required(), "judged set folder (queries.jsonl, qrels.tsv)");
  // clang-format on
  po::positional_options_description positional;
  positional.add("set", 1);
  po::variables_map vm;
  if (!parse_options("eval", "--db PATH DIR", args, options, positional, vm)) return kOk;
  Searcher searcher(db);
  const EvalReport report = evaluate(searcher, dir, base);
  if (!per_query.empty() && !write_per_query(per_query, report)) {
    std::cerr << "archivar eval: cannot write " << per_query << "\n";
    return kFailure;
  }
  if (vm.count("json") != 0) {
    std::cout << dump(to_json(report), 2) << "\n";
    return kOk;
  }
  std::printf("%-8s %8s %8s %10s %8s\n", "lang", "queries", "MRR@10", "Recall@10", "nDCG@10");
  for (const auto& [lang, scores] : report.per_lang) print_row(lang, scores);
  if (report.per_lang.size() > 1) print_row("all", report.all);
  return kOk;
}

}  // namespace archivar::cli
