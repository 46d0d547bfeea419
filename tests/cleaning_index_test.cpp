// Cleaning at ingest, end to end through Index and Searcher: the terms come
// from the cleaned text, the stored article is the text as given.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

// A scraped article: title repeated in the body, a paragraph twice, teaser
// lines, a word broken at a line end.
Article scraped_article() {
  Article article;
  article.id = "gartenzwerge";
  article.title = "Gartenschau in Erfurt eröffnet";
  article.body =
      "Gartenschau in Erfurt eröffnet\n"
      "Tausende Besucher bestaunten am Samstag die Gartenzwerge im Egapark.\n\n"
      "Tausende Besucher bestaunten am Samstag die Gartenzwerge im Egapark.\n\n"
      "Related: Rekordhitze bedroht die Rhododendren\n\n"
      "Lesen Sie auch: Warum Kakteen boomen\n\n"
      "Die Schau zeigt Pflanzen aus dem Stadtar-\nchiv der Gärtnerei.";
  article.lang = "de";
  return article;
}

class CleaningEndToEnd : public testing::Test {
 protected:
  void index_with(const CleaningOptions& cleaning) {
    IndexOptions options;
    options.cleaning = cleaning;
    Index index(db_path(), options);
    index.add(scraped_article());
    index.commit();
  }

  [[nodiscard]] std::string db_path() const { return (dir_ / "news.db").string(); }

  // Within-document frequency of `term` in the only document (0 if absent).
  [[nodiscard]] Xapian::termcount wdf(const std::string& term) const {
    Xapian::Database db(db_path());
    Xapian::PostingIterator posting = db.postlist_begin(term);
    return posting == db.postlist_end(term) ? 0 : posting.get_wdf();
  }

  std::vector<std::string> ids_for(const std::string& query) {
    Searcher searcher(db_path());
    SearchRequest request;
    request.query = query;
    std::vector<std::string> ids;
    for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
    return ids;
  }

  TempDir dir_;
};

TEST_F(CleaningEndToEnd, RepeatedParagraphCountsOnce) {
  index_with({});
  EXPECT_EQ(wdf("gartenzwerge"), 1u);
  EXPECT_EQ(wdf("egapark"), 1u);
  // The body line repeating the title is kept by default: title (wdf 2,
  // kTitleWdf) + body (1).
  EXPECT_EQ(wdf("erfurt"), 3u);
}

TEST_F(CleaningEndToEnd, TitleRepeatDroppedOnRequest) {
  CleaningOptions options;
  options.drop_title_repeat = true;
  index_with(options);
  EXPECT_EQ(wdf("erfurt"), 2u);
}

TEST_F(CleaningEndToEnd, TeaserLinesAreNotIndexed) {
  index_with({});
  EXPECT_TRUE(ids_for("Rhododendren").empty());
  EXPECT_TRUE(ids_for("Kakteen").empty());
  EXPECT_EQ(ids_for("Gartenzwerge"), std::vector<std::string>{"gartenzwerge"});
}

TEST_F(CleaningEndToEnd, BrokenWordIsFoundWhole) {
  index_with({});
  EXPECT_EQ(ids_for("Stadtarchiv"), std::vector<std::string>{"gartenzwerge"});
  EXPECT_EQ(wdf("chiv"), 0u);
}

TEST_F(CleaningEndToEnd, StoredArticleIsTheOriginal) {
  index_with({});
  Searcher searcher(db_path());
  const auto stored = searcher.get("gartenzwerge");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->body, scraped_article().body);
  EXPECT_EQ(stored->title, scraped_article().title);
}

TEST_F(CleaningEndToEnd, CleaningCanBeSwitchedOff) {
  CleaningOptions off;
  off.enabled = false;
  index_with(off);
  EXPECT_EQ(wdf("gartenzwerge"), 2u);
  EXPECT_EQ(ids_for("Rhododendren"), std::vector<std::string>{"gartenzwerge"});
}

}  // namespace
}  // namespace archivar
