// Near-duplicate detection (index/near_duplicates.hpp) and its use in
// search: SimHash over word shingles, the band terms, clustering at index
// time, collapsing in search results (Hit::copies), and related articles
// without the article's own copies. On German and English wire stories
// written for this test, with the edits syndication makes.
#include "index/near_duplicates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

const std::string kBahnDe =
    "Die Deutsche Bahn will im kommenden Jahr deutlich mehr Geld in das Schienennetz stecken. "
    "Wie der Konzern am Dienstag in Berlin mitteilte, sollen rund zwölf Milliarden Euro in die "
    "Sanierung von Brücken, Gleisen und Stellwerken fließen. Besonders stark betroffen sind die "
    "Strecken zwischen Frankfurt und Mannheim sowie zwischen Hamburg und Berlin, die monatelang "
    "gesperrt werden sollen. Fahrgastverbände kritisierten die langen Sperrzeiten und forderten "
    "bessere Ersatzverkehre mit Bussen. Der Bund als Eigentümer hatte zuvor zusätzliche Mittel "
    "aus dem Klimafonds zugesagt. Die Gewerkschaft EVG begrüßte die Pläne grundsätzlich, warnte "
    "aber vor fehlendem Personal in den Baufirmen.";
const std::string kFlutDe =
    "Nach den schweren Regenfällen im Süden Deutschlands sind mehrere Flüsse über die Ufer "
    "getreten. In Bayern und Baden-Württemberg mussten Hunderte Menschen ihre Häuser verlassen, "
    "wie die Behörden am Sonntag mitteilten. Die Feuerwehr war mit Tausenden Kräften im Einsatz "
    "und füllte Sandsäcke, um Deiche zu sichern. Der Deutsche Wetterdienst erwartet für die "
    "kommenden Tage weiteren Regen, wenn auch weniger stark. Der Ministerpräsident besuchte die "
    "betroffenen Gemeinden und versprach schnelle Hilfe für die Geschädigten. Die Schäden lassen "
    "sich nach Angaben der Versicherer noch nicht beziffern.";
const std::string kBahnDeOther =
    "Die Deutsche Bahn hat im ersten Halbjahr mehr Fahrgäste befördert als vor der Pandemie. "
    "Im Fernverkehr stieg die Zahl der Reisenden nach Angaben des Konzerns auf 68 Millionen. "
    "Zugleich blieb die Pünktlichkeit schwach: Nur knapp zwei Drittel der Fernzüge erreichten "
    "ihr Ziel ohne nennenswerte Verspätung. Als Grund nannte die Bahn die vielen Baustellen im "
    "überlasteten Netz. Der Vorstand kündigte an, die Kapazitäten in den Knoten Köln und "
    "Hamburg auszubauen, und verwies auf neue Züge, die ab dem Herbst ausgeliefert werden.";
const std::string kOilEn =
    "Oil prices rose on Monday after producers signalled they would extend output cuts into "
    "next year, tightening supply as demand picks up in Asia. Brent crude futures gained 1.2 "
    "percent to trade near 84 dollars a barrel, while U.S. crude rose by a similar amount. "
    "Analysts said the market had expected a shorter extension and that inventories in major "
    "consuming countries were already falling. Traders will watch weekly stock data from the "
    "United States later in the week for further signs of tightening. A stronger dollar limited "
    "the gains, making oil more expensive for holders of other currencies.";
const std::string kElectionEn =
    "Voters in the northern province went to the polls on Sunday in an election seen as a test "
    "for the governing coalition ahead of next year's national vote. Turnout was higher than "
    "four years ago, officials said, with long queues reported at polling stations in the "
    "capital. The opposition campaigned on rising living costs and housing shortages, while the "
    "government pointed to new jobs in the region's ports. Preliminary results are expected "
    "late on Sunday night, and a final count could take several days if the race is close.";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::uint64_t hash_of(const std::string& text, const char* lang) {
  analysis::TextAnalyzer analyzer;
  const auto hash = index::simhash(analyzer, text, lang);
  EXPECT_TRUE(hash.has_value());
  return hash.value_or(0);
}

// ---- the detector: one row per edit -----------------------------------------

struct EditRow {
  const char* name;
  const std::string* original;
  std::string edited;
  const char* lang;
  bool duplicate;  // expected: within kMaxHammingDistance
};

TEST(NearDuplicateDetector, FindsEditedCopiesAndTellsStoriesApart) {
  const std::vector<EditRow> rows = {
      {"identical", &kBahnDe, kBahnDe, "de", true},
      {"boilerplate appended", &kBahnDe,
       kBahnDe + "\n\n© dpa-infocom, 2024. Alle Rechte vorbehalten.", "de", true},
      {"sentence added", &kBahnDe,
       replace(kBahnDe, "Fahrgastverbände",
               "Ein Sprecher nannte die Pläne ehrgeizig. Fahrgastverbände"),
       "de", true},
      {"sentence removed", &kBahnDe,
       replace(
           kBahnDe,
           "Der Bund als Eigentümer hatte zuvor zusätzliche Mittel aus dem Klimafonds zugesagt. ",
           ""),
       "de", true},
      // One word in this ~90-word story; two replaced words already reach
      // distance 10 here (short texts are the detector's known limit, README).
      {"word replaced", &kBahnDe, replace(kBahnDe, "Dienstag", "Mittwoch"), "de", true},
      {"case and line breaks", &kOilEn,
       replace(replace(kOilEn, "Oil prices", "OIL PRICES"), "Analysts said", "Analysts\nsaid"),
       "en", true},
      {"english sentence added", &kOilEn,
       replace(kOilEn, "A stronger dollar", "Gold was little changed. A stronger dollar"), "en",
       true},
      {"other story, same topic", &kBahnDe, kBahnDeOther, "de", false},
      {"other story", &kBahnDe, kFlutDe, "de", false},
      {"other english story", &kOilEn, kElectionEn, "en", false},
  };
  for (const EditRow& row : rows) {
    const int distance =
        index::hamming_distance(hash_of(*row.original, row.lang), hash_of(row.edited, row.lang));
    if (row.duplicate) {
      EXPECT_LE(distance, index::kMaxHammingDistance) << row.name;
    } else {
      EXPECT_GT(distance, index::kMaxHammingDistance + 6) << row.name;
    }
  }
}

TEST(NearDuplicateDetector, ShortTextsGetNoHash) {
  analysis::TextAnalyzer analyzer;
  EXPECT_FALSE(index::simhash(analyzer, "Kurz gemeldet: Zug fällt aus.", "de").has_value());
  EXPECT_FALSE(index::simhash(analyzer, "", "en").has_value());
}

TEST(NearDuplicateDetector, HashIsStableAndWellSpread) {
  EXPECT_EQ(index::hash64("bahn"), index::hash64("bahn"));
  EXPECT_NE(index::hash64("bahn"), index::hash64("bahm"));
  // Unrelated texts differ in about half the bits.
  const int distance = index::hamming_distance(hash_of(kFlutDe, "de"), hash_of(kOilEn, "en"));
  EXPECT_GT(distance, 16);
  EXPECT_LT(distance, 48);
  EXPECT_EQ(index::from_hex(index::to_hex(0x0123456789abcdefULL)), 0x0123456789abcdefULL);
  EXPECT_FALSE(index::from_hex("xyz").has_value());
}

TEST(NearDuplicateDetector, ProbesNeverMissPairsWithinSevenBits) {
  std::mt19937_64 rng(7);
  ASSERT_EQ(index::kAlwaysFoundDistance, 7);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::uint64_t a = rng();
    std::uint64_t b = a;
    // Exactly 7 distinct bits.
    std::set<unsigned> bits;
    while (bits.size() < 7) bits.insert(static_cast<unsigned>(rng() % 64));
    for (const unsigned bit : bits) b ^= std::uint64_t{1} << bit;
    const auto terms_a = index::band_terms(a);
    const auto probes_b = index::probe_terms(b);
    ASSERT_EQ(terms_a.size(), static_cast<std::size_t>(index::kSimHashBands));
    ASSERT_EQ(probes_b.size(), static_cast<std::size_t>(index::kSimHashProbes));
    const std::set<std::string> set_a(terms_a.begin(), terms_a.end());
    bool shared = false;
    for (const std::string& term : probes_b) shared = shared || set_a.count(term) != 0;
    ASSERT_TRUE(shared) << index::to_hex(a) << " " << index::to_hex(b);
  }
}

TEST(NearDuplicateDetector, ProbesOfAHashIncludeItsOwnBandTerms) {
  const std::uint64_t hash = 0x0123456789abcdefULL;
  const auto terms = index::band_terms(hash);
  EXPECT_EQ(terms.front(), "XB0cdef");
  EXPECT_EQ(terms.back(), "XB30123");
  const auto probes = index::probe_terms(hash);
  for (const std::string& term : terms) {
    EXPECT_NE(std::find(probes.begin(), probes.end(), term), probes.end()) << term;
  }
  EXPECT_NE(std::find(probes.begin(), probes.end(), "XB0cdee"), probes.end());  // bit 0 flipped
}

// ---- clustering at index time and collapsing in search -----------------------

class NearDuplicateSearch : public testing::Test {
 protected:
  static Article article(const char* id, const char* title, const std::string& body,
                         const char* lang, const char* date) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.lang = lang;
    a.date = date;
    a.url = std::string("https://example.org/") + id;
    return a;
  }

  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "db");
    index.add(
        article("bahn-dpa", "Bahn steckt zwölf Milliarden ins Netz", kBahnDe, "de", "2024-03-05"));
    index.add(article("bahn-regional", "Milliarden für die Schiene",
                      kBahnDe + "\n\n© dpa-infocom, 2024. Alle Rechte vorbehalten.", "de",
                      "2024-03-05"));
    index.add(article("bahn-update", "Bahn: Zwölf Milliarden für Brücken und Gleise (aktualisiert)",
                      replace(kBahnDe, "Fahrgastverbände",
                              "Ein Sprecher nannte die Pläne ehrgeizig. Fahrgastverbände"),
                      "de", "2024-03-06"));
    index.add(
        article("bahn-fahrgaeste", "Bahn meldet Fahrgastrekord", kBahnDeOther, "de", "2024-07-20"));
    index.add(article("flut", "Hochwasser im Süden", kFlutDe, "de", "2024-06-02"));
    index.add(
        article("oil-reuters", "Oil rises on extended output cuts", kOilEn, "en", "2024-03-04"));
    index.add(
        article("oil-wire", "Oil prices up as producers extend cuts",
                replace(kOilEn, "A stronger dollar", "Gold was little changed. A stronger dollar"),
                "en", "2024-03-04"));
    index.add(article("election", "Northern province votes", kElectionEn, "en", "2024-05-12"));
    // Two short notes with the same text: too short to call duplicates.
    index.add(
        article("kurz-1", "Zugausfall", "Der Zug nach Köln fällt heute aus.", "de", "2024-01-01"));
    index.add(
        article("kurz-2", "Zugausfall", "Der Zug nach Köln fällt heute aus.", "de", "2024-01-02"));
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::map<std::string, std::uint32_t> copies(const SearchResults& results) {
    std::map<std::string, std::uint32_t> out;
    for (const Hit& hit : results.hits) out[hit.id] = hit.copies;
    return out;
  }

  static TempDir* dir_;
  Searcher searcher_{*dir_ / "db"};
};

TempDir* NearDuplicateSearch::dir_ = nullptr;

TEST_F(NearDuplicateSearch, CollapsesCopiesByDefaultAndCountsThem) {
  SearchRequest request;
  request.query = "Bahn Milliarden Schienennetz";
  const auto results = searcher_.search(request);
  const auto found = copies(results);
  // The three copies of the wire story appear once, standing for three.
  int bahn_copies = 0;
  for (const char* id : {"bahn-dpa", "bahn-regional", "bahn-update"}) {
    if (found.count(id) != 0) {
      ++bahn_copies;
      EXPECT_EQ(found.at(id), 3u) << id;
    }
  }
  EXPECT_EQ(bahn_copies, 1);
  // A different story on the same topic is its own hit.
  ASSERT_EQ(found.count("bahn-fahrgaeste"), 1u);
  EXPECT_EQ(found.at("bahn-fahrgaeste"), 1u);
}

TEST_F(NearDuplicateSearch, NoCollapseShowsEveryCopy) {
  SearchRequest request;
  request.query = "Bahn Milliarden Schienennetz";
  request.collapse_duplicates = false;
  const auto found = copies(searcher_.search(request));
  for (const char* id : {"bahn-dpa", "bahn-regional", "bahn-update", "bahn-fahrgaeste"}) {
    ASSERT_EQ(found.count(id), 1u) << id;
    EXPECT_EQ(found.at(id), 1u) << id;
  }
}

// With facets every match is examined (in a counting pass of its own): the
// collapsed total is exact, and facets count every copy.
TEST_F(NearDuplicateSearch, FacetsMakeTheCollapsedTotalExactAndCountEveryCopy) {
  SearchRequest request;
  request.query = "Bahn";
  request.page_size = 50;
  request.facets = {"lang"};
  const auto collapsed = searcher_.search(request);
  EXPECT_EQ(collapsed.total.estimated, collapsed.hits.size());
  EXPECT_EQ(collapsed.total.lower, collapsed.hits.size());
  EXPECT_EQ(collapsed.total.upper, collapsed.hits.size());
  request.collapse_duplicates = false;
  const auto all = searcher_.search(request);
  EXPECT_EQ(all.total.estimated, all.hits.size());
  EXPECT_EQ(all.hits.size(), collapsed.hits.size() + 2);  // two more copies of the wire story
  for (const auto* results : {&collapsed, &all}) {
    ASSERT_EQ(results->facets.size(), 1u);
    ASSERT_FALSE(results->facets[0].values.empty());
    EXPECT_EQ(results->facets[0].values[0].value, "de");
    EXPECT_EQ(results->facets[0].values[0].count, all.hits.size());
    EXPECT_EQ(results->facet_counted, all.hits.size());
  }
}

// Whatever path the Searcher takes (collapsed pass, or the uncollapsed one
// kept because no hit of the page has a copy), the collapsed bounds hold
// the exact collapsed count that a facet request reports.
TEST_F(NearDuplicateSearch, CollapsedBoundsHoldTheExactCollapsedCount) {
  for (const char* query : {"Bahn", "Bahn Fahrgastrekord", "Milliarden", "oil", "Zug Köln"}) {
    for (const std::uint32_t page_size : {1u, 2u, 10u}) {
      SearchRequest request;
      request.query = query;
      request.page_size = page_size;
      const auto plain = searcher_.search(request);
      request.facets = {"lang"};
      const auto exact = searcher_.search(request);
      ASSERT_EQ(exact.total.lower, exact.total.upper) << query;
      EXPECT_LE(plain.total.lower, exact.total.lower) << query << " page " << page_size;
      EXPECT_GE(plain.total.upper, exact.total.lower) << query << " page " << page_size;
      EXPECT_LE(plain.total.lower, plain.total.estimated) << query;
      EXPECT_LE(plain.total.estimated, plain.total.upper) << query;
      EXPECT_EQ(plain.hits.size(), std::min<std::size_t>(page_size, exact.total.lower)) << query;
    }
  }
}

TEST_F(NearDuplicateSearch, EnglishCopiesCollapseToo) {
  SearchRequest request;
  request.query = "oil output cuts";
  const auto results = searcher_.search(request);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits[0].copies, 2u);
  EXPECT_EQ(copies(results).count("oil-reuters") + copies(results).count("oil-wire"), 1u);
}

TEST_F(NearDuplicateSearch, ShortArticlesAreNeverCollapsed) {
  SearchRequest request;
  request.query = "Zug Köln";
  const auto found = copies(searcher_.search(request));
  EXPECT_EQ(found.count("kurz-1"), 1u);
  EXPECT_EQ(found.count("kurz-2"), 1u);
}

TEST_F(NearDuplicateSearch, RelatedExcludesTheArticlesOwnCopies) {
  SearchRequest request;
  request.collapse_duplicates = false;  // excluded even when not collapsing
  const auto related = searcher_.related("bahn-dpa", request);
  ASSERT_TRUE(related.has_value());
  const auto found = copies(*related);
  EXPECT_EQ(found.count("bahn-dpa"), 0u);
  EXPECT_EQ(found.count("bahn-regional"), 0u);
  EXPECT_EQ(found.count("bahn-update"), 0u);
  EXPECT_EQ(found.count("bahn-fahrgaeste"), 1u);
}

// An archive of syndicated stories, every one in six copies (the worst
// case for collapsing: the collapsed page needs windows far deeper than the
// page, search/collapse_check.hpp). Whatever windows the Searcher takes,
// the collapsed list is the uncollapsed ranking with each story's later
// copies left out, every hit stands for its six copies, pages continue
// each other, and the bounds hold the exact collapsed count.
class SyndicatedArchive : public ::testing::Test {
 protected:
  static constexpr int kCopies = 6;

  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(*dir_ / "db");
    const std::vector<std::pair<std::string, const std::string*>> stories = {
        {"bahn", &kBahnDe}, {"flut", &kFlutDe},         {"fahrgaeste", &kBahnDeOther},
        {"oil", &kOilEn},   {"election", &kElectionEn},
    };
    for (int copy = 0; copy < kCopies; ++copy) {
      for (const auto& [story, text] : stories) {
        Article a;
        a.id = story + "-" + std::to_string(copy);
        a.title = story;
        // Each outlet adds its own line, as syndication does.
        a.body = *text + "\n\nQuelle: Verlag " + std::to_string(copy) + ".";
        a.lang = story == "oil" || story == "election" ? "en" : "de";
        index.add(a);
      }
    }
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::string story_of(const std::string& id) { return id.substr(0, id.find('-')); }

  static TempDir* dir_;
  Searcher searcher_{*dir_ / "db"};
};

TempDir* SyndicatedArchive::dir_ = nullptr;

TEST_F(SyndicatedArchive, CollapsedPagesAreTheRankingWithLaterCopiesLeftOut) {
  // Keyword queries, a question (adjacent-pair rerank) and a mixed-language
  // one (language rerank).
  for (const char* query : {"Bahn Milliarden", "Deutsche Bahn Regen Ufer", "oil prices voters",
                            "Wie viel Geld steckt die Bahn in das Schienennetz?",
                            "Bahn oil election Flüsse Fahrgäste"}) {
    SearchRequest request;
    request.query = query;
    request.collapse_duplicates = false;
    request.page_size = 100;
    const auto all = searcher_.search(request);
    // The stories in the order of their first copy in the ranking.
    std::vector<std::string> expected;
    for (const Hit& hit : all.hits) {
      const std::string story = story_of(hit.id);
      if (std::find(expected.begin(), expected.end(), story) == expected.end()) {
        expected.push_back(story);
      }
    }
    ASSERT_FALSE(expected.empty()) << query;
    for (const std::uint32_t page_size : {1u, 2u, 3u, 10u}) {
      std::vector<std::string> seen;
      for (std::uint32_t page = 1; page <= 5 && seen.size() < expected.size(); ++page) {
        request.collapse_duplicates = true;
        request.page_size = page_size;
        request.page = page;
        const auto collapsed = searcher_.search(request);
        for (const Hit& hit : collapsed.hits) {
          seen.push_back(story_of(hit.id));
          EXPECT_EQ(hit.copies, static_cast<std::uint32_t>(kCopies)) << query << " " << hit.id;
        }
        EXPECT_LE(collapsed.total.lower, expected.size()) << query;
        EXPECT_GE(collapsed.total.upper, expected.size()) << query;
        EXPECT_LE(collapsed.total.lower, collapsed.total.estimated) << query;
        EXPECT_LE(collapsed.total.estimated, collapsed.total.upper) << query;
      }
      // Questions re-rank their top stories by adjacent pairs, so only the
      // set is compared for them; keyword queries keep the ranking's order.
      if (std::string(query).back() == '?') {
        std::vector<std::string> a = seen, b = expected;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        EXPECT_EQ(a, b) << query << " page size " << page_size;
      } else {
        EXPECT_EQ(seen, expected) << query << " page size " << page_size;
      }
    }
  }
}

TEST(NearDuplicateIndex, ReplacingAnArticleKeepsItsClusterAndNeverMatchesItself) {
  TempDir dir;
  {
    Index index(dir / "db");
    Article a;
    a.id = "oil";
    a.lang = "en";
    a.title = "Oil rises";
    a.body = kOilEn;
    index.add(a);
    index.add(a);  // the same article again: replaced, not its own duplicate
    a.id = "election";
    a.body = kElectionEn;
    index.add(a);
    a.id = "oil";  // now a different story under the old id
    a.body = kElectionEn + " Observers reported no irregularities.";
    index.add(a);
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "province election voters";
  const auto results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1u);  // "oil" is now a copy of "election"
  EXPECT_EQ(results.hits[0].copies, 2u);
}

}  // namespace
}  // namespace archivar
