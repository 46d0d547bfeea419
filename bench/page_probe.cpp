// Same pages, less time? A/B of two library builds on one index: each
// query of a comparison TSV ("kind<TAB>lang<TAB>text", bench/compare/
// prepare.py; kind "phrase" is quoted, "and" sets match_all_words, as
// bench/compare/engine_archivar.cpp does) searched with the request
// defaults, REPS times in turn with the other queries; the fastest
// thread-CPU time of each (CPU time, not wall time: the machine is shared,
// and a search runs on the calling thread). Linked against the shared
// library, so two builds compare by LD_LIBRARY_PATH.
// Usage: page_probe DB QUERIES.tsv [REPS=3] [PAGES.txt]
// Prints per query "µs<TAB>kind<TAB>text"; PAGES.txt gets each query's
// whole first page (ids, scores to 12 digits, copies, totals, did-you-mean),
// one line per hit, for `diff` between builds.
// PAGE_PROBE_SNIPPETS=N (environment) asks for snippets of N code points;
// PAGES.txt then holds each hit's snippet and highlighted title too.
// PAGE_PROBE_FACETS=lang,year,... asks for those facets (PAGES.txt gets
// their counts); PAGE_PROBE_PLAIN=1 turns collapsing off (search_bench's
// features/plain).
#include <time.h>

#include <algorithm>
#include <archivar/searcher.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

struct Query {
  std::string kind;
  std::string text;
};

archivar::SearchRequest request_for(const Query& query) {
  archivar::SearchRequest request;
  request.query = query.kind == "phrase" ? "\"" + query.text + "\"" : query.text;
  request.match_all_words = query.kind == "and";
  static const char* const snippets = std::getenv("PAGE_PROBE_SNIPPETS");
  if (snippets != nullptr)
    request.snippet_length = static_cast<std::uint32_t>(std::stoul(snippets));
  static const char* const facets = std::getenv("PAGE_PROBE_FACETS");
  if (facets != nullptr) {
    const std::string names = facets;
    for (std::size_t at = 0; at <= names.size();) {
      const std::size_t comma = std::min(names.find(',', at), names.size());
      if (comma > at) request.facets.push_back(names.substr(at, comma - at));
      at = comma + 1;
    }
  }
  if (std::getenv("PAGE_PROBE_PLAIN") != nullptr) request.collapse_duplicates = false;
  return request;
}

void write_page(std::ostream& out, const Query& query, const archivar::SearchResults& results) {
  out << "Q\t" << query.kind << '\t' << query.text << "\ttotal " << results.total.estimated << ' '
      << results.total.lower << ' ' << results.total.upper << "\tdym " << results.did_you_mean
      << '\n';
  for (const archivar::Hit& hit : results.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.12g", hit.score);
    out << hit.rank << '\t' << hit.id << '\t' << score << '\t' << hit.copies << '\n';
    if (!hit.snippet.empty() || !hit.title_highlighted.empty()) {
      out << "  " << hit.title_highlighted << "\n  " << hit.snippet << '\n';
    }
  }
  for (const archivar::Facet& facet : results.facets) {
    out << "F\t" << facet.name;
    for (const archivar::FacetValue& value : facet.values)
      out << '\t' << value.value << ' ' << value.count;
    out << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: page_probe DB QUERIES.tsv [REPS] [PAGES.txt]\n";
    return 2;
  }
  try {
    archivar::Searcher searcher(argv[1]);
    std::ifstream in(argv[2]);
    std::vector<Query> queries;
    std::string line;
    while (std::getline(in, line)) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      queries.push_back({line.substr(0, tab), line.substr(line.rfind('\t') + 1)});
    }
    const int reps = argc > 3 ? std::max(1, std::stoi(argv[3])) : 3;
    std::vector<double> best(queries.size(), 1e18);
    std::ofstream pages;
    if (argc > 4) pages.open(argv[4]);
    for (const Query& query : queries) {  // warm-up, and the pages
      const archivar::SearchResults results = searcher.search(request_for(query));
      if (pages.is_open()) write_page(pages, query, results);
    }
    for (int rep = 0; rep < reps; ++rep) {
      for (std::size_t i = 0; i < queries.size(); ++i) {
        const archivar::SearchRequest request = request_for(queries[i]);
        const double start = thread_cpu_us();
        (void)searcher.search(request);
        best[i] = std::min(best[i], thread_cpu_us() - start);
      }
    }
    for (std::size_t i = 0; i < queries.size(); ++i) {
      std::cout << static_cast<long>(best[i]) << '\t' << queries[i].kind << '\t' << queries[i].text
                << '\n';
    }
  } catch (const std::exception& error) {
    std::cerr << "page_probe: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
