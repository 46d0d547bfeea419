// Options of every reading subcommand for shard sets: --allow-partial and
// --remote-timeout, and the warning about missing shards.
#pragma once

#include <string>
#include <vector>

#include "archivar/searcher.hpp"
#include "command.hpp"

namespace archivar::cli {

// Adds --allow-partial and --remote-timeout MS (filled into `values`).
void add_shard_options(po::options_description& options, SearcherOptions& values);

// "archivar CMD: answering without shard 1/3 (remote ...)" on stderr, one
// line per missing shard; nothing when none is missing.
void warn_missing_shards(const std::string& command, const std::vector<std::string>& missing);

}  // namespace archivar::cli
