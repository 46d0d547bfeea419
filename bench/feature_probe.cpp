// What do snippets, facets and collapsing add to a plain query, with and
// without the Searcher's second thread? Issue 4's measure, as wall time per
// query instead of search_bench's run averages: each query of a comparison
// TSV ("kind<TAB>lang<TAB>text", bench/compare/prepare.py; the text is
// searched as typed, top 10) is searched by one Searcher per configuration,
// each Searcher running all queries in turn (so its caches see consecutive
// requests, as a server's), the configurations rotating from round to
// round; the fastest wall time of each query and configuration over REPS
// rounds counts (the machine is shared; the fastest is the least
// disturbed). Wall time, because the "_thread" configurations
// (SearcherOptions::facet_thread and snippet_thread) use a second thread.
// Usage: feature_probe DB QUERIES.tsv [REPS=5] [CONFIGS]
// CONFIGS: comma-separated configuration names (default: all; e.g.
// "all_three" alone for a profile). Prints per configuration the mean of
// the per-query fastest times (µs) and its ratio to "plain" (no snippets,
// facets or collapsing) when plain ran.
// Snippets: 200 code points; facets: lang, year, source over every match.
#include <algorithm>
#include <archivar/searcher.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct Configuration {
  const char* name;
  bool snippets;
  bool facets;
  bool collapse;
  bool threads;  // SearcherOptions::facet_thread and snippet_thread
};

constexpr Configuration kConfigurations[] = {
    {"plain", false, false, false, false},         {"snippets", true, false, false, false},
    {"snippets_thread", true, false, false, true}, {"facets", false, true, false, false},
    {"facets_thread", false, true, false, true},   {"collapse", false, false, true, false},
    {"all_three", true, true, true, false},        {"all_three_thread", true, true, true, true},
};

archivar::SearchRequest request_for(const std::string& text, const Configuration& configuration) {
  archivar::SearchRequest request;
  request.query = text;
  if (configuration.snippets) request.snippet_length = 200;
  if (configuration.facets) request.facets = {"lang", "year", "source"};
  request.collapse_duplicates = configuration.collapse;
  return request;
}

int run(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: feature_probe DB QUERIES.tsv [REPS=5] [CONFIGS]\n";
    return 2;
  }
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    const std::size_t tab = line.rfind('\t');
    if (tab != std::string::npos && tab + 1 < line.size()) queries.push_back(line.substr(tab + 1));
  }
  if (queries.empty()) {
    std::cerr << "feature_probe: no queries in " << argv[2] << "\n";
    return 1;
  }
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  std::vector<Configuration> configurations;
  const std::string wanted = argc > 4 ? "," + std::string(argv[4]) + "," : std::string();
  for (const Configuration& configuration : kConfigurations) {
    if (wanted.empty() ||
        wanted.find("," + std::string(configuration.name) + ",") != std::string::npos) {
      configurations.push_back(configuration);
    }
  }
  if (configurations.empty()) {
    std::cerr << "feature_probe: no configuration named in " << argv[4] << "\n";
    return 2;
  }
  const std::size_t kCount = configurations.size();
  std::vector<std::unique_ptr<archivar::Searcher>> searchers;
  for (const Configuration& configuration : configurations) {
    archivar::SearcherOptions options;
    options.facet_thread = configuration.threads;
    options.snippet_thread = configuration.threads;
    searchers.push_back(std::make_unique<archivar::Searcher>(argv[1], options));
  }
  std::vector<std::vector<double>> fastest(kCount, std::vector<double>(queries.size(), 1e300));
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t turn = 0; turn < kCount; ++turn) {
      const std::size_t c = (turn + static_cast<std::size_t>(round)) % kCount;
      for (std::size_t q = 0; q < queries.size(); ++q) {
        const archivar::SearchRequest request = request_for(queries[q], configurations[c]);
        const auto start = std::chrono::steady_clock::now();
        const archivar::SearchResults results = searchers[c]->search(request);
        const double micros =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count();
        if (results.hits.size() > request.page_size) return 1;  // keeps the call
        fastest[c][q] = std::min(fastest[c][q], micros);
      }
    }
  }
  const auto mean = [&](std::size_t c) {
    double sum = 0;
    for (const double micros : fastest[c]) sum += micros;
    return sum / static_cast<double>(queries.size());
  };
  const bool has_plain = std::string(configurations[0].name) == "plain";
  for (std::size_t c = 0; c < kCount; ++c) {
    if (has_plain) {
      std::printf("%-17s %8.0f us  %.2f\n", configurations[c].name, mean(c), mean(c) / mean(0));
    } else {
      std::printf("%-17s %8.0f us\n", configurations[c].name, mean(c));
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "feature_probe: " << error.what() << "\n";
    return 1;
  }
}
