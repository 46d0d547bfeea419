#include "serve/request_params.hpp"

#include <charconv>
#include <set>

namespace archivar::serve {

namespace {

const std::set<std::string>& facet_names() {
  static const std::set<std::string> names = {"lang", "year", "month", "source", "tag", "author"};
  return names;
}

bool is_date(const std::string& value) {
  if (value.size() != 10 || value[4] != '-' || value[7] != '-') return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (value[i] < '0' || value[i] > '9') return false;
  }
  return true;
}

bool is_lang(const std::string& value) {
  if (value.empty() || value.size() > 8) return false;
  for (const char c : value) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) parts.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

}  // namespace

std::uint32_t parse_uint(const std::string& name, const std::string& value, std::uint32_t min,
                         std::uint32_t max) {
  std::uint32_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
    throw ParamError(name, name + " must be a whole number, not '" + value.substr(0, 40) + "'");
  }
  if (number < min || number > max) {
    throw ParamError(
        name, name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return number;
}

void parse_search_params(const Params& params, const Limits& limits, Endpoint endpoint,
                         SearchRequest& request, std::uint32_t& terms) {
  static const std::set<std::string> repeatable = {"filter", "facets"};
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& name = it->first;
    if (params.count(name) > 1 && repeatable.count(name) == 0) {
      throw ParamError(name, name + " may be given only once");
    }
  }
  for (const auto& [name, value] : params) {
    if (name == "q") {
      if (value.size() > limits.max_query_bytes) {
        throw ParamError("q",
                         "q is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
      }
      request.query = value;
    } else if (name == "lang") {
      if (!value.empty() && !is_lang(value)) {
        throw ParamError("lang", "lang must be a language code such as de or en");
      }
      request.lang = value;
    } else if (name == "query_lang") {
      // SearchRequest::query_lang: the language the query is written in.
      if (value.size() != 2 || !is_lang(value) || value.find('-') != std::string::npos) {
        throw ParamError("query_lang",
                         "query_lang must be a two-letter lower-case language code such as de or "
                         "en");
      }
      request.query_lang = value;
    } else if (name == "from" || name == "to") {
      if (!value.empty() && !is_date(value)) {
        throw ParamError(name, name + " must be a date YYYY-MM-DD");
      }
      (name == "from" ? request.date_from : request.date_to) = value;
    } else if (name == "sort") {
      if (value == "relevance" || value.empty()) {
        request.sort = SortOrder::relevance;
      } else if (value == "newest") {
        request.sort = SortOrder::newest;
      } else if (value == "oldest") {
        request.sort = SortOrder::oldest;
      } else if (value == "recency") {
        request.sort = SortOrder::relevance_recency;
      } else {
        throw ParamError("sort", "sort must be relevance, newest, oldest or recency");
      }
    } else if (name == "page") {
      request.page = parse_uint("page", value, 1, limits.max_page);
    } else if (name == "size") {
      request.page_size = parse_uint("size", value, 1, limits.max_page_size);
    } else if (name == "all") {
      if (value != "0" && value != "1" && value != "true" && value != "false") {
        throw ParamError("all", "all must be 1, 0, true or false");
      }
      request.match_all_words = value == "1" || value == "true";
    } else if (name == "collapse") {
      if (value != "0" && value != "1" && value != "true" && value != "false") {
        throw ParamError("collapse", "collapse must be 1, 0, true or false");
      }
      request.collapse_duplicates = value == "1" || value == "true";
    } else if (name == "feedback") {
      if (value != "0" && value != "1" && value != "true" && value != "false") {
        throw ParamError("feedback", "feedback must be 1, 0, true or false");
      }
      request.feedback_expansion = value == "1" || value == "true";
    } else if (name == "facets") {
      for (const std::string& facet : split_commas(value)) {
        if (facet_names().count(facet) == 0) {
          throw ParamError("facets", "unknown facet '" + facet.substr(0, 40) +
                                         "' (lang, year, month, source, tag, author)");
        }
        request.facets.push_back(facet);
      }
    } else if (name == "facet_size") {
      request.facet_size = parse_uint("facet_size", value, 1, limits.max_facet_size);
    } else if (name == "filter") {
      const std::size_t colon = value.find(':');
      if (colon == std::string::npos || colon + 1 == value.size() ||
          facet_names().count(value.substr(0, colon)) == 0) {
        throw ParamError("filter",
                         "filter must be name:value with name lang, year, month, source, tag or "
                         "author");
      }
      if (request.filters.size() >= limits.max_filters) {
        throw ParamError("filter", "at most " + std::to_string(limits.max_filters) + " filters");
      }
      request.filters.push_back(value);
    } else if (name == "snippet") {
      request.snippet_length = parse_uint("snippet", value, 0, limits.max_snippet);
    } else if (name == "highlight") {
      if (value == "html") {
        request.highlight = Highlight::html;
      } else if (value == "plain") {
        request.highlight = Highlight::plain;
      } else if (value == "none") {
        request.highlight = Highlight::none;
      } else {
        throw ParamError("highlight", "highlight must be html, plain or none");
      }
    } else if (name == "terms" && endpoint == Endpoint::related) {
      terms = parse_uint("terms", value, 1, 100);
    } else {
      throw ParamError(name, "unknown parameter '" + name.substr(0, 40) + "'");
    }
  }
}

}  // namespace archivar::serve
