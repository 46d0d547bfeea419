// Sorting, title weight, recency, facets, filters, snippets, related
// articles and stable paging through the public API, on German and English
// news text.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

struct Spec {
  const char* id;
  const char* title;
  const char* body;
  const char* date;
  const char* lang;
  const char* source;
  const char* author;
  std::vector<std::string> tags;
};

const std::vector<Spec>& specs() {
  static const std::vector<Spec> all = {
      {"gold-2000",
       "Bundesbank gibt Goldmünze heraus",
       "Die Deutsche Bundesbank wird ermächtigt, zum Gedenken an die Deutsche Mark eine Münze "
       "in Gold herauszugeben. Die Auflage beträgt eine Million Stück.",
       "2000-12-27",
       "de",
       "Gesetze",
       "Bundestag",
       {"Münzen", "Bundesbank"}},
      {"euro-2003",
       "Neue Zwei-Euro-Münze zeigt den Bundesrat",
       "Ab Februar sind die ersten Münzen mit dem Motiv in Umlauf. Sammler stehen vor den "
       "Filialen der Bundesbank Schlange.",
       "2003-02-01",
       "de",
       "dpa",
       "Anna Schmidt",
       {"Münzen", "Euro"}},
      {"fake-2005",
       "Falschgeld: Gefälschte Münzen im Umlauf",
       "Die Polizei warnt vor gefälschten Zwei-Euro-Münzen, die in Supermärkten aufgetaucht "
       "sind. Echte Münzen erkennt man am Rand.",
       "2005-11-03",
       "de",
       "dpa",
       "Anna Schmidt",
       {"Münzen", "Polizei"}},
      {"coins-1987",
       "GOLD COINS SELL WELL",
       "Sales of gold coins rose sharply in February as investors bought coins and bullion, "
       "dealers said.",
       "1987-03-02",
       "en",
       "Reuters",
       "",
       {"Gold"}},
      {"cocoa-1987",
       "BAHIA COCOA REVIEW",
       "Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
       "drought since early January.",
       "1987-02-26",
       "en",
       "Reuters",
       "",
       {}},
      {"auction-2004",
       "Coin collectors flock to auction",
       "Collectors paid record prices for rare gold coins at a London auction on Friday.",
       "2004-09-10",
       "en",
       "BBC",
       "",
       {"Gold", "Auction"}},
      {"undated",
       "Münzen sammeln als Hobby",
       "Viele Sammler beginnen mit Münzen aus dem Urlaub.",
       "",
       "de",
       "",
       "",
       {}},
  };
  return all;
}

class SearchFeatures : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Index index(db_path());
    for (const Spec& spec : specs()) {
      Article article;
      article.id = spec.id;
      article.title = spec.title;
      article.body = spec.body;
      article.date = spec.date;
      article.lang = spec.lang;
      article.source = spec.source;
      article.author = spec.author;
      article.tags = spec.tags;
      index.add(article);
    }
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::filesystem::path db_path() { return *dir_ / "news.db"; }

  static std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const Hit& hit : results.hits) out.push_back(hit.id);
    return out;
  }

  std::vector<std::string> ids_for(SearchRequest request) { return ids(searcher_.search(request)); }

  static TempDir* dir_;
  Searcher searcher_{db_path()};
};

TempDir* SearchFeatures::dir_ = nullptr;

// ---- sorting and ranking ----------------------------------------------------

TEST_F(SearchFeatures, NewestAndOldestFirstPutUndatedLast) {
  SearchRequest request;
  request.query = "Münzen";
  request.sort = SortOrder::newest;
  EXPECT_EQ(ids_for(request),
            (std::vector<std::string>{"fake-2005", "euro-2003", "gold-2000", "undated"}));
  request.sort = SortOrder::oldest;
  EXPECT_EQ(ids_for(request),
            (std::vector<std::string>{"gold-2000", "euro-2003", "fake-2005", "undated"}));
}

TEST_F(SearchFeatures, RecencyBoostFavoursNewerArticlesByHalfLife) {
  SearchRequest request;
  request.query = "gold coins";
  request.title_weight = 0;
  const auto plain = ids_for(request);
  ASSERT_EQ(plain.size(), 3u);
  EXPECT_EQ(plain.front(), "coins-1987");  // "gold" and "coins" in title and body
  request.sort = SortOrder::relevance_recency;
  request.recency_weight = 1.0;
  request.recency_half_life_days = 365;
  EXPECT_EQ(ids_for(request).front(), "auction-2004");
  // A half-life of a century makes 17 years count little: relevance wins.
  request.recency_half_life_days = 36500;
  request.recency_weight = 0.05;
  EXPECT_EQ(ids_for(request).front(), "coins-1987");
  // The reference date moves the peak of the boost.
  request.recency_half_life_days = 30;
  request.recency_weight = 1.0;
  request.recency_reference = "1987-03-01";
  EXPECT_EQ(ids_for(request).front(), "coins-1987");
}

TEST_F(SearchFeatures, RecencyBoostIsBoundedByItsFormula) {
  SearchRequest request;
  request.query = "Münzen";
  request.title_weight = 0;
  const SearchResults plain = searcher_.search(request);
  request.sort = SortOrder::relevance_recency;
  request.recency_weight = 0.5;
  request.recency_half_life_days = 365;
  const SearchResults boosted = searcher_.search(request);
  ASSERT_EQ(plain.hits.size(), boosted.hits.size());
  EXPECT_EQ(plain.total.estimated, boosted.total.estimated);  // same matches
  const auto score_of = [](const SearchResults& results, const std::string& id) {
    for (const Hit& hit : results.hits) {
      if (hit.id == id) return hit.score;
    }
    return -1.0;
  };
  // The newest article is at the reference day: it gets the whole boost,
  // 0.5 * W; undated gets none; gold-2000 is ~5 half-lives older.
  const double newest_boost = score_of(boosted, "fake-2005") - score_of(plain, "fake-2005");
  EXPECT_GT(newest_boost, 0);
  EXPECT_DOUBLE_EQ(score_of(boosted, "undated"), score_of(plain, "undated"));
  const double old_boost = score_of(boosted, "gold-2000") - score_of(plain, "gold-2000");
  EXPECT_NEAR(old_boost / newest_boost, std::exp2(-1772.0 / 365.0), 1e-9);
}

TEST_F(SearchFeatures, TitleWeightRaisesTitleMatchesWithoutChangingTheMatchSet) {
  SearchRequest request;
  request.query = "Münzen";
  request.title_weight = 0;
  const SearchResults plain = searcher_.search(request);
  request.title_weight = 5;
  const SearchResults weighted = searcher_.search(request);
  auto plain_ids = ids(plain);
  auto weighted_ids = ids(weighted);
  EXPECT_EQ(plain.total.estimated, weighted.total.estimated);
  // "Münzen" is in the titles of fake-2005 and undated only; with a strong
  // title weight they lead.
  const std::set<std::string> top2(weighted_ids.begin(), weighted_ids.begin() + 2);
  EXPECT_EQ(top2, (std::set<std::string>{"fake-2005", "undated"}));
  std::sort(plain_ids.begin(), plain_ids.end());
  std::sort(weighted_ids.begin(), weighted_ids.end());
  EXPECT_EQ(plain_ids, weighted_ids);
}

// ---- facets and filters -------------------------------------------------------

TEST_F(SearchFeatures, FacetsCountTheWholeMatchSetNotThePage) {
  SearchRequest request;
  request.collapse_duplicates = false;  // exact totals to compare with
  request.query = "Münzen coins";
  request.page_size = 1;
  request.facets = {"lang", "year", "month", "source", "tag", "author"};
  const SearchResults results = searcher_.search(request);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(results.facet_counted, 6u);
  EXPECT_EQ(results.total.lower, 6u);
  EXPECT_EQ(results.total.upper, 6u);
  ASSERT_EQ(results.facets.size(), 6u);
  const auto values = [&](std::size_t i) { return results.facets[i].values; };
  EXPECT_EQ(results.facets[0].name, "lang");
  EXPECT_EQ(values(0), (std::vector<FacetValue>{{"de", 4}, {"en", 2}}));
  EXPECT_EQ(values(1), (std::vector<FacetValue>{
                           {"1987", 1}, {"2000", 1}, {"2003", 1}, {"2004", 1}, {"2005", 1}}));
  EXPECT_EQ(values(2).front(), (FacetValue{"1987-03", 1}));
  // Text values are shown as written in the articles (ties ordered by the
  // normalized value: bbc, gesetze, reuters).
  EXPECT_EQ(values(3),
            (std::vector<FacetValue>{{"dpa", 2}, {"BBC", 1}, {"Gesetze", 1}, {"Reuters", 1}}));
  // Several tags per article, each counted.
  EXPECT_EQ(values(4), (std::vector<FacetValue>{{"Münzen", 3},
                                                {"Gold", 2},
                                                {"Auction", 1},
                                                {"Bundesbank", 1},
                                                {"Euro", 1},
                                                {"Polizei", 1}}));
  EXPECT_EQ(values(5), (std::vector<FacetValue>{{"Anna Schmidt", 2}, {"Bundestag", 1}}));
}

TEST_F(SearchFeatures, FacetSizeLimitsValuesAndReportsDistinct) {
  SearchRequest request;
  request.facets = {"tag"};
  request.facet_size = 2;
  const SearchResults results = searcher_.search(request);  // every article
  ASSERT_EQ(results.facets.size(), 1u);
  EXPECT_EQ(results.facets[0].values, (std::vector<FacetValue>{{"Münzen", 3}, {"Gold", 2}}));
  EXPECT_EQ(results.facets[0].distinct, 6u);
  EXPECT_EQ(results.facet_counted, 7u);
}

TEST(FacetDisplay, SpellingsOfOneValueCountTogetherShownAsTheFirstArticleWroteIt) {
  TempDir dir;
  {
    Index index(dir / "db");
    const std::vector<std::pair<const char*, const char*>> articles = {
        {"a", "Writer"},
        {"b", "WRITER"},
        {"c", "writer"},
        {"d", "Süddeutsche Zeitung"},
        {"e", "SÜDDEUTSCHE ZEITUNG"}};
    for (const auto& [id, source] : articles) {
      Article article;
      article.id = id;
      article.title = std::string("Bericht ") + id;
      article.lang = "de";
      article.source = source;
      article.tags = {source};
      index.add(article);
    }
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.facets = {"source", "tag"};
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.facets.size(), 2u);
  const std::vector<FacetValue> expected = {{"Writer", 3}, {"Süddeutsche Zeitung", 2}};
  EXPECT_EQ(results.facets[0].values, expected);
  EXPECT_EQ(results.facets[1].values, expected);
  // Filters accept the shown form and any other case.
  for (const char* filter : {"source:Writer", "source:wRiTeR", "tag:writer"}) {
    SearchRequest filtered;
    filtered.collapse_duplicates = false;
    filtered.filters = {filter};
    EXPECT_EQ(searcher.search(filtered).total.estimated, 3u) << filter;
  }
  SearchRequest umlaut;
  umlaut.collapse_duplicates = false;
  umlaut.filters = {"source:süddeutsche zeitung"};
  EXPECT_EQ(searcher.search(umlaut).total.estimated, 2u);
  // The spellings are remembered for the revision: the same again.
  const SearchResults again = searcher.search(request);
  EXPECT_EQ(again.facets[0].values, expected);
  EXPECT_EQ(again.facets[1].values, expected);
  // Without the first "Writer" the next article's spelling is shown, once
  // the Searcher moves to that revision.
  {
    Index index(dir / "db");
    EXPECT_TRUE(index.remove("a"));
    index.commit();
  }
  searcher.reopen();
  const SearchResults later = searcher.search(request);
  const std::vector<FacetValue> now = {{"Süddeutsche Zeitung", 2}, {"WRITER", 2}};
  EXPECT_EQ(later.facets[0].values, now);
  EXPECT_EQ(later.facets[1].values, now);
}

struct FilterRow {
  std::vector<std::string> filters;
  std::vector<std::string> expected;  // sorted ids
};

TEST_F(SearchFeatures, FiltersSelectFacetValues) {
  const std::vector<FilterRow> rows = {
      {{"source:reuters"}, {"cocoa-1987", "coins-1987"}},
      {{"source:REUTERS"}, {"cocoa-1987", "coins-1987"}},  // normalized like the index
      {{"year:2004"}, {"auction-2004"}},
      {{"month:2003-02"}, {"euro-2003"}},
      {{"month:200302"}, {"euro-2003"}},
      {{"tag:gold"}, {"auction-2004", "coins-1987"}},
      {{"tag:Münzen", "tag:Gold"},
       {"auction-2004", "coins-1987", "euro-2003", "fake-2005", "gold-2000"}},  // same name: OR
      {{"tag:Münzen", "author:Anna Schmidt"}, {"euro-2003", "fake-2005"}},      // different: AND
      {{"lang:en", "year:2004"}, {"auction-2004"}},
      {{"lang:DE", "source:bbc"}, {}},
  };
  for (const FilterRow& row : rows) {
    SearchRequest request;
    request.filters = row.filters;
    auto found = ids_for(request);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, row.expected) << row.filters.front();
  }
}

TEST_F(SearchFeatures, EveryFacetValueWorksAsAFilter) {
  SearchRequest request;
  request.facets = {"lang", "year", "month", "source", "tag", "author"};
  request.facet_size = 100;
  const SearchResults all = searcher_.search(request);
  for (const Facet& facet : all.facets) {
    for (const FacetValue& value : facet.values) {
      SearchRequest filtered;
      filtered.filters = {facet.name + ":" + value.value};
      filtered.page_size = 100;
      EXPECT_EQ(searcher_.search(filtered).total.estimated, value.count)
          << facet.name << ":" << value.value;
    }
  }
}

// ---- snippets -------------------------------------------------------------------

TEST_F(SearchFeatures, HitsCarrySnippetsWithStemmedMatches) {
  SearchRequest request;
  request.query = "Münze";
  request.snippet_length = 60;
  request.filters = {"source:gesetze"};
  SearchResults results = searcher_.search(request);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_NE(results.hits[0].snippet.find("eine «Münze» in Gold"), std::string::npos)
      << results.hits[0].snippet;
  request.highlight = Highlight::html;
  results = searcher_.search(request);
  EXPECT_NE(results.hits[0].snippet.find("<mark>Münze</mark>"), std::string::npos);
  request.snippet_length = 0;
  EXPECT_EQ(searcher_.search(request).hits[0].snippet, "");
}

// A Searcher keeps its snippet builder and its analyzer's word cache from
// request to request: each request still gets the snippets and titles a
// fresh Searcher gives it, whatever came before (the same words in other
// forms, other languages, other markers, the same query twice).
TEST_F(SearchFeatures, LongLivedSearcherGivesAFreshSearchersSnippets) {
  std::vector<SearchRequest> requests;
  for (const char* query : {"Münze", "Münzen Gold", "coin gold", "Münze", "Bundesbank Umlauf",
                            "gold", "Goldmünze", "cocoa drought", "Münzen"}) {
    for (const Highlight highlight : {Highlight::plain, Highlight::html}) {
      SearchRequest request;
      request.query = query;
      request.snippet_length = 40;
      request.highlight = highlight;
      request.collapse_duplicates = false;
      requests.push_back(request);
    }
  }
  std::size_t marked = 0;
  for (const SearchRequest& request : requests) {
    const SearchResults kept = searcher_.search(request);
    const SearchResults fresh = Searcher(db_path()).search(request);
    ASSERT_EQ(kept.hits.size(), fresh.hits.size()) << request.query;
    for (std::size_t i = 0; i < kept.hits.size(); ++i) {
      EXPECT_EQ(kept.hits[i].snippet, fresh.hits[i].snippet) << request.query;
      EXPECT_EQ(kept.hits[i].title_highlighted, fresh.hits[i].title_highlighted) << request.query;
      if (kept.hits[i].snippet.find(request.highlight == Highlight::html ? "<mark>" : "\u00AB") !=
          std::string::npos) {
        ++marked;
      }
    }
  }
  EXPECT_GT(marked, requests.size());
}

// ---- highlighted titles -------------------------------------------------------

// The title of the hit with `id` in the results for `request`.
std::string highlighted_title(Searcher& searcher, SearchRequest request, std::string_view id) {
  for (const Hit& hit : searcher.search(request).hits) {
    if (hit.id == id) return hit.title_highlighted;
  }
  return "(no hit " + std::string(id) + ")";
}

TEST_F(SearchFeatures, TitlesAreHighlightedLikeSnippets) {
  SearchRequest request;
  request.snippet_length = 60;
  request.collapse_duplicates = false;
  request.query = "Münze";  // stemmed: Münzen; decompounded: Goldmünze
  EXPECT_EQ(highlighted_title(searcher_, request, "fake-2005"),
            "Falschgeld: Gefälschte «Münzen» im Umlauf");
  const std::string compound = highlighted_title(searcher_, request, "gold-2000");
  EXPECT_TRUE(compound.starts_with("Bundesbank gibt ")) << compound;
  EXPECT_NE(compound.find("münze»"), std::string::npos) << compound;
  request.query = "coin";  // English stem, upper-case title
  EXPECT_EQ(highlighted_title(searcher_, request, "coins-1987"), "GOLD «COINS» SELL WELL");
  request.highlight = Highlight::html;
  EXPECT_EQ(highlighted_title(searcher_, request, "coins-1987"),
            "GOLD <mark>COINS</mark> SELL WELL");
  request.highlight = Highlight::none;
  EXPECT_EQ(highlighted_title(searcher_, request, "coins-1987"), "GOLD COINS SELL WELL");
  // Plain queries do no highlighting.
  request.snippet_length = 0;
  EXPECT_EQ(highlighted_title(searcher_, request, "coins-1987"), "");
}

TEST(HighlightedTitles, HtmlModeEscapesTheTitleAndKeepsItWhole) {
  TempDir dir;
  {
    Index index(dir / "db");
    Article article;
    article.id = "amp";
    article.title = "Tom & Jerry <live>: \"Münzen\" aus Gold, eine lange Überschrift zum Sammeln";
    article.body = "Ein Artikel über Münzen.";
    article.lang = "de";
    index.add(article);
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "gold";
  request.snippet_length = 10;  // the snippet is cut, the title never
  request.highlight = Highlight::html;
  EXPECT_EQ(highlighted_title(searcher, request, "amp"),
            "Tom &amp; Jerry &lt;live&gt;: &quot;Münzen&quot; aus <mark>Gold</mark>, eine lange "
            "Überschrift zum Sammeln");
}

// ---- related articles ---------------------------------------------------------

TEST_F(SearchFeatures, RelatedFindsArticlesOnTheSameTopicButNotItself) {
  SearchRequest request;
  request.page_size = 3;
  const auto related = searcher_.related("fake-2005", request);
  ASSERT_TRUE(related.has_value());
  const auto found = ids(*related);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(std::count(found.begin(), found.end(), "fake-2005"), 0);
  EXPECT_EQ(found.front(), "euro-2003");  // Zwei-Euro-Münzen, im Umlauf
  const auto english = searcher_.related("coins-1987");
  ASSERT_TRUE(english.has_value());
  EXPECT_EQ(ids(*english).front(), "auction-2004");
  // Filters apply as in search.
  request.filters = {"lang:en"};
  const auto filtered = searcher_.related("fake-2005", request);
  ASSERT_TRUE(filtered.has_value());
  for (const Hit& hit : filtered->hits) EXPECT_EQ(hit.lang, "en");
  EXPECT_FALSE(searcher_.related("no-such-id").has_value());
  EXPECT_THROW((void)searcher_.related("fake-2005", {}, 0), InvalidArgumentError);
}

// ---- paging -------------------------------------------------------------------------

TEST_F(SearchFeatures, PagesConcatenateToTheFullRankingEvenWithTies) {
  for (const SortOrder sort :
       {SortOrder::relevance, SortOrder::newest, SortOrder::oldest, SortOrder::relevance_recency}) {
    for (const char* query : {"", "Münzen coins gold"}) {
      SearchRequest request;
      request.query = query;
      request.sort = sort;
      request.page_size = 100;
      const auto full = ids_for(request);
      for (std::uint32_t size = 1; size <= 4; ++size) {
        std::vector<std::string> paged;
        request.page_size = size;
        for (request.page = 1;; ++request.page) {
          const auto page = ids_for(request);
          if (page.empty()) break;
          paged.insert(paged.end(), page.begin(), page.end());
        }
        EXPECT_EQ(paged, full) << "query '" << query << "', page size " << size;
      }
    }
  }
}

TEST_F(SearchFeatures, EqualScoresKeepIndexingOrder) {
  SearchRequest request;  // empty query: every score is 0
  request.page_size = 100;
  std::vector<std::string> expected;
  for (const Spec& spec : specs()) expected.emplace_back(spec.id);
  EXPECT_EQ(ids_for(request), expected);
}

// ---- misuse --------------------------------------------------------------------------

TEST_F(SearchFeatures, BadArgumentsAreInvalidArgumentErrors) {
  const auto with = [](auto change) {
    SearchRequest request;
    change(request);
    return request;
  };
  const std::vector<SearchRequest> bad = {
      with([](SearchRequest& r) { r.facets = {"colour"}; }),
      with([](SearchRequest& r) { r.filters = {"reuters"}; }),
      with([](SearchRequest& r) { r.filters = {"colour:red"}; }),
      with([](SearchRequest& r) { r.filters = {"year:87"}; }),
      with([](SearchRequest& r) { r.filters = {"month:2004-13"}; }),
      with([](SearchRequest& r) { r.filters = {"tag:"}; }),
      with([](SearchRequest& r) { r.facet_size = 0; }),
      with([](SearchRequest& r) { r.title_weight = -1; }),
      with([](SearchRequest& r) { r.title_weight = std::nan(""); }),
      with([](SearchRequest& r) { r.recency_weight = 1000; }),
      with([](SearchRequest& r) { r.recency_half_life_days = 0; }),
      with([](SearchRequest& r) { r.recency_reference = "yesterday"; }),
      with([](SearchRequest& r) { r.snippet_length = 1000000; }),
  };
  for (const SearchRequest& request : bad) {
    EXPECT_THROW((void)searcher_.search(request), InvalidArgumentError);
  }
  try {
    (void)searcher_.search(bad[2]);
  } catch (const InvalidArgumentError& error) {
    EXPECT_NE(std::string(error.what()).find("colour:red"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace archivar
