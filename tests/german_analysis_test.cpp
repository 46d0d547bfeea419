// German-specific analysis on real words: compound splits (and words that
// must not split), spelling variants, and the property that every word of an
// article, typed as a query, finds that article.
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <sstream>
#include <vector>

#include "analysis/decompounder.hpp"
#include "analysis/spelling_folder.hpp"
#include "analysis/text_analyzer.hpp"
#include "analysis/word_list_compiler.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "temp_dir.hpp"

namespace archivar::analysis {
namespace {

struct SplitCase {
  const char* word;
  std::vector<std::string> parts;  // empty: must not split
};

class Decompounding : public testing::TestWithParam<SplitCase> {};

TEST_P(Decompounding, SplitsIntoLexiconWords) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  Decompounder decompounder;
  TextAnalyzer analyzer;
  const std::string word = analyzer.normalize(GetParam().word);
  EXPECT_EQ(decompounder.split(word), GetParam().parts) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    RealWords, Decompounding,
    testing::Values(
        SplitCase{"Medienseite", {"medien", "seite"}},
        SplitCase{"Seitenaufrufe", {"seite", "aufrufe", "seiten"}},  // every fewest-part reading
        SplitCase{"Verkehrsunfall", {"verkehr", "unfall", "verkehrs"}},  // -s- link or not
        SplitCase{"Bundesbank", {"bund", "bank", "bunde", "bundes"}},    // -es- link
        SplitCase{"Wandhalterung", {"wand", "halterung"}},               // not wandh+alterung
        SplitCase{"Goldmünze", {"gold", "münze"}}, SplitCase{"Stadtarchiv", {"stadt", "archiv"}},
        // Fewest parts wins: a lexicon compound stays one part (known limit).
        SplitCase{"Arbeitsmarktpolitik", {"arbeitsmarkt", "politik"}},
        SplitCase{"fährt", {}},           // too short
        SplitCase{"Unternehmen", {}},     // "unter" is a function word
        SplitCase{"Verteidigung", {}},    // no lexicon parts
        SplitCase{"Bundesbank2020", {}},  // digits: not a word
        SplitCase{"Schaltflächen", {"schalt", "flächen"}}, SplitCase{"Influencer", {}}));

// Over-splitting, found by listing the split words of de_10kgnad_test (1,028
// Austrian news articles) by frequency and reading the top few hundred:
// before these rules 1,689 of its 6,000 most frequent long words split, many
// of them wrongly ("insgesamt" = "insges" + "amt", "Standard" = "stand" +
// "ARD", "Millionen" = "Mill" + "Ionen"); after them 1,131 split, nearly all
// into real parts. The whole word is always indexed too.
INSTANTIATE_TEST_SUITE_P(
    OverSplitting, Decompounding,
    testing::Values(
        // Good splits that must stay: heads the list spells in lower case
        // only ("ende", "spiel", "leben": wngerman has no "Ende").
        SplitCase{"Wochenende", {"woche", "ende", "wochen"}},
        SplitCase{"Fußballspiel", {"fussball", "spiel"}},
        SplitCase{"Bürgermeister", {"bürger", "meister"}},
        SplitCase{"Flüchtlingskrise", {"flüchtling", "krise", "flüchtlings"}},
        SplitCase{"Staubecken", {"stau", "becken", "staub", "ecken"}},  // both readings are words
        // No split: a lower-case-only word is no noun compound (adverbs,
        // adjectives, verb forms).
        SplitCase{"insgesamt", {}}, SplitCase{"hingegen", {}}, SplitCase{"weiteren", {}},
        SplitCase{"verbreitet", {}},
        // No split: the head is a verb form ("stinkt"), an acronym ("ARD"),
        // or a noun that is also a suffix ("-schaft", "-ion").
        SplitCase{"Urinstinkt", {}}, SplitCase{"Standard", {}}, SplitCase{"Gesellschaft", {}},
        SplitCase{"Kommission", {}}, SplitCase{"Millionen", {}},
        // No split: "ver" + one letter is the prefix "ver-", not "Verb".
        SplitCase{"Verbraucher", {}}, SplitCase{"Verbleib", {}}));

// Odd splits found the same way in de_10kgnad_test and de_bundestag_reden
// (6,000 most frequent long words of each): Latin endings cut into false
// heads, and feminine "-in"/"-innen" read as "innen"/"rinnen".
INSTANTIATE_TEST_SUITE_P(
    OddSplits, Decompounding,
    testing::Values(
        // A final part may not start inside or just before a Latin ending.
        SplitCase{"Konsumenten", {}}, SplitCase{"Generation", {}}, SplitCase{"Generationen", {}},
        SplitCase{"Kombination", {}}, SplitCase{"Akzeptanz", {}}, SplitCase{"Prioritäten", {}},
        // ... but a whole word before it is still a head.
        SplitCase{"Raumstation", {"raum", "station"}},
        SplitCase{"Bundespräsidenten", {"bund", "präsidenten", "bunde", "bundes"}},
        SplitCase{"Obergrenzen", {"ober", "grenzen"}},  // "-enz" is German here
        // Feminine forms: the noun they are made from, then its parts.
        SplitCase{"Kolleginnen", {"kolleg"}}, SplitCase{"Bürgerinnen", {"bürger"}},
        SplitCase{"Präsidentin", {"präsident"}},
        SplitCase{"Bundesministerin", {"bundesminister", "bund", "ministerin", "bunde", "bundes"}},
        SplitCase{"Arbeitnehmerinnen", {"arbeitnehmer", "arbeit", "nehmerinnen"}}));

TEST(Decompounding, WordClassesComeFromTheListsCapitals) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  const GermanLexicon& lexicon = GermanLexicon::instance();
  EXPECT_TRUE(lexicon.is_noun("raucher"));
  EXPECT_TRUE(lexicon.is_lower_case_only("stinkt"));
  EXPECT_FALSE(lexicon.contains("ard"));  // "ARD": acronyms are left out
  const GermanLexicon small({"verkehr", "unfall", "urin", "instinkt"}, {"stinkt", "gen", "hin"});
  Decompounder decompounder(small);
  EXPECT_EQ(decompounder.split("verkehrsunfall"), (std::vector<std::string>{"verkehr", "unfall"}));
  EXPECT_TRUE(decompounder.split("urinstinkt").empty());  // a verb form is no head
  EXPECT_TRUE(decompounder.split("unfallgen").empty());   // nor a 3-letter lower-case word
}

// The build-time compiler applies the list rules once: normalized, sorted by
// bytes, duplicates merged with both word classes, short words and acronyms
// dropped; a lexicon built from the same words answers the same.
TEST(Decompounding, WordListCompilerNormalizesSortsAndMerges) {
  const std::string raw =
      "Straße\nStraßen\nUSA\nab\nzu\nwarten\nWarten\nÄrger\nÜBer\nabends\r\nAbend\n";
  EXPECT_EQ(compile_word_list(raw),
            "abend\t1\nabends\t2\nstrasse\t1\nstrassen\t1\nwarten\t3\närger\t1\nüber\t1\n");
  EXPECT_EQ(compile_word_list(""), "");
  EXPECT_EQ(compile_word_list("\n\nDB\nok\n"), "");
}

// The offsets embedded beside the list: each entry's line start, then the
// list's size.
TEST(Decompounding, CompiledEntryStartsMarkEachLine) {
  EXPECT_EQ(compiled_entry_starts("abend\t1\nabends\t2\nüber\t1\n"),
            (std::vector<std::uint32_t>{0, 8, 17, 25}));
  EXPECT_EQ(compiled_entry_starts(""), (std::vector<std::uint32_t>{0}));
}

TEST(Decompounding, EmbeddedListIsCompiled) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  const GermanLexicon& lexicon = GermanLexicon::instance();
  EXPECT_GT(lexicon.size(), 200000U);
  EXPECT_TRUE(lexicon.is_noun("strasse"));  // "Straße", normalized at build time
  EXPECT_FALSE(lexicon.contains("Straße"));
  EXPECT_TRUE(lexicon.contains("gründung"));
  EXPECT_TRUE(GermanLexicon::english().contains("information"));
  // The first and last entries, read through the embedded offsets: every
  // entry between them is where its offset says.
  EXPECT_EQ(lexicon.kinds_of("aachen"), GermanLexicon::kNoun);
  EXPECT_EQ(lexicon.kinds_of("üppigstes"), GermanLexicon::kLower);
  EXPECT_FALSE(lexicon.contains("üppigstesx"));
  EXPECT_FALSE(lexicon.contains("aache"));
}

// narrow() walks a word's prefixes: each range holds exactly the entries
// starting with the prefix, kinds_in() answers like kinds_of(), and the range
// empties as soon as no entry continues the prefix.
TEST(Decompounding, PrefixRangesNarrowToTheEntriesSharingThePrefix) {
  const GermanLexicon lexicon({"haus", "haustür", "hausarzt", "tür"}, {"hau", "hausen"});
  struct Step {
    std::string_view prefix;
    std::size_t entries;
    unsigned char kinds;
  };
  const Step steps[] = {
      {"h", 5, 0},
      {"ha", 5, 0},
      {"hau", 5, GermanLexicon::kLower},
      {"haus", 4, GermanLexicon::kNoun},
      {"haust", 1, 0},
      {"haustü", 1, 0},
      {"haustür", 1, GermanLexicon::kNoun},
      {"haustüre", 0, 0},
  };
  GermanLexicon::PrefixRange range = lexicon.all();
  EXPECT_EQ(range.end - range.begin, 6U);
  for (const Step& step : steps) {
    range = lexicon.narrow(range, step.prefix);
    EXPECT_EQ(range.end - range.begin, step.entries) << step.prefix;
    EXPECT_EQ(lexicon.kinds_in(range, step.prefix), step.kinds) << step.prefix;
    EXPECT_EQ(lexicon.kinds_of(step.prefix), step.kinds) << step.prefix;
  }
  EXPECT_TRUE(lexicon.narrow(lexicon.all(), "x").empty());
  EXPECT_EQ(lexicon.kinds_in(lexicon.narrow(lexicon.all(), "tür"), "tür"), GermanLexicon::kNoun);
}

// Ranges of every length, found by galloping from their first entry: each
// prefix of each word gives exactly the entries a scan finds.
TEST(Decompounding, PrefixRangesMatchAScanOfTheList) {
  std::vector<std::string> words;
  for (int i = 0; i < 300; ++i) {
    words.push_back("haus" + std::to_string(i * 7 % 97) + "tür" + std::to_string(i));
    if (i % 3 == 0) words.push_back("bahn" + std::to_string(i));
  }
  words.emplace_back("haus");
  words.emplace_back("zug");
  const GermanLexicon lexicon(words);
  for (const std::string& word : words) {
    GermanLexicon::PrefixRange range = lexicon.all();
    for (std::size_t length = 1; length <= word.size() + 1; ++length) {
      const std::string prefix = word.substr(0, length) + (length > word.size() ? "x" : "");
      range = lexicon.narrow(range, prefix);
      const auto expected = std::count_if(words.begin(), words.end(), [&](const std::string& w) {
        return std::string_view(w).starts_with(prefix);
      });
      ASSERT_EQ(range.end - range.begin, static_cast<std::size_t>(expected)) << prefix;
    }
  }
}

TEST(Decompounding, SmallLexiconDecidesTheSplit) {
  const GermanLexicon lexicon({"haus", "tür", "haustür", "schlüssel"});
  Decompounder decompounder(lexicon);
  EXPECT_EQ(decompounder.split("haustürschlüssel"),
            (std::vector<std::string>{"haustür", "schlüssel"}));  // fewest parts wins
  EXPECT_TRUE(decompounder.split("schlüsselhausx").empty());      // every byte must be covered
}

struct FoldCase {
  const char* term;
  const char* lang;
  const char* folded;  // nullptr: unchanged
};

class SpellingFolding : public testing::TestWithParam<FoldCase> {};

TEST_P(SpellingFolding, FoldsVariantsTogether) {
  SpellingFolder folder;
  std::string out;
  const bool changed = folder.fold(GetParam().term, GetParam().lang, out);
  if (GetParam().folded == nullptr) {
    EXPECT_FALSE(changed) << GetParam().term << " -> " << out;
  } else {
    EXPECT_TRUE(changed);
    EXPECT_EQ(out, GetParam().folded);
  }
}

INSTANTIATE_TEST_SUITE_P(
    RealWords, SpellingFolding,
    testing::Values(FoldCase{"müller", "de", "muller"}, FoldCase{"muller", "de", nullptr},
                    FoldCase{"gregorová", "en", "gregorova"},
                    FoldCase{"gregorová", "de", "gregorova"}, FoldCase{"café", "en", "cafe"},
                    FoldCase{"steuer", "de", nullptr}, FoldCase{"neue", "de", nullptr},
                    FoldCase{"quelle", "de", nullptr},
                    FoldCase{"mueller", "en", nullptr},  // English keeps "ue"
                    FoldCase{"strasse", "de", nullptr},
                    // A lone combining mark (fuzzer find) strips to nothing:
                    // no variant, so no empty term reaches the index.
                    FoldCase{"\u0360", "en", nullptr}, FoldCase{"\u0301\u0308", "de", nullptr}));

// Diacritics are stripped as ICU's transliterator "NFD; [:Nonspacing Mark:]
// Remove; NFC" strips them (what SpellingFolder used before it did the same
// with the normalizers directly): the same output on real words of many
// scripts and on every code point of Latin-1 to Latin Extended-B, Greek,
// Cyrillic and the combining marks, alone and after a letter.
TEST(SpellingFolding, StripsMarksAsTheTransliteratorDoes) {
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::Transliterator> reference(icu::Transliterator::createInstance(
      "NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status) && reference != nullptr);
  std::vector<std::string> words = {
      "gregorová", "café",       "façade",   "naïve",      "søren",  "łódź", "dvořák",
      "nguyễn",    "tiếng việt", "ελληνικά", "άλφα",       "йогурт", "ёлка", "שָׁלוֹם",
      "مُحَمَّد",      "हिन्दी",      "한국어",   "がぎぐげご", "ﬁ",      "ǆ",    "a\u0360b",
      "\u0301x",   "e\u0301",    "i\u0307",  "ß",          "straße", "ø",    "œuvre"};
  const auto append_utf8 = [](std::string& out, UChar32 c) {
    icu::UnicodeString(c).toUTF8String(out);
  };
  for (UChar32 c = 0xC0; c <= 0x24F; ++c) append_utf8(words.emplace_back(), c);
  for (UChar32 c = 0x370; c <= 0x4FF; ++c) append_utf8(words.emplace_back(), c);
  for (UChar32 c = 0x300; c <= 0x36F; ++c) {
    append_utf8(words.emplace_back(), c);
    words.emplace_back("a");
    append_utf8(words.back(), c);
  }
  SpellingFolder folder;
  std::size_t changed = 0;
  for (const std::string& word : words) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
    reference->transliterate(text);
    std::string expected;
    text.toUTF8String(expected);
    std::string out;
    if (folder.fold(word, "en", out)) {
      ++changed;
      EXPECT_EQ(out, expected) << word;
    } else if (!expected.empty()) {  // nothing left is reported as no variant
      EXPECT_EQ(word, expected);
    }
  }
  EXPECT_GT(changed, 300U);
}

// Umlaut transcriptions fold only where the word written with the umlaut is
// a German word (wngerman): "aktuellen" once also gave the junk "aktullen".
class UmlautTranscriptions : public testing::TestWithParam<FoldCase> {};

TEST_P(UmlautTranscriptions, FoldOnlyIntoRealWords) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  SpellingFolder folder;
  std::string out;
  const bool changed = folder.fold(GetParam().term, GetParam().lang, out);
  if (GetParam().folded == nullptr) {
    EXPECT_FALSE(changed) << GetParam().term << " -> " << out;
  } else {
    EXPECT_TRUE(changed) << GetParam().term;
    EXPECT_EQ(out, GetParam().folded);
  }
}

INSTANTIATE_TEST_SUITE_P(
    RealWords, UmlautTranscriptions,
    testing::Values(
        // Transcribed umlauts of listed words fold ("Müller", "Schröder",
        // "Ärzte", "Übersee", "Öl"), also at the word's start.
        FoldCase{"mueller", "de", "muller"}, FoldCase{"schroeder", "de", "schroder"},
        FoldCase{"aerzte", "de", "arzte"}, FoldCase{"uebersee", "de", "ubersee"},
        FoldCase{"oel", "de", "ol"}, FoldCase{"buergermeister", "de", "burgermeister"},
        FoldCase{"duesseldorf", "de", "dusseldorf"}, FoldCase{"tueren", "de", "turen"},
        // Words neither list has (compounds, names, rare words) fold as
        // before, except at the start.
        FoldCase{"gebaeudetechnik", "de", "gebaudetechnik"},
        FoldCase{"herzmuskelentzuendung", "de", "herzmuskelentzundung"},
        FoldCase{"patientenverfuegung", "de", "patientenverfugung"}, FoldCase{"loew", "de", "low"},
        FoldCase{"noerdlingen", "de", "nordlingen"}, FoldCase{"aeneid", "de", nullptr},
        // Not an umlaut: the word as written is German or English, the word
        // with an umlaut is not.
        FoldCase{"aktuell", "de", nullptr}, FoldCase{"aktuellen", "de", nullptr},
        FoldCase{"frauen", "de", nullptr}, FoldCase{"museum", "de", nullptr},
        FoldCase{"israel", "de", nullptr}, FoldCase{"poet", "de", nullptr},
        FoldCase{"michael", "de", nullptr}, FoldCase{"blue", "de", nullptr},
        FoldCase{"bluetooth", "de", nullptr}, FoldCase{"zuerst", "de", nullptr},
        FoldCase{"goethe", "de", nullptr}, FoldCase{"manuel", "de", nullptr},
        FoldCase{"individuelle", "de", nullptr}, FoldCase{"samuel", "de", nullptr}));

TEST(UmlautTranscriptions, TheGivenListsDecide) {
  const GermanLexicon german(std::vector<std::string>{"tür", "güte", "aktuell"});
  const GermanLexicon english(std::vector<std::string>{"blue"});
  SpellingFolder folder(&german, &english);
  std::string out;
  EXPECT_TRUE(folder.fold("tuer", "de", out));
  EXPECT_EQ(out, "tur");
  EXPECT_TRUE(folder.fold("guete", "de", out));
  EXPECT_EQ(out, "gute");
  EXPECT_FALSE(folder.fold("aktuell", "de", out));  // German as written
  EXPECT_FALSE(folder.fold("blue", "de", out));     // English as written
  EXPECT_TRUE(folder.fold("mueller", "de", out));   // in neither list
  EXPECT_EQ(out, "muller");
  EXPECT_FALSE(folder.fold("tuer", "en", out));  // English keeps "ue"
}

TEST(GermanTokens, CompoundPartsSitAtTheCompoundsPosition) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  TextAnalyzer analyzer;
  const auto tokens = analyzer.analyze("Die Medienseite", "de");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].term, "medienseite");
  EXPECT_EQ(tokens[2].term, "medien");
  EXPECT_EQ(tokens[3].stem, "seit");
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(tokens[i].position, 2u);
    EXPECT_EQ(tokens[i].begin, 4u);
    EXPECT_EQ(tokens[i].end, 15u);
  }
  EXPECT_EQ(tokens[2].kind, TokenKind::compound_part);
  EXPECT_TRUE(tokens[2].same_position);
}

TEST(GermanTokens, OptionsTurnStepsOff) {
  AnalysisOptions off;
  off.fold_spellings = false;
  off.decompound_german = false;
  TextAnalyzer analyzer(off);
  EXPECT_EQ(analyzer.analyze("Mueller Medienseite", "de").size(), 2u);
  EXPECT_EQ(AnalysisOptions::decode(off.encode()), off);
  EXPECT_EQ(AnalysisOptions::decode(AnalysisOptions{}.encode()), AnalysisOptions{});
}

// --- through the index: what a reader of a German archive expects ---------

class GermanSearch : public testing::Test {
 protected:
  void SetUp() override {
    Index index(dir_ / "db");
    auto add = [&](std::string id, std::string title, std::string body) {
      Article article;
      article.id = std::move(id);
      article.title = std::move(title);
      article.body = std::move(body);
      article.lang = "de";
      index.add(article);
    };
    add("medien", "Neue Medienseite", "Die Medienseite der Zeitung zählt mehr Seitenaufrufe.");
    add("aufrufe", "Statistik", "Die Aufrufe der Seite haben sich verdoppelt.");
    add("mueller", "Interview", "Grit Mueller leitet die Redaktion.");
    add("muller", "Portrait", "Thomas Muller spielt wieder.");
    add("mueller-umlaut", "Wahl", "Chefredakteurin Müller wurde gewählt.");
    add("gregorova", "Tennis", "Die Spielerin Gregorová gewann in drei Sätzen.");
    index.commit();
  }

  std::vector<std::string> ids(const std::string& query) {
    Searcher searcher(dir_ / "db");
    SearchRequest request;
    request.query = query;
    std::vector<std::string> found;
    for (const Hit& hit : searcher.search(request).hits) found.push_back(hit.id);
    return found;
  }

  testing_support::TempDir dir_;
};

TEST_F(GermanSearch, APartFindsTheCompound) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  const auto found = ids("Seite");
  EXPECT_NE(std::find(found.begin(), found.end(), "medien"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "aufrufe"), found.end());
}

TEST_F(GermanSearch, ACompoundFindsItsPartsWrittenApartAndRanksItselfFirst) {
  if (GermanLexicon::instance().size() == 0) GTEST_SKIP() << "built without wngerman";
  const auto found = ids("Seitenaufrufe");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "medien");   // has the compound itself
  EXPECT_EQ(found[1], "aufrufe");  // "Aufrufe der Seite"
}

TEST_F(GermanSearch, UmlautSpellingsFindEachOther) {
  for (const char* query : {"Müller", "Mueller", "Muller"}) {
    auto found = ids(query);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"mueller", "mueller-umlaut", "muller"})) << query;
  }
  EXPECT_EQ(ids("Müller").front(), "mueller-umlaut");  // the exact spelling ranks first
  EXPECT_EQ(ids("Gregorova"), (std::vector<std::string>{"gregorova"}));
}

// Property: every word of an article, typed as a query, finds the article.
TEST(GermanSearchProperty, EveryWordOfAnArticleFindsIt) {
  testing_support::TempDir dir;
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"de",
       "Die Verteidigung der Panthers gab nur 308 Punkte ab und belegte den sechsten "
       "Platz. Mu\xCC\x88ller-Lüdenscheidt übernimmt die Medienseite; Seitenaufrufe "
       "stiegen um 20,5 % (Quelle: https://example.org/a_b). Straße, Fluß, Gregorová."},
      {"en",
       "The Panthers' defense gave up just 308 points — ranking sixth. Don't panic: "
       "the U.S. economy's 3.5% growth beat Müller's forecast at café Gregorová."}};
  {
    Index index(dir / "db");
    int id = 0;
    for (const auto& [lang, text] : texts) {
      Article article;
      article.id = "doc-" + std::to_string(++id);
      article.body = text;
      article.lang = lang;
      index.add(article);
    }
    index.commit();
  }
  Searcher searcher(dir / "db");
  TextAnalyzer analyzer;
  int id = 0;
  for (const auto& [lang, text] : texts) {
    const std::string want = "doc-" + std::to_string(++id);
    for (const Token& token : analyzer.analyze(text, lang)) {
      if (token.kind != TokenKind::word) continue;
      SearchRequest request;
      request.query = text.substr(token.begin, token.end - token.begin);
      request.page_size = 10;
      bool found = false;
      for (const Hit& hit : searcher.search(request).hits) found = found || hit.id == want;
      EXPECT_TRUE(found) << "query '" << request.query << "' misses " << want;
    }
  }
}

}  // namespace
}  // namespace archivar::analysis
