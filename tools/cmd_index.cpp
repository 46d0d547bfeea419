// archivar index: read articles from files and add them to an index.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "archivar/article_reader.hpp"
#include "archivar/bulk_indexer.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/shards.hpp"
#include "command.hpp"
#include "input_files.hpp"

namespace archivar::cli {

namespace {

using Clock = std::chrono::steady_clock;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

struct Counts {
  std::uint64_t added = 0;
  std::uint64_t replaced = 0;
  std::uint64_t rejected = 0;
  [[nodiscard]] std::uint64_t done() const { return added + replaced; }
};

class Progress {
 public:
  Progress(bool quiet, std::uint64_t total_bytes)
      : quiet_(quiet), total_bytes_(total_bytes), start_(Clock::now()), last_(start_) {}

  // `bytes_done`: input bytes read so far (of all files; compressed sizes).
  void maybe_report(const Counts& counts, std::uint64_t bytes_done,
                    const std::filesystem::path& file) {
    if (quiet_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::seconds(2)) return;
    last_ = now;
    const double elapsed = seconds();
    const double fraction =
        total_bytes_ == 0
            ? 0.0
            : std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes_));
    char eta[32] = "?";
    if (fraction > 0.001) {
      std::snprintf(eta, sizeof eta, "%.0f s", elapsed / fraction - elapsed);
    }
    std::fprintf(stderr, "  %llu articles, %.0f/s, %.1f%% of input, ETA %s (before merge), %s\n",
                 static_cast<unsigned long long>(counts.done()),
                 static_cast<double>(counts.done()) / elapsed, 100.0 * fraction, eta,
                 file.string().c_str());
  }

  void stage(const std::string& name) const {
    if (!quiet_) std::fprintf(stderr, "  %s (after %.1f s)\n", name.c_str(), seconds());
  }

  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  bool quiet_;
  std::uint64_t total_bytes_;
  Clock::time_point start_;
  Clock::time_point last_;
};

std::uint64_t total_size(const std::vector<InputFile>& files) {
  std::uint64_t total = 0;
  for (const auto& file : files) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file.path, ec);
    if (!ec) total += size;
  }
  return total;
}

}  // namespace

int run_index(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string db;
  std::uint32_t batch = 10000;
  // Serial by default: an interrupted first build keeps its committed
  // batches (a parallel build keeps nothing until it is complete). --threads
  // is for fast first builds that can be rerun.
  unsigned threads = 1;
  std::uint32_t shard_batch = BulkIndexOptions{}.shard_commit_every;
  std::uint64_t shard_roll = BulkIndexOptions{}.shard_roll_articles;
  std::vector<std::string> boilerplate_prefixes;
  std::uint32_t shards = 0;
  std::uint32_t only_shard = 0;
  std::string id_root;
  std::string url_prefix;
  std::string source;
  // clang-format off
  options.add_options()
      ("db", po::value(&db)->required(), "index folder (created if missing)")
      ("batch", po::value(&batch)->default_value(batch),
       "existing index: commit after this many articles")
      ("threads,j", po::value(&threads)->default_value(threads),
       "new index: build this many shards in parallel and merge them (0: one per core; "
       "about 2x faster on 2 cores, the same near-duplicate clusters, but an interrupted "
       "build keeps nothing); an existing index is updated by one writer")
      ("shard-batch", po::value(&shard_batch)->default_value(shard_batch),
       "new index: each shard's smallest commit batch (articles; later batches grow with the "
       "shard, to 8,000 articles or 16 MiB of text: memory vs writes)")
      ("shard-roll", po::value(&shard_roll)->default_value(shard_roll),
       "new index: each worker starts a fresh database after this many articles (merged at "
       "the end; near-duplicates are then collapsed within one such part only; 0: never)")
      ("shards", po::value(&shards),
       "new index: a shard set of N databases at --db (articles routed by a hash of their id; "
       "README \"Running on several machines\"); with --threads other than 1 the shards are "
       "built in parallel; an existing set "
       "keeps its count")
      ("only-shard", po::value(&only_shard),
       "shard set: index only the articles routed to shard K (0-based; rebuilding one shard: "
       "README \"Running on several machines\")")
      ("compact", "when done, compact the index also when it existed before (as `archivar "
                  "compact`: rewrites all of it; after many small batches it takes half the "
                  "space or less)")
      ("no-compact", "do not compact a new index when done (by default one built by one "
                     "writer, or a shard set, is: ~2 % more time, half the size)")
      ("strict", "stop at the first rejected record (exit 3)")
      ("quiet,q", "no progress lines, only the summary and rejections")
      ("no-fold", "new index: do not match spelling variants (Mueller/Müller/Muller)")
      ("no-decompound", "new index: do not split German compounds")
      ("no-spelling", "do not collect words for \"did you mean\" suggestions (faster, smaller)")
      ("no-clean", "index title and body as given (no rejoined line breaks, no dropped "
                   "teaser lines or repeated paragraphs)")
      ("boilerplate-prefix", po::value(&boilerplate_prefixes)->composing(),
       "also drop body lines starting with this (case-insensitive; repeatable; added to "
       "Related:, Read more:, Lesen Sie auch:, Mehr zum Thema, ...)")
      ("id-root", po::value(&id_root),
       "HTML and text files under this folder get their path relative to it (without "
       "extension) as id (default: relative to the folder argument they were found in)")
      ("url-prefix", po::value(&url_prefix),
       "HTML and text articles without a url of their own get this + their relative path "
       "(e.g. https://help.libreoffice.org/7.4/)")
      ("source", po::value(&source),
       "articles without a source of their own get this one (a facet on the search page)")
      ("input", po::value<std::vector<std::string>>()->required(),
       "files or folders: *.jsonl[.gz], *.ndjson[.gz], *.html, *.htm, text files (first line = "
       "title)");
  // clang-format on
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  if (!parse_options("index",
                     "--db PATH [--strict] [--threads N] [--shards N] [--batch N] FILE|DIR...",
                     args, options, positional, vm)) {
    return kOk;
  }
  const bool strict = vm.count("strict") != 0;
  if (vm.count("compact") != 0 && vm.count("no-compact") != 0) {
    throw InvalidArgumentError("--compact and --no-compact exclude each other");
  }
  // A new index is compacted when done unless the parallel build's merge
  // did it (one writer leaves blocks half full: 285 MB for 20,000 articles
  // that compact into 147 MB in 1.4 s; so do a shard set's writers); an
  // existing one only when asked, since compaction rewrites all of it.
  std::error_code exists_error;
  const bool new_index = !std::filesystem::exists(db, exists_error) && !exists_error;
  const bool compact = vm.count("compact") != 0 || (new_index && vm.count("no-compact") == 0);
  const auto files = expand_inputs(vm["input"].as<std::vector<std::string>>(), id_root, url_prefix);

  IndexOptions index_options;
  index_options.commit_every = batch;
  index_options.shards = shards;
  index_options.fold_spellings = vm.count("no-fold") == 0;
  index_options.decompound_german = vm.count("no-decompound") == 0;
  index_options.spelling = vm.count("no-spelling") == 0;
  index_options.cleaning.enabled = vm.count("no-clean") == 0;
  index_options.cleaning.boilerplate_prefixes.insert(
      index_options.cleaning.boilerplate_prefixes.end(), boilerplate_prefixes.begin(),
      boilerplate_prefixes.end());
  BulkIndexOptions bulk_options;
  bulk_options.index = index_options;
  bulk_options.threads = threads;
  bulk_options.shard_commit_every = shard_batch;
  bulk_options.shard_roll_articles = shard_roll;
  const bool quiet = vm.count("quiet") != 0;
  Progress progress(quiet, total_size(files));
  bulk_options.on_stage = [&](const std::string& stage) { progress.stage(stage); };
  // Released before --compact, which takes the index's write lock itself.
  auto indexer = std::make_unique<BulkIndexer>(db, bulk_options);
  // --only-shard K: the other articles are skipped (counted in the summary
  // as neither added nor rejected).
  const bool one_shard = vm.count("only-shard") != 0;
  std::uint32_t shard_count = shards;
  if (one_shard) {
    if (shard_count <= 1) shard_count = static_cast<std::uint32_t>(shard_status(db).size());
    if (only_shard >= shard_count) {
      throw InvalidArgumentError("--only-shard " + std::to_string(only_shard) + ": the set has " +
                                 std::to_string(shard_count) + " shards (0.." +
                                 std::to_string(shard_count - 1) + ")");
    }
  }
  std::uint64_t accepted = 0;
  Counts counts;  // rejected here; added/replaced known per article only on the serial path
  bool stopped = false;
  std::uint64_t bytes_before = 0;  // input bytes of the files already read
  Article article;
  Rejection rejection;
  for (const auto& input : files) {
    if (stopped) break;
    const std::filesystem::path& file = input.path;
    ArticleReader reader(file);
    for (;;) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status == ArticleReader::Status::article) {
        if (!input.id.empty()) article.id = input.id;
        if (article.url.empty()) article.url = input.url;
        if (article.source.empty()) article.source = source;
        if (one_shard && shard_of(article.id, shard_count) != only_shard) {
          article = Article{};
          continue;
        }
        try {
          indexer->add(std::move(article));
          ++accepted;
        } catch (const InvalidArgumentError& error) {
          // A record the reader accepted but the index cannot take (e.g. an
          // over-long id): a rejection like any other bad record.
          rejection = {file.string(), reader.line(), "", error.what()};
          ++counts.rejected;
          std::cerr << rejection.message() << "\n";
          if (strict) stopped = true;
        }
        article = Article{};
      } else {
        ++counts.rejected;
        std::cerr << rejection.message() << "\n";
        if (strict) stopped = true;
      }
      if (stopped) break;
      counts.added = accepted;  // for the rate shown in progress lines
      progress.maybe_report(counts, bytes_before + reader.bytes_read(), file);
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (!ec) bytes_before += size;
  }
  const BulkIndexSummary summary = indexer->finish();
  indexer.reset();
  counts.added = summary.added;
  counts.replaced = summary.replaced;
  const double seconds = progress.seconds();
  std::fprintf(stderr,
               "%s: %llu added, %llu replaced, %llu rejected from %zu file(s) in %.1f s "
               "(%.0f articles/s, peak RSS %.0f MiB, %s); the index holds %llu articles\n",
               stopped ? "stopped at the first rejected record" : "done",
               static_cast<unsigned long long>(counts.added),
               static_cast<unsigned long long>(counts.replaced),
               static_cast<unsigned long long>(counts.rejected), files.size(), seconds,
               static_cast<double>(counts.done()) / std::max(seconds, 1e-9), peak_rss_mib(),
               summary.parallel
                   ? (shards > 1 ? "new shard set, " + std::to_string(summary.shards) +
                                       " shards built in parallel"
                                 : "new index, " + std::to_string(summary.shards) +
                                       " shard(s) merged and compacted")
                         .c_str()
                   : (new_index ? "new index, one writer" : "existing index, one writer"),
               static_cast<unsigned long long>(summary.articles));
  const bool merged = summary.parallel && shards <= 1;  // compacted by the merge
  if (compact && !merged && std::filesystem::exists(db, exists_error)) {
    const auto start = std::chrono::steady_clock::now();
    try {
      const CompactResult compacted = compact_index(db);
      std::fprintf(stderr, "compacted: %.1f MB -> %.1f MB in %.1f s\n",
                   static_cast<double>(compacted.bytes_before) / 1e6,
                   static_cast<double>(compacted.bytes_after) / 1e6,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    } catch (const RuntimeError& error) {
      // Asked for: a failure. By default the complete, uncompacted index
      // is kept and the run still succeeds (e.g. no room for the copy).
      if (vm.count("compact") != 0) throw;
      std::cerr << "archivar index: not compacted (the index is complete): " << error.what()
                << "\n";
    }
  }
  return counts.rejected == 0 ? kOk : kRejected;
}

}  // namespace archivar::cli
