// The search path through the public Searcher, one query per iteration,
// cycling through a fixed-seed sample of queries per kind: single word,
// two words OR, two words AND (SearchRequest::match_all_words), phrase,
// real user questions (judged sets), and single words filtered by language
// or by date range; plus query analysis alone, get() of a stored article,
// and two-word OR with 1 and 2 threads (each thread its own Searcher).
//
// The index is built once per run from the corpus (see bench_corpus.hpp) in
// a temporary folder, or taken from --db=PATH / ARCHIVAR_BENCH_DB.
//
// Stage by stage: the public API exposes analysis (Analyzer) and the whole
// search (Searcher::search); parse, match and result decoding happen inside
// one call and cannot be timed apart without engine internals (DESIGN.md
// decision 8). Profile with perf/callgrind for that split (bench/README.md).
//
// Feature cost ("features/..."): two-word OR queries, top 10, plain (no
// snippets, no facets, no collapsing) against +snippets (200 characters),
// +facets (lang, year, source over the whole match set), +collapse
// (near-duplicates) and all three; "..._thread": facets counted on the
// Searcher's own thread beside the ranked match and the page's snippets
// shared with it (SearcherOptions::facet_thread, snippet_thread; wall
// time). The "search/..." benchmarks use the
// request defaults (collapsing on).
//
// Suggestions ("suggest/keystroke"): Searcher::suggest for the prefixes a
// user types (2 to 6 letters of sampled words), with p50/p90/p99 latency
// per call as counters (microseconds), and the p99 of the first pass over
// the prefixes alone (a fresh Searcher: heavy prefixes walked whole).
// "suggest/second_word": the same after a first word ("w1 ", "w1 a",
// "w1 ab", ... from sampled phrases), where the first word's followers are
// read from the text once per Searcher (first pass) and then held.
//
// Related articles ("related/article"): Searcher::related for sampled
// corpus articles (more-like-this from 10 expand terms).
//
// "Did you mean" ("spelling/real_questions_on" and "_off"): the real
// questions with suggest_spelling on and off, p50/p90/p99 per query.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "archivar/analyzer.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "bench_corpus.hpp"

namespace {

std::filesystem::path g_db;

void run_queries(benchmark::State& state, const std::vector<archivar::SearchRequest>& requests,
                 archivar::SearcherOptions options = {}) {
  archivar::Searcher searcher(g_db, options);
  std::size_t next = 0;
  std::uint64_t hits = 0;
  for (auto _ : state) {
    const auto results = searcher.search(requests[next]);
    next = (next + 1) % requests.size();
    hits += results.hits.size();
    benchmark::DoNotOptimize(results.hits.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["queries"] = static_cast<double>(requests.size());
  const double per_query =
      state.iterations() == 0 ? 0.0
                              : static_cast<double>(hits) / static_cast<double>(state.iterations());
  state.counters["hits/query"] = benchmark::Counter(per_query, benchmark::Counter::kAvgThreads);
}

std::vector<archivar::SearchRequest> requests_for(const std::vector<std::string>& queries,
                                                  auto&& adjust) {
  std::vector<archivar::SearchRequest> requests;
  for (const std::string& query : queries) {
    archivar::SearchRequest request;
    request.query = query;
    adjust(request);
    requests.push_back(std::move(request));
  }
  return requests;
}

void register_search(const std::string& name, std::vector<archivar::SearchRequest> requests) {
  const std::string full = name.find('/') == std::string::npos ? "search/" + name : name;
  if (requests.empty()) {
    std::cerr << "search_bench: no queries for " << name << ", skipped\n";
    return;
  }
  benchmark::RegisterBenchmark(full.c_str(), [requests](benchmark::State& state) {
    run_queries(state, requests);
  })->Unit(benchmark::kMicrosecond);
}

// Searcher::suggest for `prefixes` in turn, limit 10: p50/p90/p99 per call
// (microseconds), and the p99 of the first pass over the prefixes alone (a
// fresh Searcher: what it reads once per index revision is read there).
void run_suggestions(benchmark::State& state, const std::vector<std::string>& prefixes) {
  archivar::Searcher searcher(g_db);
  std::vector<double> micros;
  std::size_t next = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto suggestions = searcher.suggest(prefixes[next], 10);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    benchmark::DoNotOptimize(suggestions.data());
    next = (next + 1) % prefixes.size();
  }
  const std::size_t first_count = std::min(micros.size(), prefixes.size());
  std::vector<double> first_pass(micros.begin(),
                                 micros.begin() + static_cast<std::ptrdiff_t>(first_count));
  const auto percentile = [](std::vector<double>& values, double p) {
    std::sort(values.begin(), values.end());
    return values.empty()
               ? 0.0
               : values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
  };
  state.counters["p50_us"] = percentile(micros, 0.5);
  state.counters["p90_us"] = percentile(micros, 0.9);
  state.counters["p99_us"] = percentile(micros, 0.99);
  state.counters["first_pass_p50_us"] = percentile(first_pass, 0.5);
  state.counters["first_pass_p99_us"] = percentile(first_pass, 0.99);
  state.counters["prefixes"] = static_cast<double>(prefixes.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  try {
    const auto options = archivar::bench::parse_options(argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    static const archivar::bench::Corpus corpus = archivar::bench::load_corpus(options);
    std::unique_ptr<archivar::bench::TempDir> temp;
    if (!options.db.empty()) {
      g_db = options.db;
      benchmark::AddCustomContext("index", g_db.string());
    } else {
      temp = std::make_unique<archivar::bench::TempDir>();
      g_db = temp->path() / "db";
      archivar::Index index(g_db);
      for (const archivar::Article& article : corpus.articles) index.add(article);
      index.commit();
      benchmark::AddCustomContext("index", "built from " + corpus.source + " (" +
                                               std::to_string(corpus.articles.size()) +
                                               " articles)");
    }

    constexpr std::size_t kQueries = 200;
    const auto words = archivar::bench::sample_words(corpus, "", kQueries, 1);
    const auto pairs = archivar::bench::sample_word_pairs(corpus, kQueries, 2);
    const auto phrases = archivar::bench::sample_phrases(corpus, kQueries, 3);
    const auto real =
        archivar::bench::real_queries(kQueries, 4, corpus.source == "built-in sample");
    const auto keep = [](archivar::SearchRequest&) {};

    register_search("single_word", requests_for(words, keep));
    register_search("two_word_or", requests_for(pairs, keep));
    register_search("two_word_and", requests_for(pairs, [](archivar::SearchRequest& request) {
                      request.match_all_words = true;
                    }));
    register_search("phrase", requests_for(phrases, [](archivar::SearchRequest& request) {
                      request.query = "\"" + request.query + "\"";
                    }));
    register_search("real_questions", requests_for(real, keep));
    register_search("filtered_lang_de", requests_for(words, [](archivar::SearchRequest& request) {
                      request.lang = "de";
                    }));
    register_search("filtered_date", requests_for(words, [](archivar::SearchRequest& request) {
                      request.date_from = "2000-01-01";
                      request.date_to = "2022-12-31";
                    }));
    register_search("page_size_100", requests_for(words, [](archivar::SearchRequest& request) {
                      request.page_size = 100;
                    }));

    // Cost of snippets, facets and collapsing on top of a plain top-10.
    const auto plain = [](archivar::SearchRequest& request) {
      request.collapse_duplicates = false;
    };
    const auto with_snippets = [](archivar::SearchRequest& request) {
      request.snippet_length = 200;
    };
    const auto with_facets = [](archivar::SearchRequest& request) {
      request.facets = {"lang", "year", "source"};
    };
    register_search("features/plain", requests_for(pairs, plain));
    const auto feature = [&](const std::string& name, auto&& adjust, bool threads = false) {
      auto requests = requests_for(pairs, plain);
      for (auto& request : requests) adjust(request);
      archivar::SearcherOptions searcher_options;
      searcher_options.facet_thread = threads;
      searcher_options.snippet_thread = threads;
      auto* registered = benchmark::RegisterBenchmark(
          name.c_str(), [requests, searcher_options](benchmark::State& state) {
            run_queries(state, requests, searcher_options);
          });
      registered->Unit(benchmark::kMicrosecond);
      // The worker's CPU is not the calling thread's: wall time it is.
      if (threads) registered->UseRealTime();
    };
    feature("features/snippets", with_snippets);
    feature("features/facets", with_facets);
    feature("features/collapse",
            [](archivar::SearchRequest& request) { request.collapse_duplicates = true; });
    const auto all_three = [&](archivar::SearchRequest& request) {
      with_snippets(request);
      with_facets(request);
      request.collapse_duplicates = true;
    };
    feature("features/all_three", all_three);
    // The same with SearcherOptions::facet_thread and snippet_thread: facets
    // beside the ranked match and half the snippets beside the other half
    // on a thread of the Searcher's own (wall time).
    feature("features/snippets_thread", with_snippets, true);
    feature("features/facets_thread", with_facets, true);
    feature("features/all_three_thread", all_three, true);

    // Related articles ("related/article"): Searcher::related for sampled
    // articles of the corpus, 10 expand terms, top 10, collapsing on. Ids
    // the index does not hold (another corpus given with --db) are counted
    // in "missing" and still timed (one id lookup).
    static std::vector<std::string> related_ids;
    for (std::size_t i = 0; i < corpus.articles.size() && related_ids.size() < kQueries;
         i += std::max<std::size_t>(1, corpus.articles.size() / kQueries)) {
      related_ids.push_back(corpus.articles[i].id);
    }
    if (!related_ids.empty()) {
      benchmark::RegisterBenchmark("related/article", [](benchmark::State& state) {
        archivar::Searcher searcher(g_db);
        archivar::SearchRequest request;
        std::size_t next = 0;
        std::uint64_t missing = 0;
        for (auto _ : state) {
          const auto results = searcher.related(related_ids[next], request, 10);
          if (!results) ++missing;
          benchmark::DoNotOptimize(results);
          next = (next + 1) % related_ids.size();
        }
        state.counters["articles"] = static_cast<double>(related_ids.size());
        state.counters["missing"] = static_cast<double>(missing);
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
      })->Unit(benchmark::kMicrosecond);
    }

    // Suggestions per keystroke: prefixes of 2..6 letters of sampled words.
    static std::vector<std::string> prefixes;
    for (const std::string& word : words) {
      for (std::size_t length = 2; length <= std::min<std::size_t>(6, word.size()); ++length) {
        prefixes.push_back(word.substr(0, length));
      }
    }
    if (!prefixes.empty()) {
      benchmark::RegisterBenchmark("suggest/keystroke", [](benchmark::State& state) {
        run_suggestions(state, prefixes);
      })->Unit(benchmark::kMicrosecond);
    }
    // After a first word: "w1 " and "w1 " + 1..3 letters of the word that
    // follows it in a sampled phrase (the first word's followers are read
    // once per Searcher, search/next_words.hpp).
    static std::vector<std::string> second_word_prefixes;
    for (const std::string& phrase : phrases) {
      const std::size_t space = phrase.find(' ');
      if (space == std::string::npos) continue;
      const std::string second = phrase.substr(space + 1);
      for (std::size_t length = 0; length <= std::min<std::size_t>(3, second.size()); ++length) {
        second_word_prefixes.push_back(phrase.substr(0, space + 1) + second.substr(0, length));
      }
    }
    if (!second_word_prefixes.empty()) {
      benchmark::RegisterBenchmark("suggest/second_word", [](benchmark::State& state) {
        run_suggestions(state, second_word_prefixes);
      })->Unit(benchmark::kMicrosecond);
    }

    // "Did you mean" on real questions: the same questions with
    // suggest_spelling on and off, p50/p90/p99 per query (microseconds); the
    // difference is SpellingCorrector (its first lookups go to Xapian's
    // spelling search, then to the SpellingIndex it builds once).
    static const auto real_requests = requests_for(real, keep);
    for (const bool spelling : {true, false}) {
      if (real_requests.empty()) break;
      const std::string name = std::string("spelling/real_questions_") + (spelling ? "on" : "off");
      benchmark::RegisterBenchmark(name.c_str(), [spelling](benchmark::State& state) {
        archivar::Searcher searcher(g_db);
        std::vector<double> micros;
        std::size_t next = 0;
        for (auto _ : state) {
          archivar::SearchRequest request = real_requests[next];
          request.suggest_spelling = spelling;
          const auto start = std::chrono::steady_clock::now();
          const auto results = searcher.search(request);
          micros.push_back(
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                  .count());
          benchmark::DoNotOptimize(results.hits.data());
          next = (next + 1) % real_requests.size();
        }
        std::sort(micros.begin(), micros.end());
        const auto percentile = [&](double p) {
          return micros.empty()
                     ? 0.0
                     : micros[static_cast<std::size_t>(p * static_cast<double>(micros.size() - 1))];
        };
        state.counters["p50_us"] = percentile(0.5);
        state.counters["p90_us"] = percentile(0.9);
        state.counters["p99_us"] = percentile(0.99);
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
      })->Unit(benchmark::kMicrosecond);
    }

    // Throughput with 1 and 2 threads; each thread opens its own Searcher.
    static const auto or_requests = requests_for(pairs, keep);
    if (!or_requests.empty()) {
      benchmark::RegisterBenchmark("search/two_word_or_threads",
                                   [](benchmark::State& state) { run_queries(state, or_requests); })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime()
          ->ThreadRange(1, 2);
    }

    // The analysis stage of the query path alone (what the query builder runs
    // per word, here over the whole query string, once per index language).
    static const auto analyzed = real;
    if (!analyzed.empty()) {
      benchmark::RegisterBenchmark("query_analysis/real_questions", [](benchmark::State& state) {
        archivar::Analyzer analyzer;
        std::size_t next = 0;
        for (auto _ : state) {
          for (const char* lang : {"de", "en"}) {
            auto tokens = analyzer.analyze(analyzed[next], lang);
            benchmark::DoNotOptimize(tokens.data());
          }
          next = (next + 1) % analyzed.size();
        }
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
      })->Unit(benchmark::kMicrosecond);
    }

    // Fetching stored articles by id (what a result page does per hit).
    benchmark::RegisterBenchmark("get/by_id", [](benchmark::State& state) {
      archivar::Searcher searcher(g_db);
      std::size_t next = 0;
      for (auto _ : state) {
        auto article = searcher.get(corpus.articles[next].id);
        benchmark::DoNotOptimize(article);
        next = (next + 7919) % corpus.articles.size();
      }
      state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    })->Unit(benchmark::kMicrosecond);

    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  } catch (const std::exception& error) {
    std::cerr << "search_bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
