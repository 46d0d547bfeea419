// archivar compact: rewrite an index into full blocks (after many updates).
#include <chrono>
#include <cstdio>

#include "archivar/index.hpp"
#include "command.hpp"

namespace archivar::cli {

int run_compact(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string db;
  CompactOptions compact_options;
  options.add_options()("db", po::value(&db)->required(), "index folder")(
      "block-size",
      po::value(&compact_options.block_size)->default_value(compact_options.block_size),
      "B-tree block size of the compacted index in bytes (2048-65536, a power of two)");
  po::positional_options_description positional;
  po::variables_map vm;
  if (!parse_options("compact", "--db PATH [--block-size BYTES]", args, options, positional, vm)) {
    return kOk;
  }
  const auto start = std::chrono::steady_clock::now();
  const CompactResult result = compact_index(db, compact_options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto megabytes = [](std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; };
  std::printf("compacted %s: %llu articles, %.1f MB -> %.1f MB in %.1f s\n", db.c_str(),
              static_cast<unsigned long long>(result.articles), megabytes(result.bytes_before),
              megabytes(result.bytes_after), seconds);
  return kOk;
}

}  // namespace archivar::cli
