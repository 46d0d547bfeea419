// Query-string parameters of the HTTP API → archivar::SearchRequest.
//
// Every check names the offending parameter (ParamError::parameter), so the
// server can answer 400 {"error": ..., "parameter": ...}. The limits here are
// the server's, tighter than the library's: they bound the work one request
// can cause.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "archivar/searcher.hpp"

namespace archivar::serve {

struct Limits {
  std::size_t max_query_bytes = 2048;     // q
  std::uint32_t max_page_size = 100;      // size
  std::uint32_t max_page = 1000;          // page
  std::uint32_t max_snippet = 1000;       // snippet (characters)
  std::uint32_t max_facet_size = 100;     // facet_size
  std::size_t max_filters = 32;           // filter (repeated)
  std::size_t max_body_bytes = 8u << 20;  // PUT/POST bodies
  std::uint32_t max_suggestions = 20;     // suggest limit
};

class ParamError : public std::runtime_error {
 public:
  ParamError(std::string parameter, const std::string& message)
      : std::runtime_error(message), parameter_(std::move(parameter)) {}
  [[nodiscard]] const std::string& parameter() const { return parameter_; }

 private:
  std::string parameter_;
};

// Parameter name → its values in order (a name may repeat, e.g. filter).
using Params = std::multimap<std::string, std::string>;

// Which parameters an endpoint accepts beyond the common search ones.
enum class Endpoint { search, related };

// Reads q, lang, from, to, sort, page, size, all, facets, facet_size,
// filter, snippet, highlight (and for related: terms) into `request`.
// Throws ParamError for a malformed or out-of-range value, an unknown
// parameter or a repeated one that may appear once. `terms` receives the
// related endpoint's expand-term count.
void parse_search_params(const Params& params, const Limits& limits, Endpoint endpoint,
                         SearchRequest& request, std::uint32_t& terms);

// Parses an unsigned integer in [min, max]; throws ParamError naming `name`.
std::uint32_t parse_uint(const std::string& name, const std::string& value, std::uint32_t min,
                         std::uint32_t max);

}  // namespace archivar::serve
