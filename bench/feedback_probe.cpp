// What feedback expansion costs per descriptive query: each query of a
// queries file (the comparison's TSV, text in the last column) searched
// with feedback on and off, alternating, the fastest of REPS thread-CPU
// times of each (CPU time, not wall time: the machine is shared, and a
// search runs on the calling thread). Linked against the shared library,
// so two builds compare by LD_LIBRARY_PATH on the same index; the hash of
// each query's top 10 ids shows whether the builds rank alike.
// Usage: feedback_probe DB QUERIES.tsv [REPS=5]
// Prints: feedback-on µs, feedback-off µs, top-10 hash, query; then totals.
#include <time.h>

#include <algorithm>
#include <archivar/searcher.hpp>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: feedback_probe DB QUERIES.tsv [REPS]\n";
    return 2;
  }
  try {
    archivar::Searcher searcher(argv[1]);
    std::ifstream in(argv[2]);
    std::vector<std::string> queries;
    std::string line;
    while (std::getline(in, line)) queries.push_back(line.substr(line.rfind('\t') + 1));
    const int reps = argc > 3 ? std::max(1, std::stoi(argv[3])) : 5;
    double total[2] = {0, 0};
    for (const std::string& query : queries) {
      double best[2] = {1e18, 1e18};
      std::string top;
      for (int rep = 0; rep < reps; ++rep) {
        for (int off = 0; off < 2; ++off) {
          archivar::SearchRequest request;
          request.query = query;
          request.feedback_expansion = off == 0;
          const double start = thread_cpu_us();
          const archivar::SearchResults results = searcher.search(request);
          best[off] = std::min(best[off], thread_cpu_us() - start);
          if (off == 0 && rep == 0) {
            for (const archivar::Hit& hit : results.hits) top += hit.id + ',';
          }
        }
      }
      total[0] += best[0];
      total[1] += best[1];
      std::cout << static_cast<long>(best[0]) << '\t' << static_cast<long>(best[1]) << '\t'
                << std::hash<std::string>{}(top) % 100000 << '\t' << query.substr(0, 60) << '\n';
    }
    std::cout << "total feedback " << static_cast<long>(total[0]) << " us, no feedback "
              << static_cast<long>(total[1]) << " us\n";
  } catch (const std::exception& error) {
    std::cerr << "feedback_probe: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
