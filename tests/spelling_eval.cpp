// spelling_eval: "did you mean" lookups through Xapian's trigram search
// (get_spelling_suggestion) against the SpellingIndex
// (search/spelling_index.hpp) on one index, in the same run.
//
// Reads queries (the compare's queries.tsv: kind<TAB>lang<TAB>text, or one
// query per line), splits them into words the way SpellingCorrector does
// (TextAnalyzer, 3..15 code points, no digits), keeps the words that are no
// index term, and reports: the index's build time and memory; per path the
// p50/p90/p99/max of one lookup (microseconds, each word timed `rounds`
// times, alternating paths); how often the two agree.
//
// Usage: spelling_eval DB QUERIES [ROUNDS]   (run by hand, not by ctest)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "index/schema.hpp"
#include "search/spelling_index.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

void report(const char* name, std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double p) {
    return micros[static_cast<std::size_t>(p * static_cast<double>(micros.size() - 1))];
  };
  std::printf("%-8s p50 %9.1f us  p90 %9.1f us  p99 %9.1f us  max %9.1f us  (%zu lookups)\n", name,
              at(0.5), at(0.9), at(0.99), micros.back(), micros.size());
}

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: spelling_eval DB QUERIES [ROUNDS]\n");
    return 2;
  }
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  try {
    const Xapian::Database db(argv[1]);
    archivar::analysis::TextAnalyzer analyzer(archivar::analysis::AnalysisOptions::decode(
        db.get_metadata(std::string(archivar::schema::kAnalysisKey))));
    std::ifstream in(argv[2]);
    std::set<std::string> seen;
    std::vector<std::string> words;
    std::string line;
    while (std::getline(in, line)) {
      const std::size_t tab = line.rfind('\t');
      const std::string text = tab == std::string::npos ? line : line.substr(tab + 1);
      for (const auto& token : analyzer.analyze(text, "")) {
        if (token.kind != archivar::TokenKind::word || token.same_position) continue;
        const std::string& term = token.term;
        std::size_t cps = 0;
        bool digit = false;
        for (const char c : term) {
          cps += static_cast<std::size_t>((static_cast<unsigned char>(c) & 0xC0) != 0x80);
          digit = digit || (c >= '0' && c <= '9');
        }
        if (cps < 3 || cps > archivar::search::SpellingIndex::kMaxQueryCodePoints || digit)
          continue;
        if (db.term_exists(term) || !seen.insert(term).second) continue;
        words.push_back(term);
      }
    }
    const long rss_before = rss_kib();
    const auto start = Clock::now();
    const auto index = archivar::search::SpellingIndex::load(db);
    const double build_ms = micros_since(start) / 1000.0;
    std::printf("index: %zu words, %.1f MB held, RSS +%.1f MB, built in %.0f ms\n", index.words(),
                static_cast<double>(index.bytes()) / 1e6,
                static_cast<double>(rss_kib() - rss_before) / 1024.0, build_ms);
    // The alternative vocabulary (not used): the index's own exact-form
    // terms (lower-case first byte) of 2+ articles, as a build would read it.
    {
      const auto walk = Clock::now();
      std::size_t terms = 0;
      for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
        const std::string& term = *it;
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
        terms += static_cast<std::size_t>(it.get_termfreq() >= 2);
      }
      std::printf("exact-form terms of 2+ articles: %zu (walk %.0f ms)\n", terms,
                  micros_since(walk) / 1000.0);
    }
    if (words.empty()) {
      std::printf("no unknown words\n");
      return 0;
    }
    std::vector<double> slowest(words.size(), 0.0);  // the index's fastest per word
    std::vector<double> xapian_us;
    std::vector<double> index_us;
    std::size_t agree = 0;
    std::size_t xapian_found = 0;
    std::size_t index_found = 0;
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t w = 0; w < words.size(); ++w) {
        const std::string& word = words[w];
        auto t = Clock::now();
        const std::string old = db.get_spelling_suggestion(word, 2);
        xapian_us.push_back(micros_since(t));
        t = Clock::now();
        const std::string fresh = index.suggest(word);
        index_us.push_back(micros_since(t));
        slowest[w] = round == 0 ? index_us.back() : std::min(slowest[w], index_us.back());
        if (round > 0) continue;
        agree += static_cast<std::size_t>(old == fresh);
        xapian_found += static_cast<std::size_t>(!old.empty());
        index_found += static_cast<std::size_t>(!fresh.empty());
        if (old != fresh)
          std::printf("differ: %s → xapian '%s', index '%s'\n", word.c_str(), old.c_str(),
                      fresh.c_str());
      }
    }
    std::printf("%zu unknown words: agree %zu; suggestion found: xapian %zu, index %zu\n",
                words.size(), agree, xapian_found, index_found);
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (slowest[w] > 1000.0) std::printf("slow: %s %.0f us\n", words[w].c_str(), slowest[w]);
    }
    report("xapian", xapian_us);
    report("index", index_us);
  } catch (const Xapian::Error& error) {
    std::fprintf(stderr, "spelling_eval: %s\n", error.get_description().c_str());
    return 1;
  }
  return 0;
}
