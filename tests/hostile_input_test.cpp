// Hostile input (issue 7): every row of the README's table, tested. Each
// input gets a clear error or a defined behaviour, and nothing already
// indexed is lost. Big inputs are generated here, never committed.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <random>
#include <string>

#include "archivar/article_reader.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;
using testing_support::write_file;

// Size of the "50 MB article" row; scripts/sanitize.sh lowers it because
// sanitized ICU calls are many times slower.
std::size_t big_article_bytes() {
  const char* mb = std::getenv("ARCHIVAR_BIG_ARTICLE_MB");
  return static_cast<std::size_t>(mb != nullptr ? std::atoi(mb) : 50) << 20;
}

// An article in German with a title ("Titel" unless given).
Article titled_article(std::string id, std::string body, std::string title = "Titel") {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.lang = "de";
  return a;
}

// Real German and English words, cycled: text that analyses like prose.
std::string words(std::size_t count) {
  static const char* vocabulary[] = {"Bundesbank", "Münze",  "Gold",  "housing", "market",
                                     "Panthers",   "Punkte", "Liga",  "cocoa",   "drought",
                                     "Häuser",     "gebaut", "Stadt", "week",    "Bahia"};
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    text += vocabulary[i % 15];
    text += (i % 12 == 11) ? ". " : " ";
  }
  return text;
}

SearchRequest request_for(std::string query) {
  SearchRequest request;
  request.query = std::move(query);
  return request;
}

std::vector<std::string> hit_ids(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  std::vector<std::string> ids;
  for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
  return ids;
}

struct ReadResult {
  std::vector<Article> articles;
  std::vector<Rejection> rejections;
};

ReadResult read_all(const std::filesystem::path& file) {
  ReadResult result;
  ArticleReader reader(file);
  Article a;
  Rejection r;
  for (;;) {
    const auto status = reader.next(a, r);
    if (status == ArticleReader::Status::end) break;
    if (status == ArticleReader::Status::article) result.articles.push_back(a);
    if (status == ArticleReader::Status::rejected) result.rejections.push_back(r);
  }
  return result;
}

std::string gzip(const std::string& bytes) {
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, bytes.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

class HostileInput : public testing::Test {
 protected:
  // An index that already holds one committed article: every row checks it
  // survives.
  void SetUp() override {
    Index index(db());
    index.add(titled_article(
        "keep", "Die Deutsche Bundesbank wird ermächtigt, eine Goldmünze auszugeben."));
    index.commit();
  }
  void TearDown() override {
    Searcher searcher(db());
    const auto kept = searcher.get("keep");
    ASSERT_TRUE(kept.has_value()) << "a hostile input lost a committed article";
    EXPECT_EQ(kept->body, "Die Deutsche Bundesbank wird ermächtigt, eine Goldmünze auszugeben.");
  }
  [[nodiscard]] std::filesystem::path db() const { return dir_ / "news.db"; }

  TempDir dir_;
};

TEST_F(HostileInput, InvalidUtf8InAJsonRecordIsRejectedNamingTheField) {
  write_file(
      dir_ / "bad.jsonl",
      "{\"id\": \"a\", \"body\": \"M\xfcnze \xc3\x28\"}\n{\"id\": \"b\", \"body\": \"ok\"}\n");
  const auto read = read_all(dir_ / "bad.jsonl");
  ASSERT_EQ(read.rejections.size(), 1u);
  EXPECT_EQ(read.rejections[0].line, 1u);
  EXPECT_EQ(read.rejections[0].field, "body");
  EXPECT_EQ(read.rejections[0].reason, "invalid UTF-8");
  ASSERT_EQ(read.articles.size(), 1u);
  EXPECT_EQ(read.articles[0].id, "b");
}

TEST_F(HostileInput, InvalidUtf8ThroughTheLibraryIsStoredAsGivenAndAnalysedAsReplacement) {
  const std::string body = "M\xfcnze \xed\xa0\x80 Bundesbank \xf0\x9f\x98";
  {
    Index index(db());
    index.add(titled_article("raw", body));
  }
  Searcher searcher(db());
  EXPECT_EQ(searcher.get("raw")->body, body);
  EXPECT_EQ(hit_ids(searcher, "Bundesbank").size(), 2u);
}

TEST_F(HostileInput, NulBytesEscapedInJsonAreKeptRawOnesAreRejected) {
  write_file(dir_ / "nul.jsonl", std::string("{\"id\": \"n\", \"body\": \"a\\u0000b Gold\"}\n") +
                                     "{\"id\": \"m\", \"body\": \"a" + std::string(1, '\0') +
                                     "b\"}\n");
  const auto read = read_all(dir_ / "nul.jsonl");
  ASSERT_EQ(read.articles.size(), 1u);
  EXPECT_EQ(read.articles[0].body, std::string("a\0b Gold", 8));
  ASSERT_EQ(read.rejections.size(), 1u);
  EXPECT_EQ(read.rejections[0].line, 2u);
  EXPECT_NE(read.rejections[0].reason.find("not valid JSON"), std::string::npos);
  {
    Index index(db());
    index.add(read.articles[0]);
  }
  EXPECT_EQ(Searcher(db()).get("n")->body, std::string("a\0b Gold", 8));
}

TEST_F(HostileInput, FiftyMegabyteArticleIsIndexedWhole) {
  const std::size_t bytes = big_article_bytes();
  std::string body = words(bytes / 7);
  body.resize(bytes);
  body += " Schlusswort";
  {
    Index index(db());
    index.add(titled_article("big", body));
    index.commit();
  }
  Searcher searcher(db());
  const auto stored = searcher.get("big");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->body.size(), body.size());
  EXPECT_EQ(stored->body, body);
  EXPECT_EQ(hit_ids(searcher, "Schlusswort"), std::vector<std::string>{"big"});
}

TEST_F(HostileInput, LineOverTheLimitIsRejectedWithoutReadingItIntoMemory) {
  std::string line = "{\"id\": \"huge\", \"body\": \"" + std::string(70u << 20, 'x') + "\"}\n";
  write_file(dir_ / "huge.jsonl", line + "{\"id\": \"after\"}\n");
  line.clear();
  line.shrink_to_fit();
  const auto read = read_all(dir_ / "huge.jsonl");
  ASSERT_EQ(read.rejections.size(), 1u);
  EXPECT_NE(read.rejections[0].reason.find("line longer than"), std::string::npos);
  ASSERT_EQ(read.articles.size(), 1u);
  EXPECT_EQ(read.articles[0].id, "after");
}

TEST_F(HostileInput, OneMegabyteTokenIsStoredButNotIndexedAsATerm) {
  const std::string token(1u << 20, 'a');
  {
    Index index(db());
    index.add(titled_article("token", "Anfang " + token + " Ende"));
  }
  Searcher searcher(db());
  EXPECT_EQ(searcher.get("token")->body.size(), token.size() + 12);
  EXPECT_EQ(hit_ids(searcher, "Ende"), std::vector<std::string>{"token"});
  EXPECT_TRUE(hit_ids(searcher, token).empty());
}

TEST_F(HostileInput, HundredThousandWordArticleIsSearchableToTheLastWord) {
  std::string body = words(100000) + " Schlusswort";
  {
    Index index(db());
    index.add(titled_article("long", body));
  }
  Searcher searcher(db());
  EXPECT_EQ(searcher.get("long")->body, body);
  EXPECT_EQ(hit_ids(searcher, "Schlusswort"), std::vector<std::string>{"long"});
  EXPECT_EQ(hit_ids(searcher, "\"drought Schlusswort\""), std::vector<std::string>{"long"});
}

TEST_F(HostileInput, EmptyGzipFilesHoldNoArticles) {
  write_file(dir_ / "zero.jsonl.gz", "");
  write_file(dir_ / "empty.jsonl.gz", gzip(""));
  EXPECT_TRUE(read_all(dir_ / "zero.jsonl.gz").articles.empty());
  EXPECT_TRUE(read_all(dir_ / "zero.jsonl.gz").rejections.empty());
  EXPECT_TRUE(read_all(dir_ / "empty.jsonl.gz").articles.empty());
  EXPECT_TRUE(read_all(dir_ / "empty.jsonl.gz").rejections.empty());
}

TEST_F(HostileInput, TruncatedGzipThrowsNamingFileAndLineAfterTheWholeLines) {
  std::string lines;
  for (int i = 0; i < 2000; ++i) {
    lines += "{\"id\": \"z" + std::to_string(i) + "\", \"body\": \"" + words(20) + "\"}\n";
  }
  const std::string packed = gzip(lines);
  write_file(dir_ / "cut.jsonl.gz", packed.substr(0, packed.size() / 2));
  ArticleReader reader(dir_ / "cut.jsonl.gz");
  Article a;
  Rejection r;
  int read = 0;
  try {
    while (reader.next(a, r) != ArticleReader::Status::end) ++read;
    FAIL() << "a truncated gzip stream read to its end";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("cut.jsonl.gz:"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("truncated"), std::string::npos) << error.what();
  }
  EXPECT_GT(read, 0);
  EXPECT_LT(read, 2000);
}

TEST_F(HostileInput, DuplicateIdsInOneBatchLeaveTheLastVersion) {
  {
    IndexOptions options;
    options.commit_every = 100;
    Index index(db(), options);
    EXPECT_EQ(index.add(titled_article("dup", "erste Fassung")), AddResult::added);
    EXPECT_EQ(index.add(titled_article("dup", "zweite Fassung")), AddResult::replaced);
    EXPECT_EQ(index.add(titled_article("dup", "dritte Fassung")), AddResult::replaced);
    EXPECT_EQ(index.size(), 2u);
  }
  Searcher searcher(db());
  EXPECT_EQ(searcher.get("dup")->body, "dritte Fassung");
  EXPECT_TRUE(hit_ids(searcher, "zweite").empty());
}

TEST_F(HostileInput, DatesOutOfRangeAreRejected) {
  for (const char* date : {"0000-01-01", "2004-13-01", "2003-02-29", "2004-04-31", "99999-01-01",
                           "-001-01-01", "2004-1-1", "2004-01-01X"}) {
    Index index(db());
    EXPECT_THROW(index.add([&] {
      Article a = titled_article("d", "x");
      a.date = date;
      return a;
    }()),
                 InvalidArgumentError)
        << date;
  }
  Index index(db());
  Article edge = titled_article("edge", "x");
  edge.date = "9999-12-31";
  index.add(edge);
  edge.id = "first";
  edge.date = "0001-01-01";
  index.add(edge);
  index.commit();
  Searcher searcher(db());
  SearchRequest request;
  request.date_from = "0000-00-00";
  EXPECT_THROW((void)searcher.search(request), InvalidArgumentError);
  request.date_from = "0001-01-01";
  request.date_to = "0001-01-01";
  EXPECT_EQ(searcher.search(request).hits.size(), 1u);
}

TEST_F(HostileInput, DatesOutOfRangeInJsonLinesAreRejectionsNamingTheDate) {
  const std::vector<std::string> bad = {"0000-01-01", "2004-13-01", "2003-02-29", "99999-01-01",
                                        "2004-04-31"};
  std::string lines;
  for (const std::string& date : bad) {
    lines += "{\"id\": \"d" + date + "\", \"date\": \"" + date + "\", \"body\": \"x\"}\n";
  }
  lines += "{\"id\": \"first\", \"date\": \"0001-01-01\", \"body\": \"x\"}\n";
  lines += "{\"id\": \"last\", \"date\": \"9999-12-31\", \"body\": \"x\"}\n";
  write_file(dir_ / "dates.jsonl", lines);
  const auto read = read_all(dir_ / "dates.jsonl");
  ASSERT_EQ(read.rejections.size(), bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(read.rejections[i].line, i + 1);
    EXPECT_EQ(read.rejections[i].field, "date") << bad[i];
    EXPECT_NE(read.rejections[i].message().find("dates.jsonl:" + std::to_string(i + 1) + ":"),
              std::string::npos)
        << read.rejections[i].message();
  }
  ASSERT_EQ(read.articles.size(), 2u);
  EXPECT_EQ(read.articles[0].date, "0001-01-01");
  EXPECT_EQ(read.articles[1].date, "9999-12-31");
}

TEST_F(HostileInput, DeeplyNestedAndHugeQueriesGetAnAnswer) {
  Searcher searcher(db());
  const std::string nested = std::string(10000, '(') + "Bundesbank" + std::string(10000, ')');
  EXPECT_NO_THROW((void)searcher.search(request_for(nested)));
  std::string quotes;
  for (int i = 0; i < 5000; ++i) quotes += "\"a \"+-NOT OR AND ";
  EXPECT_NO_THROW((void)searcher.search(request_for(quotes)));
  std::string many;
  for (int i = 0; i < 10000; ++i)
    many += (i % 3 == 0   ? "-w"
             : i % 3 == 1 ? "+w"
                          : "w") +
            std::to_string(i) + (i % 5 == 0 ? " OR " : " ");
  EXPECT_NO_THROW((void)searcher.search(request_for(many)));
  std::string words10k = words(10000);
  EXPECT_EQ(hit_ids(searcher, words10k), std::vector<std::string>{"keep"});
}

TEST_F(HostileInput, BinaryGarbageAsAQueryNeverThrows) {
  Searcher searcher(db());
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string garbage(static_cast<std::size_t>(random() % 4096), '\0');
    for (char& c : garbage) c = static_cast<char>(random() & 0xff);
    SearchRequest request;
    request.query = garbage;
    EXPECT_NO_THROW((void)searcher.search(request)) << round;
  }
}

TEST_F(HostileInput, DeeplyNestedJsonIsRejectedNotACrash) {
  const std::string deep =
      "{\"id\": \"deep\", \"body\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n";
  write_file(dir_ / "deep.jsonl", deep);
  const auto read = read_all(dir_ / "deep.jsonl");
  ASSERT_EQ(read.rejections.size(), 1u);
  EXPECT_EQ(read.rejections[0].field, "body");
}

}  // namespace
}  // namespace archivar
