// Options and text output shared by `archivar search` and `archivar related`:
// ranking, facets, filters, snippets, and the human-readable result list.
#pragma once

#include <string>
#include <vector>

#include "archivar/searcher.hpp"
#include "command.hpp"

namespace archivar::cli {

// Raw values of the shared options before they become a SearchRequest.
struct SearchOptionValues {
  std::string sort = "relevance";
  std::vector<std::string> facets;  // each may be a comma-separated list
  std::string highlight = "auto";
  bool no_collapse = false;  // --no-collapse
  bool no_feedback = false;  // --no-feedback
};

// Adds --sort, --title-weight, --half-life, --recency-weight, --recency-from,
// --facet, --facet-size, --facet-check-at-least, --filter, --snippet,
// --highlight, --no-collapse, --no-feedback.
void add_search_options(po::options_description& options, SearchOptionValues& values,
                        SearchRequest& request);

// Fills the request from the parsed values. Throws InvalidArgumentError for an
// unknown sort order or highlight mode.
void apply_search_options(const SearchOptionValues& values, bool json, SearchRequest& request);

// Prints the result list (rank, id, date, lang, score, title, "[+N copies]"
// for collapsed near-duplicates; snippets
// indented below their hit; facets after the hits).
void print_results(const SearchResults& results, const SearchRequest& request);

}  // namespace archivar::cli
