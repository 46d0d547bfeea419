// libFuzzer target: search-box string → AST → debug string
// (query/query_syntax). Only parse_query() and to_string() are used: the AST
// is walked only to count its leaves. Contract checked: never throws, never
// crashes, honours its limits, and is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "query/query_syntax.hpp"

namespace {

// Words, phrases, prefixes, fields and date ranges (what max_terms limits).
std::size_t leaves(const archivar::query::Node& node) {
  using Kind = archivar::query::Node::Kind;
  const bool inner = node.kind == Kind::group || node.kind == Kind::all || node.kind == Kind::any ||
                     node.kind == Kind::near;
  if (!inner) return 1;
  std::size_t count = 0;
  for (const auto& child : node.children) count += leaves(child);
  return count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = archivar::query::parse_query(input);
  const std::string text = archivar::query::to_string(parsed);
  if (archivar::query::to_string(archivar::query::parse_query(input)) != text) std::abort();

  archivar::query::ParseLimits tight;
  tight.max_terms = 3;
  tight.max_bytes = 64;
  tight.max_depth = 2;
  const auto limited = archivar::query::parse_query(input, tight);
  if (leaves(limited.root) > tight.max_terms) std::abort();
  (void)archivar::query::to_string(limited);
  // The debug form is itself a query string; parsing it must not break.
  (void)archivar::query::to_string(archivar::query::parse_query(text));
  return 0;
}
