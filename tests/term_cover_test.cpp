// search::TermCover pins the document builder's rule the match set relies
// on: every article holding an unstemmed word term holds one of the word's
// stems that TermCover names. Checked term by term on real German and
// English articles (the fixtures' news, corpus articles), with an article in
// a language Snowball has no stemmer for; then the match set of real
// queries, with covered terms skipped, equals Xapian's own match.
#include "search/term_cover.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/analysis_options.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/article.hpp"
#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"
#include "corpus_query_fixture.hpp"
#include "index/schema.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"
#include "search/match_set.hpp"
#include "temp_dir.hpp"
#include "xapian_matches.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;
using testing_support::xapian_matches;

std::vector<Article> real_articles() {
  std::vector<Article> articles;
  const auto read = [&](const std::filesystem::path& path, std::size_t limit) {
    ArticleReader reader(path);
    Article article;
    Rejection rejection;
    std::size_t taken = 0;
    while (taken < limit) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status == ArticleReader::Status::article) {
        articles.push_back(article);
        ++taken;
      }
    }
  };
  read(std::filesystem::path(ARCHIVAR_FIXTURES) / "cli/news.jsonl", 1000);
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  read(corpora / "en_reuters21578.jsonl.gz", 150);
  read(corpora / "de_10kgnad_test.jsonl.gz", 150);
  return articles;
}

class TermCoverOnRealText : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::vector<Article> articles = real_articles();
    ASSERT_GE(articles.size(), 300u);
    // Latin: no Snowball stemmer, so its words index Z<word> itself.
    Article latin;
    latin.id = "latin-1";
    latin.title = "De bello Gallico";
    latin.body = "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae.";
    latin.lang = "la";
    articles.push_back(latin);
    Index index(*dir_ / "db");
    for (const Article& article : articles) (void)index.add(article);
    index.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    db_ = Xapian::Database((*dir_ / "db").string());
    analyzer_ = std::make_unique<analysis::TextAnalyzer>(
        analysis::AnalysisOptions::decode(db_.get_metadata(std::string(schema::kAnalysisKey))));
    Xapian::doccount with_language = 0;
    languages_ = testing_support::index_languages(db_, &with_language);
    every_article_has_language_ = with_language == db_.get_doccount();
  }

  static TempDir* dir_;
  Xapian::Database db_;
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
  std::vector<std::string> languages_;
  bool every_article_has_language_ = false;
};

TempDir* TermCoverOnRealText::dir_ = nullptr;

TEST_F(TermCoverOnRealText, EveryArticleWithAWordHoldsOneOfItsCoveringStems) {
  ASSERT_TRUE(std::find(languages_.begin(), languages_.end(), "la") != languages_.end());
  ASSERT_TRUE(std::find(languages_.begin(), languages_.end(), "de") != languages_.end());
  ASSERT_TRUE(std::find(languages_.begin(), languages_.end(), "en") != languages_.end());
  const TermCover cover(*analyzer_, languages_, every_article_has_language_);
  std::size_t words = 0;
  std::size_t by_stem_only = 0;  // held words whose article lacks Z + the word itself
  std::size_t title_words = 0;   // S<word> terms
  for (Xapian::docid docid = 1; docid <= db_.get_lastdocid(); ++docid) {
    std::set<std::string> terms;
    for (auto it = db_.termlist_begin(docid); it != db_.termlist_end(docid); ++it) {
      terms.insert(*it);
    }
    for (const std::string& term : terms) {
      const std::vector<std::string> covering = cover(term);
      if (term.starts_with(schema::kTitle) && term.size() > schema::kTitle.size() &&
          !(term[1] >= 'A' && term[1] <= 'Z')) {
        // A title word: the article holds the word itself, so its cover.
        const std::string word = term.substr(schema::kTitle.size());
        EXPECT_EQ(terms.count(word), 1u) << "article " << docid << " holds '" << term << "'";
        EXPECT_EQ(covering, cover(word)) << term;
        ++title_words;
        continue;
      }
      if (term.front() >= 'A' && term.front() <= 'Z') {
        EXPECT_TRUE(covering.empty()) << term;  // prefixed terms have no rule
        continue;
      }
      ++words;
      ASSERT_FALSE(covering.empty()) << term;
      const bool held = std::any_of(covering.begin(), covering.end(),
                                    [&](const std::string& stem) { return terms.count(stem) > 0; });
      EXPECT_TRUE(held) << "article " << docid << " holds '" << term << "' but none of its stems";
      if (terms.count(std::string(schema::kStem) + term) == 0) ++by_stem_only;
      for (const std::string& stem : covering) EXPECT_TRUE(cover(stem).empty()) << stem;
    }
  }
  EXPECT_GT(words, 20000u);
  EXPECT_GT(by_stem_only, 1000u);  // the rule is not just "Z + the word"
  EXPECT_GT(title_words, 1000u);
}

TEST_F(TermCoverOnRealText, MatchSetSkippingCoveredTermsEqualsXapiansMatch) {
  const TermCover cover(*analyzer_, languages_, every_article_has_language_);
  const TermCoverFn cover_fn = cover;
  query::QueryBuilder builder(*analyzer_, languages_);
  builder.set_database(db_);
  std::size_t skippable = 0;  // query words whose exact form the set skips
  for (const char* text :
       {"gold bank", "Bundesbank", "Münze Gold", "Regierung government", "oil prices",
        "Fußball Bundesliga", "Banken Zinsen", "shares rose", "Kinder Schule", "Gallia partes",
        "Wirtschaftsminister", "company profits -oil", "\"Gold\"", "prices AND oil", "title:Münze",
        "Unternehmen OR company"}) {
    const Xapian::Query query = builder.build(query::parse_query(text), false);
    const auto ours = match_set(db_, query, &cover_fn);
    ASSERT_TRUE(ours.has_value()) << text;
    const std::vector<Xapian::docid> expected = xapian_matches(db_, query);
    EXPECT_FALSE(expected.empty()) << text;
    EXPECT_EQ(*ours, expected) << text << ": " << query.get_description();
    EXPECT_EQ(*ours, *match_set(db_, query)) << text;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
      if (!cover(*it).empty()) ++skippable;
    }
  }
  EXPECT_GT(skippable, 10u);
}

}  // namespace
}  // namespace archivar::search
