// Facets beside the ranked match and a page's snippets shared between two
// threads (SearcherOptions::facet_thread and snippet_thread,
// search/request_worker.hpp, search/page_snippets.hpp): a Searcher with its
// own thread gives exactly what one working on the calling thread alone
// gives (hits, copies, totals, every facet, snippets and highlighted
// titles), for every kind of query, and follows the index across commits;
// the worker itself counts and builds what the calling thread would and
// declines a revision it cannot have. On 300 real BBC and 10kGNAD
// articles, a fifth of them indexed again as syndicated copies, with
// sources, authors, tags and dates of the test's own so that every facet
// has several values.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/analysis_options.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "corpus_articles.hpp"
#include "index/body_codec.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "search/page_snippets.hpp"
#include "search/request_worker.hpp"
#include "search/snippet_builder.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

std::vector<Article> articles_with_copies() {
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  std::vector<Article> originals = testing_support::read_articles(corpora / "en_bbc.jsonl.gz", 150);
  for (Article& article :
       testing_support::read_articles(corpora / "de_10kgnad_test.jsonl.gz", 150)) {
    originals.push_back(std::move(article));
  }
  std::vector<Article> articles;
  for (std::size_t taken = 0; taken < originals.size(); ++taken) {
    Article& article = originals[taken];
    const std::size_t n = articles.size();
    article.source = n % 3 == 0 ? "Reuters" : n % 3 == 1 ? "dpa" : "BBC News";
    article.author = n % 4 == 0 ? "" : "Autorin " + std::to_string(n % 4);
    article.tags = {n % 2 == 0 ? "Politik" : "Wirtschaft"};
    if (n % 5 == 0) article.tags.push_back("Europa");
    if (n % 7 != 0) {  // every seventh undated
      article.date = std::to_string(2001 + n % 6) + "-0" + std::to_string(1 + n % 9) + "-15";
    }
    articles.push_back(article);
    if (taken % 5 == 0) {  // a syndicated copy of every fifth
      Article copy = article;
      copy.id += "-copy";
      copy.source = "Syndication";
      copy.body += "\n\n(dpa/AFP) Alle Rechte vorbehalten.";
      articles.push_back(std::move(copy));
    }
  }
  return articles;
}

void build_index(const std::filesystem::path& folder, const std::vector<Article>& articles) {
  Index index(folder);
  for (const Article& article : articles) (void)index.add(article);
  index.commit();
}

SearcherOptions with_thread() {
  SearcherOptions options;
  options.facet_thread = true;
  options.snippet_thread = true;
  return options;
}

// Everything a result page shows, facets in full.
void expect_same_results(const SearchResults& got, const SearchResults& expected,
                         const std::string& what) {
  EXPECT_EQ(got.total.estimated, expected.total.estimated) << what;
  EXPECT_EQ(got.total.lower, expected.total.lower) << what;
  EXPECT_EQ(got.total.upper, expected.total.upper) << what;
  EXPECT_EQ(got.facet_counted, expected.facet_counted) << what;
  ASSERT_EQ(got.hits.size(), expected.hits.size()) << what;
  for (std::size_t i = 0; i < got.hits.size(); ++i) {
    EXPECT_EQ(got.hits[i].id, expected.hits[i].id) << what << " hit " << i;
    EXPECT_EQ(got.hits[i].copies, expected.hits[i].copies) << what << " hit " << i;
    EXPECT_EQ(got.hits[i].snippet, expected.hits[i].snippet) << what << " hit " << i;
    EXPECT_EQ(got.hits[i].title_highlighted, expected.hits[i].title_highlighted)
        << what << " hit " << i;
  }
  ASSERT_EQ(got.facets.size(), expected.facets.size()) << what;
  for (std::size_t i = 0; i < got.facets.size(); ++i) {
    EXPECT_EQ(got.facets[i].name, expected.facets[i].name) << what;
    EXPECT_EQ(got.facets[i].values, expected.facets[i].values) << what << " " << got.facets[i].name;
    EXPECT_EQ(got.facets[i].distinct, expected.facets[i].distinct)
        << what << " " << got.facets[i].name;
  }
}

class FacetThread : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    articles_ = new std::vector<Article>(articles_with_copies());
    build_index(*dir_ / "db", *articles_);
  }
  static void TearDownTestSuite() {
    delete articles_;
    delete dir_;
    articles_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (articles_->empty()) GTEST_SKIP() << "corpora not found under " << ARCHIVAR_SHARED_DATA;
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::vector<Article>* articles_ = nullptr;
};

TEST_F(FacetThread, SearchesGiveWhatTheCallingThreadGivesForEveryKindOfQuery) {
  Searcher serial(*dir_ / "db");
  Searcher threaded(*dir_ / "db", with_thread());
  const auto request_for = [](const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.facets = {"lang", "year", "month", "source", "tag", "author"};
    request.snippet_length = 120;
    return request;
  };
  std::vector<SearchRequest> requests;
  for (const char* query : {"government", "Regierung Berlin", "Fußball OR football",
                            "Euro -Griechenland", "title:Wien", "date:2002..2004 Regierung",
                            "\"prime minister\"",  // a phrase: an unweighted match counts
                            "Wirt*",               // a wildcard: likewise
                            ""}) {                 // every article
    requests.push_back(request_for(query));
  }
  requests.push_back(request_for("Regierung Berlin"));
  requests.back().collapse_duplicates = false;
  requests.push_back(request_for("market prices"));
  requests.back().match_all_words = true;
  requests.push_back(request_for("film"));
  requests.back().filters = {"lang:en"};
  requests.push_back(request_for("Regierung"));
  requests.back().filters = {"year:2003", "year:2004"};
  requests.push_back(request_for("company"));
  requests.back().sort = SortOrder::newest;
  requests.push_back(request_for("company"));
  requests.back().sort = SortOrder::relevance_recency;  // a posting source: not copied
  requests.push_back(request_for("Polizei"));
  requests.back().page = 2;
  std::size_t multi_valued_facets = 0;
  for (const SearchRequest& request : requests) {
    const std::string what = "query '" + request.query + "'";
    const SearchResults expected = serial.search(request);
    const SearchResults got = threaded.search(request);
    expect_same_results(got, expected, what);
    for (const Facet& facet : expected.facets) multi_valued_facets += facet.values.size() > 1;
    // The same Searcher again: the worker's caches of the revision.
    expect_same_results(threaded.search(request), expected, what + " (again)");
  }
  // The comparison has something to compare: most facets of most queries
  // hold several values.
  EXPECT_GT(multi_valued_facets, requests.size() * 3);
}

TEST_F(FacetThread, FollowsTheIndexAcrossCommits) {
  TempDir own;
  const std::vector<Article> first(articles_->begin(), articles_->begin() + 100);
  build_index(own / "db", first);
  Searcher threaded(own / "db", with_thread());
  SearchRequest request;
  request.query = "Regierung OR government";
  request.facets = {"lang", "source"};
  const SearchResults before = threaded.search(request);
  {
    Index index(own / "db");
    for (std::size_t i = 100; i < 200; ++i) (void)index.add((*articles_)[i]);
    index.commit();
  }
  // Not reopened: the Searcher's revision is the old one, which the worker
  // (opening the folder anew) cannot have; the counts stay the old ones.
  expect_same_results(threaded.search(request), before, "before reopen()");
  threaded.reopen();
  Searcher fresh(own / "db");
  const SearchResults after = fresh.search(request);
  EXPECT_GT(after.facet_counted, before.facet_counted);
  expect_same_results(threaded.search(request), after, "after reopen()");
}

TEST_F(FacetThread, WorkerCountsWhatTheCallingThreadCountsAndDeclinesOtherRevisions) {
  const Xapian::Database db((*dir_ / "db").string());
  search::RequestWorker worker(*dir_ / "db");
  const std::vector<std::string> languages = {"de", "en"};
  search::RequestWorker::Revision at;
  at.generation = 1;
  at.revision = db.get_revision();
  at.uuid = db.get_uuid();
  at.languages = &languages;
  at.every_article_has_language = true;
  const std::vector<std::string> names = {"lang", "source", "year"};
  for (const std::string term : {"Zregier", "Zgovern", "Zfilm", "Zwien"}) {
    const Xapian::Query query(term);
    search::FacetCounter mine(names);
    search::FacetColumns columns;
    const std::optional<search::DocidBits> matches = search::match_bits(db, query);
    ASSERT_TRUE(matches.has_value());
    mine.assign_matches(*matches);
    const std::uint64_t collapsed = mine.collapsed_count(db, schema::kClusterSlot, &columns);
    mine.count(db, &columns);

    search::FacetCounter theirs(names);
    ASSERT_TRUE(worker.start(query, theirs, true, at)) << term;
    EXPECT_EQ(worker.wait(), collapsed) << term;
    EXPECT_GT(theirs.counted(), 0U) << term;
    EXPECT_EQ(theirs.counted(), mine.counted()) << term;
    EXPECT_LT(collapsed, mine.counted() + 1) << term;
    const std::vector<Facet> expected = mine.results(100);
    const std::vector<Facet> got = theirs.results(100);
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].values, expected[i].values);
  }
  // Another revision (or index) than the worker's folder holds: declined,
  // nothing started.
  search::RequestWorker::Revision other = at;
  other.generation = 2;
  other.revision = at.revision + 1;
  search::FacetCounter unused(names);
  EXPECT_FALSE(worker.start(Xapian::Query("Zregier"), unused, false, other));
  EXPECT_FALSE(worker.pending());
}

TEST_F(FacetThread, SnippetsSharedWithTheThreadAreTheCallingThreadsOwn) {
  Searcher serial(*dir_ / "db");
  SearcherOptions options;
  options.snippet_thread = true;  // snippets only: no facet job before them
  Searcher threaded(*dir_ / "db", options);
  std::size_t marked_snippets = 0;
  std::size_t hits = 0;
  for (const char* query : {"government minister", "Regierung Berlin", "Fußball OR football",
                            "\"prime minister\"", "Wirt*", "Bundesregierung", "market",
                            "xqzvbnmwlk",  // no hit: the worker stands down
                            "Bundesregierung"}) {
    for (const Highlight highlight : {Highlight::html, Highlight::plain}) {
      SearchRequest request;
      request.query = query;
      request.snippet_length = 160;
      request.highlight = highlight;
      request.page_size = 20;
      const std::string what = std::string("query '") + query + "'";
      const SearchResults expected = serial.search(request);
      expect_same_results(threaded.search(request), expected, what);
      for (const Hit& hit : expected.hits) {
        ++hits;
        marked_snippets += hit.snippet.find(highlight == Highlight::html ? "<mark>" : "\u00AB") !=
                           std::string::npos;
      }
    }
  }
  // Real snippets were compared: most hits of these queries are marked.
  EXPECT_GT(hits, 100U);
  EXPECT_GT(marked_snippets, hits / 2);
}

TEST_F(FacetThread, WorkerBuildsAPagesSnippetsAloneAndDeclinesOtherRevisions) {
  Xapian::Database db((*dir_ / "db").string());
  search::RequestWorker worker(*dir_ / "db");
  search::RequestWorker::Revision at;
  at.generation = 1;
  at.revision = db.get_revision();
  at.uuid = db.get_uuid();
  // A page of the first 6 (English) and the last 6 (German) articles, each
  // looking for "regier" and "govern" stems and exact forms.
  const search::QueryTerms terms = {"Zregier", "Zgovern", "regierung", "government"};
  search::SnippetOptions options;
  options.length = 120;
  std::vector<Xapian::docid> docids;
  for (Xapian::docid docid = 1; docid <= 6; ++docid) docids.push_back(docid);
  for (Xapian::docid docid = db.get_lastdocid() - 5; docid <= db.get_lastdocid(); ++docid) {
    docids.push_back(docid);
  }
  const auto page_of = [&](std::vector<std::string> languages) {
    std::vector<search::PageSnippets::LanguageTerms> table;
    for (std::string& lang : languages) table.push_back({std::move(lang), &terms, nullptr});
    return search::PageSnippets(docids, std::move(table), options, nullptr, nullptr);
  };
  // The calling thread alone.
  analysis::TextAnalyzer analyzer(
      analysis::AnalysisOptions::decode(db.get_metadata(std::string(schema::kAnalysisKey))));
  search::SnippetBuilder builder(analyzer);
  index::BodyDecompressor bodies([&](const std::string& key) { return db.get_metadata(key); });
  search::PageSnippets mine = page_of({"de", "en"});
  mine.build_unclaimed(db, bodies, builder);
  // The worker alone: the caller claims nothing, and builds nothing missing.
  search::PageSnippets theirs = page_of({"de", "en"});
  ASSERT_TRUE(worker.start_snippets(theirs, at));
  worker.wait_quietly();
  std::vector<std::string> expected_snippets;
  std::vector<std::string> expected_titles;
  std::size_t non_empty = 0;
  for (std::size_t i = 0; i < docids.size(); ++i) {
    const Article stored =
        index::decode_stored_fields(db.get_document(docids[i]).get_value(schema::kDisplaySlot),
                                    db.get_document(docids[i]).get_data(), &bodies);
    const Article article = theirs.take_article(i);
    EXPECT_EQ(article.id, stored.id) << "hit " << i;
    EXPECT_EQ(article.title, stored.title) << "hit " << i;
    EXPECT_EQ(article.lang, i < 6 ? "en" : "de") << "hit " << i;
    EXPECT_EQ(mine.take_article(i).id, stored.id) << "hit " << i;
    expected_snippets.push_back(mine.take_snippet(i));
    expected_titles.push_back(mine.take_title(i));
    const std::string snippet = theirs.take_snippet(i);
    non_empty += !snippet.empty();
    EXPECT_EQ(snippet, expected_snippets.back()) << "hit " << i;
    EXPECT_EQ(theirs.take_title(i), expected_titles.back()) << "hit " << i;
  }
  EXPECT_EQ(non_empty, docids.size());
  // Without terms for German the worker leaves those hits to the owner,
  // whose SnippetTerms (every term kept on this small index) builds them.
  search::PageSnippets english_only = page_of({"en"});
  ASSERT_TRUE(worker.start_snippets(english_only, at));
  worker.wait_quietly();
  EXPECT_TRUE(english_only.take_snippet(6).empty());
  query::TermFreqs freqs(db);
  search::SnippetTerms owner_terms(terms, freqs);
  english_only.build_missing(db, bodies, builder, owner_terms);
  for (std::size_t i = 0; i < docids.size(); ++i) {
    EXPECT_EQ(english_only.take_snippet(i), expected_snippets[i]) << "hit " << i;
    EXPECT_EQ(english_only.take_title(i), expected_titles[i]) << "hit " << i;
  }
  // Another revision: declined, nothing started.
  search::RequestWorker::Revision other = at;
  other.generation = 2;
  other.revision = at.revision + 1;
  search::PageSnippets unused = page_of({"de", "en"});
  EXPECT_FALSE(worker.start_snippets(unused, other));
  EXPECT_FALSE(worker.pending());
}

}  // namespace
}  // namespace archivar
