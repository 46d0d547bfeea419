// Benchmark corpus: the articles, index and queries the Google Benchmark
// programs measure. Public API only.
//
// Where the articles come from, first match wins:
//   --corpus=PATH / ARCHIVAR_BENCH_CORPUS=PATH   files or a folder of JSONL(.gz);
//                                                "builtin" forces the built-in sample
//   ../shared/data/corpora next to the project   when present
//   a small built-in German/English sample       otherwise (CI smoke runs)
// --limit=N / ARCHIVAR_BENCH_LIMIT=N caps the number of articles (default
// 20000), taken round-robin across the files so German and English mix.
// --db=PATH / ARCHIVAR_BENCH_DB=PATH reuses an existing index for search_bench
// instead of building one in a temporary folder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "archivar/article.hpp"

namespace archivar::bench {

struct BenchOptions {
  std::string corpus;         // empty: shared data if present, else built-in
  std::size_t limit = 20000;  // articles read at most
  std::string db;             // existing index to search; empty: build one
};

// Parses and removes --corpus=, --limit=, --db= from argv (call after
// benchmark::Initialize, which removes its own flags); environment variables
// fill what the flags leave unset. Throws std::invalid_argument on a bad
// value or an unknown flag.
BenchOptions parse_options(int& argc, char** argv);

struct Corpus {
  std::vector<Article> articles;
  std::string source;            // where they came from, for the benchmark context
  std::uint64_t text_bytes = 0;  // title + body bytes of all articles
};

// Loads the articles the options select (see the file comment).
Corpus load_corpus(const BenchOptions& options);

// The built-in sample: a few dozen short German and English articles written
// for this project, repeated with new ids up to `count` articles.
std::vector<Article> builtin_articles(std::size_t count);

// Words sampled with a fixed seed from the corpus bodies: letters only,
// at least 4 bytes, in `lang` ("" for any), seen in at least one article.
std::vector<std::string> sample_words(const Corpus& corpus, std::string_view lang,
                                      std::size_t count, std::uint32_t seed);

// Pairs "a b" of two different words from the same body (so an AND of
// them usually matches), fixed seed.
std::vector<std::string> sample_word_pairs(const Corpus& corpus, std::size_t count,
                                           std::uint32_t seed);

// Adjacent word pairs from one body (for phrase queries), fixed seed.
std::vector<std::string> sample_phrases(const Corpus& corpus, std::size_t count,
                                        std::uint32_t seed);

// Real user queries: the "text" of ../shared/data/judged/*/queries.jsonl,
// `count` of them sampled with a fixed seed; a few built-in questions when
// the shared data is absent or `builtin` is true.
std::vector<std::string> real_queries(std::size_t count, std::uint32_t seed, bool builtin);

// A fresh folder under the system temp directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace archivar::bench
