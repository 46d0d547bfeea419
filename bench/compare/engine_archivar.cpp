// archivar through its public API, default options. Indexing goes through
// BulkIndexer, as `archivar index` does: a new index is built in one shard
// per core (ARCHIVAR_THREADS overrides) and merged with compaction. Queries
// carry no language: archivar matches the stems of every language in the index.
// With a snippet length, each request asks for snippets of that length (the
// library's default highlighting).
// ARCHIVAR_FEEDBACK=0 / ARCHIVAR_SPELLING=0 turn feedback expansion / "did you
// mean" off for the query phase (to see what they cost; not the defaults).
// Indexing: ARCHIVAR_SHARD_BATCH sets shard_commit_every; ARCHIVAR_STAGES=1
// prints when each stage of finish() begins (seconds since the writer was made).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "archivar/bulk_indexer.hpp"
#include "archivar/searcher.hpp"
#include "engines.hpp"

namespace archivar::compare {

namespace {

// True if the environment variable `name` is set to "0".
bool env_is_zero(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string_view(value) == "0";
}

// True if the environment variable `name` is set to "1".
bool env_is_one(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string_view(value) == "1";
}

class ArchivarWriter final : public Writer {
 public:
  explicit ArchivarWriter(const std::filesystem::path& db) : index_(db, options()) {}
  void add(const Article& article) override { index_.add(article); }
  void finish() override { (void)index_.finish(); }

 private:
  static BulkIndexOptions options() {
    BulkIndexOptions options;
    if (const char* threads = std::getenv("ARCHIVAR_THREADS")) {
      options.threads = static_cast<unsigned>(std::stoul(threads));
    }
    if (const char* batch = std::getenv("ARCHIVAR_SHARD_BATCH")) {
      options.shard_commit_every = static_cast<std::uint32_t>(std::stoul(batch));
    }
    if (env_is_one("ARCHIVAR_STAGES")) {
      // Seconds since the writer was made at each stage of finish(), on stderr.
      const auto start = std::chrono::steady_clock::now();
      options.on_stage = [start](const std::string& stage) {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        std::fprintf(stderr, "archivar stage %s at %.2f s\n", stage.c_str(), elapsed.count());
      };
    }
    return options;
  }

  BulkIndexer index_;
};

class ArchivarReader final : public Reader {
 public:
  ArchivarReader(const std::filesystem::path& db, std::size_t snippet_length)
      : searcher_(db), snippet_length_(snippet_length) {}
  std::vector<std::string> search(const BenchQuery& query) override {
    SearchRequest request;
    request.page_size = 10;
    request.query = query.kind == QueryKind::phrase ? "\"" + query.text + "\"" : query.text;
    request.match_all_words = query.kind == QueryKind::two_and;
    request.snippet_length = static_cast<std::uint32_t>(snippet_length_);
    // Switches for finding where the time goes (default: the library's defaults).
    if (env_is_zero("ARCHIVAR_FEEDBACK")) request.feedback_expansion = false;
    if (env_is_zero("ARCHIVAR_SPELLING")) request.suggest_spelling = false;
    std::vector<std::string> ids;
    for (const Hit& hit : searcher_.search(request).hits) ids.push_back(hit.id);
    return ids;
  }

 private:
  Searcher searcher_;
  std::size_t snippet_length_;
};

}  // namespace

std::unique_ptr<Writer> archivar_writer(const std::filesystem::path& db) {
  return std::make_unique<ArchivarWriter>(db);
}
std::unique_ptr<Reader> archivar_reader(const std::filesystem::path& db,
                                        std::size_t snippet_length) {
  return std::make_unique<ArchivarReader>(db, snippet_length);
}

}  // namespace archivar::compare
