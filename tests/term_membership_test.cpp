// search::TermMembership: which docids hold a language term, the same
// answer from the posting-list walk and, after a few questions, from the
// term's bitmap; per revision.
#include "search/term_membership.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;

// Short German and English news lines, one article each, with the language
// term the document builder gives them.
const std::vector<std::pair<std::string, std::string>> kArticlesWithLanguage = {
    {"Lde", "Die Bundesbank prägt eine neue Goldmünze"},
    {"Len", "Gold coin sells at auction for a record price"},
    {"Lde", "Polizei warnt vor Falschgeld in Berliner Läden"},
    {"Lde", "Der Bundesrat berät über den Euro"},
    {"Len", "Collectors queue for the new coin"},
    {"Lde", "Zinsen steigen, sagt die Bundesbank"},
    {"Len", "Heavy rain floods the town centre"},
    {"Lde", "Regen überflutet die Innenstadt"},
};

void add_article_with_language(Xapian::WritableDatabase& db, const std::string& lang,
                               const std::string& text) {
  Xapian::Document doc;
  std::istringstream words(text);
  std::string word;
  Xapian::termpos pos = 0;
  while (words >> word) doc.add_posting(word, ++pos);
  doc.add_boolean_term(lang);
  db.add_document(doc);
}

class TermMembershipTest : public testing::Test {
 protected:
  void SetUp() override {
    db_ = Xapian::WritableDatabase((dir_ / "db").string(), Xapian::DB_CREATE);
    for (const auto& [lang, text] : kArticlesWithLanguage)
      add_article_with_language(db_, lang, text);
    db_.delete_document(6);  // a deleted German article holds nothing
    db_.commit();
  }

  TempDir dir_;
  Xapian::WritableDatabase db_;
};

// Window docids out of order, as a ranked window gives them.
const std::vector<Xapian::docid> kWindow = {5, 1, 8, 2, 6, 3, 7};
const std::vector<bool> kGerman = {false, true, true, false, false, true, false};

TEST_F(TermMembershipTest, WalksFirstThenAnswersFromTheBitmapTheSame) {
  PostingBitmaps bitmaps(PostingBitmaps::kDefaultMaxBytes, /*min_termfreq=*/1);
  TermMembership members(bitmaps);
  for (unsigned question = 0; question < TermMembership::kWalksBeforeBitmap + 3; ++question) {
    std::vector<bool> holds;
    EXPECT_EQ(members.test(db_, "Lde", kWindow, holds), 3U) << question;
    EXPECT_EQ(holds, kGerman) << question;
    // The first kWalksBeforeBitmap questions walk; the next builds it.
    EXPECT_EQ(bitmaps.size(), question < TermMembership::kWalksBeforeBitmap ? 0U : 1U) << question;
  }
  std::vector<bool> walked;
  EXPECT_EQ(test_by_walk(db_, "Lde", kWindow, walked), 3U);
  EXPECT_EQ(walked, kGerman);
  std::vector<bool> holds;
  EXPECT_EQ(members.test(db_, "Lfr", kWindow, holds), 0U);  // a language no article has
  EXPECT_EQ(holds, std::vector<bool>(kWindow.size(), false));
}

TEST_F(TermMembershipTest, TermTooRareToCacheKeepsWalking) {
  PostingBitmaps bitmaps;  // caches terms of 256+ articles only
  TermMembership members(bitmaps);
  for (unsigned question = 0; question < 2 * TermMembership::kWalksBeforeBitmap + 2; ++question) {
    std::vector<bool> holds;
    EXPECT_EQ(members.test(db_, "Len", kWindow, holds), 3U);
    EXPECT_EQ(holds, std::vector<bool>({true, false, false, true, false, false, true}));
  }
  EXPECT_EQ(bitmaps.size(), 0U);
}

TEST_F(TermMembershipTest, ClearedWithTheRevisionSeesNewArticles) {
  PostingBitmaps bitmaps(PostingBitmaps::kDefaultMaxBytes, /*min_termfreq=*/1);
  TermMembership members(bitmaps);
  Xapian::Database reader((dir_ / "db").string());
  std::vector<bool> holds;
  for (unsigned question = 0; question <= TermMembership::kWalksBeforeBitmap; ++question) {
    (void)members.test(reader, "Lde", kWindow, holds);
  }
  ASSERT_EQ(bitmaps.size(), 1U);
  // Article 3 replaced by an English one, and a German article 9 added.
  Xapian::Document english;
  english.add_posting("Parliament", 1);
  english.add_boolean_term("Len");
  db_.replace_document(3, english);
  add_article_with_language(db_, "Lde", "Neue Münzen für Sammler");
  db_.commit();
  ASSERT_TRUE(reader.reopen());
  bitmaps.clear();
  members.clear();
  const std::vector<Xapian::docid> window = {9, 3, 1};
  for (unsigned question = 0; question <= TermMembership::kWalksBeforeBitmap; ++question) {
    EXPECT_EQ(members.test(reader, "Lde", window, holds), 2U) << question;
    EXPECT_EQ(holds, std::vector<bool>({true, false, true})) << question;
  }
}

}  // namespace
}  // namespace archivar::search
