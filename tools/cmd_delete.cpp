// archivar delete: remove articles by id and commit.
#include <iostream>

#include "archivar/index.hpp"
#include "command.hpp"

namespace archivar::cli {

int run_delete(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string db;
  options.add_options()("db", po::value(&db)->required(), "index folder")(
      "id", po::value<std::vector<std::string>>()->required(), "article ids");
  po::positional_options_description positional;
  positional.add("id", -1);
  po::variables_map vm;
  if (!parse_options("delete", "--db PATH ID...", args, options, positional, vm)) return kOk;
  IndexOptions index_options;
  index_options.create = false;
  Index index(db, index_options);
  int exit_code = kOk;
  for (const std::string& id : vm["id"].as<std::vector<std::string>>()) {
    if (index.remove(id)) {
      std::cout << "deleted " << id << "\n";
    } else {
      std::cerr << "archivar delete: no article with id '" << id << "'\n";
      exit_code = kNotFound;
    }
  }
  index.commit();
  return exit_code;
}

}  // namespace archivar::cli
