// Indexing throughput (articles/s and MB/s of title + body) through the
// public Index: every iteration indexes the loaded articles into a fresh
// temporary index and commits. Reading the input is not timed (the articles
// are in memory). Variants: language as given by the corpus, and language
// left empty so Index::add detects it.
// Usage: index_bench [benchmark flags] [--corpus=PATH] [--limit=N]
#include <benchmark/benchmark.h>

#include <exception>
#include <iostream>
#include <vector>

#include "archivar/index.hpp"
#include "bench_corpus.hpp"

namespace {

void index_articles(benchmark::State& state, const std::vector<archivar::Article>& articles,
                    std::uint64_t text_bytes) {
  for (auto _ : state) {
    state.PauseTiming();
    {
      archivar::bench::TempDir dir;
      state.ResumeTiming();
      {
        archivar::Index index(dir.path() / "db");
        for (const archivar::Article& article : articles) index.add(article);
        index.commit();
      }
      state.PauseTiming();
    }  // removing the folder is not timed
    state.ResumeTiming();
  }
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iterations * static_cast<std::int64_t>(articles.size()));
  state.SetBytesProcessed(iterations * static_cast<std::int64_t>(text_bytes));
  state.counters["articles"] = static_cast<double>(articles.size());
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  try {
    const auto options = archivar::bench::parse_options(argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    static const archivar::bench::Corpus corpus = archivar::bench::load_corpus(options);
    static std::vector<archivar::Article> undetected = corpus.articles;
    for (archivar::Article& article : undetected) article.lang.clear();
    benchmark::AddCustomContext("corpus", corpus.source);

    benchmark::RegisterBenchmark(
        "index/lang_given",
        [](benchmark::State& state) { index_articles(state, corpus.articles, corpus.text_bytes); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(
        "index/lang_detected",
        [](benchmark::State& state) { index_articles(state, undetected, corpus.text_bytes); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  } catch (const std::exception& error) {
    std::cerr << "index_bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
