// libFuzzer target: search-box string → AST → debug string
// (query/query_syntax). Only parse_query() and to_string() are used: the AST
// itself is being reworked. Contract checked: never throws, never crashes,
// honours its limits, and is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "query/query_syntax.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = archivar::query::parse_query(input);
  const std::string text = archivar::query::to_string(parsed);
  if (archivar::query::to_string(archivar::query::parse_query(input)) != text) std::abort();

  archivar::query::ParseLimits tight;
  tight.max_clauses = 3;
  tight.max_bytes = 64;
  const auto limited = archivar::query::parse_query(input, tight);
  if (limited.clauses.size() > tight.max_clauses) std::abort();
  (void)archivar::query::to_string(limited);
  // The debug form is itself a query string; parsing it must not break.
  (void)archivar::query::to_string(archivar::query::parse_query(text));
  return 0;
}
