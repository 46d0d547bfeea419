// archivar_compare: one engine, one phase, one line of JSON on stdout.
//
//   archivar_compare index ENGINE DB CORPUS.jsonl
//       indexes every article of CORPUS (read with archivar::ArticleReader,
//       the same for every engine) into DB (overwritten) and reports
//       articles, seconds, peak RSS of this process and index size.
//   archivar_compare query ENGINE DB QUERIES.tsv [RESULTS.tsv]
//       runs every query once to warm up, once timed single-threaded (per
//       query latency), then once in each of 2 threads (own reader each,
//       warmed up by one untimed pass like the single-threaded one) for
//       throughput; writes each query's top-10 ids to RESULTS.tsv.
//   archivar_compare query-snippets ENGINE DB QUERIES.tsv LENGTH [RESULTS.tsv]
//       the same with a snippet of about LENGTH characters built for every
//       hit (engines.hpp; archivar and xapian only); phase "query_snippets".
//
//   archivar_compare per-query ENGINE DB BASE_ENGINE BASE_DB QUERIES.tsv REPS
//       runs each query REPS times on both engines, alternating, after one
//       warm-up pass, and prints per query "µs<TAB>base µs<TAB>kind<TAB>text"
//       (the fastest of the REPS runs each): the low-noise per-query figures
//       for finding slow queries and for A/B runs of two library builds
//       (LD_LIBRARY_PATH) on a busy machine. Not part of run.sh.
//
//   archivar_compare engines
//       prints the engines this binary was built with (clucene is optional).
//
// ENGINE: archivar | xapian | fts5 | clucene. QUERIES.tsv: "kind<TAB>lang<TAB>text"
// per line, kind one of single, or, and, phrase, real (bench/compare/prepare.py).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "archivar/article_reader.hpp"
#include "engines.hpp"

namespace archivar::compare {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::uintmax_t bytes_under(const std::filesystem::path& path) {
  std::uintmax_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

// The engines this binary was built with, space-separated.
std::string built_engines() {
#ifdef ARCHIVAR_COMPARE_CLUCENE
  return "xapian archivar fts5 clucene";
#else
  return "xapian archivar fts5";
#endif
}

std::unique_ptr<Writer> make_writer(const std::string& engine, const std::filesystem::path& db) {
  if (engine == "archivar") return archivar_writer(db);
  if (engine == "xapian") return xapian_writer(db);
  if (engine == "fts5") return fts5_writer(db);
#ifdef ARCHIVAR_COMPARE_CLUCENE
  if (engine == "clucene") return clucene_writer(db);
#endif
  throw std::invalid_argument("unknown engine '" + engine + "' (built: " + built_engines() + ")");
}

std::unique_ptr<Reader> make_reader(const std::string& engine, const std::filesystem::path& db,
                                    std::size_t snippet_length = 0) {
  if (engine == "archivar") return archivar_reader(db, snippet_length);
  if (engine == "xapian") return xapian_reader(db, snippet_length);
  if (snippet_length > 0) {
    throw std::invalid_argument("engine '" + engine + "' has no snippets here (archivar, xapian)");
  }
  if (engine == "fts5") return fts5_reader(db);
#ifdef ARCHIVAR_COMPARE_CLUCENE
  if (engine == "clucene") return clucene_reader(db);
#endif
  throw std::invalid_argument("unknown engine '" + engine + "' (built: " + built_engines() + ")");
}

int run_index(const std::string& engine, const std::filesystem::path& db,
              const std::filesystem::path& corpus) {
  std::filesystem::remove_all(db);
  const auto start = Clock::now();
  std::uint64_t articles = 0;
  std::uint64_t bytes = 0;
  {
    auto writer = make_writer(engine, db);
    ArticleReader reader(corpus);
    Article article;
    Rejection rejection;
    for (auto status = reader.next(article, rejection); status != ArticleReader::Status::end;
         status = reader.next(article, rejection)) {
      if (status == ArticleReader::Status::rejected) {
        throw std::runtime_error("rejected record: " + rejection.message());
      }
      writer->add(article);
      ++articles;
      bytes += article.title.size() + article.body.size();
    }
    writer->finish();
  }
  const double seconds = seconds_since(start);
  std::cout << std::fixed << std::setprecision(3) << "{\"engine\": \"" << engine
            << "\", \"phase\": \"index\", \"articles\": " << articles
            << ", \"text_bytes\": " << bytes << ", \"seconds\": " << seconds
            << ", \"peak_rss_kib\": " << peak_rss_kib() << ", \"index_bytes\": " << bytes_under(db)
            << "}\n";
  return 0;
}

QueryKind kind_of(const std::string& name) {
  if (name == "single") return QueryKind::single;
  if (name == "or") return QueryKind::two_or;
  if (name == "and") return QueryKind::two_and;
  if (name == "phrase") return QueryKind::phrase;
  if (name == "real") return QueryKind::real;
  throw std::invalid_argument("unknown query kind '" + name + "'");
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || byte >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::vector<BenchQuery> read_queries(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<BenchQuery> queries;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab1 = line.find('\t');
    const auto tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) {
      throw std::runtime_error(file.string() + ":" + std::to_string(queries.size() + 1) +
                               ": expected kind<TAB>lang<TAB>text");
    }
    BenchQuery query;
    query.kind_name = line.substr(0, tab1);
    query.kind = kind_of(query.kind_name);
    query.lang = line.substr(tab1 + 1, tab2 - tab1 - 1);
    query.text = line.substr(tab2 + 1);
    query.words = words_of(query.text);
    queries.push_back(std::move(query));
  }
  return queries;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

int run_query(const std::string& engine, const std::filesystem::path& db,
              const std::filesystem::path& queries_file, const std::string& results_file,
              std::size_t snippet_length = 0) {
  const auto queries = read_queries(queries_file);
  auto reader = make_reader(engine, db, snippet_length);
  for (const BenchQuery& query : queries) (void)reader->search(query);  // warm-up

  std::vector<double> latency_us;
  std::map<std::string, std::vector<double>> by_kind;
  std::vector<std::vector<std::string>> top10;
  double total_hits = 0;
  for (const BenchQuery& query : queries) {
    const auto start = Clock::now();
    auto ids = reader->search(query);
    const double us = seconds_since(start) * 1e6;
    latency_us.push_back(us);
    by_kind[query.kind_name].push_back(us);
    total_hits += static_cast<double>(ids.size());
    top10.push_back(std::move(ids));
  }
  double sum_us = 0;
  for (double us : latency_us) sum_us += us;

  constexpr int kThreads = 2;
  std::vector<std::unique_ptr<Reader>> readers;
  for (int i = 0; i < kThreads; ++i) readers.push_back(make_reader(engine, db, snippet_length));
  // Warm-up, as for the single-threaded pass: without it a fresh reader's
  // one-off costs (archivar's per-Searcher columns and spelling index) were
  // timed as throughput while the latency pass had them already paid.
  for (auto& threaded_reader : readers) {
    for (const BenchQuery& query : queries) (void)threaded_reader->search(query);
  }
  const auto start = Clock::now();
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        for (const BenchQuery& query : queries)
          (void)readers[static_cast<std::size_t>(i)]->search(query);
      });
    }
  }
  const double threaded_seconds = seconds_since(start);

  if (!results_file.empty()) {
    std::ofstream out(results_file);
    for (std::size_t i = 0; i < queries.size(); ++i) {
      out << queries[i].kind_name << '\t' << queries[i].text << '\t';
      for (std::size_t j = 0; j < top10[i].size(); ++j) out << (j ? "," : "") << top10[i][j];
      out << '\n';
    }
  }

  const auto n = static_cast<double>(queries.size());
  std::cout << std::fixed << std::setprecision(1) << "{\"engine\": \"" << engine
            << "\", \"phase\": \"" << (snippet_length > 0 ? "query_snippets" : "query")
            << "\", \"snippet_length\": " << snippet_length << ", \"queries\": " << queries.size()
            << ", \"p50_us\": " << percentile(latency_us, 50)
            << ", \"p95_us\": " << percentile(latency_us, 95)
            << ", \"p99_us\": " << percentile(latency_us, 99)
            << ", \"qps_1\": " << n / (sum_us / 1e6)
            << ", \"qps_2\": " << kThreads * n / threaded_seconds
            << ", \"hits_per_query\": " << total_hits / n << ", \"p50_us_by_kind\": {";
  const auto print_by_kind = [&](double p) {
    bool first = true;
    for (const auto& [kind, values] : by_kind) {
      std::cout << (first ? "" : ", ") << "\"" << kind << "\": " << percentile(values, p);
      first = false;
    }
  };
  print_by_kind(50);
  std::cout << "}, \"p99_us_by_kind\": {";
  print_by_kind(99);
  std::cout << "}, \"peak_rss_kib\": " << peak_rss_kib() << "}\n";
  return 0;
}

}  // namespace

}  // namespace archivar::compare

namespace archivar::compare {

int run_per_query(const std::string& engine, const std::filesystem::path& db,
                  const std::string& base_engine, const std::filesystem::path& base_db,
                  const std::filesystem::path& queries_file, int reps) {
  const std::vector<BenchQuery> queries = read_queries(queries_file);
  auto reader = make_reader(engine, db);
  auto base = make_reader(base_engine, base_db);
  for (const BenchQuery& query : queries) {
    (void)reader->search(query);
    (void)base->search(query);
  }
  std::cout << std::fixed << std::setprecision(0);
  for (const BenchQuery& query : queries) {
    double best = INFINITY;
    double best_base = INFINITY;
    for (int i = 0; i < reps; ++i) {
      auto start = Clock::now();
      (void)reader->search(query);
      best = std::min(best, seconds_since(start) * 1e6);
      start = Clock::now();
      (void)base->search(query);
      best_base = std::min(best_base, seconds_since(start) * 1e6);
    }
    std::cout << best << '\t' << best_base << '\t' << query.kind_name << '\t' << query.text << '\n';
  }
  return 0;
}

}  // namespace archivar::compare

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 1 && args[0] == "engines") {
      std::cout << archivar::compare::built_engines() << "\n";
      return 0;
    }
    if (args.size() == 4 && args[0] == "index") {
      return archivar::compare::run_index(args[1], args[2], args[3]);
    }
    if ((args.size() == 4 || args.size() == 5) && args[0] == "query") {
      return archivar::compare::run_query(args[1], args[2], args[3],
                                          args.size() == 5 ? args[4] : "");
    }
    if ((args.size() == 5 || args.size() == 6) && args[0] == "query-snippets") {
      const auto length = static_cast<std::size_t>(std::stoul(args[4]));
      if (length == 0) throw std::invalid_argument("query-snippets: LENGTH must be at least 1");
      return archivar::compare::run_query(args[1], args[2], args[3],
                                          args.size() == 6 ? args[5] : "", length);
    }
    if (args.size() == 7 && args[0] == "per-query") {
      return archivar::compare::run_per_query(args[1], args[2], args[3], args[4], args[5],
                                              std::max(1, std::stoi(args[6])));
    }
    std::cerr << "usage: archivar_compare index ENGINE DB CORPUS.jsonl\n"
                 "       archivar_compare query ENGINE DB QUERIES.tsv [RESULTS.tsv]\n"
                 "       archivar_compare query-snippets ENGINE DB QUERIES.tsv LENGTH "
                 "[RESULTS.tsv]\n"
                 "       archivar_compare per-query ENGINE DB BASE_ENGINE BASE_DB QUERIES.tsv "
                 "REPS\n"
                 "       archivar_compare engines    (lists the engines built)\n"
                 "ENGINE: "
              << archivar::compare::built_engines() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "archivar_compare: " << error.what() << "\n";
    return 1;
  }
}
