// archivar index: read articles from files and add them to an index.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "archivar/article_reader.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "command.hpp"

namespace archivar::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Files named on the command line, with directories expanded recursively
// (sorted, hidden files skipped) so runs are reproducible.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::filesystem::path> files;
  for (const std::string& input : inputs) {
    const std::filesystem::path path(input);
    if (!std::filesystem::is_directory(path)) {
      files.push_back(path);  // a missing file fails when it is opened, with its name
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && !name.empty() && name[0] != '.') found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

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
  explicit Progress(bool quiet) : quiet_(quiet), start_(Clock::now()), last_(start_) {}

  void maybe_report(const Counts& counts, const std::filesystem::path& file) {
    if (quiet_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::seconds(2)) return;
    last_ = now;
    std::fprintf(stderr, "  %llu articles, %.0f/s, %s\n",
                 static_cast<unsigned long long>(counts.done()),
                 static_cast<double>(counts.done()) / seconds(), file.string().c_str());
  }

  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  bool quiet_;
  Clock::time_point start_;
  Clock::time_point last_;
};

}  // namespace

int run_index(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string db;
  std::uint32_t batch = 10000;
  std::vector<std::string> boilerplate_prefixes;
  options.add_options()
      ("db", po::value(&db)->required(), "index folder (created if missing)")
      ("batch", po::value(&batch)->default_value(batch), "commit after this many articles")
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
      ("input", po::value<std::vector<std::string>>()->required(),
       "files or folders: *.jsonl[.gz], *.ndjson[.gz], *.html, *.htm, text files (first line = "
       "title)");
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  if (!parse_options("index", "--db PATH [--strict] [--batch N] FILE|DIR...", args, options,
                     positional, vm)) {
    return kOk;
  }
  const bool strict = vm.count("strict") != 0;
  const auto files = expand_inputs(vm["input"].as<std::vector<std::string>>());

  IndexOptions index_options;
  index_options.commit_every = batch;
  index_options.fold_spellings = vm.count("no-fold") == 0;
  index_options.decompound_german = vm.count("no-decompound") == 0;
  index_options.spelling = vm.count("no-spelling") == 0;
  index_options.cleaning.enabled = vm.count("no-clean") == 0;
  index_options.cleaning.boilerplate_prefixes.insert(
      index_options.cleaning.boilerplate_prefixes.end(), boilerplate_prefixes.begin(),
      boilerplate_prefixes.end());
  Index index(db, index_options);
  Counts counts;
  Progress progress(vm.count("quiet") != 0);
  bool stopped = false;
  Article article;
  Rejection rejection;
  for (const auto& file : files) {
    if (stopped) break;
    ArticleReader reader(file);
    for (;;) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status == ArticleReader::Status::article) {
        try {
          if (index.add(article) == AddResult::added) {
            ++counts.added;
          } else {
            ++counts.replaced;
          }
        } catch (const InvalidArgumentError& error) {
          // A record the reader accepted but the index cannot take (e.g. an
          // over-long id): a rejection like any other bad record.
          rejection = {file.string(), reader.line(), "", error.what()};
          ++counts.rejected;
          std::cerr << rejection.message() << "\n";
          if (strict) stopped = true;
        }
      } else {
        ++counts.rejected;
        std::cerr << rejection.message() << "\n";
        if (strict) stopped = true;
      }
      if (stopped) break;
      progress.maybe_report(counts, file);
    }
  }
  index.commit();
  const double seconds = progress.seconds();
  std::fprintf(stderr,
               "%s: %llu added, %llu replaced, %llu rejected from %zu file(s) in %.1f s "
               "(%.0f articles/s, peak RSS %.0f MiB); the index holds %llu articles\n",
               stopped ? "stopped at the first rejected record" : "done",
               static_cast<unsigned long long>(counts.added),
               static_cast<unsigned long long>(counts.replaced),
               static_cast<unsigned long long>(counts.rejected), files.size(), seconds,
               static_cast<double>(counts.done()) / std::max(seconds, 1e-9), peak_rss_mib(),
               static_cast<unsigned long long>(index.size()));
  return counts.rejected == 0 ? kOk : kRejected;
}

}  // namespace archivar::cli
