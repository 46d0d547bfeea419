// JSON shapes of the CLI's --json output. Field names are an interface:
// later versions add fields, never rename or remove them.
#pragma once

#include <nlohmann/json.hpp>

#include "archivar/article.hpp"
#include "archivar/evaluation.hpp"
#include "archivar/searcher.hpp"

namespace archivar::cli {

[[nodiscard]] nlohmann::json to_json(const Article& article);
[[nodiscard]] nlohmann::json to_json(const SearchResults& results, const SearchRequest& request);
[[nodiscard]] nlohmann::json to_json(const IndexStats& stats);
[[nodiscard]] nlohmann::json to_json(const EvalReport& report);

// Serializes without throwing on invalid UTF-8 (replaced by U+FFFD).
[[nodiscard]] std::string dump(const nlohmann::json& json, int indent = -1);

}  // namespace archivar::cli
