// archivar stats: what the index holds.
#include <cstdio>
#include <iostream>

#include "archivar/searcher.hpp"
#include "command.hpp"
#include "json_output.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

int run_stats(const std::vector<std::string>& args) {
  po::options_description options("options");
  SearcherOptions searcher_options;
  std::string db;
  options.add_options()("db", po::value(&db)->required(), "index folder")("json", "print JSON");
  add_shard_options(options, searcher_options);
  po::positional_options_description positional;
  po::variables_map vm;
  if (!parse_options("stats", "--db PATH [--json]", args, options, positional, vm)) return kOk;
  Searcher searcher(db, searcher_options);
  const IndexStats stats = searcher.stats();
  if (vm.count("json") != 0) {
    std::cout << dump(to_json(stats), 2) << "\n";
    return kOk;
  }
  std::printf("index:           %s\n", stats.path.c_str());
  std::printf("articles:        %llu\n", static_cast<unsigned long long>(stats.articles));
  for (const auto& [lang, count] : stats.articles_per_lang) {
    std::printf("  %-14s %llu\n", (lang + ":").c_str(), static_cast<unsigned long long>(count));
  }
  std::printf("distinct terms:  %llu\n", static_cast<unsigned long long>(stats.distinct_terms));
  std::printf("average length:  %.1f words\n", stats.average_length);
  if (stats.shards > 1) std::printf("shards:          %u\n", stats.shards);
  warn_missing_shards("stats", stats.missing_shards);
  std::printf("size on disk:    %.1f MiB\n",
              static_cast<double>(stats.bytes_on_disk) / (1024.0 * 1024.0));
  return kOk;
}

}  // namespace archivar::cli
