// --allow-partial, --remote-timeout and the missing-shard warning.
#include "shard_options.hpp"

#include <iostream>

namespace archivar::cli {

void add_shard_options(po::options_description& options, SearcherOptions& values) {
  options.add_options()(
      "allow-partial", po::bool_switch(&values.allow_partial),
      "shard set: answer from the shards that are up and name the missing ones (stderr; "
      "\"missing_shards\" in --json) instead of failing")(
      "remote-timeout",
      po::value(&values.remote_timeout_ms)->default_value(values.remote_timeout_ms),
      "shard set: milliseconds a remote shard may take per network operation (0: no limit)")(
      "connect-timeout",
      po::value(&values.connect_timeout_ms)->default_value(values.connect_timeout_ms),
      "shard set: milliseconds to connect to a remote shard");
}

void warn_missing_shards(const std::string& command, const std::vector<std::string>& missing) {
  for (const std::string& shard : missing) {
    std::cerr << "archivar " << command << ": answering without " << shard << "\n";
  }
}

}  // namespace archivar::cli
