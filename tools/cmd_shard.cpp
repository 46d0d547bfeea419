// archivar shard status: per shard of a set, reachable, articles, size.
#include <cstdio>
#include <iostream>

#include "archivar/shards.hpp"
#include "command.hpp"
#include "json_output.hpp"
#include "shard_options.hpp"

namespace archivar::cli {

namespace {

int run_status(const std::vector<std::string>& args) {
  po::options_description options("options");
  SearcherOptions searcher_options;
  std::string db;
  options.add_options()("db", po::value(&db)->required(), "shard set folder")("json", "print JSON");
  add_shard_options(options, searcher_options);
  po::positional_options_description positional;
  po::variables_map vm;
  if (!parse_options("shard status", "--db SET [--json] [--remote-timeout MS]", args, options,
                     positional, vm)) {
    return kOk;
  }
  const std::vector<ShardStatus> statuses = shard_status(db, searcher_options);
  bool all_up = true;
  for (const ShardStatus& status : statuses) all_up = all_up && status.reachable;
  if (vm.count("json") != 0) {
    nlohmann::json out = nlohmann::json::array();
    for (const ShardStatus& status : statuses) {
      out.push_back({{"name", status.name},
                     {"location", status.location},
                     {"remote", status.remote},
                     {"reachable", status.reachable},
                     {"articles", status.articles},
                     {"bytes_on_disk", status.bytes_on_disk},
                     {"error", status.error}});
    }
    std::cout << dump(out, 2) << "\n";
  } else {
    for (const ShardStatus& status : statuses) {
      if (status.reachable) {
        std::printf("%-40s up    %10llu articles  %8.1f MiB\n", status.name.c_str(),
                    static_cast<unsigned long long>(status.articles),
                    static_cast<double>(status.bytes_on_disk) / (1024.0 * 1024.0));
      } else {
        std::printf("%-40s DOWN  %s\n", status.name.c_str(), status.error.c_str());
      }
    }
  }
  return all_up ? kOk : kFailure;
}

}  // namespace

int run_shard(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << "usage: archivar shard status --db SET [--json] [--remote-timeout MS]\n"
                 "  per shard of a shard set: reachable, articles, size on disk (exit 1 if a "
                 "shard is down)\n";
    return args.empty() ? kUsage : kOk;
  }
  if (args[0] == "status") return run_status({args.begin() + 1, args.end()});
  std::cerr << "archivar shard: unknown subcommand '" << args[0] << "' (status)\n";
  return kUsage;
}

}  // namespace archivar::cli
