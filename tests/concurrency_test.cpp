// Readers during writes, with threads: one Index writer adds, replaces,
// deletes and commits while several threads, each with its own Searcher,
// search, get and reopen. No reader call may fail, and every article a
// reader sees is one the writer wrote as a whole. A second writer gets a
// DatabaseError naming the lock, at once.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "archivar/analyzer.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

constexpr int kIds = 60;
constexpr int kRounds = 6;
constexpr int kReaders = 3;

const std::vector<std::string>& sentences() {
  static const std::vector<std::string> all = {
      "Die Deutsche Bundesbank wird ermächtigt, eine Münze in Gold herauszugeben.",
      "Showers continued throughout the week in the Bahia cocoa zone.",
      "Die Verteidigung der Panthers gab nur 308 Punkte ab.",
      "New houses were built in record numbers as the housing market recovered.",
      "In der Stadt wurden mehr Häuser gebaut als je zuvor, sagte der Bürgermeister.",
      "The Panthers defense gave up just 308 points, ranking sixth in the league.",
  };
  return all;
}

// Version `round` of article `n`: the title names both, the body repeats
// them, so a reader can tell a whole article from a torn one.
Article version_of(int n, int round) {
  Article article;
  article.id = "art-" + std::to_string(n);
  const std::string tag = "v" + std::to_string(round) + "n" + std::to_string(n);
  article.title = "Artikel " + tag;
  article.body = sentences()[static_cast<std::size_t>(n + round) % sentences().size()] + " " + tag;
  article.date = "2004-05-" + std::to_string(10 + n % 18);
  article.lang = n % 2 == 0 ? "de" : "en";
  article.tags = {tag};
  return article;
}

bool is_whole(const Article& article) {
  const std::string tag = article.tags.empty() ? std::string() : article.tags.front();
  return !tag.empty() && article.title == "Artikel " + tag && article.body.size() > tag.size() &&
         article.body.compare(article.body.size() - tag.size(), tag.size(), tag) == 0;
}

TEST(Concurrency, ReadersNeverFailWhileOneWriterAddsDeletesAndCommits) {
  TempDir dir;
  const auto path = dir / "news.db";
  {
    Index index(path);
    for (int n = 0; n < kIds; ++n) index.add(version_of(n, 0));
    index.commit();
  }

  std::atomic<bool> writing{true};
  std::atomic<int> reader_calls{0};
  std::vector<std::string> failures(kReaders);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      try {
        Searcher searcher(path);
        const char* queries[] = {
            "Münze Gold", "Panthers points", "\"housing market\"", "Häuser -Bürgermeister",
            "",           "Artikel OR cocoa"};
        int step = 0;
        // At least a few rounds even if the writer is done first.
        while (writing.load() || step < 20) {
          SearchRequest request;
          request.query = queries[step % 6];
          request.page_size = 20;
          for (const Hit& hit : searcher.search(request).hits) {
            if (hit.id.rfind("art-", 0) != 0) throw std::runtime_error("odd hit " + hit.id);
          }
          const auto article = searcher.get("art-" + std::to_string((step * 7 + r) % kIds));
          if (article && !is_whole(*article)) {
            throw std::runtime_error("torn article " + article->id + ": " + article->title);
          }
          if (step % 5 == 0) searcher.reopen();
          if (step % 17 == 0) (void)searcher.stats();
          ++step;
          reader_calls.fetch_add(1);
        }
      } catch (const std::exception& error) {
        failures[static_cast<std::size_t>(r)] = error.what();
      }
    });
  }

  {
    IndexOptions options;
    options.commit_every = 7;  // many commits while readers read
    Index index(path, options);
    for (int round = 1; round <= kRounds; ++round) {
      for (int n = 0; n < kIds; ++n) {
        if ((n + round) % 5 == 0) {
          index.remove("art-" + std::to_string(n));
        } else {
          index.add(version_of(n, round));
        }
      }
      index.commit();
    }
  }
  writing.store(false);
  for (auto& reader : readers) reader.join();

  for (int r = 0; r < kReaders; ++r) {
    EXPECT_EQ(failures[static_cast<std::size_t>(r)], "") << "reader " << r;
  }
  EXPECT_GE(reader_calls.load(), kReaders * 20);

  // The final state is the last round, whole.
  Searcher searcher(path);
  for (int n = 0; n < kIds; ++n) {
    const auto article = searcher.get("art-" + std::to_string(n));
    if ((n + kRounds) % 5 == 0) {
      EXPECT_FALSE(article.has_value()) << n;
    } else {
      ASSERT_TRUE(article.has_value()) << n;
      EXPECT_EQ(*article, version_of(n, kRounds));
    }
  }
}

TEST(Concurrency, SecondWriterGetsALockErrorNotAHang) {
  TempDir dir;
  const auto path = dir / "news.db";
  Index first(path);
  first.add(version_of(1, 1));
  try {
    Index second(path);
    FAIL() << "a second writer opened a locked index";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("locked"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
  }
  // The first writer is unharmed, and the lock goes with it.
  first.commit();
  EXPECT_EQ(first.size(), 1u);
}

TEST(Concurrency, LockIsReleasedWhenTheWriterCloses) {
  TempDir dir;
  const auto path = dir / "news.db";
  { Index first(path); }
  Index second(path);
  second.add(version_of(2, 1));
  second.commit();
  EXPECT_EQ(Searcher(path).get("art-2"), version_of(2, 1));
}

TEST(Concurrency, ThreadsWithTheirOwnAnalyzerAgree) {
  // The analysis chain keeps per-instance ICU and Snowball state; one per
  // thread must give the same tokens as a single-threaded run.
  const std::string text = sentences()[0] + " " + sentences()[1];
  Analyzer reference;
  const auto expected = reference.analyze(text, "de");
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Analyzer analyzer;
      for (int i = 0; i < 50; ++i) {
        const auto tokens = analyzer.analyze(text, i % 2 == 0 ? "de" : "en");
        if (i % 2 == 0 && tokens.size() != expected.size()) mismatches.fetch_add(1);
        (void)analyzer.detect_language(text);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace archivar

namespace archivar {
namespace {

TEST(CrashSafety, FolderOfAnInterruptedCreationIsStartedAfresh) {
  // What SIGKILL during the creation of an index leaves: glass files but no
  // "iamglass" version file (tests/crash_test.py met it).
  TempDir dir;
  const auto path = dir / "news.db";
  std::filesystem::create_directories(path);
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass"}) {
    std::ofstream(path / name) << "";
  }
  {
    Index index(path);
    index.add(version_of(3, 1));
  }
  EXPECT_EQ(Searcher(path).get("art-3"), version_of(3, 1));
}

TEST(CrashSafety, FolderWithOtherFilesIsNeverOverwritten) {
  TempDir dir;
  const auto path = dir / "news.db";
  std::filesystem::create_directories(path);
  std::ofstream(path / "postlist.glass") << "";
  std::ofstream(path / "notes.txt") << "mine";
  EXPECT_THROW(Index index(path), DatabaseError);
  EXPECT_TRUE(std::filesystem::exists(path / "notes.txt"));
}

}  // namespace
}  // namespace archivar
