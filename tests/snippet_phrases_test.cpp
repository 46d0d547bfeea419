// Quoted phrases in snippets (search/query_phrases.hpp and SnippetBuilder's
// phrases): a phrase's words are marked, and choose the passage, only
// where the whole phrase stands, as the index matched it; words the query
// also has on their own are marked everywhere.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "archivar/searcher.hpp"
#include "search/query_phrases.hpp"
#include "search/snippet_builder.hpp"
#include "small_index.hpp"
#include "temp_dir.hpp"

namespace archivar {
namespace {

using search::QueryPhrases;
using search::QueryTerms;
using search::SnippetBuilder;
using search::SnippetOptions;

Xapian::Query phrase(const std::vector<std::string>& words) {
  std::vector<Xapian::Query> terms;
  for (const std::string& word : words) terms.emplace_back(word);
  return {Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
          static_cast<Xapian::termcount>(terms.size())};
}

TEST(QueryPhrases, FoundAnywhereInTheTree) {
  const Xapian::Query query(
      Xapian::Query::OP_AND_MAYBE,
      Xapian::Query(Xapian::Query::OP_OR, phrase({"deutsche", "bank"}), Xapian::Query("telekom")),
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("Ztelekom"), 2.0));
  const QueryPhrases found = search::phrases_of(query);
  ASSERT_EQ(found.phrases.size(), 1U);
  EXPECT_EQ(found.phrases.front(), (std::vector<search::PhrasePosition>{{"deutsche"}, {"bank"}}));
  EXPECT_EQ(found.phrase_only, (QueryTerms{"bank", "deutsche"}));
  EXPECT_EQ(found.in_phrases, (QueryTerms{"bank", "deutsche"}));
}

// A position may accept several spellings (QueryBuilder::phrase_word).
TEST(QueryPhrases, SpellingsAtAPosition) {
  const Xapian::Query schroeder(Xapian::Query::OP_OR, Xapian::Query("schröder"),
                                Xapian::Query("schroeder"));
  const std::vector<Xapian::Query> words{Xapian::Query("gerhard"), schroeder};
  const QueryPhrases found =
      search::phrases_of(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2));
  ASSERT_EQ(found.phrases.size(), 1U);
  EXPECT_EQ(found.phrases.front(),
            (std::vector<search::PhrasePosition>{{"gerhard"}, {"schröder", "schroeder"}}));
  EXPECT_EQ(found.phrase_only, (QueryTerms{"gerhard", "schroeder", "schröder"}));
}

TEST(QueryPhrases, AWordAlsoSearchedAloneIsNotPhraseOnly) {
  const QueryPhrases found = search::phrases_of(
      Xapian::Query(Xapian::Query::OP_OR, phrase({"deutsche", "bank"}), Xapian::Query("bank")));
  EXPECT_EQ(found.phrase_only, (QueryTerms{"deutsche"}));
  // Every word of the phrase also alone: nothing to restrict.
  const QueryPhrases all = search::phrases_of(Xapian::Query(
      Xapian::Query::OP_OR, phrase({"deutsche", "bank"}),
      Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("deutsche"), Xapian::Query("bank"))));
  EXPECT_TRUE(all.empty());
  EXPECT_TRUE(all.phrase_only.empty());
}

// title:"deutsche bank" (S terms): the words' exact forms.
TEST(QueryPhrases, TitlePhrasesAreTheirWords) {
  const QueryPhrases found = search::phrases_of(phrase({"Sdeutsche", "Sbank"}));
  ASSERT_EQ(found.phrases.size(), 1U);
  EXPECT_EQ(found.phrases.front(), (std::vector<search::PhrasePosition>{{"deutsche"}, {"bank"}}));
  EXPECT_EQ(found.phrase_only, (QueryTerms{"bank", "deutsche"}));
  // Not a title phrase, not a phrase of exact forms: none.
  EXPECT_TRUE(search::phrases_of(phrase({"Sdeutsche", "bank"})).empty());
  EXPECT_TRUE(search::phrases_of(phrase({"Zdeutsch", "Zbank"})).empty());
}

TEST(QueryPhrases, PlainQueriesHaveNone) {
  EXPECT_TRUE(search::phrases_of(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("deutsche"),
                                               Xapian::Query("bank")))
                  .empty());
  EXPECT_TRUE(search::phrases_of(Xapian::Query()).empty());
}

class SnippetPhrases : public ::testing::Test {
 protected:
  std::string build(std::string_view text, std::string_view query_text, std::size_t length,
                    bool whole = false) {
    const Xapian::Query query = query_of(query_text);
    QueryTerms terms;
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) terms.insert(*it);
    const QueryPhrases phrases = search::phrases_of(query);
    SnippetOptions options;
    options.length = length;
    options.analyze_whole_text = whole;
    return builder_.build(text, "de", terms, options, nullptr, &phrases);
  }
  // `"a b" c`: the phrase a b (exact terms, as QueryBuilder's) OR c.
  static Xapian::Query query_of(std::string_view text) {
    const std::size_t open = text.find('"');
    const std::size_t close = text.find('"', open + 1);
    std::vector<std::string> words;
    std::string word;
    for (const char c : text.substr(open + 1, close - open - 1)) {
      if (c == ' ') {
        words.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    words.push_back(word);
    Xapian::Query query = phrase(words);
    const std::string rest(text.substr(close + 1));
    if (rest.size() > 1)
      query = Xapian::Query(Xapian::Query::OP_OR, query, Xapian::Query(rest.substr(1)));
    return query;
  }
  analysis::TextAnalyzer analyzer_;
  SnippetBuilder builder_{analyzer_};
};

constexpr const char* kBank =
    "Die Deutsche Bank meldet Gewinne. Eine Bank für Unternehmen, sagt die Deutsche Telekom.";

TEST_F(SnippetPhrases, OnlyThePhraseIsMarked) {
  const std::string text = kBank;
  EXPECT_EQ(build(text, "\"deutsche bank\"", 200),
            "Die «Deutsche» «Bank» meldet Gewinne. Eine Bank für Unternehmen, sagt die Deutsche "
            "Telekom.");
  // Punctuation between the words keeps them neighbours; a word between
  // them does not.
  EXPECT_EQ(build("Der Deutsche-Bank-Chef schweigt.", "\"deutsche bank\"", 200),
            "Der «Deutsche»-«Bank»-Chef schweigt.");
  EXPECT_EQ(build("Die Deutsche und die Bank schweigen.", "\"deutsche bank\"", 200),
            "Die Deutsche und die Bank schweigen.");
  // Reversed order is no phrase either.
  EXPECT_EQ(build("Bank Deutsche", "\"deutsche bank\"", 200), "Bank Deutsche");
}

TEST_F(SnippetPhrases, WordsAlsoSearchedAloneAreMarkedEverywhere) {
  const std::string text = kBank;
  EXPECT_EQ(build(text, "\"deutsche bank\" telekom", 200),
            "Die «Deutsche» «Bank» meldet Gewinne. Eine Bank für Unternehmen, sagt die Deutsche "
            "«Telekom».");
  EXPECT_EQ(build(text, "\"deutsche bank\" bank", 200),
            "Die «Deutsche» «Bank» meldet Gewinne. Eine «Bank» für Unternehmen, sagt die "
            "Deutsche Telekom.");
}

// The passage is the phrase's, not the one with more of its words apart:
// whole-text analysis and the long-text regions alike.
TEST_F(SnippetPhrases, ThePhraseChoosesThePassage) {
  std::string text =
      "Eine Bank in Köln und eine Bank in Bonn melden Zahlen, sagt der Deutsche Sparkassenverband "
      "und auch der Deutsche Bauernverband.";
  for (int i = 0; i < 12; ++i)
    text += " Die Landwirte ernten in diesem Sommer mehr Weizen als sonst.";
  text += " Am Abend teilte die Deutsche Bank mit, dass sie ihre Filialen schließt.";
  for (int i = 0; i < 6; ++i) text += " Der Regen bleibt aus, die Felder sind trocken.";
  for (const bool whole : {false, true}) {
    const std::string snippet = build(text, "\"deutsche bank\"", 80, whole);
    EXPECT_NE(snippet.find("die «Deutsche» «Bank» mit"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("Köln"), std::string::npos) << snippet;
  }
}

// A quoted name finds and marks every spelling of its words the index
// holds ("Schröder", "Schroeder"), still only as a phrase.
TEST(SnippetPhrasesSearch, QuotedNamesFindEverySpelling) {
  testing_support::TempDir dir;
  testing_support::write_small_index(
      dir / "db", {
                      {"umlaut", "Altkanzler Gerhard Schröder spricht in Hannover."},
                      {"umschrieben", "Altkanzler Gerhard Schroeder spricht in Hannover."},
                      {"getrennt", "Schröder lobt Gerhard, der in Hannover spricht."},
                  });
  Searcher searcher(dir / "db");
  for (const std::string query : {"\"Gerhard Schröder\"", "\"Gerhard Schroeder\""}) {
    SearchRequest request;
    request.query = query;
    request.snippet_length = 200;
    std::map<std::string, std::string> snippets;
    for (const Hit& hit : searcher.search(request).hits) snippets[hit.id] = hit.snippet;
    EXPECT_EQ(snippets,
              (std::map<std::string, std::string>{
                  {"umlaut", "Altkanzler «Gerhard» «Schröder» spricht in Hannover."},
                  {"umschrieben", "Altkanzler «Gerhard» «Schroeder» spricht in Hannover."},
              }))
        << query;
  }
  // NEAR reads the same spellings (positions of exact forms, as phrases).
  for (const std::string query : {"Schroeder NEAR Hannover", "Schröder NEAR Hannover"}) {
    EXPECT_EQ(testing_support::sorted_hit_ids(searcher, query),
              (std::vector<std::string>{"getrennt", "umlaut", "umschrieben"}))
        << query;
  }
}

// Windows holding the words apart, more of them than the builder analyzes
// (three regions), before the only phrase: the locator's phrase needle
// ranks the phrase's region first.
TEST_F(SnippetPhrases, ThePhraseOutranksItsWordsApart) {
  std::string text;
  for (int i = 0; i < 5; ++i) {
    text += "Die Bank im Dorf und die Deutsche Post teilen sich ein Haus. ";
    for (int j = 0; j < 6; ++j) text += "Die Felder sind trocken und der Regen bleibt aus. ";
  }
  text += "Am Abend teilte die Deutsche Bank mit, dass sie ihre Filialen schließt. ";
  for (int j = 0; j < 6; ++j) text += "Die Felder sind trocken und der Regen bleibt aus. ";
  const std::string snippet = build(text, "\"deutsche bank\"", 80);
  EXPECT_NE(snippet.find("die «Deutsche» «Bank» mit"), std::string::npos) << snippet;
}

// End to end: a quoted search's snippets and titles mark the phrase only;
// a phrase of function words is marked too, and a title phrase.
TEST(SnippetPhrasesSearch, HitsMarkThePhraseOnly) {
  testing_support::TempDir dir;
  testing_support::write_small_index(
      dir / "db",
      {
          {"bank",
           "Eine Bank für Unternehmen will die Deutsche Bank sein, sagte der Vorstand in der "
           "Nacht zum Montag. Die Deutsche Telekom schwieg.",
           "Eine Bank für Unternehmen"},
          {"other", "In Bonn regnete es in der Nacht. Die Bank am Rhein blieb leer.",
           "Regen in Bonn"},
      });
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.snippet_length = 200;
  request.query = "\"Deutsche Bank\"";
  SearchResults results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1U);
  EXPECT_EQ(results.hits[0].snippet,
            "Eine Bank für Unternehmen will die «Deutsche» «Bank» sein, sagte der Vorstand in der "
            "Nacht zum Montag. Die Deutsche Telekom schwieg.");
  EXPECT_EQ(results.hits[0].title_highlighted, "Eine Bank für Unternehmen");
  request.query = "\"in der Nacht\"";
  results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 2U);
  for (const Hit& hit : results.hits) {
    EXPECT_NE(hit.snippet.find("«in» «der» «Nacht»"), std::string::npos) << hit.snippet;
    EXPECT_EQ(hit.title_highlighted.find("«"), std::string::npos) << hit.title_highlighted;
  }
  // A title phrase: marked in the title, and in the body only as a whole.
  request.query = "title:\"Regen in Bonn\"";
  results = searcher.search(request);
  ASSERT_EQ(results.hits.size(), 1U);
  EXPECT_EQ(results.hits[0].title_highlighted, "«Regen» «in» «Bonn»");
  EXPECT_EQ(results.hits[0].snippet,
            "In Bonn regnete es in der Nacht. Die Bank am Rhein blieb leer.");
}

}  // namespace
}  // namespace archivar
