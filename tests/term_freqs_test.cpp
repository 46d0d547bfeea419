// query::TermFreqs: the memo gives Xapian's term frequencies, keeps them
// for the revision it read them from, and reads the new revision's after
// clear() (what Searcher does when a reopen finds new commits).
#include "query/term_freqs.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "temp_dir.hpp"

namespace archivar::query {
namespace {

using testing_support::TempDir;

void add(Xapian::WritableDatabase& db, const std::string& text) {
  Xapian::Document document;
  Xapian::TermGenerator generator;
  generator.set_document(document);
  generator.index_text(text);
  db.add_document(document);
}

TEST(TermFreqs, GivesXapiansFrequenciesAndFollowsARevisionAfterClear) {
  TempDir dir;
  const std::string path = (dir / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
  add(writer, "der kakao steigt");
  add(writer, "der kaffee sinkt");
  writer.commit();

  Xapian::Database reader(path);
  TermFreqs freqs(reader);
  EXPECT_EQ(freqs("der"), 2u);
  EXPECT_EQ(freqs("kakao"), 1u);
  EXPECT_EQ(freqs("zimt"), 0u);
  EXPECT_EQ(freqs("der"), 2u);  // remembered: the same answer

  add(writer, "kakao und zimt");
  writer.commit();
  ASSERT_TRUE(reader.reopen());
  // Until clear() the memo answers for the revision it read.
  EXPECT_EQ(freqs("kakao"), 1u);
  EXPECT_EQ(freqs("zimt"), 0u);
  freqs.clear();
  EXPECT_EQ(freqs("kakao"), 2u);
  EXPECT_EQ(freqs("zimt"), 1u);
  EXPECT_EQ(termfreq(reader, &freqs, "kaffee"), 1u);
  EXPECT_EQ(termfreq(reader, nullptr, "kakao"), 2u);
}

TEST(TermFreqs, StaysRightPastItsSizeLimit) {
  TempDir dir;
  const std::string path = (dir / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
  add(writer, "kakao kakao");
  writer.commit();
  Xapian::Database reader(path);
  TermFreqs freqs(reader);
  EXPECT_EQ(freqs("kakao"), 1u);
  // More distinct terms than the memo keeps: it empties itself and goes on.
  for (std::size_t i = 0; i <= TermFreqs::kMaxTerms; ++i) {
    ASSERT_EQ(freqs("missing" + std::to_string(i)), 0u);
  }
  EXPECT_EQ(freqs("kakao"), 1u);
}

}  // namespace
}  // namespace archivar::query
