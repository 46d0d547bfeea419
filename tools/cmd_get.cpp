// archivar get: print stored articles by id.
#include <iostream>

#include "archivar/searcher.hpp"
#include "command.hpp"
#include "json_output.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

namespace {

void print_text(const Article& article) {
  std::cout << "id:     " << article.id << "\n"
            << "title:  " << article.title << "\n"
            << "date:   " << article.date << "\n"
            << "lang:   " << article.lang << "\n";
  if (!article.url.empty()) std::cout << "url:    " << article.url << "\n";
  if (!article.author.empty()) std::cout << "author: " << article.author << "\n";
  if (!article.source.empty()) std::cout << "source: " << article.source << "\n";
  if (!article.tags.empty()) {
    std::cout << "tags:  ";
    for (const auto& tag : article.tags) std::cout << " " << tag;
    std::cout << "\n";
  }
  std::cout << "\n" << article.body << "\n";
}

}  // namespace

int run_get(const std::vector<std::string>& args) {
  po::options_description options("options");
  SearcherOptions searcher_options;
  std::string db;
  options.add_options()("db", po::value(&db)->required(), "index folder")(
      "json", "print the article as one JSON object per line")(
      "id", po::value<std::vector<std::string>>()->required(), "article ids");
  add_shard_options(options, searcher_options);
  po::positional_options_description positional;
  positional.add("id", -1);
  po::variables_map vm;
  if (!parse_options("get", "--db PATH [--json] ID...", args, options, positional, vm)) return kOk;
  Searcher searcher(db, searcher_options);
  int exit_code = kOk;
  bool first = true;
  for (const std::string& id : vm["id"].as<std::vector<std::string>>()) {
    const auto article = searcher.get(id);
    if (!article) {
      std::cerr << "archivar get: no article with id '" << id << "'\n";
      exit_code = kNotFound;
      continue;
    }
    if (vm.count("json") != 0) {
      std::cout << dump(to_json(*article)) << "\n";
    } else {
      if (!first) std::cout << "\n----\n\n";
      print_text(*article);
    }
    first = false;
  }
  return exit_code;
}

}  // namespace archivar::cli
