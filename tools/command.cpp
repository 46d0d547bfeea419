#include "command.hpp"

#include <iostream>

#include "archivar/errors.hpp"

namespace archivar::cli {

namespace {

// Thrown to report a bad command line found after parsing (e.g. a missing
// required option); mapped to kUsage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace

bool parse_options(const std::string& command, const std::string& usage,
                   const std::vector<std::string>& args, const po::options_description& options,
                   const po::positional_options_description& positional, po::variables_map& vm) {
  po::options_description all = options;
  all.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  if (vm.count("help") != 0) {
    std::cout << "usage: archivar " << command << " " << usage << "\n\n" << all << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

int run_guarded(const std::string& command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const po::error& error) {
    std::cerr << "archivar " << command << ": " << error.what() << " (see archivar " << command
              << " --help)\n";
    return kUsage;
  } catch (const LogicError& error) {
    std::cerr << "archivar " << command << ": " << error.what() << "\n";
    return kUsage;
  } catch (const RuntimeError& error) {
    std::cerr << "archivar " << command << ": " << error.what() << "\n";
    return kFailure;
  } catch (const std::exception& error) {
    std::cerr << "archivar " << command << ": unexpected error: " << error.what() << "\n";
    return kFailure;
  }
}

}  // namespace archivar::cli
