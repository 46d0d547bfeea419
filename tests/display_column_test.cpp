// Display records in memory (search/display_column.hpp): the column holds
// exactly what each article's value slot holds, nothing for deleted or
// unknown docids, is shared per revision, and a Searcher's pages read from
// it are the pages it reads from the database.
#include "search/display_column.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/schema.hpp"
#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;

Article article(std::string id, std::string title, std::string body, std::string lang,
                std::string date = "", std::string url = "", std::vector<std::string> tags = {}) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.lang = std::move(lang);
  a.date = std::move(date);
  a.url = std::move(url);
  a.tags = std::move(tags);
  return a;
}

// Six articles, German and English, one of them removed again.
void write_archive(const std::filesystem::path& path) {
  Index index(path);
  index.add(article("de-1", "Bundestag beschließt Haushalt",
                    "Der Bundestag hat am Freitag den Haushalt für das kommende Jahr beschlossen.",
                    "de", "2024-11-29", "https://example.org/de-1", {"Politik", "Haushalt"}));
  index.add(article("en-1", "Parliament passes the budget",
                    "Parliament passed next year's budget on Friday after a long debate.", "en",
                    "2024-11-29", "https://example.org/en-1"));
  index.add(article("de-2", "Wahlkampf in Thüringen",
                    "Die Parteien in Thüringen haben den Wahlkampf eröffnet; Umfragen sehen ein "
                    "knappes Rennen.",
                    "de", "2024-06-01"));
  index.add(article("en-2", "Rail strike ends",
                    "The rail strike ended on Monday after the union accepted the offer.", "en",
                    "2023-03-14", "https://example.org/en-2", {"Transport"}));
  index.add(article("de-3", "Haushaltsdebatte im Landtag",
                    "Im Landtag wurde über den Haushalt und die Schuldenbremse gestritten.", "de",
                    "2024-12-02"));
  index.add(article("en-3", "Budget talks stall", "Budget talks stalled again on Tuesday.", "en"));
  index.commit();
  ASSERT_TRUE(index.remove("en-2"));
  index.commit();
}

TEST(DisplayColumn, HoldsEachArticlesRecordAndNothingForDeletedOrUnknownDocids) {
  TempDir dir;
  write_archive(dir / "db");
  const Xapian::Database db((dir / "db").string());
  const std::shared_ptr<const DisplayColumn> column = DisplayColumn::load(db);
  ASSERT_NE(column, nullptr);
  std::size_t held = 0;
  for (Xapian::docid docid = 0; docid <= db.get_lastdocid() + 2; ++docid) {
    std::string expected;
    if (docid != 0 && docid <= db.get_lastdocid()) {
      try {
        expected = db.get_document(docid).get_value(schema::kDisplaySlot);
      } catch (const Xapian::DocNotFoundError&) {
      }
    }
    EXPECT_EQ(column->record(docid), expected) << "docid " << docid;
    if (!expected.empty()) ++held;
  }
  EXPECT_EQ(held, 5U);  // six added, one removed
  EXPECT_GE(column->bytes(), 5U * 20U);
}

TEST(DisplayColumn, NoneForAnIndexWithoutDisplayRecordsOrWithSparseDocids) {
  TempDir dir;
  {
    Xapian::WritableDatabase writer((dir / "plain").string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.set_data("a schema-3 record keeps every field in the document data");
    writer.add_document(doc);
    writer.commit();
  }
  EXPECT_EQ(DisplayColumn::load(Xapian::Database((dir / "plain").string())), nullptr);
  {
    Xapian::WritableDatabase writer((dir / "sparse").string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_value(schema::kDisplaySlot, "record");
    writer.replace_document(1, doc);
    writer.replace_document(200000, doc);  // last docid far beyond twice the articles
    writer.commit();
  }
  EXPECT_EQ(DisplayColumn::load(Xapian::Database((dir / "sparse").string())), nullptr);
}

TEST(DisplayColumnHolder, HoldersShareARevisionsColumnAndANewRevisionGetsItsOwn) {
  TempDir dir;
  write_archive(dir / "db");
  const Xapian::Database db((dir / "db").string());
  DisplayColumnHolder first;
  DisplayColumnHolder second;
  EXPECT_EQ(first.get(db, false), nullptr);  // nobody holds it yet: not loaded
  const DisplayColumn* column = first.get(db, true);
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(second.get(db, false), column);  // adopted

  {
    Index index(dir / "db");
    index.add(article("en-4", "Budget agreed", "The budget was agreed on Wednesday.", "en"));
    index.commit();
  }
  const Xapian::Database newer((dir / "db").string());
  DisplayColumnHolder third;
  const DisplayColumn* newer_column = third.get(newer, true);
  ASSERT_NE(newer_column, nullptr);
  EXPECT_NE(newer_column, column);
  EXPECT_EQ(newer_column->record(newer.get_lastdocid()),
            newer.get_document(newer.get_lastdocid()).get_value(schema::kDisplaySlot));
  EXPECT_TRUE(column->record(newer.get_lastdocid()).empty());  // the old revision's
}

std::string page_of(Searcher& searcher, const std::string& query, bool snippets) {
  SearchRequest request;
  request.query = query;
  if (snippets) request.snippet_length = 80;
  std::string page;
  for (const Hit& hit : searcher.search(request).hits) {
    page += hit.id + '|' + hit.title + '|' + hit.date + '|' + hit.lang + '|' + hit.url + '|' +
            hit.snippet + '|' + hit.title_highlighted + '\n';
  }
  return page;
}

TEST(DisplayColumn, SearcherPagesFromTheColumnEqualPagesFromTheDatabase) {
  TempDir dir;
  write_archive(dir / "db");
  Searcher searcher(dir / "db");
  // The first searches of a revision read the database; later ones (and
  // every search after warm_up()) the column.
  const std::string plain = page_of(searcher, "haushalt budget", false);
  const std::string with_snippets = page_of(searcher, "haushalt budget", true);
  ASSERT_NE(plain.find("de-1|Bundestag beschließt Haushalt|2024-11-29|de|https://example.org/de-1"),
            std::string::npos)
      << plain;
  ASSERT_NE(with_snippets.find("«"), std::string::npos) << with_snippets;
  Searcher warmed(dir / "db");
  EXPECT_GE(warmed.warm_up().columns, 1U);
  EXPECT_TRUE(warmed.warm_up().was_ready);  // all of it, the display column too, held now
  EXPECT_EQ(page_of(warmed, "haushalt budget", false), plain);
  EXPECT_EQ(page_of(warmed, "haushalt budget", true), with_snippets);
  for (int search = 0; search < 40; ++search) (void)page_of(searcher, "thüringen", false);
  EXPECT_EQ(page_of(searcher, "haushalt budget", false), plain);
  EXPECT_EQ(page_of(searcher, "haushalt budget", true), with_snippets);

  // Without the records in memory: the same pages, and warm_up() builds one
  // column less.
  SearcherOptions from_disk;
  from_disk.display_in_memory = false;
  Searcher disk(dir / "db", from_disk);
  Searcher other(dir / "db");
  EXPECT_EQ(disk.warm_up().columns + 1, other.warm_up().columns);
  EXPECT_TRUE(disk.warm_up().was_ready);
  for (int search = 0; search < 40; ++search) (void)page_of(disk, "thüringen", false);
  EXPECT_EQ(page_of(disk, "haushalt budget", false), plain);
  EXPECT_EQ(page_of(disk, "haushalt budget", true), with_snippets);

  // get() by id: the same article either way.
  const std::optional<Article> held = searcher.get("de-1");
  const std::optional<Article> read = disk.get("de-1");
  ASSERT_TRUE(held && read);
  EXPECT_EQ(held->title, "Bundestag beschließt Haushalt");
  EXPECT_EQ(held->tags, (std::vector<std::string>{"Politik", "Haushalt"}));
  EXPECT_EQ(
      std::tie(held->id, held->title, held->url, held->date, held->lang, held->tags, held->body),
      std::tie(read->id, read->title, read->url, read->date, read->lang, read->tags, read->body));
  EXPECT_FALSE(searcher.get("en-2"));  // removed

  // Suggestions (titles, and the words that follow a typed word) alike.
  const auto suggestions = [](Searcher& from, std::string_view prefix) {
    std::string out;
    for (const Suggestion& suggestion : from.suggest(prefix)) {
      out += suggestion.text + (suggestion.kind == SuggestionKind::title ? "|title\n" : "\n");
    }
    return out;
  };
  for (const std::string_view prefix : {"haus", "bundestag ", "budget t", "thü"}) {
    EXPECT_EQ(suggestions(searcher, prefix), suggestions(disk, prefix)) << prefix;
  }
  EXPECT_NE(suggestions(searcher, "bundes").find("Bundestag beschließt Haushalt|title"),
            std::string::npos)
      << suggestions(searcher, "bundes");
}

}  // namespace
}  // namespace archivar::search
