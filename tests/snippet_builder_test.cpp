// SnippetBuilder on real German and English text: stemmed matches, word
// boundaries, ellipses, whitespace, HTML escaping, UTF-8 safety.
#include "search/snippet_builder.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "index/schema.hpp"
#include "ingest/json_record.hpp"
#include "ingest/line_reader.hpp"
#include "search/passage_locator.hpp"

namespace archivar::search {
namespace {

// The Xapian terms a query word yields: its unstemmed term and its Z-stems
// in German and English (what QueryBuilder produces for an index of both).
QueryTerms terms_for(analysis::TextAnalyzer& analyzer, std::string_view query) {
  QueryTerms terms;
  for (const Token& token : analyzer.analyze(query, "")) {
    terms.insert(token.term);
    for (const char* lang : {"de", "en"}) {
      terms.insert(std::string(schema::kStem) + std::string(analyzer.stem(token.term, lang)));
    }
  }
  return terms;
}

struct Row {
  const char* name;
  std::string text;
  const char* lang;
  const char* query;
  std::size_t length;
  std::string expected;
};

class SnippetRows : public testing::TestWithParam<Row> {};

TEST_P(SnippetRows, Builds) {
  const Row& row = GetParam();
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.length = row.length;
  EXPECT_EQ(builder.build(row.text, row.lang, terms_for(analyzer, row.query), options),
            row.expected);
}

const std::string kGold =
    "Die Deutsche Bundesbank wird ermächtigt, zum Gedenken an die Deutsche Mark im eigenen "
    "Namen im Jahre 2001 eine Münze in Gold über 1 Deutsche Mark herauszugeben.";
const std::string kPanthers =
    "The Panthers defense gave up just 308 points, ranking sixth in the league, while also "
    "leading the NFL in interceptions with 24 and boasting four Pro Bowl selections.";

INSTANTIATE_TEST_SUITE_P(
    RealText, SnippetRows,
    testing::Values(
        Row{"GermanPluralFindsSingularByStem", kGold, "de", "Münzen", 500,
            "Die Deutsche Bundesbank wird ermächtigt, zum Gedenken an die Deutsche Mark im "
            "eigenen Namen im Jahre 2001 eine «Münze» in Gold über 1 Deutsche Mark "
            "herauszugeben."},
        Row{"EnglishStemMarksEveryForm",
            "New houses were built in record numbers as the housing market recovered.", "en",
            "house", 500,
            "New «houses» were built in record numbers as the «housing» market recovered."},
        Row{"CutAroundTheMatchWithEllipses", kGold, "de", "Gold", 40,
            "… eine Münze in «Gold» über 1 Deutsche Mark …"},
        Row{"KeepsTrailingPunctuationAtTheEnd", kGold, "de", "herauszugeben", 30,
            "… 1 Deutsche Mark «herauszugeben»."},
        Row{"StartOfTextHasNoLeadingEllipsis", kPanthers, "en", "Panthers", 30,
            "The «Panthers» defense gave up …"},
        Row{"PrefersThePassageWithMoreDistinctWords",
            "Bowl Bowl Bowl Bowl. Nothing else happened in the first quarter of the game, "
            "then the Panthers reached the Bowl.",
            "en", "Panthers Bowl", 40, "… game, then the «Panthers» reached the «Bowl»."},
        Row{"NoMatchGivesTheLead", kPanthers, "en", "cocoa", 25, "The Panthers defense gave …"},
        Row{"WhitespaceRunsBecomeOneSpace", "Zeile eins\n\n  Zeile\tzwei\n", "de", "zwei", 100,
            "Zeile eins Zeile «zwei»"},
        Row{"NfdUmlautMatchesNfcQueryAndKeepsItsBytes",
            "In der Stadt wurden mehr Ha\xCC\x88user gebaut als je zuvor.", "de", "Häuser", 100,
            "In der Stadt wurden mehr «Ha\xCC\x88user» gebaut als je zuvor."},
        Row{"AWordLongerThanTheLimitStaysWhole",
            "Das Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz wurde 2013 "
            "aufgehoben.",
            "de", "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz", 10,
            "… «Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz» …"},
        Row{"LengthCountsCharactersNotBytes", "Öl für Übersee: Größere Mengen für Ärzte.", "de",
            "Übersee", 14, "Öl für «Übersee»: …"},
        Row{"EmptyText", "", "de", "Münze", 100, ""}),
    [](const testing::TestParamInfo<Row>& row_info) { return std::string(row_info.param.name); });

// Term weights (search/snippet_terms.hpp: inverse document frequencies)
// decide between passages: by count, three frequent words beat one rare
// word; weighted, the rare word's passage wins. Whole texts and the
// long-text region path alike; without weights, counts as before.
TEST(SnippetBuilder, WeightedTermsPickThePassageWithTheRareWord) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  const std::string text =
      "The minister said that many people did not expect the vote to pass so early in the "
      "year. Officials spent the afternoon on procedure and on the order of the debates. "
      "Later reports from the capital described inflation in Zimbabwe reaching a new record "
      "as bread prices doubled within a single week.";
  const QueryTerms terms = terms_for(analyzer, "many people did zimbabwe");
  const QueryTerms rare = terms_for(analyzer, "zimbabwe");
  TermWeights weights;
  for (const std::string& term : terms) weights[term] = rare.contains(term) ? 9000 : 1500;
  for (const bool whole : {false, true}) {
    SnippetOptions options;
    options.length = 60;
    options.analyze_whole_text = whole;
    const std::string counted = builder.build(text, "en", terms, options);
    EXPECT_NE(counted.find("\u00ABpeople\u00BB"), std::string::npos) << counted;
    EXPECT_EQ(counted.find("Zimbabwe"), std::string::npos) << counted;
    const std::string weighted = builder.build(text, "en", terms, options, &weights);
    EXPECT_NE(weighted.find("\u00ABZimbabwe\u00BB"), std::string::npos) << weighted;
    EXPECT_EQ(weighted.find("people"), std::string::npos) << weighted;
  }
}

TEST(SnippetBuilder, HtmlModeEscapesTextButNotMarkers) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.open = "<mark>";
  options.close = "</mark>";
  options.escape_html = true;
  EXPECT_EQ(builder.build("Preis <b>5 €</b> & \"Rabatt\" für Sammler's Münzen", "de",
                          terms_for(analyzer, "Münze"), options),
            "Preis &lt;b&gt;5 €&lt;/b&gt; &amp; &quot;Rabatt&quot; für Sammler&#39;s "
            "<mark>Münzen</mark>");
}

TEST(SnippetBuilder, AdjacentMatchesShareOneMarker) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  EXPECT_EQ(builder.build("Die Deutsche Bundesbank gibt eine Münze heraus.", "de",
                          terms_for(analyzer, "Deutsche Bundesbank"), options),
            "Die «Deutsche» «Bundesbank» gibt eine Münze heraus.");
}

TEST(SnippetBuilder, LengthZeroGivesNothing) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.length = 0;
  EXPECT_EQ(builder.build(kGold, "de", terms_for(analyzer, "Gold"), options), "");
}

// For each length in [from, to): without markers and ellipses, the snippet
// of `text` for `query` is a whitespace-collapsed piece of the text that
// starts and ends at whitespace (or the text's ends).
void expect_pieces_cut_at_spaces(const std::string& text, std::string_view query, std::size_t from,
                                 std::size_t to) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.open.clear();
  options.close.clear();
  options.ellipsis.clear();
  const QueryTerms terms = terms_for(analyzer, query);
  for (std::size_t length = from; length < to; ++length) {
    options.length = length;
    std::string snippet = builder.build(text, "de", terms, options);
    while (!snippet.empty() && snippet.front() == ' ') snippet.erase(0, 1);
    while (!snippet.empty() && snippet.back() == ' ') snippet.pop_back();
    const std::size_t at = text.find(snippet);
    ASSERT_NE(at, std::string::npos) << length << ": " << snippet;
    EXPECT_TRUE(at == 0 || text[at - 1] == ' ') << length << ": " << snippet;
    const std::size_t end = at + snippet.size();
    EXPECT_TRUE(end == text.size() || text[end] == ' ') << length << ": " << snippet;
  }
}

// Without markers and ellipses a snippet is a whitespace-collapsed piece of
// the text, never longer than the limit unless one word is.
TEST(SnippetBuilder, EveryLengthGivesWholeWordsOfTheText) {
  expect_pieces_cut_at_spaces(kGold, "Mark Münze", 1, 200);
}

// Hyphenated compounds and punctuation: the snippet's layout units are the
// whitespace-separated chunks, so no length cuts inside "Bund-Länder-" or
// after an opening quote (lengths of at least twice the longest chunk: from
// 80 on, the longest chunk, 39 code points, is below the length beyond
// which ICU's words are the units, half the length and at most 64).
TEST(SnippetBuilder, EveryLengthCutsAtSpacesInHyphenatedText) {
  expect_pieces_cut_at_spaces(
      "Die Bund-Länder-Kommission beriet am Montag über die Direktzahlungen-"
      "Durchführungsverordnung („DirektZahlDurchfV“) und die Win-Win-Situation der "
      "Landwirte (siehe § 16 Absatz 2 Satz 2).",
      "Landwirt Kommission", 80, 220);
}

// Text without spaces (Chinese): the scan's candidate lies at its hit (not
// at the start of the one space-less "word"), and the region is laid out
// by ICU's words: a short snippet around the match, not the whole run.
TEST(SnippetBuilder, TextWithoutSpacesIsCutAtWords) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += "我们今天在北京开会讨论经济问题。";
  text += "德国总理访问了上海的工厂。";
  for (int i = 0; i < 12; ++i) text += "我们今天在北京开会讨论经济问题。";
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.length = 20;
  QueryTerms terms = {"上海"};
  const std::string snippet = builder.build(text, "zh", terms, options);
  EXPECT_NE(snippet.find("\u00AB上海\u00BB"), std::string::npos) << snippet;
  EXPECT_LT(snippet.size(), 3 * 40U) << snippet;  // ~20 characters of 3 bytes, markers, ellipses
}

// A megabyte without a space, the query word everywhere: every hit is a
// candidate of its own (a candidate's "word" reaches 64 bytes either side
// of its hit), the first window wins, and the snippet is short.
TEST(SnippetBuilderLongText, MegabyteWithoutSpacesAndAHitEverywhere) {
  std::string text;
  while (text.size() < 1000000) text += "上海北京";
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.length = 30;
  const std::string snippet = builder.build(text, "zh", QueryTerms{"上海"}, options);
  EXPECT_EQ(snippet.rfind("\u00AB上海\u00BB", 0), 0U) << snippet;  // the text's start
  EXPECT_LT(snippet.size(), 4 * 40U) << snippet;
}

TEST(SnippetBuilder, HostileBytesNeverThrow) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  SnippetOptions options;
  options.length = 20;
  const QueryTerms terms = terms_for(analyzer, "Münze gold");
  std::mt19937 random(11);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = 0; i < round; ++i) text.push_back(static_cast<char>(byte(random)));
    text += " Münze gold ";
    EXPECT_NO_THROW((void)builder.build(text, "de", terms, options));
  }
}

// ---- long texts: only the regions a cheap scan points at are analyzed ----

std::string fixture(const char* name) {
  std::ifstream in(std::string(ARCHIVAR_FIXTURES) + "/snippets/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The distinct stems of the marked words of a snippet.
std::set<std::string> marked(const std::string& snippet, std::string_view lang,
                             analysis::TextAnalyzer& analyzer) {
  std::set<std::string> out;
  std::size_t at = 0;
  while ((at = snippet.find("\u00AB", at)) != std::string::npos) {
    const std::size_t end = snippet.find("\u00BB", at);
    if (end == std::string::npos) break;
    out.insert(
        std::string(analyzer.stem(analyzer.normalize(snippet.substr(at + 2, end - at - 2)), lang)));
    at = end;
  }
  return out;
}

// The scans' fold with sparse shifts gives the same folded text and the same
// original offset for every folded byte as the fold with an offset per
// byte: on random mixes of ASCII runs, Latin-1 letters, ß, combining marks,
// symbols the fold makes spaces, other scripts and stray bytes, and on
// real German and English text; every ASCII byte at every offset of the
// eight-byte runs.
TEST(PassageLocator, SparseFoldShiftsEqualDenseOffsets) {
  const auto check = [](const std::string& text) {
    std::string dense;
    std::vector<std::uint32_t> offsets;
    PassageLocator::fold(text, dense, &offsets);
    std::string sparse;
    std::vector<PassageLocator::FoldShift> shifts;
    PassageLocator::fold(text, sparse, shifts);
    ASSERT_EQ(sparse, dense) << text;
    for (std::size_t at = 0; at < dense.size(); ++at) {
      ASSERT_EQ(PassageLocator::original_offset(shifts, at), offsets[at]) << at << ": " << text;
    }
  };
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "0",
                                           "abcdefghij",
                                           "\xC3\xA4",
                                           "\xC3\x9F",
                                           "\xC3\x97",
                                           "\xC3",
                                           "\xCC\x88",
                                           "\xCD\xAF",
                                           "\xCD\xB0",
                                           "\xC2\xA0",
                                           "\xC2",
                                           "\xE2\x80\x94",
                                           "\xE2\x80",
                                           "\xE2\x82\xAC",
                                           "\xCE\xA9",
                                           "\xD0\x96",
                                           "\xE4\xB8\xAD",
                                           "\x80",
                                           "\xFF",
                                           "MUENZE gold"};
  std::mt19937 random(5);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 30);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int i = count(random); i > 0; --i) text += pieces[pick(random)];
    check(text);
  }
  for (const char* name : {"bahnstreik.de.txt", "cocoa.en.txt"}) check(fixture(name));
  // Every ASCII byte at every place of the eight-byte runs.
  std::string ascii;
  for (int c = 0; c < 0x80; ++c) ascii.push_back(static_cast<char>(c));
  for (std::size_t lead = 0; lead < 8; ++lead) check(std::string(lead, 'x') + ascii + ascii);
}

// Every word of a real article as a query (then each pair of neighbours):
// the region path nearly always gives the very same snippet as the
// whole-text analysis, and nearly always one with as many distinct marked
// stems. (Differences: the scan's counts are approximate, so of two
// passages as good it may show a later one, and it sees a word and its
// stem as one term where the exact window counts them apart.)
TEST(SnippetBuilderLongText, RegionsGiveTheWholeTextSnippet) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  std::size_t queries = 0;
  std::size_t same = 0;
  std::size_t as_good = 0;
  for (const auto& [name, lang] :
       {std::pair{"bahnstreik.de.txt", "de"}, std::pair{"cocoa.en.txt", "en"}}) {
    const std::string text = fixture(name);
    ASSERT_GT(text.size(), 2000U) << name;
    std::vector<std::string> words;
    for (const Token& token : analyzer.analyze(text, lang)) {
      if (!token.same_position) words.push_back(text.substr(token.begin, token.end - token.begin));
    }
    for (std::size_t length : {60, 200}) {
      for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string query = i % 2 == 0 ? words[i] : words[i - 1] + " " + words[i];
        const QueryTerms terms = terms_for(analyzer, query);
        SnippetOptions options;
        options.length = length;
        const std::string fast = builder.build(text, lang, terms, options);
        options.analyze_whole_text = true;
        options.every_word_fully = true;
        const std::string whole = builder.build(text, lang, terms, options);
        ++queries;
        EXPECT_EQ(fast.find("\u00AB") == std::string::npos,
                  whole.find("\u00AB") == std::string::npos)
            << query;
        if (fast == whole) ++same;
        if (marked(fast, lang, analyzer).size() >= marked(whole, lang, analyzer).size()) ++as_good;
      }
    }
  }
  EXPECT_GT(queries, 1300U);
  EXPECT_GE(same * 100, queries * 97) << same << " of " << queries << " the same";
  EXPECT_GE(as_good * 1000, queries * 995) << as_good << " of " << queries << " as good";
  std::cout << same << " of " << queries << " the same, " << as_good << " as good\n";
}

// Texts analyzed whole (titles, short bodies) give the whole chain only to
// words holding a scan hit: every word of real German and English articles
// as a query (then each pair of neighbours) gives exactly the snippet of
// the whole chain on every word, stemmed and decompounded matches included.
TEST(SnippetBuilder, HitFilterGivesTheFullChainSnippet) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  std::size_t queries = 0;
  for (const auto& [name, lang] :
       {std::pair{"bahnstreik.de.txt", "de"}, std::pair{"cocoa.en.txt", "en"}}) {
    const std::string text = fixture(name);
    std::vector<std::string> words;
    for (const Token& token : analyzer.analyze(text, lang)) {
      if (!token.same_position) words.push_back(text.substr(token.begin, token.end - token.begin));
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string query = i % 2 == 0 ? words[i] : words[i - 1] + " " + words[i];
      const QueryTerms terms = terms_for(analyzer, query);
      SnippetOptions options;
      options.length = 200;
      options.analyze_whole_text = true;
      const std::string filtered = builder.build(text, lang, terms, options);
      options.every_word_fully = true;
      EXPECT_EQ(filtered, builder.build(text, lang, terms, options)) << query;
      ++queries;
    }
  }
  EXPECT_GT(queries, 600U);
}

// A text that fits whole into the snippet, with scan hits, is marked from
// only the words holding a hit (found around each hit with ICU's random
// access): every word of real German and English paragraphs as a query
// (then each pair of neighbours) gives exactly the whole chain's snippet.
TEST(SnippetBuilder, WholeTextsMarkedFromTheHitWordsAlone) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  std::size_t queries = 0;
  std::size_t marked_snippets = 0;
  for (const auto& [name, lang] :
       {std::pair{"bahnstreik.de.txt", "de"}, std::pair{"cocoa.en.txt", "en"}}) {
    const std::string text = fixture(name);
    // Pieces of up to 180 bytes, cut at spaces.
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = std::min(text.size(), at + 180);
      if (end < text.size()) end = text.rfind(' ', end) > at ? text.rfind(' ', end) : end;
      const std::string piece = text.substr(at, end - at);
      at = end;
      std::vector<std::string> words;
      for (const Token& token : analyzer.analyze(piece, lang)) {
        if (!token.same_position)
          words.push_back(piece.substr(token.begin, token.end - token.begin));
      }
      for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string query = i % 2 == 0 ? words[i] : words[i - 1] + " " + words[i];
        const QueryTerms terms = terms_for(analyzer, query);
        SnippetOptions options;
        options.length = 200;
        options.analyze_whole_text = i % 3 == 0;
        options.escape_html = i % 5 == 0;
        const std::string fast = builder.build(piece, lang, terms, options);
        options.every_word_fully = true;
        EXPECT_EQ(fast, builder.build(piece, lang, terms, options)) << query;
        if (fast.find("\u00AB") != std::string::npos) ++marked_snippets;
        ++queries;
      }
    }
  }
  EXPECT_GT(queries, 600U);
  EXPECT_GT(marked_snippets * 10, queries * 9);
}

// Titles the scan finds no hit in are shown unanalyzed, unless they hold a
// character the scan's fold does not see as NFKC sees it (² ½ ª ①):
// either way the title equals the whole chain's.
TEST(SnippetBuilder, TitlesWithoutHitsEqualTheFullChain) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  for (const auto& [title, query, marked_word] : {
           std::tuple{"Fläche von 20 km²", "km2", ""},
           std::tuple{"Der ½ Preis", "1/2", ""},
           std::tuple{"Das ① Gebot", "1", ""},
           std::tuple{"  Münzen   & <Gold>  ", "Silber", ""},
           std::tuple{"Münzen & Gold", "Münze", "Münzen"},
       }) {
    const QueryTerms terms = terms_for(analyzer, query);
    SnippetOptions options;
    options.length = std::string_view(title).size();
    options.analyze_whole_text = true;
    options.escape_html = true;
    const std::string fast = builder.build(title, "de", terms, options);
    options.every_word_fully = true;
    const std::string reference = builder.build(title, "de", terms, options);
    EXPECT_EQ(fast, reference) << title;
    if (*marked_word != 0) {
      EXPECT_NE(fast.find(std::string("\u00AB") + marked_word + "\u00BB"), std::string::npos)
          << fast;
    }
  }
}

// A text with capitals the scan does not fold (Cyrillic) is analyzed fully.
TEST(SnippetBuilder, UnfoldedCapitalsStillMatch) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  const std::string text = "МОСКВА: Gespräche in Moskau.";
  const QueryTerms terms = terms_for(analyzer, "москва");
  SnippetOptions options;
  options.analyze_whole_text = true;
  EXPECT_NE(builder.build(text, "de", terms, options).find("\u00ABМОСКВА\u00BB"),
            std::string::npos);
}

TEST(SnippetBuilderLongText, FindsTheOnlyPassageFarIntoTheText) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  const std::string text = fixture("cocoa.en.txt") + "\n\n" + fixture("bahnstreik.de.txt");
  SnippetOptions options;
  options.length = 80;
  // A compound part (Regierung in Bundesregierung), a plural (Fahrgäste).
  EXPECT_EQ(builder.build(text, "de", terms_for(analyzer, "Regierung Fahrgast"), options),
            "… auf Millionen «Fahrgäste» müssten aber in einem vernünftigen Verhältnis zum Ziel "
            "…");
  EXPECT_EQ(builder.build(text, "de", terms_for(analyzer, "Notfahrplan"), options),
            "… die Bahn einen «Notfahrplan» an, der auf den Hauptstrecken zwischen den "
            "Metropolen …");
}

// A 1 MB body: the passage near its end is found, and a query without a
// match gives the start of the text.
TEST(SnippetBuilderLongText, MegabyteBody) {
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  const std::string article = fixture("cocoa.en.txt");
  std::string text;
  while (text.size() < 1000000) text += article + "\n";
  text += "In a separate report, the Panthers defense gave up just 308 points.\n";
  text += article;
  SnippetOptions options;
  options.length = 60;
  EXPECT_EQ(builder.build(text, "en", terms_for(analyzer, "Panthers defense"), options),
            "… report, the «Panthers» «defense» gave up just 308 points. Cocoa …");
  EXPECT_EQ(builder.build(text, "en", terms_for(analyzer, "zebra"), options),
            "Cocoa prices climbed to their highest level in more than a …");
  // Common words everywhere: a passage, never the whole megabyte.
  const std::string common =
      builder.build(text, "en", terms_for(analyzer, "cocoa prices"), options);
  EXPECT_LT(common.size(), 200U);
  EXPECT_NE(common.find("«Cocoa» «prices»"), std::string::npos) << common;
}

// Real corpus articles (the first 25 of each file of ../shared/data/corpora)
// with queries from their own title and body words, a pair of them and a
// word of another article: titles and short bodies (the hit filter, the
// no-hit shortcut) give exactly the whole-chain snippet; long bodies nearly
// always what their regions give with the whole chain and what the whole
// text gives (see RegionsGiveTheWholeTextSnippet).
TEST(SnippetBuilderCorpus, FastPathsGiveTheReferenceSnippets) {
  const std::filesystem::path dir = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " not present";
  std::vector<Article> articles;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ingest::LineReader reader(entry.path(), std::size_t{1} << 24);
    std::string line;
    std::size_t taken = 0;
    while (taken < 25 && reader.next(line) == ingest::LineReader::Status::line) {
      Article article;
      ingest::RecordError error;
      if (!ingest::parse_json_record(line, article, error) || article.title.empty()) continue;
      articles.push_back(std::move(article));
      ++taken;
    }
  }
  ASSERT_GT(articles.size(), 100U);
  analysis::TextAnalyzer analyzer;
  SnippetBuilder builder(analyzer);
  std::size_t titles = 0;
  std::size_t titles_marked = 0;
  std::size_t long_bodies = 0;
  std::size_t long_same = 0;
  std::size_t long_as_regions = 0;
  std::size_t long_marked_alike = 0;
  std::size_t bodies = 0;
  for (std::size_t a = 0; a < articles.size(); ++a) {
    const Article& article = articles[a];
    const std::string& lang = article.lang;
    std::vector<std::string> words;
    for (const Token& token : analyzer.analyze(article.title, lang)) {
      if (!token.same_position) words.push_back(token.term);
    }
    std::vector<std::string> body_words;
    for (const Token& token : analyzer.analyze(article.body.substr(0, 4000), lang)) {
      if (!token.same_position) body_words.push_back(token.term);
    }
    if (!body_words.empty()) words.push_back(body_words[body_words.size() / 2]);
    if (body_words.size() > 7)
      words.push_back(body_words[7] + " " + body_words[8 % body_words.size()]);
    words.push_back(articles[(a + 1) % articles.size()].title);
    for (const std::string& query : words) {
      const QueryTerms terms = terms_for(analyzer, query);
      SnippetOptions options;
      options.length = std::max<std::size_t>(article.title.size(), 1);
      options.analyze_whole_text = true;
      const std::string title = builder.build(article.title, lang, terms, options);
      options.every_word_fully = true;
      EXPECT_EQ(title, builder.build(article.title, lang, terms, options)) << query;
      ++titles;
      if (title.find("\u00AB") != std::string::npos) ++titles_marked;

      SnippetOptions body_options;
      body_options.length = 200;
      const std::string body = builder.build(article.body, lang, terms, body_options);
      body_options.every_word_fully = true;
      const std::string regions_full = builder.build(article.body, lang, terms, body_options);
      ++bodies;
      if (article.body.size() <= 2 * body_options.length) {
        EXPECT_EQ(body, regions_full) << article.id << ": " << query;  // analyzed whole
        continue;
      }
      body_options.analyze_whole_text = true;
      const std::string whole = builder.build(article.body, lang, terms, body_options);
      ++long_bodies;
      if (body == regions_full) ++long_as_regions;
      if (body == whole) ++long_same;
      if ((body.find("\u00AB") == std::string::npos) ==
          (whole.find("\u00AB") == std::string::npos)) {
        ++long_marked_alike;
      }
    }
  }
  // Both the no-hit shortcut and the analysis ran on titles.
  EXPECT_GT(titles_marked, titles / 4);
  EXPECT_LT(titles_marked, titles);
  EXPECT_GT(long_bodies, 300U);
  // Long bodies: the region path's hit filter and scan are approximate
  // for stems that are not substrings of their words (axing → axe) and for
  // short stems inside longer words (hitting → hit, a 3-byte needle).
  EXPECT_GE(long_as_regions * 100, long_bodies * 99) << long_as_regions << " of " << long_bodies;
  EXPECT_GE(long_marked_alike * 100, long_bodies * 99) << long_marked_alike;
  EXPECT_GE(long_same * 100, long_bodies * 95) << long_same << " of " << long_bodies;
  std::cout << titles << " titles (" << titles_marked << " marked), " << bodies << " bodies, "
            << long_same << " of " << long_bodies << " long bodies as the whole text, "
            << long_as_regions << " as their regions with the whole chain, " << long_marked_alike
            << " marked alike\n";
}

}  // namespace
}  // namespace archivar::search
