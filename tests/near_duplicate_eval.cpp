// near_duplicate_eval: precision and recall of the near-duplicate detector
// (index/near_duplicates.hpp) on real corpus articles with controlled edits.
//
// Takes N articles (default 2000, round-robin over the JSONL files of the
// corpus folder, bodies of at least 50 words, exact repeats dropped), makes
// one copy of each per edit kind (below), and reports
//   1. for k = 0..16: pair precision/recall of "Hamming distance <= k" over
//      all pairs (a pair is a true duplicate when both come from the same
//      original), overall and recall per edit kind;
//   2. end to end through Index::add (banded LSH + clustering at the
//      compiled-in k): pair precision/recall of "same cluster key".
// The texts go through the same cleaning and analysis as Index::add.
//
// Usage: near_duplicate_eval [CORPUS_DIR] [N]
#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "analysis/german_lexicon.hpp"
#include "analysis/language_detector.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"
#include "index/near_duplicates.hpp"
#include "index/schema.hpp"
#include "ingest/text_cleaner.hpp"
#include "temp_dir.hpp"

namespace {

using archivar::Article;

constexpr std::array<const char*, 7> kEditNames = {
    "original",         "retitled",    "sentence_added", "sentence_removed",
    "3_words_replaced", "boilerplate", "combined"};
constexpr int kMaxK = 16;

std::vector<std::string> split_sentences(const std::string& text) {
  std::vector<std::string> sentences;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ') {
      sentences.push_back(text.substr(start, i + 2 - start));
      start = i + 2;
    }
  }
  if (start < text.size()) sentences.push_back(text.substr(start));
  return sentences;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += part;
  return out;
}

std::string replace_words(const std::string& text, int count, std::mt19937& rng, bool german) {
  static const std::vector<std::string> de = {"Montag", "Regierung", "deutlich", "Stadt",
                                              "jedoch", "Angaben",   "neue",     "Woche"};
  static const std::vector<std::string> en = {"Monday",  "government", "sharply", "city",
                                              "however", "officials",  "new",     "week"};
  const auto& pool = german ? de : en;
  std::vector<std::pair<std::size_t, std::size_t>> words;  // begin, length
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t begin = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > begin) words.emplace_back(begin, i - begin);
  }
  if (words.empty()) return text;
  std::vector<std::size_t> picks;
  for (int n = 0; n < count; ++n) picks.push_back(rng() % words.size());
  std::sort(picks.begin(), picks.end());
  picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
  std::string out = text;
  for (auto it = picks.rbegin(); it != picks.rend(); ++it) {
    const auto [begin, length] = words[*it];
    out.replace(begin, length, pool[rng() % pool.size()]);
  }
  return out;
}

Article edit(const Article& original, std::size_t kind, std::mt19937& rng) {
  Article copy = original;
  copy.id = original.id + "#" + kEditNames[kind];
  copy.url = "https://syndication.example/" + copy.id;
  const bool german = original.lang == "de";
  const std::string added = german ? "Die Agentur bestätigte die Angaben am Abend auf Anfrage. "
                                   : "The agency confirmed the report late on Tuesday. ";
  auto add_sentence = [&](std::string body) {
    auto sentences = split_sentences(body);
    sentences.insert(sentences.begin() + static_cast<std::ptrdiff_t>(sentences.size() / 2), added);
    return join(sentences);
  };
  switch (kind) {
    case 1:
      copy.title = (german ? "Aktualisiert: " : "UPDATE 1-") + original.title;
      break;
    case 2:
      copy.body = add_sentence(original.body);
      break;
    case 3: {
      auto sentences = split_sentences(original.body);
      if (sentences.size() >= 3)
        sentences.erase(sentences.begin() + static_cast<std::ptrdiff_t>(sentences.size() / 2));
      copy.body = join(sentences);
      break;
    }
    case 4:
      copy.body = replace_words(original.body, 3, rng, german);
      break;
    case 5:
      copy.body = original.body +
                  (german ? "\n\n© dpa-infocom, 2024. Alle Rechte vorbehalten.\nFolgen Sie uns auf "
                            "Twitter und Facebook.\nWeitere Nachrichten aus der Region finden Sie "
                            "auf unserer Startseite."
                          : "\n\nCopyright 2024 Thomson Reuters. All rights reserved.\nFollow us "
                            "on Twitter and Facebook.\nFor more news from the region visit our "
                            "home page.");
      break;
    case 6:
      copy.title = "UPDATE 2-" + original.title;
      copy.body = replace_words(add_sentence(original.body), 2, rng, german);
      break;
    default:
      break;
  }
  return copy;
}

std::size_t word_count(const std::string& text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

void report(const char* what, std::uint64_t tp, std::uint64_t fp, std::uint64_t fn) {
  const double precision =
      tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  const double recall = tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
  std::printf("%-10s precision %.4f  recall %.4f  (tp %llu, fp %llu, fn %llu)\n", what, precision,
              recall, static_cast<unsigned long long>(tp), static_cast<unsigned long long>(fp),
              static_cast<unsigned long long>(fn));
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1
                                        ? std::filesystem::path(argv[1])
                                        : std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  const std::size_t wanted = argc > 2 ? std::stoul(argv[2]) : 2000;

  // Round-robin over the files.
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (archivar::ArticleReader::is_json_lines(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::unique_ptr<archivar::ArticleReader>> readers;
  for (const auto& file : files) readers.push_back(std::make_unique<archivar::ArticleReader>(file));

  archivar::analysis::TextAnalyzer analyzer;
  const archivar::ingest::TextCleaner cleaner({}, &archivar::analysis::GermanLexicon::instance());
  auto hash_of = [&](const Article& article) {
    const std::string body = cleaner.clean_body(article.body, article.title);
    std::string lang = article.lang;
    if (lang.empty()) lang = archivar::analysis::detect_language(body);
    return archivar::index::simhash(analyzer, body, lang);
  };

  std::vector<Article> originals;
  std::map<std::uint64_t, bool> seen_hashes;
  std::vector<std::size_t> from_file(files.size());
  bool any = true;
  while (originals.size() < wanted && any) {
    any = false;
    for (std::size_t f = 0; f < readers.size() && originals.size() < wanted; ++f) {
      Article article;
      archivar::Rejection rejection;
      for (int tries = 0; tries < 50; ++tries) {
        const auto status = readers[f]->next(article, rejection);
        if (status == archivar::ArticleReader::Status::end) break;
        if (status != archivar::ArticleReader::Status::article) continue;
        any = true;
        if (word_count(article.body) < 50) continue;
        if (article.lang.empty()) article.lang = archivar::analysis::detect_language(article.body);
        const auto hash = hash_of(article);
        if (!hash || !seen_hashes.emplace(*hash, true).second) continue;
        originals.push_back(article);
        ++from_file[f];
        break;
      }
    }
  }
  std::printf("%zu originals from %s:", originals.size(), dir.c_str());
  for (std::size_t f = 0; f < files.size(); ++f) {
    std::printf(" %s=%zu", files[f].filename().c_str(), from_file[f]);
  }
  std::printf("\n");

  std::mt19937 rng(42);
  struct Doc {
    Article article;
    std::size_t group;
    std::size_t kind;
    std::uint64_t hash;
  };
  std::vector<Doc> docs;
  for (std::size_t g = 0; g < originals.size(); ++g) {
    for (std::size_t kind = 0; kind < kEditNames.size(); ++kind) {
      Article copy = kind == 0 ? originals[g] : edit(originals[g], kind, rng);
      const auto hash = hash_of(copy);
      if (!hash) continue;
      docs.push_back({std::move(copy), g, kind, *hash});
    }
  }
  std::printf("%zu documents (originals + %zu edit kinds)\n\n", docs.size(), kEditNames.size() - 1);

  // Distance histograms of true pairs (per edit kind of the copy paired with
  // its original, and all same-group pairs) and of false pairs.
  std::array<std::uint64_t, 65> positive{};
  std::array<std::uint64_t, 65> negative{};
  std::vector<std::array<std::uint64_t, 65>> per_kind(kEditNames.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    for (std::size_t j = i + 1; j < docs.size(); ++j) {
      const int d = archivar::index::hamming_distance(docs[i].hash, docs[j].hash);
      if (docs[i].group == docs[j].group) {
        ++positive[d];
        if (docs[i].kind == 0) ++per_kind[docs[j].kind][d];
      } else {
        ++negative[d];
      }
    }
  }
  int shown = 0;
  for (std::size_t i = 0; i < docs.size() && shown < 8; ++i) {
    if (docs[i].kind != 0) continue;
    for (std::size_t j = i + 1; j < docs.size() && shown < 8; ++j) {
      if (docs[j].kind != 0 || docs[i].group == docs[j].group) continue;
      const int d = archivar::index::hamming_distance(docs[i].hash, docs[j].hash);
      if (d <= 3) {
        std::printf("false pair at distance %d: %s | %s\n", d, docs[i].article.id.c_str(),
                    docs[j].article.id.c_str());
        ++shown;
      }
    }
  }
  std::printf("Hamming distance <= k over all pairs:\n");
  std::printf("%3s %9s %9s %10s", "k", "precision", "recall", "false_pos");
  for (std::size_t kind = 1; kind < kEditNames.size(); ++kind)
    std::printf(" %16s", kEditNames[kind]);
  std::printf("\n");
  for (int k = 0; k <= kMaxK; ++k) {
    std::uint64_t tp = 0, fp = 0, all_pos = 0;
    for (int d = 0; d <= 64; ++d) {
      all_pos += positive[d];
      if (d <= k) {
        tp += positive[d];
        fp += negative[d];
      }
    }
    std::printf("%3d %9.4f %9.4f %10llu", k,
                tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp),
                static_cast<double>(tp) / static_cast<double>(all_pos),
                static_cast<unsigned long long>(fp));
    for (std::size_t kind = 1; kind < kEditNames.size(); ++kind) {
      std::uint64_t hit = 0, total = 0;
      for (int d = 0; d <= 64; ++d) {
        total += per_kind[kind][d];
        if (d <= k) hit += per_kind[kind][d];
      }
      std::printf(" %16.4f",
                  total == 0 ? 0.0 : static_cast<double>(hit) / static_cast<double>(total));
    }
    std::printf("\n");
  }

  // End to end: Index::add with banded LSH and clustering.
  archivar::testing_support::TempDir temp;
  const auto db_path = temp / "db";
  const auto start = std::chrono::steady_clock::now();
  {
    archivar::Index index(db_path);
    for (const std::size_t kind_pass : {0UL, 1UL}) {  // originals first, then the copies
      for (const Doc& doc : docs) {
        if ((doc.kind == 0) == (kind_pass == 0)) (void)index.add(doc.article);
      }
    }
    index.commit();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Xapian::Database db(db_path.string());
  std::vector<std::string> keys;
  for (const Doc& doc : docs) {
    const std::string term = std::string(archivar::schema::kId) + doc.article.id;
    keys.push_back(
        db.get_document(*db.postlist_begin(term)).get_value(archivar::schema::kClusterSlot));
  }
  std::uint64_t tp = 0, fp = 0, fn = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    for (std::size_t j = i + 1; j < docs.size(); ++j) {
      const bool same = !keys[i].empty() && keys[i] == keys[j];
      const bool truth = docs[i].group == docs[j].group;
      tp += same && truth;
      fp += same && !truth;
      fn += !same && truth;
    }
  }
  std::printf("\nEnd to end (Index::add, k = %d, %d band terms), %.1f s to index:\n",
              archivar::index::kMaxHammingDistance, archivar::index::kSimHashBands, seconds);
  report("clusters", tp, fp, fn);
  return 0;
}
