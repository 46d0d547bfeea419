// archivar suggest: search-box completions for a prefix.
#include <cstdio>
#include <iostream>

#include "archivar/searcher.hpp"
#include "command.hpp"
#include "json_output.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

namespace {

const char* kind_name(SuggestionKind kind) {
  return kind == SuggestionKind::title ? "title" : "term";
}

}  // namespace

int run_suggest(const std::vector<std::string>& args) {
  po::options_description options("options");
  SearcherOptions searcher_options;
  std::string db;
  std::uint32_t limit = 10;
  // clang-format off
  options.add_options()
      ("db", po::value(&db)->required(), "index folder")
      ("json", "print JSON: {\"prefix\", \"suggestions\": [{\"text\", \"kind\", \"score\"}]}")
      ("limit", po::value(&limit)->default_value(10),
       "completions of each kind (frequent words, then titles), 1-100")
      ("prefix", po::value<std::vector<std::string>>(),
       "what was typed so far (words are joined); its last word is completed");
  // clang-format on
  add_shard_options(options, searcher_options);
  po::positional_options_description positional;
  positional.add("prefix", -1);
  po::variables_map vm;
  if (!parse_options("suggest", "--db PATH [--json] [--limit N] PREFIX", args, options, positional,
                     vm)) {
    return kOk;
  }
  std::string prefix;
  if (vm.count("prefix") != 0) {
    for (const std::string& word : vm["prefix"].as<std::vector<std::string>>()) {
      if (!prefix.empty()) prefix += ' ';
      prefix += word;
    }
  }
  Searcher searcher(db, searcher_options);
  const std::vector<Suggestion> suggestions = searcher.suggest(prefix, limit);
  if (vm.count("json") != 0) {
    nlohmann::json list = nlohmann::json::array();
    for (const Suggestion& suggestion : suggestions) {
      list.push_back({{"text", suggestion.text},
                      {"kind", kind_name(suggestion.kind)},
                      {"score", suggestion.score}});
    }
    std::cout << dump({{"prefix", prefix}, {"suggestions", std::move(list)}}) << "\n";
  } else {
    for (const Suggestion& suggestion : suggestions) {
      std::printf("%-5s %6.3f  %s\n", kind_name(suggestion.kind), suggestion.score,
                  suggestion.text.c_str());
    }
  }
  return kOk;
}

}  // namespace archivar::cli
