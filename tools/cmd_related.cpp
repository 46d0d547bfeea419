// archivar related: the articles most like a given one (more-like-this).
#include <iostream>

#include "archivar/searcher.hpp"
#include "command.hpp"
#include "json_output.hpp"
#include "search_options.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

int run_related(const std::vector<std::string>& args) {
  po::options_description options("options");
  SearcherOptions searcher_options;
  std::string db;
  std::string id;
  std::uint32_t terms = 20;
  SearchRequest request;
  SearchOptionValues values;
  // clang-format off
  options.add_options()
      ("db", po::value(&db)->required(), "index folder")
      ("json", "print JSON (same shape as archivar search)")
      ("lang", po::value(&request.lang), "only articles in this language (de, en)")
      ("from", po::value(&request.date_from), "only articles dated on or after YYYY-MM-DD")
      ("to", po::value(&request.date_to), "only articles dated on or before YYYY-MM-DD")
      ("page", po::value(&request.page)->default_value(1), "page number, from 1")
      ("size", po::value(&request.page_size)->default_value(10), "hits per page (1-1000)")
      ("terms", po::value(&terms)->default_value(20),
       "how many of the article's most telling stemmed terms to search for (1-1000)")
      ("query", po::value(&request.query),
       "only related articles that also match this query")
      ("id", po::value(&id)->required(), "the article's id");
  // clang-format on
  add_search_options(options, values, request);
  add_shard_options(options, searcher_options);
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  if (!parse_options("related", "--db PATH [--json] [--size N] [--page N] [--lang L] ID", args,
                     options, positional, vm)) {
    return kOk;
  }
  const bool json = vm.count("json") != 0;
  apply_search_options(values, json, request);
  Searcher searcher(db, searcher_options);
  const std::optional<SearchResults> results = searcher.related(id, request, terms);
  if (results) warn_missing_shards("related", results->missing_shards);
  if (!results) {
    std::cerr << "archivar related: no article with id '" << id << "'\n";
    return kNotFound;
  }
  if (json) {
    nlohmann::json out = to_json(*results, request);
    out["related_to"] = id;
    std::cout << dump(out) << "\n";
  } else {
    print_results(*results, request);
  }
  return kOk;
}

}  // namespace archivar::cli
