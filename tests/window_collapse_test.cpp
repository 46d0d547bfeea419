// Window collapse (search/collapse_check.hpp): the Searcher collapses a
// deeper uncollapsed window itself instead of running Xapian's collapsed
// pass. Its hits and copies must equal Xapian's collapsed pass, copies must
// be the matching members of each hit's cluster (search/cluster_copies.hpp:
// the same on every page and path, summing to the uncollapsed count), pages 1-3
// must continue each other, and the collapsed totals must hold the exact
// collapsed count, with and without a preferred query language (the
// language rerank of a mixed index). On 400 real BBC and 10kGNAD articles, a fifth of them
// indexed again as syndicated copies (one or two each, with an agency
// line appended), so that clusters are spread over the ranking.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/schema.hpp"
#include "search/cluster_copies.hpp"
#include "search/facet_column.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using testing_support::TempDir;

std::vector<Article> corpus_with_copies() {
  std::vector<Article> articles;
  auto read = [&](const std::filesystem::path& file, std::size_t limit) {
    if (!std::filesystem::exists(file)) return;
    ArticleReader reader(file);
    Article article;
    Rejection rejection;
    std::size_t taken = 0;
    while (taken < limit) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status != ArticleReader::Status::article) continue;
      articles.push_back(article);
      if (taken % 5 == 0) {  // one syndicated copy; every tenth a second one
        for (int copy = 0; copy < (taken % 10 == 0 ? 2 : 1); ++copy) {
          Article again = article;
          again.id += "-copy" + std::to_string(copy);
          again.body += copy == 0 ? "\n\n(dpa/AFP) Alle Rechte vorbehalten."
                                  : "\n\nReporting by wire staff; editing by the desk.";
          articles.push_back(again);
        }
      }
      ++taken;
    }
  };
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  read(corpora / "en_bbc.jsonl.gz", 200);
  read(corpora / "de_10kgnad_test.jsonl.gz", 200);
  return articles;
}

class WindowCollapse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    articles_ = new std::vector<Article>(corpus_with_copies());
    Index index(*dir_ / "db");
    for (const Article& article : *articles_) index.add(article);
    index.commit();
  }
  static void TearDownTestSuite() {
    delete articles_;
    delete dir_;
    articles_ = nullptr;
    dir_ = nullptr;
  }
  static TempDir* dir_;
  static std::vector<Article>* articles_;
  Searcher searcher_{*dir_ / "db"};
};

TempDir* WindowCollapse::dir_ = nullptr;
std::vector<Article>* WindowCollapse::articles_ = nullptr;

// Queries: the first two title words of every 15th article (real words of
// real stories, many of which have copies), and a few broad ones.
std::vector<std::string> queries(const std::vector<Article>& articles) {
  std::vector<std::string> out = {"government", "Regierung", "market prices",  "film",
                                  "Fußball",    "Euro",      "company profits"};
  for (std::size_t i = 0; i < articles.size(); i += 15) {
    const std::string& title = articles[i].title;
    std::size_t space = title.find(' ');
    if (space != std::string::npos) space = title.find(' ', space + 1);
    std::string words = title.substr(0, space);
    for (char& c : words) {
      if (c == '"' || c == ':' || c == '(' || c == ')' || c == '-') c = ' ';
    }
    out.push_back(words);
  }
  return out;
}

// The pages of every query, collapsed from the window, against Xapian's
// collapsed pass. `query_lang`: the preferred language ("" = detected; set,
// every query takes the language rerank of a mixed index).
void expect_pages_equal_xapians(Searcher& searcher_, const std::vector<Article>& articles,
                                const std::string& query_lang) {
  std::size_t queries_with_copies = 0;
  for (const std::string& query : queries(articles)) {
    // Reference: a page past the window limit (201 hits) collapses in Xapian.
    SearchRequest reference;
    reference.query_lang = query_lang;
    reference.query = query;
    reference.page_size = 201;
    reference.snippet_length = 0;
    const SearchResults expected = searcher_.search(reference);
    std::vector<const Hit*> paged;
    std::set<std::string> seen;
    bool any_copies = false;
    for (std::uint32_t page = 0; page < 3; ++page) {
      SearchRequest request;
      request.query_lang = query_lang;
      request.query = query;
      request.page_size = 10;
      request.page = page + 1;
      request.snippet_length = 0;
      const SearchResults results = searcher_.search(request);
      for (std::size_t i = 0; i < results.hits.size(); ++i) {
        const std::size_t rank = page * 10 + i;
        ASSERT_LT(rank, expected.hits.size()) << query;
        const Hit& want = expected.hits[rank];
        const Hit& got = results.hits[i];
        EXPECT_EQ(got.id, want.id) << query << " rank " << rank + 1;
        EXPECT_EQ(got.copies, want.copies) << query << " " << got.id;
        EXPECT_EQ(got.rank, rank + 1) << query;
        EXPECT_TRUE(seen.insert(got.id).second) << query << " repeats " << got.id;
        any_copies = any_copies || got.copies > 1;
      }
      // No gaps: a short page only at the end of the collapsed list.
      if (results.hits.size() < 10) {
        EXPECT_EQ(page * 10 + results.hits.size(), std::min<std::size_t>(expected.hits.size(), 201))
            << query;
        break;
      }
      // The totals bound the exact collapsed count (facets make it exact).
      SearchRequest counted = request;
      counted.facets = {"lang"};
      counted.facet_check_at_least = 0;
      const std::uint64_t exact = searcher_.search(counted).total.lower;
      EXPECT_LE(results.total.lower, exact) << query;
      EXPECT_GE(results.total.upper, exact) << query;
      EXPECT_LE(results.total.lower, results.total.estimated) << query;
      EXPECT_LE(results.total.estimated, results.total.upper) << query;
    }
    if (any_copies) ++queries_with_copies;
  }
  // The corpus must exercise collapsing, not only lone articles.
  EXPECT_GE(queries_with_copies, 10u) << query_lang;
}

TEST_F(WindowCollapse, PagesEqualXapiansCollapsedPass) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  expect_pages_equal_xapians(searcher_, *articles_, "");
}

// Copies are the matching members of each hit's cluster, however deep the
// pass that found the hit went: over the whole collapsed list they sum to
// the uncollapsed match count, and page 1 (shallow window, no facets), page
// 1 with facets (the match set) and the whole list (Xapian's collapsed pass)
// agree hit by hit. The extra queries pair a word of many stories with a
// word of the copies' agency lines, so that a story's copies rank far apart
// (the copy holding both words high, its original below many other copies):
// members outside any window.
TEST_F(WindowCollapse, CopiesAreTheMatchingMembersOfTheCluster) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  std::vector<std::string> all_queries = queries(*articles_);
  for (const char* query : {"Regierung vorbehalten", "government Reporting", "Euro vorbehalten",
                            "film Reporting", "market desk"}) {
    all_queries.emplace_back(query);
  }
  std::size_t summed = 0;
  std::size_t beyond_first_window = 0;  // copies whose members rank 40+ apart
  for (const std::string& query : all_queries) {
    SearchRequest uncollapsed;
    uncollapsed.query = query;
    uncollapsed.collapse_duplicates = false;
    uncollapsed.page_size = 200;
    uncollapsed.snippet_length = 0;
    uncollapsed.facets = {"lang"};
    const SearchResults every = searcher_.search(uncollapsed);
    ASSERT_EQ(every.total.lower, every.total.upper) << query;
    if (every.total.lower > 200) continue;  // the whole list must fit one page
    std::map<std::string, std::uint32_t> uncollapsed_rank;
    for (const Hit& hit : every.hits) uncollapsed_rank[hit.id] = hit.rank;

    SearchRequest whole;
    whole.query = query;
    whole.page_size = 201;  // beyond the window limit: Xapian's collapsed pass
    whole.snippet_length = 0;
    const SearchResults list = searcher_.search(whole);
    const std::uint64_t sum =
        std::accumulate(list.hits.begin(), list.hits.end(), std::uint64_t{0},
                        [](std::uint64_t total, const Hit& hit) { return total + hit.copies; });
    EXPECT_EQ(sum, every.total.lower) << query;
    ++summed;
    std::map<std::string, std::uint32_t> copies;
    for (const Hit& hit : list.hits) copies[hit.id] = hit.copies;

    for (const bool with_facets : {false, true}) {
      SearchRequest page;
      page.query = query;
      page.page_size = 10;
      page.snippet_length = 0;
      if (with_facets) page.facets = {"lang"};
      for (const Hit& hit : searcher_.search(page).hits) {
        ASSERT_EQ(copies.count(hit.id), 1u) << query << " " << hit.id;
        EXPECT_EQ(hit.copies, copies[hit.id])
            << query << " " << hit.id << " facets " << with_facets;
      }
    }
    // Members ranked far below their hit: the old "members seen in the
    // window" could not have counted them.
    for (const Hit& hit : list.hits) {
      if (hit.copies < 2 || hit.rank > 10) continue;
      const std::string base = hit.id.substr(0, hit.id.find("-copy"));
      for (const Hit& other : every.hits) {
        if (other.id != hit.id && other.id.substr(0, other.id.find("-copy")) == base &&
            other.rank > uncollapsed_rank[hit.id] + 40) {
          ++beyond_first_window;
        }
      }
    }
  }
  EXPECT_GE(summed, 20u);
  EXPECT_GE(beyond_first_window, 1u);
}

// A mixed-language index with a preferred query language: the window is the
// language rerank's re-ordered top, collapsed by the boosted order.
TEST_F(WindowCollapse, RerankedPagesEqualXapiansCollapsedPass) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  expect_pages_equal_xapians(searcher_, *articles_, "en");
  expect_pages_equal_xapians(searcher_, *articles_, "de");
}

// A rerank window that comes back holding every match (fewer than asked)
// is the whole match set: the page shows its exact collapsed count, as a
// single-language index does, and runs no collapsed pass after it. The
// deep window asks at least 2K + 20 + kRerankWindowSlack = 60 matches for
// K = 10, so every query with fewer than 60 uncollapsed matches qualifies.
// (The rerank used to keep only the window's first 2K + 20 = 40 entries:
// 41-59 matches then ran Xapian's collapsed pass, whose totals estimate.)
TEST_F(WindowCollapse, CompleteRerankWindowCountsExactly) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  std::size_t beyond_keep = 0;  // more matches than the deep window keeps (40)
  for (const char* query_lang : {"en", "de"}) {
    for (const std::string& query : queries(*articles_)) {
      SearchRequest request;
      request.query_lang = query_lang;
      request.query = query;
      request.page_size = 10;
      request.snippet_length = 0;
      SearchRequest uncollapsed = request;
      uncollapsed.collapse_duplicates = false;
      uncollapsed.facets = {"lang"};
      const std::uint64_t matches = searcher_.search(uncollapsed).total.lower;
      if (matches >= 60) continue;
      SearchRequest counted = request;
      counted.facets = {"lang"};
      const SearchResults exact = searcher_.search(counted);
      const SearchResults results = searcher_.search(request);
      EXPECT_EQ(results.total.lower, exact.total.lower) << query_lang << " " << query;
      EXPECT_EQ(results.total.estimated, exact.total.lower) << query_lang << " " << query;
      EXPECT_EQ(results.total.upper, exact.total.lower) << query_lang << " " << query;
      ASSERT_EQ(results.hits.size(), exact.hits.size()) << query;
      for (std::size_t i = 0; i < results.hits.size(); ++i) {
        EXPECT_EQ(results.hits[i].id, exact.hits[i].id) << query << " rank " << i + 1;
      }
      if (matches > 40) ++beyond_keep;
    }
  }
  EXPECT_GE(beyond_keep, 1u);
}

// A query Xapian counts exactly (one term: a common word whose exact form
// is merged into its stem, query/query_builder.hpp) with more matches than
// the window: the exact collapsed count comes from the match set and the
// collapse-key column (Searcher::Impl::exact_collapsed_count), equal to the
// facets' count, and the page to Xapian's collapsed pass (a 201-hit page).
TEST_F(WindowCollapse, ExactCountOfAOneTermQueryFromTheMatchSet) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  std::size_t exact_beyond_window = 0;
  std::size_t collapsed_some = 0;
  for (const char* query : {"the", "und", "der", "die", "in", "of", "and", "a", "is", "nicht",
                            "wenn", "said", "mit", "auch", "was"}) {
    SearchRequest request;
    request.query = query;
    request.page_size = 10;
    request.snippet_length = 0;
    const SearchResults results = searcher_.search(request);
    if (results.total.lower != results.total.upper || results.total.upper <= 40) continue;
    ++exact_beyond_window;
    SearchRequest counted = request;
    counted.facets = {"lang"};
    EXPECT_EQ(results.total.lower, searcher_.search(counted).total.lower) << query;
    SearchRequest uncollapsed = counted;
    uncollapsed.collapse_duplicates = false;
    if (searcher_.search(uncollapsed).total.lower > results.total.lower) ++collapsed_some;
    SearchRequest reference = request;
    reference.page_size = 201;
    const SearchResults expected = searcher_.search(reference);
    ASSERT_GE(expected.hits.size(), results.hits.size()) << query;
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      EXPECT_EQ(results.hits[i].id, expected.hits[i].id) << query << " rank " << i + 1;
      EXPECT_EQ(results.hits[i].copies, expected.hits[i].copies) << query << " rank " << i + 1;
    }
  }
  EXPECT_GE(exact_beyond_window, 3u);  // the path was taken
  EXPECT_GE(collapsed_some, 3u);       // and counted copies out
}

// The language rerank's shallow window (search/language_rerank.hpp, "Shallow
// window first") gives the boosted query's page: the same articles with
// the same scores as the boosted ranked pass, which relevance_recency with
// no recency weight runs (it takes no rerank). Uncollapsed, so that the
// rerank keeps K = 10 (a shallow window of 15, a deep one of 30). Ties may
// order differently (Xapian's pruning passes over tied candidates), so ids
// are compared where a score is the page's only one of its value.
TEST_F(WindowCollapse, ShallowRerankWindowGivesTheBoostedPage) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  std::size_t beyond_deep = 0;  // queries with more matches than the deep window
  for (const char* query_lang : {"en", "de"}) {
    for (const std::string& query : queries(*articles_)) {
      SearchRequest request;
      request.query_lang = query_lang;
      request.query = query;
      request.collapse_duplicates = false;
      request.snippet_length = 0;
      SearchRequest boosted = request;
      boosted.sort = SortOrder::relevance_recency;
      boosted.recency_weight = 0;
      const SearchResults got = searcher_.search(request);
      const SearchResults want = searcher_.search(boosted);
      ASSERT_EQ(got.hits.size(), want.hits.size()) << query;
      for (std::size_t i = 0; i < got.hits.size(); ++i) {
        EXPECT_NEAR(got.hits[i].score, want.hits[i].score, 1e-9) << query << " rank " << i + 1;
        const auto same_score = [&](std::size_t j) {
          return j < got.hits.size() && std::abs(got.hits[j].score - got.hits[i].score) < 1e-9;
        };
        if (!same_score(i + 1) && (i == 0 || !same_score(i - 1))) {
          EXPECT_EQ(got.hits[i].id, want.hits[i].id) << query << " rank " << i + 1;
        }
      }
      if (got.total.lower >= 30) ++beyond_deep;
    }
  }
  EXPECT_GE(beyond_deep, 10u);  // the shallow window is tried (and holds) on many
}

// search::cluster_copies with the uncollapsed window at hand: counting the
// window's members (when it holds every article of each page cluster) gives
// the copies the filtered match gives, for windows deep enough to hold the
// clusters and too shallow to (then the match runs).
TEST_F(WindowCollapse, CopiesFromAWindowHoldingTheClustersEqualTheMatchs) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  const Xapian::Database db((*dir_ / "db").string());
  const std::optional<search::FacetColumn> column =
      search::FacetColumn::load(db, schema::kClusterSlot, false, false);
  ASSERT_TRUE(column.has_value());
  std::size_t shared_pages = 0;
  for (const std::string& text : queries(*articles_)) {
    // The words of the text as one OR of their exact forms.
    std::vector<Xapian::Query> words;
    std::string word;
    for (const char c : text + " ") {
      if (c != ' ') {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!word.empty()) {
        words.emplace_back(word);
        word.clear();
      }
    }
    if (words.empty()) continue;
    const Xapian::Query query(Xapian::Query::OP_OR, words.begin(), words.end());
    Xapian::Enquire collapsed(db);
    collapsed.set_query(query);
    collapsed.set_collapse_key(schema::kClusterSlot);
    const std::vector<search::RankedMatch> page = search::ranked_as_is(collapsed.get_mset(0, 10));
    bool shared = false;
    for (const search::RankedMatch& hit : page) shared = shared || column->shared(*hit.match);
    if (!shared) continue;
    ++shared_pages;
    const std::vector<std::uint32_t> matched =
        search::cluster_copies(db, query, page, &*column, nullptr);
    for (const Xapian::doccount depth : {3u, 15u, 60u, 1000u}) {
      Xapian::Enquire uncollapsed(db);
      uncollapsed.set_query(query);
      const Xapian::MSet window = uncollapsed.get_mset(0, depth);
      EXPECT_EQ(search::cluster_copies(db, query, page, &*column, nullptr, nullptr, &window),
                matched)
          << text << " depth " << depth;
    }
  }
  EXPECT_GE(shared_pages, 10u);
}

// A Searcher's first search of a revision lets Xapian collapse instead of
// loading the collapse-key column (what a one-shot `archivar search` or a
// C API caller opening the index per request pays): the column is not
// loaded then, and the page (hits, their copies) equals the one the same
// Searcher's second search gives from the column; both totals bound the
// exact collapsed count. With and without a preferred language (the rerank
// of a mixed index), and for descriptive queries (a feedback window).
TEST_F(WindowCollapse, FirstSearchCollapsesWithoutTheColumn) {
  if (articles_->empty()) GTEST_SKIP() << "shared corpora not available";
  const Xapian::Database db((*dir_ / "db").string());
  std::vector<std::string> texts = queries(*articles_);
  texts.push_back("Regierung plant neue Steuern für Unternehmen und Banken");  // descriptive
  texts.push_back("film stars and music awards at the festival");
  std::size_t with_copies = 0;
  for (const char* query_lang : {"", "en"}) {
    for (const std::string& text : texts) {
      SearchRequest request;
      request.query_lang = query_lang;
      request.query = text;
      request.page_size = 10;
      request.snippet_length = 0;
      Searcher fresh(*dir_ / "db");
      const SearchResults first = fresh.search(request);
      search::FacetColumns probe;
      EXPECT_FALSE(probe.loaded(db, schema::kClusterSlot, false, false)) << text;
      const SearchResults second = fresh.search(request);
      EXPECT_TRUE(probe.loaded(db, schema::kClusterSlot, false, false)) << text;
      ASSERT_EQ(first.hits.size(), second.hits.size()) << query_lang << " " << text;
      for (std::size_t i = 0; i < first.hits.size(); ++i) {
        EXPECT_EQ(first.hits[i].id, second.hits[i].id) << query_lang << " " << text << " " << i;
        EXPECT_EQ(first.hits[i].copies, second.hits[i].copies) << text << " " << first.hits[i].id;
        with_copies += first.hits[i].copies > 1 ? 1 : 0;
      }
      SearchRequest counted = request;
      counted.facets = {"lang"};
      const std::uint64_t exact = fresh.search(counted).total.lower;
      for (const SearchResults* results : {&first, &second}) {
        EXPECT_LE(results->total.lower, exact) << text;
        EXPECT_GE(results->total.upper, exact) << text;
      }
    }
  }
  EXPECT_GE(with_copies, 20u);  // collapsing had copies to count
}

}  // namespace
}  // namespace archivar
