#include "index/stored_fields.hpp"

#include <gtest/gtest.h>

#include "archivar/errors.hpp"

namespace archivar::index {
namespace {

Article round_trip(const Article& article) {
  const StoredRecords records = encode_stored_fields(article);
  return decode_stored_fields(records.display, records.data);
}

TEST(StoredFields, RoundTripsEveryField) {
  Article article;
  article.id = "1-dm-goldmuenzg#1";
  article.title = "Gesetz über die Ausprägung einer 1-DM-Goldmünze";
  article.body = std::string("Die Deutsche Bundesbank wird ermächtigt,\nzum Gedenken") +
                 std::string(1, '\0') + std::string(300, 'x');
  article.url = "https://www.gesetze-im-internet.de/1-dm-goldm_nzg/__1.html";
  article.date = "2000-12-27";
  article.lang = "de";
  article.author = "Bundestag";
  article.tags = {"Münze", "Gold", ""};
  article.source = "gesetze";
  EXPECT_EQ(round_trip(article), article);
}

TEST(StoredFields, EmptyArticleRoundTrips) {
  Article article;
  article.id = "x";
  EXPECT_EQ(round_trip(article), article);
}

TEST(StoredFields, DisplayRecordHasEverythingButTheBody) {
  Article article;
  article.id = "reuters-1";
  article.title = "Kakao-Ernte";
  article.body = std::string(100000, 'k');
  article.tags = {"cocoa"};
  const StoredRecords records = encode_stored_fields(article);
  EXPECT_LT(records.display.size(), 40U);
  bool data_read = false;
  const Article display = decode_display_fields(records.display, [&] {
    data_read = true;
    return records.data;
  });
  EXPECT_FALSE(data_read);
  Article expected = article;
  expected.body.clear();
  EXPECT_EQ(display, expected);
  EXPECT_EQ(decode_body(records.data), article.body);
}

// Schema 3 documents: no display record, every field in a version-1 data.
TEST(StoredFields, ReadsVersionOneData) {
  const std::string v1(
      "\x01\x01x\x05Titel\x04Text\x00\x0A"
      "2001-01-01\x02"
      "de\x00\x00\x01\x03tag",
      36);
  Article expected;
  expected.id = "x";
  expected.title = "Titel";
  expected.body = "Text";
  expected.date = "2001-01-01";
  expected.lang = "de";
  expected.tags = {"tag"};
  EXPECT_EQ(decode_stored_fields("", v1), expected);
  EXPECT_EQ(decode_body(v1), "Text");
  expected.body.clear();
  EXPECT_EQ(decode_display_fields("", [&] { return v1; }), expected);
}

TEST(StoredFields, TruncatedOrForeignDataIsADatabaseError) {
  Article article;
  article.id = "reuters-1";
  article.title = "Showers";
  article.tags = {"cocoa"};
  const std::string display = encode_stored_fields(article).display;
  const auto no_data = [] { return std::string(); };
  for (std::size_t cut = 1; cut < display.size(); ++cut) {
    EXPECT_THROW((void)decode_display_fields(display.substr(0, cut), no_data), DatabaseError)
        << cut;
  }
  EXPECT_THROW((void)decode_display_fields(display + "x", no_data), DatabaseError);
  EXPECT_THROW((void)decode_display_fields("\x07garbage", no_data), DatabaseError);
  EXPECT_THROW((void)decode_body(""), DatabaseError);
  EXPECT_THROW((void)decode_body("\x07garbage"), DatabaseError);
  EXPECT_THROW((void)decode_stored_fields(
                   "", std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 11)),
               DatabaseError);
}

}  // namespace
}  // namespace archivar::index
