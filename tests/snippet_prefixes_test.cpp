// `prefix*` words in snippets: the words a wildcard prefix begins are
// marked (QueryBuilder::wildcard_prefixes, SnippetBuilder's prefixes), in
// short and long texts and in titles; words holding it elsewhere are not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archivar/searcher.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"
#include "search/snippet_builder.hpp"
#include "small_index.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using search::QueryTerms;
using search::SnippetBuilder;
using search::SnippetOptions;

TEST(WildcardPrefixes, ArePrefixWordsInQueryOrder) {
  analysis::TextAnalyzer analyzer;
  query::QueryBuilder builder(analyzer, {"de", "en"});
  const Xapian::Query query =
      builder.build(query::parse_query("Bundesb* Haushalt OR Infl* \"Bundesb*\""), false);
  EXPECT_FALSE(query.empty());
  EXPECT_EQ(builder.wildcard_prefixes(), (std::vector<std::string>{"bundesb", "infl"}));
  (void)builder.build(query::parse_query("Haushalt"), false);
  EXPECT_TRUE(builder.wildcard_prefixes().empty());
}

class SnippetPrefixes : public ::testing::Test {
 protected:
  std::string build(std::string_view text, const std::vector<std::string>& prefixes,
                    std::size_t length, bool whole = false) {
    const QueryTerms terms(prefixes.begin(), prefixes.end());
    SnippetOptions options;
    options.length = length;
    options.analyze_whole_text = whole;
    return builder_.build(text, "de", terms, options, nullptr, nullptr, &prefixes);
  }
  analysis::TextAnalyzer analyzer_;
  SnippetBuilder builder_{analyzer_};
};

TEST_F(SnippetPrefixes, WordsTheyBeginAreMarked) {
  EXPECT_EQ(build("Die Bundesbank und die Bundesbahn, nicht die Landesbank.", {"bundesb"}, 200),
            "Die «Bundesbank» und die «Bundesbahn», nicht die Landesbank.");
  // Inside a word is not at its start; capitals and diacritics fold as the
  // index's exact forms do.
  EXPECT_EQ(build("Landesbundesbank. BUNDESBANK. Bundesbürger.", {"bundesb"}, 200),
            "Landesbundesbank. «BUNDESBANK». «Bundesbürger».");
  EXPECT_EQ(build("Die Inflation steigt, die Zinsen auch.", {"infl", "zins"}, 200),
            "Die «Inflation» steigt, die «Zinsen» auch.");
  // Without the prefixes the same terms match only whole words.
  const std::vector<std::string> prefix{"bundesb"};
  const QueryTerms terms(prefix.begin(), prefix.end());
  EXPECT_EQ(builder_.build("Die Bundesbank.", "de", terms, SnippetOptions()), "Die Bundesbank.");
}

// A long text: the passage scan finds the prefix, the snippet is its passage.
TEST_F(SnippetPrefixes, ThePrefixChoosesThePassage) {
  std::string text;
  for (int i = 0; i < 15; ++i)
    text += "Die Landwirte ernten in diesem Sommer mehr Weizen als sonst. ";
  text += "Am Abend senkte die Bundesbank überraschend den Leitzins. ";
  for (int i = 0; i < 10; ++i) text += "Der Regen bleibt aus, die Felder sind trocken. ";
  for (const bool whole : {false, true}) {
    const std::string snippet = build(text, {"bundesb"}, 80, whole);
    EXPECT_NE(snippet.find("die «Bundesbank» überraschend"), std::string::npos) << snippet;
  }
}

TEST(SnippetPrefixesSearch, HitsAndTitlesMarkThePrefixWords) {
  testing_support::TempDir dir;
  testing_support::write_small_index(
      dir / "db",
      {
          {"a", "Die Bundesbank warnt vor Inflation. Die Landesbank schweigt.", "Bundesbank warnt"},
          {"b", "Die Bundesbahn fährt pünktlich.", "Bahn"},
      });
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.snippet_length = 200;
  request.query = "Bundesb*";
  const SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 2U);
  for (const Hit& hit : results.hits) {
    if (hit.id == "a") {
      EXPECT_EQ(hit.snippet, "Die «Bundesbank» warnt vor Inflation. Die Landesbank schweigt.");
      EXPECT_EQ(hit.title_highlighted, "«Bundesbank» warnt");
    } else {
      EXPECT_EQ(hit.snippet, "Die «Bundesbahn» fährt pünktlich.");
      EXPECT_EQ(hit.title_highlighted, "Bahn");
    }
  }
  EXPECT_EQ(results.did_you_mean, "");
}

}  // namespace
}  // namespace archivar
