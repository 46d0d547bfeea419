// SpellingIndex (search/spelling_index.hpp): the deletion-neighbourhood
// lookup that replaces Xapian's trigram search for "did you mean" agrees
// with Xapian's get_spelling_suggestion on typos made from real corpus words,
// ranks like it, a Searcher gives the same suggestions before and after it
// switches to the index, and the index of a new revision built from the
// previous one equals one built afresh.
#include "search/spelling_index.hpp"

#include <gtest/gtest.h>
#include <xapian.h>
#include <xapian/unicode.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;

std::vector<unsigned> code_points(const std::string& text) {
  return {Xapian::Utf8Iterator(text), Xapian::Utf8Iterator()};
}

std::string to_utf8(const std::vector<unsigned>& cps) {
  std::string out;
  for (const unsigned cp : cps) Xapian::Unicode::append_utf8(out, cp);
  return out;
}

// Plain optimal-string-alignment distance (full table), independent of the
// index's bounded one.
unsigned osa(const std::string& left, const std::string& right) {
  const auto a = code_points(left);
  const auto b = code_points(right);
  std::vector<std::vector<unsigned>> d(a.size() + 1, std::vector<unsigned>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<unsigned>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

Xapian::Database table(TempDir& dir,
                       const std::vector<std::pair<std::string, Xapian::termcount>>& words) {
  Xapian::WritableDatabase db((dir / "words").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (const auto& [word, freq] : words) db.add_spelling(word, freq);
  db.commit();
  return Xapian::Database((dir / "words").string());
}

TEST(SpellingIndex, RanksByDistanceThenFrequencyThenTermOrder) {
  TempDir dir;
  const SpellingIndex index = SpellingIndex::load(table(dir, {{"bundesbank", 3},
                                                              {"bundesbahn", 50},
                                                              {"balsamico", 2},
                                                              {"jungen", 5},
                                                              {"lungen", 9},
                                                              {"größe", 4},
                                                              {"grüße", 4},
                                                              {"verantwortung", 7},
                                                              {"interest", 1}}));
  EXPECT_EQ(index.words(), 9U);
  EXPECT_EQ(index.suggest("bundesbnak"), "bundesbank");  // transposition: 1, beats "bahn" (2)
  EXPECT_EQ(index.suggest("basalmico"), "balsamico");
  EXPECT_EQ(index.suggest("hungen"), "lungen");  // both at 1: the more frequent
  EXPECT_EQ(index.suggest("grose"), "größe");    // both at 2, equal frequency: term order
  EXPECT_EQ(index.suggest("xverantwortung"), "verantwortung");  // edit before the prefix ends
  EXPECT_EQ(index.suggest("verantwortnug"), "verantwortung");   // edit after it
  EXPECT_EQ(index.suggest("vrantwortunk"), "verantwortung");    // one edit on each side
  EXPECT_EQ(index.suggest("intrst"), "interest");               // two deletions
  EXPECT_EQ(index.suggest("bundesbank"), "");                   // a table word needs no correction
  EXPECT_EQ(index.suggest("inflation"), "");                    // nothing within 2
  EXPECT_EQ(index.suggest("xyzzyxyzzyxyzzyx"), "");             // longer than 15: not looked up
  EXPECT_EQ(index.suggest(""), "");
}

TEST(SpellingIndex, EmptyTableSuggestsNothing) {
  TempDir dir;
  const SpellingIndex index = SpellingIndex::load(table(dir, {}));
  EXPECT_EQ(index.words(), 0U);
  EXPECT_EQ(index.suggest("bundesbank"), "");
}

// update() gives load()'s index (the same words, frequencies and entries)
// along a chain of commits that add, remove and re-weigh words, through both
// ways back to a fresh build: a commit adding more than a quarter of the
// shared array's entries, and one removing a third of the words.
TEST(SpellingIndex, UpdateAlongCommitsEqualsLoad) {
  TempDir dir;
  const std::string path = (dir / "words").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OVERWRITE);
  std::mt19937 random(20261129);
  const auto word = [&random] {
    std::string out;
    for (std::size_t n = 4 + random() % 9; n > 0; --n)
      out += static_cast<char>('a' + random() % 26);
    return out;
  };
  for (int i = 0; i < 2000; ++i)
    writer.add_spelling(word(), static_cast<Xapian::termcount>(1 + random() % 5));
  writer.add_spelling("bundesbank", 3);
  writer.commit();
  SpellingIndex index = SpellingIndex::load(Xapian::Database(path));
  for (int commit = 0; commit < 6; ++commit) {
    const int adding = commit == 4 ? 1500 : 40;
    for (int i = 0; i < adding; ++i)
      writer.add_spelling(word(), static_cast<Xapian::termcount>(1 + random() % 5));
    std::vector<std::pair<std::string, Xapian::termcount>> table;
    {
      const Xapian::Database before(path);
      for (auto it = before.spellings_begin(); it != before.spellings_end(); ++it) {
        table.emplace_back(*it, it.get_termfreq());
      }
    }
    const std::size_t every = commit == 5 ? 3 : 17;
    for (std::size_t i = 0; i < table.size(); i += every) {
      if (table[i].first != "bundesbank") writer.remove_spelling(table[i].first, table[i].second);
    }
    writer.add_spelling("bundesbank", 1);
    if (commit == 1) writer.add_spelling("verantwortung", 7);
    if (commit == 3) writer.remove_spelling("verantwortung", 7);
    writer.commit();

    const Xapian::Database db(path);
    index = SpellingIndex::update(index, db);
    const SpellingIndex loaded = SpellingIndex::load(db);
    EXPECT_EQ(index.words(), loaded.words()) << "commit " << commit;
    EXPECT_TRUE(index == loaded) << "commit " << commit;
    EXPECT_EQ(index.suggest("verantwortnug"), commit == 1 || commit == 2 ? "verantwortung" : "")
        << "commit " << commit;
    EXPECT_EQ(index.suggest("bundesbnak"), "bundesbank");
  }
}

// Real articles (BBC English, Austrian German news) in a serial index,
// whose spelling table holds every word.
std::filesystem::path real_index(TempDir& dir) {
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  const std::filesystem::path path = dir / "db";
  Index index(path);
  std::size_t added = 0;
  for (const char* name : {"en_bbc.jsonl.gz", "de_10kgnad_test.jsonl.gz"}) {
    if (!std::filesystem::exists(corpora / name)) continue;
    ArticleReader reader(corpora / name);
    Article article;
    Rejection rejection;
    for (std::size_t taken = 0; taken < 300;) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status != ArticleReader::Status::article) continue;
      (void)index.add(article);
      ++taken;
      ++added;
    }
  }
  index.commit();
  return added == 0 ? std::filesystem::path() : path;
}

// Typos made from table words of 4-15 letters by one or two controlled edits
// (deletion, insertion, substitution, neighbour swap), fixed seed.
std::vector<std::pair<std::string, std::string>> typos(const Xapian::Database& db,
                                                       std::size_t count) {
  std::vector<std::string> words;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    const auto cps = code_points(*it);
    if (cps.size() >= 4 && cps.size() <= 15 && it.get_termfreq() >= 2) words.push_back(*it);
  }
  std::mt19937 random(20261126);
  const std::string letters = "abcdefghijklmnopqrstuvwxyzäöüß";
  const auto alphabet = code_points(letters);
  std::vector<std::pair<std::string, std::string>> out;  // typo, original
  while (out.size() < count && !words.empty()) {
    const std::string& word = words[random() % words.size()];
    auto cps = code_points(word);
    const int edits = 1 + static_cast<int>(random() % 2);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % cps.size();
      switch (random() % 4) {
        case 0:
          if (cps.size() > 3) cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 1:
          cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(at),
                     alphabet[random() % alphabet.size()]);
          break;
        case 2:
          cps[at] = alphabet[random() % alphabet.size()];
          break;
        default:
          if (at + 1 < cps.size()) std::swap(cps[at], cps[at + 1]);
      }
    }
    if (cps.size() > SpellingIndex::kMaxQueryCodePoints) continue;
    const std::string typo = to_utf8(cps);
    if (typo != word && !db.term_exists(typo)) out.emplace_back(typo, word);
  }
  return out;
}

TEST(SpellingIndex, AgreesWithXapianOnTyposOfRealWords) {
  TempDir dir;
  const std::filesystem::path path = real_index(dir);
  if (path.empty()) GTEST_SKIP() << "shared data not found";
  const Xapian::Database db(path.string());
  const SpellingIndex index = SpellingIndex::load(db);
  ASSERT_GT(index.words(), 10000U);
  std::map<std::string, Xapian::doccount> frequency;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    frequency[*it] = it.get_termfreq();
  }
  const auto samples = typos(db, 400);
  ASSERT_EQ(samples.size(), 400U);
  std::size_t agree = 0;
  std::size_t xapian_right = 0;
  std::size_t ours_right = 0;
  std::size_t ours_only = 0;
  for (const auto& [typo, original] : samples) {
    const std::string xapian = db.get_spelling_suggestion(typo, 2);
    const std::string ours = index.suggest(typo);
    agree += static_cast<std::size_t>(xapian == ours);
    xapian_right += static_cast<std::size_t>(xapian == original);
    ours_right += static_cast<std::size_t>(ours == original);
    if (ours.empty()) {
      // Complete: whatever Xapian finds within 2, the index finds too.
      EXPECT_EQ(xapian, "") << typo;
      continue;
    }
    ours_only += static_cast<std::size_t>(xapian.empty());
    const unsigned distance = osa(typo, ours);
    EXPECT_LE(distance, 2U) << typo << " → " << ours;
    if (!xapian.empty() && xapian != ours) {
      // Never worse than Xapian's pick: nearer, or as near and as frequent.
      const unsigned xapian_distance = osa(typo, xapian);
      EXPECT_LE(distance, xapian_distance) << typo << " → " << ours << " / " << xapian;
      if (distance == xapian_distance) {
        EXPECT_GE(frequency[ours], frequency[xapian]) << typo;
      }
    }
  }
  std::cout << "spelling agreement on " << samples.size() << " typos: " << agree
            << " equal; right (the word edited): Xapian " << xapian_right << ", index "
            << ours_right << "; found by the index only: " << ours_only << "\n";
  EXPECT_GE(agree * 100, samples.size() * 90);  // measured: see bench/README.md
  EXPECT_GE(ours_right, xapian_right);
}

// Lookups (one per Searcher) share the index of a database revision: one
// that finds it built skips the Xapian phase; a new revision gets its own;
// once nobody holds it, it is freed and the next need builds it again.
// A spelling table of "bundesbank" (3) and "balsamico" (2) at dir/words.
std::string bank_and_balsamico(TempDir& dir) {
  const std::string path = (dir / "words").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OVERWRITE);
  writer.add_spelling("bundesbank", 3);
  writer.add_spelling("balsamico", 2);
  writer.commit();
  return path;
}

// Looks "basalmico" up until `lookup` has built its index (after its
// Xapian phase).
void build_index(SpellingLookup& lookup, const Xapian::Database& db) {
  for (unsigned i = 0; i <= SpellingLookup::kXapianLookups; ++i) {
    EXPECT_EQ(lookup.suggest(db, "basalmico"), "balsamico");
  }
  ASSERT_NE(lookup.index(), nullptr);
}

TEST(SpellingLookup, SearchersShareTheIndexOfOneRevision) {
  TempDir dir;
  const std::string path = bank_and_balsamico(dir);
  const Xapian::Database db(path);
  SpellingLookup first;
  SpellingLookup second;
  EXPECT_EQ(second.suggest(db, "bundesbnak"), "bundesbank");  // Xapian phase
  EXPECT_EQ(second.index(), nullptr);
  build_index(first, db);
  EXPECT_EQ(second.suggest(db, "bundesbnak"), "bundesbank");
  EXPECT_EQ(second.index(), first.index());  // found built: shared, not rebuilt

  {
    Xapian::WritableDatabase writer(path);
    writer.add_spelling("verantwortung", 7);
    writer.commit();
  }
  const Xapian::Database newer(path);
  SpellingLookup third;
  EXPECT_EQ(third.suggest(newer, "verantwortnug"), "verantwortung");
  EXPECT_EQ(third.index(), nullptr);  // another revision: nothing to share yet

  const SpellingIndex* shared = first.index();
  first.clear();
  EXPECT_EQ(first.index(), nullptr);
  EXPECT_EQ(second.index(), shared);  // still held by the second lookup
  second.clear();
  {
    // A cleared lookup keeps the index as the base of its next revision's.
    SpellingLookup fourth;
    EXPECT_EQ(fourth.suggest(db, "bundesbnak"), "bundesbank");
    EXPECT_EQ(fourth.index(), shared);
  }
  first = SpellingLookup();
  second = SpellingLookup();
  SpellingLookup fifth;
  EXPECT_EQ(fifth.suggest(db, "bundesbnak"), "bundesbank");
  EXPECT_EQ(fifth.index(), nullptr);  // freed with its last holder
}

// After a commit, the first lookup of the new revision builds that
// revision's index from the previous one (SpellingIndex::update) at once,
// without a Xapian phase; other lookups of the revision share it.
TEST(SpellingLookup, ANewRevisionStartsFromThePreviousIndex) {
  TempDir dir;
  const std::string path = bank_and_balsamico(dir);
  SpellingLookup lookup;
  build_index(lookup, Xapian::Database(path));
  Xapian::WritableDatabase writer(path);
  writer.add_spelling("verantwortung", 7);
  writer.remove_spelling("balsamico", 2);
  writer.commit();
  lookup.clear();
  EXPECT_EQ(lookup.index(), nullptr);

  const Xapian::Database newer(path);
  EXPECT_EQ(lookup.suggest(newer, "verantwortnug"), "verantwortung");
  ASSERT_NE(lookup.index(), nullptr);  // built by the first lookup
  EXPECT_TRUE(*lookup.index() == SpellingIndex::load(newer));
  EXPECT_EQ(lookup.suggest(newer, "basalmico"), "");  // removed from the table
  SpellingLookup other;
  EXPECT_EQ(other.suggest(newer, "bundesbnak"), "bundesbank");
  EXPECT_EQ(other.index(), lookup.index());
}

// prepare() (a server warming a revision up) builds the index at once, no
// Xapian phase first; a lookup of the revision then finds it built, and
// after a commit prepare() builds the next revision's from it.
TEST(SpellingLookup, PrepareBuildsTheIndexAtOnceForTheLookupsOfItsRevision) {
  TempDir dir;
  const std::string path = bank_and_balsamico(dir);
  const Xapian::Database db(path);
  SpellingLookup warmer;
  const SpellingIndex& index = warmer.prepare(db);
  EXPECT_EQ(&index, warmer.index());
  EXPECT_TRUE(index == SpellingIndex::load(db));
  EXPECT_EQ(&warmer.prepare(db), &index);  // ready: nothing built again
  SpellingLookup request;
  EXPECT_EQ(request.suggest(db, "basalmico"), "balsamico");
  EXPECT_EQ(request.index(), &index);  // the first lookup found it built

  {
    Xapian::WritableDatabase writer(path);
    writer.add_spelling("verantwortung", 7);
    writer.commit();
  }
  warmer.clear();
  const Xapian::Database newer(path);
  const SpellingIndex& updated = warmer.prepare(newer);
  EXPECT_EQ(updated.words(), 3U);
  EXPECT_TRUE(updated == SpellingIndex::load(newer));
  SpellingLookup next;
  EXPECT_EQ(next.suggest(newer, "verantwortnug"), "verantwortung");
  EXPECT_EQ(next.index(), &updated);
}

// Two threads, each with its own lookup and database handle, needing the
// index at once: one build, both get it (run under TSan by CI).
TEST(SpellingLookup, ThreadsNeedingTheIndexAtOnceShareOneBuild) {
  TempDir dir;
  const std::string path = (dir / "words").string();
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const char* word : {"bundesbank", "balsamico", "verantwortung", "regierung"}) {
      writer.add_spelling(word, 2);
    }
    writer.commit();
  }
  std::array<const SpellingIndex*, 2> built{};
  std::array<std::string, 2> found;
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      const Xapian::Database db(path);
      SpellingLookup lookup;
      for (unsigned i = 0; i <= SpellingLookup::kXapianLookups; ++i) {
        found[t] = lookup.suggest(db, "regirung");
      }
      built[t] = lookup.index();
      // Keep holding the index until both threads have theirs.
      static std::atomic<int> done{0};
      ++done;
      while (done.load() < 2) std::this_thread::yield();
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(found[0], "regierung");
  EXPECT_EQ(found[1], "regierung");
  ASSERT_NE(built[0], nullptr);
  EXPECT_EQ(built[0], built[1]);
}

// One Searcher asks Xapian for its first SpellingLookup::kXapianLookups
// words, then switches to the index: suggestions are the same either side.
TEST(SpellingIndex, SearcherSuggestsTheSameBeforeAndAfterBuildingTheIndex) {
  TempDir dir;
  const std::filesystem::path path = real_index(dir);
  if (path.empty()) GTEST_SKIP() << "shared data not found";
  const std::vector<std::string> queries = {
      "goverment",         "Regierng", "footbal club", "Bundeskanzlr", "ecomony growth", "Fussbal",
      "Österreich Wahlen", "telephon", "Präsdient",    "musci awards", "Gemeidne",       "polcie"};
  std::vector<std::string> cold;
  for (const std::string& query : queries) {
    Searcher fresh(path);  // every lookup through Xapian
    SearchRequest request;
    request.query = query;
    cold.push_back(fresh.search(request).did_you_mean);
  }
  Searcher warm(path);
  for (int round = 0; round < 2; ++round) {  // the second round uses the index
    for (std::size_t i = 0; i < queries.size(); ++i) {
      SearchRequest request;
      request.query = queries[i];
      EXPECT_EQ(warm.search(request).did_you_mean, cold[i]) << queries[i] << " round " << round;
    }
  }
  EXPECT_EQ(cold[0], "government");
  EXPECT_EQ(cold[3], "Bundeskanzler");
  EXPECT_EQ(cold[8], "Präsident");
  EXPECT_EQ(cold[4], "economy growth");
  EXPECT_EQ(cold[2], "");  // "footbal" is the English stem of "football": known
}

}  // namespace
}  // namespace archivar::search
