// Analysis throughput (MB/s of title + body text) through the public
// Analyzer: ICU word breaking, NFKC case folding, Snowball stemming, per
// language; and language detection (run by Index::add when an article has
// no language). Usage: analysis_bench [benchmark flags] [--corpus=PATH] [--limit=N]
#include <benchmark/benchmark.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "archivar/analyzer.hpp"
#include "bench_corpus.hpp"

namespace {

using archivar::bench::Corpus;

// Title + body of the corpus's articles in `lang`, at most `max_bytes` in all.
std::vector<std::string> texts_in(const Corpus& corpus, const std::string& lang,
                                  std::size_t max_bytes) {
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const archivar::Article& article : corpus.articles) {
    if (article.lang != lang) continue;
    texts.push_back(article.title + "\n" + article.body);
    bytes += texts.back().size();
    if (bytes >= max_bytes) break;
  }
  return texts;
}

void analyze_texts(benchmark::State& state, const std::vector<std::string>& texts,
                   const std::string& lang) {
  archivar::Analyzer analyzer;
  std::size_t next = 0;
  std::int64_t bytes = 0;
  std::int64_t tokens = 0;
  for (auto _ : state) {
    const std::string& text = texts[next];
    next = (next + 1) % texts.size();
    auto result = analyzer.analyze(text, lang);
    benchmark::DoNotOptimize(result.data());
    bytes += static_cast<std::int64_t>(text.size());
    tokens += static_cast<std::int64_t>(result.size());
  }
  state.SetBytesProcessed(bytes);
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

void detect_texts(benchmark::State& state, const std::vector<std::string>& texts) {
  archivar::Analyzer analyzer;
  std::size_t next = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& text = texts[next];
    next = (next + 1) % texts.size();
    auto lang = analyzer.detect_language(text);
    benchmark::DoNotOptimize(lang.data());
    bytes += static_cast<std::int64_t>(text.size());
  }
  state.SetBytesProcessed(bytes);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  try {
    const auto options = archivar::bench::parse_options(argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    static const Corpus corpus = archivar::bench::load_corpus(options);
    benchmark::AddCustomContext("corpus", corpus.source);
    constexpr std::size_t kMaxBytes = 8u << 20;  // enough text to defeat caches, little memory
    static std::vector<std::string> both;
    for (const std::string lang : {"de", "en"}) {
      auto texts = texts_in(corpus, lang, kMaxBytes);
      if (texts.empty()) {
        std::cerr << "analysis_bench: no '" << lang << "' articles in " << corpus.source << "\n";
        continue;
      }
      both.insert(both.end(), texts.begin(), texts.end());
      benchmark::RegisterBenchmark(
          ("analyze/" + lang).c_str(),
          [texts, lang](benchmark::State& state) { analyze_texts(state, texts, lang); });
    }
    if (!both.empty()) {
      benchmark::RegisterBenchmark("detect_language/de+en",
                                   [](benchmark::State& state) { detect_texts(state, both); });
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  } catch (const std::exception& error) {
    std::cerr << "analysis_bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
