// ArticleReader (JSON Lines, gzip, plain text) and the LineReader under it.
#include "archivar/article_reader.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "archivar/errors.hpp"
#include "ingest/line_reader.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

namespace fs = std::filesystem;

using testing_support::TempDir;
using testing_support::write_file;

const fs::path kFixtures = fs::path(ARCHIVAR_FIXTURES) / "ingest";

fs::path write_gzip(const fs::path& path, const std::string& bytes) {
  gzFile gz = gzopen(path.c_str(), "wb");
  EXPECT_NE(gz, nullptr);
  EXPECT_EQ(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  EXPECT_EQ(gzclose(gz), Z_OK);
  return path;
}

void cut_last_bytes(const fs::path& path, std::uintmax_t count) {
  fs::resize_file(path, fs::file_size(path) - count);
}

// What one call of ArticleReader::next gave, in a comparable form.
struct Item {
  ArticleReader::Status status;
  std::uint64_t line;  // ArticleReader::line() after the call
  std::string id;      // article id, or the rejection's field
  std::string text;    // article title, or the rejection's reason

  friend bool operator==(const Item&, const Item&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Item& item) {
    return os << "{" << static_cast<int>(item.status) << ", " << item.line << ", '" << item.id
              << "', '" << item.text << "'}";
  }
};

constexpr auto kArticle = ArticleReader::Status::article;
constexpr auto kRejected = ArticleReader::Status::rejected;

// Reads `file` to the end; rejections must carry the reader's file and line.
std::vector<Item> read_items(const fs::path& file, ArticleReaderOptions options = {}) {
  ArticleReader reader(file, options);
  std::vector<Item> items;
  Article article;
  Rejection rejection;
  while (true) {
    const ArticleReader::Status status = reader.next(article, rejection);
    if (status == ArticleReader::Status::end) break;
    if (status == kArticle) {
      items.push_back({status, reader.line(), article.id, article.title});
    } else {
      EXPECT_EQ(rejection.file, file.string());
      // Plain-text files report a fault at its line, an empty file at line 1.
      if (ArticleReader::is_json_lines(file)) {
        EXPECT_EQ(rejection.line, reader.line());
      }
      items.push_back({status, rejection.line, rejection.field, rejection.reason});
    }
  }
  EXPECT_EQ(reader.next(article, rejection), ArticleReader::Status::end) << "end stays end";
  return items;
}

// ---------------------------------------------------------------- file names

TEST(ArticleReader, IsJsonLinesByExtension) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"dump.jsonl", true},
      {"dump.ndjson", true},
      {"dump.json", true},
      {"dump.jsonl.gz", true},
      {"a/b/dump.ndjson.gz", true},
      {"DUMP.JSONL.GZ", true},
      {"dump.json.gz", true},
      {"artikel.txt", false},
      {"artikel.txt.gz", false},
      {"artikel", false},
      {"jsonl", false},
      {"dump.jsonl.bak", false},
      {"dump.gz", false},
      {"seite.html", false},
      {"x.jsonlines", false},
  };
  for (const auto& [name, expected] : cases) {
    EXPECT_EQ(ArticleReader::is_json_lines(name), expected) << name;
  }
}

TEST(ArticleReader, RejectionMessage) {
  const std::vector<std::pair<Rejection, std::string>> cases = {
      {{"dump.jsonl", 7, "date", "'2021-02-30' is not an ISO 8601 date (YYYY-MM-DD)"},
       "dump.jsonl:7: field 'date': '2021-02-30' is not an ISO 8601 date (YYYY-MM-DD)"},
      {{"a/b/dump.jsonl.gz", 12, "", "not valid JSON: syntax error"},
       "a/b/dump.jsonl.gz:12: not valid JSON: syntax error"},
      {{"leer.txt", 1, "", "empty file"}, "leer.txt:1: empty file"},
  };
  for (const auto& [rejection, expected] : cases) EXPECT_EQ(rejection.message(), expected);
}

// ---------------------------------------------------------------- JSON Lines

TEST(ArticleReader, JsonLinesFixtureWithLineNumbers) {
  const std::vector<Item> expected = {
      {kArticle, 1, "welt-2021-0301", "Müller übernimmt die Leitung der Medienseite"},
      {kArticle, 2, "4711", "Straßenbahn fährt wieder durch die Innenstadt"},
      // line 3 is blank: skipped silently
      {kArticle, 4, "guardian-7781", "Council approves new cycle lanes"},
      {kRejected, 5, "id", "missing"},
      {kRejected, 6, "date", "'2021-02-30' is not an ISO 8601 date (YYYY-MM-DD)"},
      {kArticle, 8, "taz-0815", "Win-Win-Situation für Bäcker und Kunden"},
  };
  std::vector<Item> items = read_items(kFixtures / "articles.jsonl");
  ASSERT_EQ(items.size(), expected.size() + 1);
  // Line 7 is not JSON; nlohmann's wording is not ours to pin down.
  EXPECT_EQ(items[5].status, kRejected);
  EXPECT_EQ(items[5].line, 7u);
  EXPECT_EQ(items[5].id, "");
  EXPECT_EQ(items[5].text.rfind("not valid JSON: ", 0), 0u) << items[5].text;
  items.erase(items.begin() + 5);
  EXPECT_EQ(items, expected);
}

TEST(ArticleReader, JsonLinesFixtureFields) {
  ArticleReader reader(kFixtures / "articles.jsonl");
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), kArticle);
  Article expected;
  expected.id = "welt-2021-0301";
  expected.title = "Müller übernimmt die Leitung der Medienseite";
  expected.body =
      "Die Zahl der Seitenaufrufe ist im Februar um ein Fünftel gestiegen. Chefredakteurin Grit "
      "Müller will das Influencer-Programm ausbauen.";
  expected.url = "https://example.de/medien/mueller";
  expected.date = "2021-03-01";
  expected.lang = "de";
  expected.author = "Jörg Weiß";
  expected.tags = {"Medien", "Personalien"};
  expected.source = "welt";
  EXPECT_EQ(article, expected);
}

const std::string kThreeRecords =
    "{\"id\":\"a1\",\"title\":\"Grüße aus Köln\"}\n"
    "{\"id\":\"a2\",\"title\":\"Council approves new cycle lanes\"}\n"
    "{\"id\":\"a3\",\"title\":\"Straßenbahn fährt wieder\"}\n";

const std::vector<Item> kThreeItems = {
    {kArticle, 1, "a1", "Grüße aus Köln"},
    {kArticle, 2, "a2", "Council approves new cycle lanes"},
    {kArticle, 3, "a3", "Straßenbahn fährt wieder"},
};

TEST(ArticleReader, PlainAndGzipJsonLinesReadTheSame) {
  TempDir dir;
  EXPECT_EQ(read_items(write_file(dir / "dump.jsonl", kThreeRecords)), kThreeItems);
  EXPECT_EQ(read_items(write_gzip(dir / "dump.jsonl.gz", kThreeRecords)), kThreeItems);
  EXPECT_EQ(read_items(write_gzip(dir / "dump.ndjson.gz", kThreeRecords)), kThreeItems);
  // An uncompressed file named .gz is read as it is (zlib is transparent).
  EXPECT_EQ(read_items(write_file(dir / "plain.jsonl.gz", kThreeRecords)), kThreeItems);
}

TEST(ArticleReader, BlankLinesAreSkippedAndCountedAndCrlfIsStripped) {
  TempDir dir;
  const std::string text =
      "\r\n"
      "{\"id\":\"a1\",\"title\":\"Grüße aus Köln\"}\r\n"
      "   \r\n"
      "\t\n"
      "{\"id\":\"a2\",\"title\":\"Council approves new cycle lanes\"}\r\n"
      "\n"
      "{\"id\":\"a3\",\"title\":\"Straßenbahn fährt wieder\"}";  // no final newline
  const std::vector<Item> expected = {
      {kArticle, 2, "a1", "Grüße aus Köln"},
      {kArticle, 5, "a2", "Council approves new cycle lanes"},
      {kArticle, 7, "a3", "Straßenbahn fährt wieder"},
  };
  EXPECT_EQ(read_items(write_file(dir / "crlf.jsonl", text)), expected);
  EXPECT_EQ(read_items(write_gzip(dir / "crlf.jsonl.gz", text)), expected);
}

TEST(ArticleReader, ByteOrderMarkAtStartIsIgnored) {
  TempDir dir;
  EXPECT_EQ(read_items(write_file(dir / "bom.jsonl", "\xEF\xBB\xBF" + kThreeRecords)), kThreeItems);
}

TEST(ArticleReader, LineOverLimitIsRejectedAndNextLineRead) {
  TempDir dir;
  const std::string long_body(5000, 'x');
  const std::string text =
      "{\"id\":\"a1\",\"title\":\"Grüße aus Köln\"}\n"
      "{\"id\":\"lang\",\"body\":\"" +
      long_body +
      "\"}\n"
      "{\"id\":\"a3\",\"title\":\"Straßenbahn fährt wieder\"}\n";
  const std::vector<Item> expected = {
      {kArticle, 1, "a1", "Grüße aus Köln"},
      {kRejected, 2, "", "line longer than 1000 bytes"},
      {kArticle, 3, "a3", "Straßenbahn fährt wieder"},
  };
  EXPECT_EQ(read_items(write_file(dir / "long.jsonl", text), {.max_line_bytes = 1000}), expected);
  EXPECT_EQ(read_items(write_gzip(dir / "long.jsonl.gz", text), {.max_line_bytes = 1000}),
            expected);
}

TEST(ArticleReader, InvalidUtf8RecordIsRejectedAndReadingGoesOn) {
  TempDir dir;
  const std::string text =
      "{\"id\":\"a1\",\"title\":\"Gr\xFC\xDF"
      "e aus K\xF6ln\"}\n" +
      kThreeRecords;
  std::vector<Item> expected = {{kRejected, 1, "title", "invalid UTF-8"}};
  for (Item item : kThreeItems) {
    ++item.line;
    expected.push_back(item);
  }
  EXPECT_EQ(read_items(write_file(dir / "latin1.jsonl", text)), expected);
}

// A big enough dump that the gzip stream spans several zlib buffers.
std::string many_records(int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) {
    text += "{\"id\":\"r" + std::to_string(i) + "\",\"title\":\"Meldung " + std::to_string(i) +
            "\",\"body\":\"Die Stadtwerke melden " + std::to_string(i * 7919 % 10007) +
            " neue Anschlüsse in der Straße Nr. " + std::to_string(i * 31) + ".\"}\n";
  }
  return text;
}

TEST(ArticleReader, TruncatedGzipThrowsInputErrorNamingTheFile) {
  TempDir dir;
  for (const std::uintmax_t cut : {3u, 8u, 100u}) {  // into the trailer, all of it, into data
    SCOPED_TRACE("cut " + std::to_string(cut) + " bytes");
    const fs::path file = write_gzip(dir / "cut.jsonl.gz", many_records(20000));
    cut_last_bytes(file, cut);
    ArticleReader reader(file);
    Article article;
    Rejection rejection;
    int articles = 0;
    try {
      while (reader.next(article, rejection) == kArticle) ++articles;
      FAIL() << "no InputError after " << articles << " articles";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.rfind(file.string() + ":", 0), 0u) << message;
      EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    }
    // Whatever decompressed before the cut was delivered.
    EXPECT_GT(articles, 15000);
  }
}

TEST(ArticleReader, MissingFileThrowsInputErrorNamingTheFile) {
  TempDir dir;
  const fs::path file = dir / "fehlt.jsonl";
  try {
    ArticleReader reader(file);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(ArticleReader{dir / ""}, InputError) << "a directory";
}

TEST(ArticleReader, MovedReaderKeepsReading) {
  ArticleReader first(kFixtures / "articles.jsonl");
  Article article;
  Rejection rejection;
  ASSERT_EQ(first.next(article, rejection), kArticle);
  ArticleReader second = std::move(first);
  ASSERT_EQ(second.next(article, rejection), kArticle);
  EXPECT_EQ(article.id, "4711");
  EXPECT_EQ(second.line(), 2u);
}

// ---------------------------------------------------------------- plain text

TEST(ArticleReader, PlainTextFileIsOneArticle) {
  ArticleReader reader(kFixtures / "kommentar.txt");
  EXPECT_EQ(reader.line(), 0u);
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), kArticle) << rejection.message();
  Article expected;
  expected.id = "kommentar";
  expected.title = "Klimaschutz beginnt vor der eigenen Haustür";
  expected.body =
      "Die Stadtwerke wollen bis 2030 alle Straßenlaternen auf LED umstellen.\n"
      "Das spart nach eigenen Angaben ein Fünftel des Stromverbrauchs.\n"
      "\n"
      "Kritiker bemängeln, dass die Maßnahme zu spät kommt.";
  EXPECT_EQ(article, expected);
  EXPECT_EQ(reader.next(article, rejection), ArticleReader::Status::end);
}

struct TextCase {
  const char* name;
  std::string file_name;
  std::string content;
  Item expected;
};

TEST(ArticleReader, PlainTextFiles) {
  const std::vector<TextCase> cases = {
      {"id without extension", "x.txt", "Title\nBody", {kArticle, 2, "x", "Title"}},
      {"id without .txt.gz", "meldung-17.txt.gz", "Grüße\n", {kArticle, 1, "meldung-17", "Grüße"}},
      {"dots kept in id",
       "2021.03.01-bericht.txt",
       "Bericht",
       {kArticle, 1, "2021.03.01-bericht", "Bericht"}},
      {"no extension", "README", "Read me", {kArticle, 1, "README", "Read me"}},
      {"title trimmed, CRLF",
       "crlf.txt",
       "\r\n  Storm warning  \r\nBody\r\n",
       {kArticle, 3, "crlf", "Storm warning"}},
      {"empty file", "leer.txt", "", {kRejected, 1, "", "empty file"}},
      {"only blank lines", "blank.txt", "\n  \n\t\n", {kRejected, 1, "", "empty file"}},
      {"invalid UTF-8 in body",
       "latin1.txt",
       "Grüße\nM\xFCller sagt\n",
       {kRejected, 2, "body", "invalid UTF-8"}},
      {"invalid UTF-8 in title",
       "latin1.txt",
       "\nM\xFCller\nText\n",
       {kRejected, 2, "title", "invalid UTF-8"}},
      {"surrogate in UTF-8",
       "cesu.txt",
       "Titel\n\xED\xA0\x80\n",
       {kRejected, 2, "body", "invalid UTF-8"}},
      {"line over limit",
       "lang.txt",
       "Titel\n" + std::string(300, 'y') + "\nEnde\n",
       {kRejected, 2, "", "line longer than 256 bytes"}},
  };
  for (const TextCase& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const fs::path file = c.file_name.ends_with(".gz") ? write_gzip(dir / c.file_name, c.content)
                                                       : write_file(dir / c.file_name, c.content);
    const std::vector<Item> items = read_items(file, {.max_line_bytes = 256});
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0], c.expected);
  }
}

TEST(ArticleReader, PlainTextBodyKeepsInnerLineBreaks) {
  TempDir dir;
  const fs::path file = write_file(dir / "note.txt",
                                   "Council approves new cycle lanes\n\n\nFirst paragraph.\n\n"
                                   "  Second paragraph, indented.\n\n\n");
  ArticleReader reader(file);
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), kArticle);
  EXPECT_EQ(article.body, "First paragraph.\n\n  Second paragraph, indented.");
  EXPECT_EQ(article.date, "");
  EXPECT_EQ(article.lang, "");
}

TEST(ArticleReader, EmptyFileMessage) {
  TempDir dir;
  const fs::path file = write_file(dir / "leer.txt", "");
  ArticleReader reader(file);
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), kRejected);
  EXPECT_EQ(rejection.message(), file.string() + ":1: empty file");
}

// ---------------------------------------------------------------- LineReader

using ingest::LineReader;

struct Line {
  LineReader::Status status;
  std::string text;
  std::uint64_t number;
  friend bool operator==(const Line&, const Line&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Line& line) {
    return os << "{" << static_cast<int>(line.status) << ", " << line.text.size() << " bytes, "
              << line.number << "}";
  }
};

std::vector<Line> read_lines(const fs::path& file, std::size_t max_line_bytes) {
  LineReader reader(file, max_line_bytes);
  std::vector<Line> lines;
  std::string text;
  while (true) {
    const LineReader::Status status = reader.next(text);
    if (status == LineReader::Status::end) break;
    lines.push_back({status, text, reader.line_number()});
  }
  return lines;
}

TEST(LineReader, LinesAtAndOverTheLimit) {
  constexpr auto kLine = LineReader::Status::line;
  constexpr auto kTooLong = LineReader::Status::too_long;
  const std::string ten = "0123456789";
  struct Case {
    const char* name;
    std::string content;
    std::vector<Line> expected;
  };
  const std::vector<Case> cases = {
      {"exactly the limit", ten + "\n", {{kLine, ten, 1}}},
      {"limit with CRLF", ten + "\r\n", {{kLine, ten, 1}}},
      {"one over", ten + "x\nok\n", {{kTooLong, "", 1}, {kLine, "ok", 2}}},
      {"one over with CR", ten + "x\r\nok\n", {{kTooLong, "", 1}, {kLine, "ok", 2}}},
      {"far over, last line",
       "ok\n" + std::string(100000, 'z'),
       {{kLine, "ok", 1}, {kTooLong, "", 2}}},
      {"empty lines", "\n\r\n\n", {{kLine, "", 1}, {kLine, "", 2}, {kLine, "", 3}}},
      {"only CR kept inside", "a\rb\n", {{kLine, "a\rb", 1}}},
      {"NUL byte inside", std::string("a\0b\n", 4), {{kLine, std::string("a\0b", 3), 1}}},
      {"empty file", "", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    EXPECT_EQ(read_lines(write_file(dir / "plain", c.content), 10), c.expected);
    EXPECT_EQ(read_lines(write_gzip(dir / "packed.gz", c.content), 10), c.expected);
  }
}

TEST(LineReader, LineLongerThanAnyBuffer) {
  TempDir dir;
  std::string huge;
  for (int i = 0; huge.size() < 1'000'000; ++i) huge += "Wort" + std::to_string(i) + " ";
  const std::string content = "kurz\n" + huge + "\r\nEnde";
  const std::vector<Line> expected = {{LineReader::Status::line, "kurz", 1},
                                      {LineReader::Status::line, huge, 2},
                                      {LineReader::Status::line, "Ende", 3}};
  EXPECT_EQ(read_lines(write_gzip(dir / "huge.gz", content), 2'000'000), expected);
  EXPECT_EQ(read_lines(write_file(dir / "huge.txt", content), 2'000'000), expected);
}

TEST(LineReader, CorruptGzipThrowsWithFileAndLine) {
  TempDir dir;
  const fs::path file = write_gzip(dir / "corrupt.gz", many_records(2000));
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(file) / 2));
    f.write("\xFF\x00\xFF\x00\xFF\x00\xFF\x00", 8);
  }
  LineReader reader(file, 1u << 20);
  std::string line;
  try {
    while (reader.next(line) != LineReader::Status::end) {
    }
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    const std::string where = file.string() + ":" + std::to_string(reader.line_number() + 1) + ": ";
    EXPECT_EQ(message.rfind(where, 0), 0u) << message;
  }
}

}  // namespace
}  // namespace archivar
