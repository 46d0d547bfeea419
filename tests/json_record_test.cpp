// parse_json_record and normalize_iso_date: one JSON Lines record → Article.
#include "ingest/json_record.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace archivar::ingest {
namespace {

// Names a parameterized test after its row.
template <typename Case>
std::string CaseName(const ::testing::TestParamInfo<Case>& row) {
  return row.param.name;
}

struct ValidCase {
  const char* name;
  std::string line;
  Article expected;
};

class JsonRecordValid : public ::testing::TestWithParam<ValidCase> {};

TEST_P(JsonRecordValid, ParsesIntoArticle) {
  const ValidCase& c = GetParam();
  Article article;
  RecordError error;
  ASSERT_TRUE(parse_json_record(c.line, article, error))
      << "field '" << error.field << "': " << error.reason;
  EXPECT_EQ(article, c.expected);
}

Article make(std::string id, std::string title = {}, std::string body = {}) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  return a;
}

Article all_fields() {
  Article a = make("welt-2021-0301", "Müller übernimmt die Leitung der Medienseite",
                   "Die Zahl der Seitenaufrufe stieg um ein Fünftel.\nGroße Freude.");
  a.url = "https://example.de/medien/m%C3%BCller";
  a.date = "2021-03-01";
  a.lang = "de";
  a.author = "Jörg Weiß";
  a.tags = {"Medien", "Straßenbahn"};
  a.source = "welt";
  return a;
}

Article with(Article a, void (*change)(Article&)) {
  change(a);
  return a;
}

INSTANTIATE_TEST_SUITE_P(
    JsonRecord, JsonRecordValid,
    ::testing::Values(
        ValidCase{
            "AllFieldsWithUmlautsAndSharpS",
            R"({"id":"welt-2021-0301","title":"Müller übernimmt die Leitung der Medienseite",)"
            R"("body":"Die Zahl der Seitenaufrufe stieg um ein Fünftel.\nGroße Freude.",)"
            R"("url":"https://example.de/medien/m%C3%BCller","date":"2021-03-01",)"
            R"("lang":"de","author":"Jörg Weiß","tags":["Medien","Straßenbahn"],)"
            R"("source":"welt"})",
            all_fields()},
        ValidCase{"EscapedUmlauts", R"({"id":"x1","title":"Gr\u00fc\u00dfe aus K\u00f6ln"})",
                  make("x1", "Grüße aus Köln")},
        ValidCase{"IntegerId", R"({"id":4711,"title":"Kölnisch Wasser"})",
                  make("4711", "Kölnisch Wasser")},
        ValidCase{"NegativeIntegerId", R"({"id":-12})", make("-12")},
        ValidCase{"LargeUnsignedId", R"({"id":18446744073709551615})",
                  make("18446744073709551615")},
        ValidCase{"IdIsTrimmed", R"({"id":"  guardian-7781 "})", make("guardian-7781")},
        ValidCase{"DateWithTimePart", R"({"id":"a","date":"2021-06-15T14:05:00Z"})",
                  with(make("a"), [](Article& a) { a.date = "2021-06-15"; })},
        ValidCase{"DateWithSpaceAndTime", R"({"id":"a","date":"2021-06-15 14:05"})",
                  with(make("a"), [](Article& a) { a.date = "2021-06-15"; })},
        ValidCase{"DateWithOffset", R"({"id":"a","date":"2020-02-29T23:59:59.123+01:00"})",
                  with(make("a"), [](Article& a) { a.date = "2020-02-29"; })},
        ValidCase{"NullFieldsAreAbsent",
                  R"({"id":"a","title":null,"body":null,"url":null,"date":null,"lang":null,)"
                  R"("author":null,"tags":null,"source":null})",
                  make("a")},
        ValidCase{"EmptyStringsAreAbsent", R"({"id":"a","date":"","lang":"","tags":""})",
                  make("a")},
        ValidCase{"UnknownFieldsIgnored",
                  R"({"id":"a","title":"Council approves new cycle lanes","score":3.5,)"
                  R"("meta":{"crawler":"v2","ids":[1,2]},"flags":[true]})",
                  make("a", "Council approves new cycle lanes")},
        ValidCase{"TagsAsSingleString", R"({"id":"a","tags":"transport"})",
                  with(make("a"), [](Article& a) { a.tags = {"transport"}; })},
        ValidCase{"TagsAsArrayEmptyOnesDropped", R"({"id":"a","tags":["Wirtschaft"," ","Börse "]})",
                  with(make("a"),
                       [](Article& a) {
                         a.tags = {"Wirtschaft", "Börse"};
                       })},
        ValidCase{"LangRegionDash", R"({"id":"a","lang":"de-DE"})",
                  with(make("a"), [](Article& a) { a.lang = "de"; })},
        ValidCase{"LangRegionUnderscore", R"({"id":"a","lang":"de_DE"})",
                  with(make("a"), [](Article& a) { a.lang = "de"; })},
        ValidCase{"LangUpperCase", R"({"id":"a","lang":"EN"})",
                  with(make("a"), [](Article& a) { a.lang = "en"; })},
        ValidCase{"BodyKeptAsGiven", R"({"id":"a","body":"  Absatz eins.\n\n  Absatz zwei.  "})",
                  make("a", "", "  Absatz eins.\n\n  Absatz zwei.  ")},
        ValidCase{"WhitespaceAroundObject", " \t{\"id\":\"a\"}  ", make("a")}),
    CaseName<ValidCase>);

struct InvalidCase {
  const char* name;
  std::string line;
  std::string field;   // expected RecordError::field
  std::string reason;  // expected to occur in RecordError::reason
};

class JsonRecordInvalid : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(JsonRecordInvalid, IsRejectedWithFieldAndReason) {
  const InvalidCase& c = GetParam();
  Article article = make("untouched");
  RecordError error;
  EXPECT_FALSE(parse_json_record(c.line, article, error));
  EXPECT_EQ(error.field, c.field);
  EXPECT_NE(error.reason.find(c.reason), std::string::npos) << error.reason;
  EXPECT_EQ(article, make("untouched")) << "a rejected record leaves the article alone";
}

INSTANTIATE_TEST_SUITE_P(
    JsonRecord, JsonRecordInvalid,
    ::testing::Values(
        InvalidCase{"MissingId", R"({"title":"Artikel ohne Kennung"})", "id", "missing"},
        InvalidCase{"NullId", R"({"id":null,"title":"Artikel"})", "id", "missing"},
        InvalidCase{"EmptyId", R"({"id":""})", "id", "empty"},
        InvalidCase{"BlankId", R"({"id":"   "})", "id", "empty"},
        InvalidCase{"IdIsFloat", R"({"id":12.5})", "id", "expected a string or an integer"},
        InvalidCase{"IdIsBool", R"({"id":true})", "id", "expected a string or an integer"},
        InvalidCase{"IdIsArray", R"({"id":["a"]})", "id", "expected a string or an integer"},
        InvalidCase{"NotJson", "this line is not JSON at all", "", "not valid JSON"},
        InvalidCase{"TruncatedJson", R"({"id":"a","title":"Halb)", "", "not valid JSON"},
        InvalidCase{"TrailingGarbage", R"({"id":"a"} {"id":"b"})", "", "not valid JSON"},
        InvalidCase{"EmptyLine", "", "", "not valid JSON"},
        InvalidCase{"NumberOverflow", R"({"id":"a","score":1e400})", "", "not valid JSON"},
        InvalidCase{"LoneSurrogateEscape", R"({"id":"a","body":"\ud800"})", "", "not valid JSON"},
        InvalidCase{"ArrayInsteadOfObject", R"([{"id":"a"}])", "", "expected a JSON object"},
        InvalidCase{"StringInsteadOfObject", R"("Müller")", "", "expected a JSON object"},
        InvalidCase{"InvalidUtf8InBody",
                    "{\"id\":\"a\",\"body\":\"Gr\xFC\xDF"
                    "e\"}",
                    "body", "invalid UTF-8"},
        InvalidCase{"Latin1UmlautInTitle", "{\"id\":\"a\",\"title\":\"M\xFCller\",\"body\":\"x\"}",
                    "title", "invalid UTF-8"},
        InvalidCase{"TruncatedUtf8InTag", "{\"id\":\"a\",\"tags\":[\"ok\",\"\xC3\"]}", "tags",
                    "invalid UTF-8"},
        InvalidCase{"OverlongUtf8", "{\"id\":\"a\",\"body\":\"\xC0\xAF\"}", "body",
                    "invalid UTF-8"},
        InvalidCase{"InvalidUtf8InKey", "{\"id\":\"a\",\"k\xFF\":1}", "", "invalid UTF-8"},
        InvalidCase{"TitleIsNumber", R"({"id":"a","title":42})", "title", "expected a string"},
        InvalidCase{"BodyIsObject", R"({"id":"a","body":{"text":"x"}})", "body",
                    "expected a string"},
        InvalidCase{"UrlIsArray", R"({"id":"a","url":["https://example.de"]})", "url",
                    "expected a string"},
        InvalidCase{"LangIsNumber", R"({"id":"a","lang":7})", "lang", "expected a string"},
        InvalidCase{"AuthorIsBool", R"({"id":"a","author":false})", "author", "expected a string"},
        InvalidCase{"SourceIsNumber", R"({"id":"a","source":1})", "source", "expected a string"},
        InvalidCase{"TagsWithNumber", R"({"id":"a","tags":["Sport",3]})", "tags",
                    "expected an array of strings"},
        InvalidCase{"TagsIsObject", R"({"id":"a","tags":{"a":1}})", "tags", "expected an array"},
        InvalidCase{"DateFebruary30", R"({"id":"a","date":"2021-02-30"})", "date",
                    "'2021-02-30' is not an ISO 8601 date"},
        InvalidCase{"DateMonth13", R"({"id":"a","date":"2021-13-01"})", "date", "2021-13-01"},
        InvalidCase{"DateYesterday", R"({"id":"a","date":"yesterday"})", "date", "yesterday"},
        InvalidCase{"DateBasicFormat", R"({"id":"a","date":"20210101"})", "date", "20210101"},
        InvalidCase{"DateGerman", R"({"id":"a","date":"01.03.2021"})", "date", "01.03.2021"},
        InvalidCase{"DateAsNumber", R"({"id":"a","date":20210101})", "date", "expected a string"},
        InvalidCase{"FirstBadFieldWins", R"({"id":"","date":"yesterday"})", "id", "empty"}),
    CaseName<InvalidCase>);

TEST(JsonRecord, LongDateValueIsShortenedInReason) {
  const std::string date = "Dienstag, der fünfte März im Jahr zweitausendeinundzwanzig, abends";
  Article article;
  RecordError error;
  ASSERT_FALSE(parse_json_record(R"({"id":"a","date":")" + date + "\"}", article, error));
  EXPECT_EQ(error.field, "date");
  EXPECT_EQ(error.reason.find("abends"), std::string::npos) << error.reason;
  EXPECT_NE(error.reason.find("Dienstag, der fünfte"), std::string::npos) << error.reason;
}

struct DateCase {
  std::string input;
  bool valid;
  std::string expected;
};

TEST(JsonRecord, NormalizeIsoDate) {
  const std::vector<DateCase> cases = {
      {"2021-03-01", true, "2021-03-01"},
      {"2021-03-01T08:30:00+01:00", true, "2021-03-01"},
      {"2021-03-01T08:30:00Z", true, "2021-03-01"},
      {"2021-03-01 08:30", true, "2021-03-01"},
      {"2020-02-29", true, "2020-02-29"},  // leap year
      {"2000-02-29", true, "2000-02-29"},  // divisible by 400
      {"1900-02-29", false, ""},           // divisible by 100 only
      {"2021-02-29", false, ""},
      {"2021-02-30", false, ""},
      {"2021-04-31", false, ""},
      {"2021-12-31", true, "2021-12-31"},
      {"2021-13-01", false, ""},
      {"2021-00-10", false, ""},
      {"2021-01-00", false, ""},
      {"0001-01-01", true, "0001-01-01"},
      {"9999-12-31", true, "9999-12-31"},
      {"0000-01-01", false, ""},
      {"20210101", false, ""},
      {"2021-3-1", false, ""},
      {"2021/03/01", false, ""},
      {"2021-03-01x", false, ""},
      {"2021-03", false, ""},
      {"yesterday", false, ""},
      {"", false, ""},
      {"+2021-03-01", false, ""},
      {"2021-0a-01", false, ""},
  };
  for (const DateCase& c : cases) {
    std::string out = "unchanged";
    EXPECT_EQ(normalize_iso_date(c.input, out), c.valid) << c.input;
    if (c.valid) {
      EXPECT_EQ(out, c.expected) << c.input;
    }
  }
}

// Mutated and random lines never throw; an accepted record always has an id
// and a well-formed date.
TEST(JsonRecord, RandomInputNeverThrows) {
  const std::string seed =
      R"({"id":"welt-1","title":"Grüße aus Köln","date":"2021-03-01T08:30","lang":"de-DE",)"
      R"("tags":["Medien","Straße"],"body":"Die Zahl der Seitenaufrufe stieg."})";
  using namespace std::string_literals;
  const std::string alphabet = "{}[]\":,0123456789-Tetrunlfa \\\xC3\xBC\xFF\x00"s;  // with NUL
  std::mt19937 random(20210301);
  for (int round = 0; round < 20000; ++round) {
    std::string line = seed;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < edits; ++i) {
      const std::size_t at = random() % (line.size() + 1);
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          line.insert(at, 1, c);
          break;
        case 1:
          if (at < line.size()) line.erase(at, 1);
          break;
        default:
          if (at < line.size()) line[at] = c;
          break;
      }
    }
    if (round % 10 == 0) {  // plain garbage too
      line.resize(random() % 40);
      for (char& c : line) c = static_cast<char>(random() % 256);
    }
    Article article;
    RecordError error;
    bool ok = false;
    ASSERT_NO_THROW(ok = parse_json_record(line, article, error)) << line;
    if (ok) {
      EXPECT_FALSE(article.id.empty()) << line;
      std::string date;
      EXPECT_TRUE(article.date.empty() || normalize_iso_date(article.date, date)) << line;
    } else {
      EXPECT_FALSE(error.reason.empty()) << line;
    }
  }
}

}  // namespace
}  // namespace archivar::ingest
