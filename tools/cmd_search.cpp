// archivar search: ranked hits for one query, or a batch of queries.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "archivar/errors.hpp"
#include "archivar/searcher.hpp"
#include "command.hpp"
#include "json_output.hpp"
#include "search_options.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

int run_search(const std::vector<std::string>& args) {
  po::options_description options("options");
  SearcherOptions searcher_options;
  std::string db;
  std::string queries_file;
  SearchRequest request;
  SearchOptionValues values;
  options.add_options()("db", po::value(&db)->required(), "index folder")(
      "json", "print JSON (one object per query)")("lang", po::value(&request.lang),
                                                   "only articles in this language (de, en)")(
      "from", po::value(&request.date_from), "only articles dated on or after YYYY-MM-DD")(
      "to", po::value(&request.date_to), "only articles dated on or before YYYY-MM-DD")(
      "page", po::value(&request.page)->default_value(1), "page number, from 1")(
      "size", po::value(&request.page_size)->default_value(10), "hits per page (1-1000)")(
      "all", "every word must match (AND) instead of any (OR)")(
      "queries", po::value(&queries_file),
      "batch: one query per line from this file ('-': stdin), one result per line out")(
      "query", po::value<std::vector<std::string>>(), "the query (words are joined)");
  add_search_options(options, values, request);
  add_shard_options(options, searcher_options);
  po::positional_options_description positional;
  positional.add("query", -1);
  po::variables_map vm;
  if (!parse_options("search", "--db PATH [--json] [--lang L] [--from D] [--to D] QUERY", args,
                     options, positional, vm)) {
    return kOk;
  }
  const bool json = vm.count("json") != 0;
  request.match_all_words = vm.count("all") != 0;
  apply_search_options(values, json, request);
  Searcher searcher(db, searcher_options);

  if (!queries_file.empty()) {
    std::ifstream file_stream;
    std::istream* in = &std::cin;
    if (queries_file != "-") {
      file_stream.open(queries_file);
      if (!file_stream) throw InputError("cannot open query file " + queries_file);
      in = &file_stream;
    }
    std::string line;
    while (std::getline(*in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      request.query = line;
      const SearchResults results = searcher.search(request);
      warn_missing_shards("search", results.missing_shards);
      if (json) {
        std::cout << dump(to_json(results, request)) << "\n";
      } else {
        std::cout << "query: " << line << "\n";
        std::cout.flush();
        print_results(results, request);
        std::fflush(stdout);
      }
    }
    return kOk;
  }

  if (vm.count("query") != 0) {
    for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
      if (!request.query.empty()) request.query += ' ';
      request.query += word;
    }
  }
  const SearchResults results = searcher.search(request);
  warn_missing_shards("search", results.missing_shards);
  if (json) {
    std::cout << dump(to_json(results, request)) << "\n";
  } else {
    print_results(results, request);
  }
  return kOk;
}

}  // namespace archivar::cli
