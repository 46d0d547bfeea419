// Shared plumbing of the `archivar` subcommands: exit codes, option parsing
// and the mapping of archivar's exceptions to messages and exit codes.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <string>
#include <vector>

namespace archivar::cli {

namespace po = boost::program_options;

// Exit codes of every subcommand.
enum ExitCode : int {
  kOk = 0,
  kFailure = 1,   // bad data or environment: index missing/locked/corrupt, unreadable input
  kUsage = 2,     // bad command line or misuse (unknown option, invalid date, page 0)
  kRejected = 3,  // `index` finished, but some records were rejected
  kNotFound = 4,  // `get`/`delete`: an id is not in the index
};

// A subcommand: its name, one-line summary and entry point (args exclude
// the program and subcommand names).
struct Command {
  std::string name;
  std::string summary;
  std::function<int(const std::vector<std::string>& args)> run;
};

// Parses `args` against `options` (+ positional), handling --help.
// Returns false if help was printed (the caller returns kOk).
bool parse_options(const std::string& command, const std::string& usage,
                   const std::vector<std::string>& args, const po::options_description& options,
                   const po::positional_options_description& positional, po::variables_map& vm);

// Runs `body`, mapping exceptions to a message on stderr and an exit code.
int run_guarded(const std::string& command, const std::function<int()>& body);

int run_index(const std::vector<std::string>& args);
int run_search(const std::vector<std::string>& args);
int run_related(const std::vector<std::string>& args);
int run_get(const std::vector<std::string>& args);
int run_delete(const std::vector<std::string>& args);
int run_stats(const std::vector<std::string>& args);
int run_analyze(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);
int run_suggest(const std::vector<std::string>& args);
int run_serve(const std::vector<std::string>& args);
int run_shard(const std::vector<std::string>& args);
int run_compact(const std::vector<std::string>& args);

}  // namespace archivar::cli
