// archivar: the command-line front end of the archivar library.
// Thin by design: each subcommand parses options, calls the public API,
// prints, and maps exceptions to exit codes (see command.hpp).
#include <iostream>
#include <string>
#include <vector>

#include "archivar/version.hpp"
#include "command.hpp"

namespace {

const std::vector<archivar::cli::Command>& commands() {
  using namespace archivar::cli;
  static const std::vector<Command> all = {
      {"index", "index articles from JSON Lines (.jsonl[.gz]) and text files", run_index},
      {"search", "search the index (ranked hits, --json, --queries batch)", run_search},
      {"related", "articles most like a given one (more-like-this)", run_related},
      {"suggest", "completions of a search-box prefix (frequent words, titles)", run_suggest},
      {"get", "print a stored article", run_get},
      {"delete", "delete articles by id", run_delete},
      {"stats", "articles per language, terms, size on disk", run_stats},
      {"compact", "rewrite the index into full blocks (after many updates)", run_compact},
      {"analyze", "print the token stream of a text", run_analyze},
      {"eval", "ranking quality (MRR@10, Recall@10, nDCG@10) on a judged query set", run_eval},
      {"serve", "HTTP JSON API and search page over an index", run_serve},
      {"shard", "shard sets: 'shard status' (per shard: reachable, articles, size)", run_shard},
  };
  return all;
}

void print_usage(std::ostream& out) {
  out << "usage: archivar COMMAND [OPTIONS] [ARGS]\n\ncommands:\n";
  for (const auto& command : commands()) {
    out << "  " << command.name << std::string(10 - command.name.size(), ' ') << command.summary
        << "\n";
  }
  out << "\n'archivar COMMAND --help' describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return archivar::cli::kUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return archivar::cli::kOk;
  }
  if (name == "--version") {
    std::cout << "archivar " << archivar::version() << "\n";
    return archivar::cli::kOk;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& command : commands()) {
    if (command.name == name) {
      return archivar::cli::run_guarded(name, [&] { return command.run(args); });
    }
  }
  std::cerr << "archivar: unknown command '" << name << "'\n\n";
  print_usage(std::cerr);
  return archivar::cli::kUsage;
}
