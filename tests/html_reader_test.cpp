// HTML → Article with gumbo: text without page furniture, metadata, lenient
// parsing of broken pages, rejection of pages without text.
#include "ingest/html_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "archivar/article_reader.hpp"
#include "ingest/utf8_check.hpp"

namespace archivar::ingest {
namespace {

namespace fs = std::filesystem;

const fs::path kHtml = fs::path(ARCHIVAR_FIXTURES) / "html";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Article parse_ok(std::string_view html) {
  Article article;
  std::string reason;
  EXPECT_TRUE(parse_html(html, article, reason)) << reason;
  return article;
}

bool contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

TEST(HtmlReader, GermanNewsPageTextAndMetadata) {
  const Article article = parse_ok(read_file(kHtml / "stadtarchiv.de.html"));
  EXPECT_EQ(article.id, "");
  EXPECT_EQ(article.title, "Stadtarchiv digitalisiert Ratsprotokolle");  // og:title, no site suffix
  EXPECT_EQ(article.lang, "de");
  EXPECT_EQ(article.date, "2023-11-14");
  EXPECT_EQ(article.url, "https://www.example.de/koeln/stadtarchiv-digitalisiert-ratsprotokolle");
  EXPECT_EQ(article.author, "Sabine Krüger");
  EXPECT_EQ(article.source, "Kölner Tageblatt");
  EXPECT_EQ(article.tags, (std::vector<std::string>{"Stadtarchiv", "Digitalisierung", "Köln"}));
  EXPECT_EQ(article.body,
            "Das Kölner Stadtarchiv hat begonnen, die Protokolle des Stadtrats aus den Jahren 1945 "
            "bis 1990 zu digitalisieren. Mehr als 40.000 Seiten sollen bis Ende 2025 im Internet "
            "einsehbar sein.\n\n"
            "„Wir wollen die Geschichte der Stadt für alle zugänglich machen“, sagte die Leiterin "
            "des Archivs. Die Scans werden mit einer Texterkennung durchsuchbar gemacht.\n\n"
            "Der Ein- und Ausgang des Lesesaals bleibt während der Arbeiten geöffnet.\n"
            "Besucher müssen sich vorher anmelden.\n\n"
            "Lesen Sie auch: Wie das Archiv nach dem Einsturz gerettet wurde");
  for (std::string_view furniture :
       {"dataLayer", "trackScroll", "font-family", "Politik", "Anzeige", "Werbung", "Einsturz des",
        "Newsletter", "Abonnieren", "JavaScript", "Kommentar der Redaktion", "Impressum", "Vorlage",
        "Von Sabine"}) {
    EXPECT_FALSE(contains(article.body, furniture)) << furniture;
  }
}

TEST(HtmlReader, EnglishPageWithoutMainTakesTheBody) {
  const Article article = parse_ok(read_file(kHtml / "cocoa-review.en.html"));
  EXPECT_EQ(article.title, "Bahia cocoa review - Commodity News");  // <title>
  EXPECT_EQ(article.lang, "en");
  EXPECT_EQ(article.date, "1987-02-26");  // <meta name="date">
  EXPECT_EQ(article.url, "https://news.example.com/1987/02/26/bahia-cocoa-review");
  EXPECT_EQ(article.author, "Commodities Desk");
  EXPECT_EQ(article.tags, (std::vector<std::string>{"cocoa", "Brazil"}));
  EXPECT_TRUE(article.body.starts_with("Bahia cocoa review\n\nShowers continued throughout"))
      << article.body;
  EXPECT_TRUE(contains(article.body, "Week Bags\nFeb 20 1,525")) << article.body;
  EXPECT_TRUE(article.body.ends_with("Read more: Cocoa futures in London")) << article.body;
  EXPECT_FALSE(contains(article.body, "Home"));
  EXPECT_FALSE(contains(article.body, "Copyright"));
}

TEST(HtmlReader, BrokenPageStillGivesAnArticle) {
  const Article article = parse_ok(read_file(kHtml / "broken.de.html"));
  EXPECT_EQ(article.title, "Kaputte Seite");
  EXPECT_EQ(article.lang, "de");
  EXPECT_TRUE(contains(article.body, "Die Verteidigung der Panthers gab nur 308 Punkte ab"))
      << article.body;
  EXPECT_TRUE(contains(article.body, "und belegte den sechsten Platz in der Liga."))
      << article.body;
  EXPECT_FALSE(contains(article.body, "var x"));
}

TEST(HtmlReader, PageWithoutTextIsRejected) {
  Article article;
  std::string reason;
  EXPECT_FALSE(parse_html(read_file(kHtml / "empty.html"), article, reason));
  EXPECT_EQ(reason, "no text in the HTML page");
  EXPECT_FALSE(parse_html("", article, reason));
  EXPECT_FALSE(parse_html("<html><body>  &nbsp; <!-- x --></body></html>", article, reason));
}

struct MetaRow {
  const char* name;
  std::string html;
  std::string title, lang, date;
};

std::ostream& operator<<(std::ostream& os, const MetaRow& row) { return os << row.name; }

class HtmlMetadata : public testing::TestWithParam<MetaRow> {};

TEST_P(HtmlMetadata, Extracted) {
  const MetaRow& row = GetParam();
  const Article article = parse_ok(row.html);
  EXPECT_EQ(article.title, row.title);
  EXPECT_EQ(article.lang, row.lang);
  EXPECT_EQ(article.date, row.date);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, HtmlMetadata,
    testing::Values(
        MetaRow{"h1_when_no_title", "<html><body><h1>Neue Brücke</h1><p>Text.</p>", "Neue Brücke",
                "", ""},
        MetaRow{
            "time_datetime_with_time",
            "<html lang=EN-us><body><p>Text <time datetime='2016-02-07T18:30:00Z'>Sunday</time>",
            "", "en", "2016-02-07"},
        MetaRow{
            "bad_date_is_left_out",
            "<meta name=date content='14.11.2023'><meta property=og:locale content=de_AT><p>Text",
            "", "de", ""},
        MetaRow{"first_valid_date_wins",
                "<meta property='article:published_time' content='bald'><meta name=date "
                "content='2000-12-27'><p>Text",
                "", "", "2000-12-27"},
        MetaRow{"title_entities_decoded", "<title>M&uuml;nze &amp; Gold</title><p>Text",
                "Münze & Gold", "", ""},
        MetaRow{"svg_title_is_not_the_page_title",
                "<body><svg><title>Icon</title></svg><h1>Echt</h1><p>Text", "Echt", "", ""}));

TEST(HtmlReader, LargestArticleWinsOverTeasers) {
  const Article article = parse_ok(
      "<body><div>Menü</div><article><p>Kurzer Teaser.</p></article>"
      "<article><p>Der eigentliche Artikel ist deutlich länger als jeder Teaser auf der Seite, "
      "und er steht hier.</p></article></body>");
  EXPECT_EQ(article.body,
            "Der eigentliche Artikel ist deutlich länger als jeder Teaser auf der Seite, und er "
            "steht hier.");
}

TEST(HtmlReader, InlineMarkupDoesNotSplitWords) {
  EXPECT_EQ(parse_ok("<p>Stadt<b>archiv</b> und <a href=x>Rat</a>haus</p>").body,
            "Stadtarchiv und Rathaus");
}

TEST(HtmlReader, HiddenAlternativesAreKeptButNotGluedTogether) {
  EXPECT_EQ(parse_ok("<p>Press <span><span hidden>Command</span><span hidden=\"true\">Ctrl"
                     "</span></span>+M now</p>")
                .body,
            "Press Command Ctrl +M now");
}

// An offline help page (tests/fixtures/html-help imitates their structure):
// the viewer's header, asides and debug footer are not text; the title and
// language come from the page; keywords become tags.
TEST(HtmlReader, HelpPageKeepsOnlyItsDisplayArea) {
  const Article article =
      parse_ok(read_file(fs::path(ARCHIVAR_FIXTURES) / "html-help/de/text/calc/merge.html"));
  EXPECT_EQ(article.title, "Zellen zusammenführen");
  EXPECT_EQ(article.lang, "de");
  EXPECT_TRUE(article.body.starts_with("Zellen zusammenführen\n\nMarkieren Sie einen Zellbereich"))
      << article.body;
  EXPECT_TRUE(contains(article.body, "Drücken Sie Befehl Strg +M, um")) << article.body;
  for (const char* furniture :
       {"Tabellenwerk", "Module", "Inhalte", "Index", "debug", "Title is"}) {
    EXPECT_FALSE(contains(article.body, furniture)) << furniture << " in " << article.body;
  }
  EXPECT_EQ(article.tags, (std::vector<std::string>{"Zellen", "verbinden"}));
  EXPECT_EQ(
      parse_ok(read_file(fs::path(ARCHIVAR_FIXTURES) / "html-help/en-US/text/calc/merge.html"))
          .lang,
      "en");
}

TEST(HtmlReader, PreKeepsItsLines) {
  EXPECT_EQ(parse_ok("<p>Code:</p><pre>a = 1\nb = 2</pre>").body, "Code:\n\na = 1\nb = 2");
}

TEST(HtmlReader, Windows1252IsDecoded) {
  EXPECT_EQ(parse_ok("<p>M\xFCnze f\xFCr \x80 5</p>").body, "Münze für € 5");
}

// Found by fuzz_html_reader: gumbo decodes an out-of-range character
// reference to a lone 0x88 byte; every field must stay valid UTF-8.
TEST(HtmlReader, OutOfRangeCharacterReferenceGivesValidUtf8) {
  const Article article = parse_ok(
      "<html><head><title>Titel &#x88888888;</title></head>"
      "<body><p>Text &#x88888888; Ende &#x1F600;</p></body></html>");
  EXPECT_TRUE(is_valid_utf8(article.body)) << article.body;
  EXPECT_TRUE(is_valid_utf8(article.title)) << article.title;
  EXPECT_EQ(article.body, "Text \xEF\xBF\xBD Ende \xF0\x9F\x98\x80");
}

TEST(Utf8Check, IllFormedSequencesBecomeReplacementCharacters) {
  EXPECT_EQ(with_valid_utf8("K\xC3\xB6ln"), "K\xC3\xB6ln");
  EXPECT_EQ(with_valid_utf8("a\x88"
                            "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(with_valid_utf8("\xC3"), "\xEF\xBF\xBD");  // truncated at the end
  EXPECT_EQ(with_valid_utf8("\xED\xA0\x80x"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "x");  // a surrogate
  EXPECT_TRUE(is_valid_utf8(with_valid_utf8("\xFF\xFE\xC0\xAF")));
}

TEST(HtmlReader, DeepNestingDoesNotExhaustTheStack) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<span>";
  html += "tief";
  EXPECT_EQ(parse_ok(html).body, "tief");
}

TEST(HtmlReader, ArticleReaderDispatchesHtmlFiles) {
  EXPECT_TRUE(ArticleReader::is_html("a/b/seite.html"));
  EXPECT_TRUE(ArticleReader::is_html("SEITE.HTM"));
  EXPECT_TRUE(ArticleReader::is_html("seite.html.gz"));
  EXPECT_FALSE(ArticleReader::is_html("seite.txt"));
  EXPECT_FALSE(ArticleReader::is_html(".html"));

  ArticleReader reader(kHtml / "stadtarchiv.de.html");
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), ArticleReader::Status::article);
  EXPECT_EQ(article.id, "stadtarchiv.de");
  EXPECT_EQ(article.title, "Stadtarchiv digitalisiert Ratsprotokolle");
  EXPECT_EQ(reader.next(article, rejection), ArticleReader::Status::end);
}

TEST(HtmlReader, ArticleReaderRejectsAnEmptyPageNamingTheFile) {
  ArticleReader reader(kHtml / "empty.html");
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), ArticleReader::Status::rejected);
  EXPECT_EQ(rejection.file, (kHtml / "empty.html").string());
  EXPECT_EQ(rejection.message(), (kHtml / "empty.html").string() + ":1: no text in the HTML page");
  EXPECT_EQ(reader.next(article, rejection), ArticleReader::Status::end);
}

TEST(HtmlReader, ArticleReaderRejectsAnOversizedPage) {
  ArticleReaderOptions options;
  options.max_line_bytes = 100;
  ArticleReader reader(kHtml / "stadtarchiv.de.html", options);
  Article article;
  Rejection rejection;
  ASSERT_EQ(reader.next(article, rejection), ArticleReader::Status::rejected);
  EXPECT_TRUE(rejection.reason.starts_with("HTML file longer than 100 bytes")) << rejection.reason;
}

}  // namespace
}  // namespace archivar::ingest
