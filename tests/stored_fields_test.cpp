#include "index/stored_fields.hpp"

#include <gtest/gtest.h>

#include "archivar/errors.hpp"

namespace archivar::index {
namespace {

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
  EXPECT_EQ(decode_stored_fields(encode_stored_fields(article)), article);
}

TEST(StoredFields, EmptyArticleRoundTrips) {
  Article article;
  article.id = "x";
  EXPECT_EQ(decode_stored_fields(encode_stored_fields(article)), article);
}

TEST(StoredFields, TruncatedOrForeignDataIsADatabaseError) {
  Article article;
  article.id = "reuters-1";
  article.body = "Showers continued throughout the week";
  const std::string data = encode_stored_fields(article);
  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    EXPECT_THROW((void)decode_stored_fields(data.substr(0, cut)), DatabaseError) << cut;
  }
  EXPECT_THROW((void)decode_stored_fields("\x07garbage"), DatabaseError);
  EXPECT_THROW((void)decode_stored_fields(std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 11)),
               DatabaseError);
}

}  // namespace
}  // namespace archivar::index
