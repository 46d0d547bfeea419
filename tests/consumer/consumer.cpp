// The C++ consumer: indexes articles.tsv through the installed C++ API
// (find_package(archivar)), runs each query of queries.txt and prints the
// top 10 in the format the C and Python consumers print too.
// Usage: consumer_cpp ARTICLES.tsv QUERIES.txt INDEX_DIR
#include <archivar/archivar.hpp>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string::size_type start = 0;
  for (;;) {
    const std::string::size_type tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

void print(const archivar::SearchResults& results) {
  for (const archivar::Hit& hit : results.hits) {
    std::printf("%u\t%s\t%s\t%s\t%.4f\t%s\n", hit.rank, hit.id.c_str(), hit.lang.c_str(),
                hit.date.c_str(), hit.score, hit.title.c_str());
    std::printf("\t%s\n", hit.snippet.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: consumer_cpp ARTICLES.tsv QUERIES.txt INDEX_DIR\n";
    return 2;
  }
  try {
    {
      archivar::Index index(argv[3]);
      std::ifstream articles(argv[1]);
      std::string line;
      while (std::getline(articles, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = split_tabs(line);
        if (f.size() != 5) throw std::runtime_error("bad line: " + line);
        archivar::Article article;
        article.id = f[0];
        article.lang = f[1];
        article.date = f[2];
        article.title = f[3];
        article.body = f[4];
        index.add(article);
      }
      index.commit();
    }
    archivar::Searcher searcher(argv[3]);
    std::ifstream queries(argv[2]);
    std::string query;
    while (std::getline(queries, query)) {
      if (query.empty()) continue;
      archivar::SearchRequest request;
      request.query = query;
      request.page_size = 10;
      request.snippet_length = 80;
      request.highlight = archivar::Highlight::plain;
      const archivar::SearchResults results = searcher.search(request);
      std::printf("query: %s (%zu hits)\n", query.c_str(), results.hits.size());
      print(results);
    }
    archivar::SearchRequest request;
    request.page_size = 5;
    const auto related = searcher.related("de-bank-1", request);
    std::printf("related: de-bank-1 (%zu hits)\n", related ? related->hits.size() : 0);
    if (related) print(*related);
    std::printf("version: %s\n", archivar::version());
  } catch (const std::exception& e) {
    std::cerr << "consumer_cpp: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
