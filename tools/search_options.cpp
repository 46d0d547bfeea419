#include "search_options.hpp"

#include <unistd.h>

#include <cstdio>

#include "archivar/errors.hpp"
#include "result_summary.hpp"

namespace archivar::cli {

void add_search_options(po::options_description& options, SearchOptionValues& values,
                        SearchRequest& request) {
  // clang-format off
  options.add_options()
      ("sort", po::value(&values.sort)->default_value("relevance"),
       "relevance | newest | oldest | recency (relevance plus a boost for recent articles: "
       "score = BM25 + recency-weight * maxBM25 * 2^(-age/half-life))")
      ("title-weight", po::value(&request.title_weight)->default_value(request.title_weight),
       "extra weight of query words found in the title (0 = off)")
      ("query-lang", po::value(&request.query_lang),
       "language of the query (de, en, ...); default: detected when confident")
      ("query-lang-weight",
       po::value(&request.query_lang_weight)->default_value(request.query_lang_weight),
       "mixed-language index: boost of articles in the query's language, relative to the best "
       "possible BM25 score (0 = off)")
      ("half-life", po::value(&request.recency_half_life_days)->default_value(365.0),
       "--sort recency: days after which the recency boost halves")
      ("recency-weight", po::value(&request.recency_weight)->default_value(0.5),
       "--sort recency: boost of an article from the reference day, relative to the best "
       "possible BM25 score")
      ("recency-from", po::value(&request.recency_reference),
       "--sort recency: reference date YYYY-MM-DD (default: the newest date in the index)")
      ("facet", po::value(&values.facets),
       "count values over all matches: lang,year,month,source,tag,author (comma list, "
       "repeatable)")
      ("facet-size", po::value(&request.facet_size)->default_value(10),
       "most frequent values shown per facet")
      ("facet-check-at-least", po::value(&request.facet_check_at_least)->default_value(0),
       "count facets over at least this many matches (0 = all; lower is faster on huge "
       "result sets)")
      ("filter", po::value(&request.filters),
       "only articles with this facet value, name:value (e.g. source:reuters, year:2004, "
       "month:2004-05, tag:X, author:Y, lang:de); repeatable: same name OR, different AND")
      ("snippet", po::value(&request.snippet_length)->default_value(0),
       "show a snippet of about N characters around the best passage (0 = none)")
      ("highlight", po::value(&values.highlight)->default_value("auto"),
       "marking of matched words in snippets: auto (ANSI on a terminal, else plain) | plain "
       "(\u00ABword\u00BB) | ansi | html (<mark>, text escaped) | none")
      ("auto-correct", po::bool_switch(&request.auto_correct),
       "if nothing matches, search for the spelling suggestion instead (\"did you mean\")")
      ("no-collapse", po::bool_switch(&values.no_collapse),
       "show near-duplicates (syndicated or updated copies of a story) as separate hits; by "
       "default each story appears once and its hit says how many matching articles it stands for "
       "(itself included)")
      ("no-feedback", po::bool_switch(&values.no_feedback),
       "do not re-weight a descriptive query (10+ words, no '?') by the best words of its own "
       "top hits (pseudo-relevance feedback: one ranked pass fewer; matches are the same)");
  // clang-format on
}

void apply_search_options(const SearchOptionValues& values, bool json, SearchRequest& request) {
  if (values.sort == "relevance") {
    request.sort = SortOrder::relevance;
  } else if (values.sort == "newest") {
    request.sort = SortOrder::newest;
  } else if (values.sort == "oldest") {
    request.sort = SortOrder::oldest;
  } else if (values.sort == "recency") {
    request.sort = SortOrder::relevance_recency;
  } else {
    throw InvalidArgumentError("unknown sort order '" + values.sort +
                               "' (relevance, newest, oldest, recency)");
  }
  if (values.highlight == "auto") {
    request.highlight = !json && isatty(STDOUT_FILENO) != 0 ? Highlight::ansi : Highlight::plain;
  } else if (values.highlight == "plain") {
    request.highlight = Highlight::plain;
  } else if (values.highlight == "ansi") {
    request.highlight = Highlight::ansi;
  } else if (values.highlight == "html") {
    request.highlight = Highlight::html;
  } else if (values.highlight == "none") {
    request.highlight = Highlight::none;
  } else {
    throw InvalidArgumentError("unknown highlight mode '" + values.highlight +
                               "' (auto, plain, ansi, html, none)");
  }
  request.collapse_duplicates = !values.no_collapse;
  request.feedback_expansion = !values.no_feedback;
  request.facets.clear();
  for (const std::string& list : values.facets) {
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      if (comma > start) request.facets.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
}

void print_results(const SearchResults& results, const SearchRequest& request) {
  const std::uint64_t first = std::uint64_t{request.page - 1} * request.page_size + 1;
  if (results.corrected) {
    std::printf("nothing found; showing results for: %s\n", results.did_you_mean.c_str());
  } else if (!results.did_you_mean.empty()) {
    std::printf("did you mean: %s\n", results.did_you_mean.c_str());
  }
  std::printf("%s\n",
              result_summary(results.total, first, results.hits.size(), request.page).c_str());
  for (const Hit& hit : results.hits) {
    std::printf("%4u. %-24s %-10s %-2s %7.3f  %s\n", hit.rank, hit.id.c_str(),
                hit.date.empty() ? "-" : hit.date.c_str(),
                hit.lang.empty() ? "-" : hit.lang.c_str(), hit.score,
                (hit.title_highlighted.empty() ? hit.title : hit.title_highlighted).c_str());
    if (hit.copies > 1) std::printf("      [+%u copies]\n", hit.copies - 1);
    if (!hit.snippet.empty()) std::printf("      %s\n", hit.snippet.c_str());
  }
  for (const Facet& facet : results.facets) {
    std::printf("%s:", facet.name.c_str());
    for (const FacetValue& value : facet.values) {
      std::printf(" %s (%llu)", value.value.c_str(), static_cast<unsigned long long>(value.count));
    }
    if (facet.distinct > facet.values.size()) {
      std::printf(" ... %llu more",
                  static_cast<unsigned long long>(facet.distinct - facet.values.size()));
    }
    std::printf("\n");
  }
}

}  // namespace archivar::cli
