// TextCleaner: every rule on real German and English sentences, with the
// cases that must not change.
#include "ingest/text_cleaner.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace archivar::ingest {
namespace {

struct Row {
  const char* name;
  std::string input;
  std::string expected;
};

std::ostream& operator<<(std::ostream& os, const Row& row) { return os << row.name; }

// A few German words, as wngerman has them (normalized): enough to tell a
// soft break ("Stadtar-chiv") from a real hyphen ("Klick-durch").
const analysis::GermanLexicon& test_lexicon() {
  static const analysis::GermanLexicon lexicon(
      {"stadt", "archiv", "klick", "durch", "gemeinde", "zeitung", "verlag", "unfall", "verkehr"});
  return lexicon;
}

class BodyRule : public testing::TestWithParam<Row> {};

TEST_P(BodyRule, CleansAsSpecified) {
  const Row& row = GetParam();
  EXPECT_EQ(TextCleaner({}, &test_lexicon()).clean_body(row.input), row.expected) << row.name;
}

// Broken words: rejoined, suspended hyphens kept.
INSTANTIATE_TEST_SUITE_P(
    BrokenWords, BodyRule,
    testing::Values(
        Row{"hyphen_space_lowercase_is_rejoined",
            "so dass derjenige, der den Inhalt generiert, von den Klick- durch. Der lange Inhalt",
            "so dass derjenige, der den Inhalt generiert, von den Klick-durch. Der lange Inhalt"},
        Row{"line_end_hyphen_lowercase_is_a_soft_break",
            "Die Akten liegen im Stadtar-\nchiv der Gemeinde.",
            "Die Akten liegen im Stadtarchiv der Gemeinde."},
        Row{"line_end_hyphen_with_blanks_and_crlf", "Das Stadtar- \r\n  chiv ist offen.",
            "Das Stadtarchiv ist offen."},
        Row{"line_end_hyphen_before_noun_keeps_the_hyphen",
            "Die neue Social-Media-\nPlattform startet heute.",
            "Die neue Social-Media-Plattform startet heute."},
        Row{"line_end_hyphen_between_two_words_stays", "Er wartet auf den Klick-\ndurch.",
            "Er wartet auf den Klick-durch."},
        Row{"soft_break_with_linking_s_and_ending", "Die Zahl der Verkehrs-\nunfälle sank.",
            "Die Zahl der Verkehrs-unfälle sank."},
        Row{"soft_break_inside_a_compound_with_ending", "Drei Zeitungsver-\nlage fusionieren.",
            "Drei Zeitungsverlage fusionieren."},
        Row{"flattened_soft_break", "Die Akten liegen im Stadtar- chiv.",
            "Die Akten liegen im Stadtarchiv."},
        Row{"english_compound_at_line_end_keeps_its_hyphen",
            "the spanwise distribution of the boundary-\nlayer thickness",
            "the spanwise distribution of the boundary-layer thickness"},
        Row{"english_soft_break_unknown_to_the_lexicon_keeps_the_hyphen",
            "The committee will docu-\nment every decision.",
            "The committee will docu-ment every decision."},
        Row{"suspended_hyphen_und", "Das Klick- und Scrollverhalten der Leser wird gemessen.",
            "Das Klick- und Scrollverhalten der Leser wird gemessen."},
        Row{"suspended_hyphen_ein_und_ausgang", "Der Ein- und Ausgang ist gesperrt.",
            "Der Ein- und Ausgang ist gesperrt."},
        Row{"suspended_hyphen_after_hyphenated_word",
            "Tonnen von Social-Media- und Kommentar-Engagements",
            "Tonnen von Social-Media- und Kommentar-Engagements"},
        Row{"suspended_hyphen_oder", "Ob Vor- oder Nachteile überwiegen, ist offen.",
            "Ob Vor- oder Nachteile überwiegen, ist offen."},
        Row{"suspended_hyphen_bzw", "Die An- bzw. Abreise erfolgt per Bahn.",
            "Die An- bzw. Abreise erfolgt per Bahn."},
        Row{"suspended_hyphen_bis", "Gebaut werden Ein- bis Zweifamilienhäuser.",
            "Gebaut werden Ein- bis Zweifamilienhäuser."},
        Row{"suspended_hyphen_sowohl_als_auch", "sowohl Hin- als auch Rückfahrt",
            "sowohl Hin- als auch Rückfahrt"},
        Row{"suspended_hyphen_across_a_line_break", "Der Ein-\nund Ausgang ist gesperrt.",
            "Der Ein-\nund Ausgang ist gesperrt."},
        Row{"english_suspended_and", "Both pre- and post-war buildings were listed.",
            "Both pre- and post-war buildings were listed."},
        Row{"english_suspended_to", "a short- to medium-term loan", "a short- to medium-term loan"},
        Row{"spaced_dash_is_not_a_break",
            "Seit Beginn der Zeit - oder zumindest seit Beginn der Öffentlichkeitsarbeit - fördern",
            "Seit Beginn der Zeit - oder zumindest seit Beginn der Öffentlichkeitsarbeit - "
            "fördern"},
        Row{"hyphen_space_capital_mid_line_stays", "Das E- Mail-Postfach ist voll.",
            "Das E- Mail-Postfach ist voll."},
        Row{"hyphen_before_digit_stays", "Die Jahre 1990- 1995 waren schwer.",
            "Die Jahre 1990- 1995 waren schwer."},
        Row{"hyphen_before_paragraph_break_stays", "Er sagte: Vor-\n\nund dann nichts.",
            "Er sagte: Vor-\n\nund dann nichts."},
        Row{"leading_hyphen_stays", "in Klicks umgewandelt -throughs und jede",
            "in Klicks umgewandelt -throughs und jede"}));

// Version numbers: joined only after a version word.
INSTANTIATE_TEST_SUITE_P(
    VersionNumbers, BodyRule,
    testing::Values(
        Row{"web_2_0", "seit dem Aufkommen von Web 2. 0 kostenlose, nutzergenerierte Inhalte",
            "seit dem Aufkommen von Web 2.0 kostenlose, nutzergenerierte Inhalte"},
        Row{"industrie_4_0", "Die Industrie 4. 0 verändert die Fabriken.",
            "Die Industrie 4.0 verändert die Fabriken."},
        Row{"version_word_is_case_insensitive", "Upgrade to HTML 5. 1 now.",
            "Upgrade to HTML 5.1 now."},
        Row{"ordinal_in_a_sentence_stays", "Im Jahr 2. 0 Tore, im Jahr 3. 1 Tor.",
            "Im Jahr 2. 0 Tore, im Jahr 3. 1 Tor."},
        Row{"date_stays", "Am 3. 10. feiern wir die Einheit.", "Am 3. 10. feiern wir die Einheit."},
        Row{"long_numbers_stay", "Web 2021. 2022 war ein gutes Jahr.",
            "Web 2021. 2022 war ein gutes Jahr."},
        Row{"version_word_inside_a_longer_word_stays", "Das Spinnweb 2. 0 ist nicht gemeint.",
            "Das Spinnweb 2. 0 ist nicht gemeint."},
        Row{"sentence_end_after_a_version_word_stays", "Wir lesen im Web. 0 Treffer.",
            "Wir lesen im Web. 0 Treffer."}));

// Boilerplate lines: dropped by prefix, case-insensitive, word-bounded.
INSTANTIATE_TEST_SUITE_P(
    Boilerplate, BodyRule,
    testing::Values(
        Row{"related_line_dropped",
            "Die Frage ist, sollten Sie diese Gelegenheit nutzen?\n\nRelated: Die 10 "
            "schockierendsten Unwahrheiten Mythen, Exposed\n\nFast jeder denkt, dass es ein "
            "Kinderspiel ist.",
            "Die Frage ist, sollten Sie diese Gelegenheit nutzen?\n\nFast jeder denkt, dass es ein "
            "Kinderspiel ist."},
        Row{"german_teasers_dropped",
            "Der Bundestag hat das Gesetz beschlossen.\nLesen Sie auch: Was das Gesetz für Mieter "
            "bedeutet\nMehr zum Thema Mietrecht\nAUCH INTERESSANT: Die besten Tipps\n"
            "Weiterlesen: Kommentar\nDie Opposition kündigte Widerstand an.",
            "Der Bundestag hat das Gesetz beschlossen.\nDie Opposition kündigte Widerstand an."},
        Row{"english_teasers_dropped",
            "Shares fell sharply on Monday.\n  Read more: Why the markets are nervous\nSee also: "
            "Oil prices\nAnalysts expect a rebound.",
            "Shares fell sharply on Monday.\nAnalysts expect a rebound."},
        Row{"prefix_must_end_a_word", "Mehr zum Themawechsel später.\nRelatedness matters.",
            "Mehr zum Themawechsel später.\nRelatedness matters."},
        Row{"prefix_only_at_line_start", "Der Minister sagte: Lesen Sie auch: das Kleingedruckte.",
            "Der Minister sagte: Lesen Sie auch: das Kleingedruckte."},
        Row{"umlaut_prefix_folded", "Text.\nDAS KÖNNTE SIE AUCH INTERESSIEREN: Urlaub\nMehr Text.",
            "Text.\nMehr Text."}));

// Repeated paragraphs: counted once.
INSTANTIATE_TEST_SUITE_P(
    RepeatedParagraphs, BodyRule,
    testing::Values(
        Row{"repeat_dropped",
            "LinkedIn hat etwas namens Influencer-Programm.\n\nLinkedIn hat etwas namens "
            "Influencer-Programm.\n\nKlingt nach einer Win-Win-Situation, oder?",
            "LinkedIn hat etwas namens Influencer-Programm.\n\nKlingt nach einer "
            "Win-Win-Situation, oder?"},
        Row{"repeat_with_other_whitespace_dropped",
            "Nicht genau.\n  Nicht   genau. \nAll diese Seitenansichten.",
            "Nicht genau.\nAll diese Seitenansichten."},
        Row{"different_case_is_a_different_paragraph", "Nicht genau.\nNICHT GENAU.",
            "Nicht genau.\nNICHT GENAU."},
        Row{"blank_lines_collapsed_and_trimmed", "\n\nErster Absatz.\n\n\n\nZweiter Absatz.\n\n",
            "Erster Absatz.\n\nZweiter Absatz."}));

TEST(TextCleaner, WithoutALexiconNoHyphenIsDropped) {
  EXPECT_EQ(TextCleaner().clean_body("im Stadtar-\nchiv und Klick- durch"),
            "im Stadtar-chiv und Klick-durch");
}

TEST(TextCleaner, RealGermanLexiconJoinsStadtarchiv) {
  const auto& lexicon = analysis::GermanLexicon::instance();
  if (lexicon.size() == 0) GTEST_SKIP() << "built without the German word list";
  const TextCleaner cleaner({}, &lexicon);
  EXPECT_EQ(cleaner.clean_body("Die Akten liegen im Stadtar-\nchiv, der Klick-\ndurch zählt."),
            "Die Akten liegen im Stadtarchiv, der Klick-durch zählt.");
  EXPECT_EQ(cleaner.clean_body("a two-\ndimensional boundary-\nlayer flow"),
            "a two-dimensional boundary-layer flow");
}

// English words broken at line ends, from the MEDLINE abstracts of en_med
// (where the wamerican list rejoins ~990 of them): joined when the whole is
// an English word and the pieces are not both words.
TEST(TextCleaner, RealEnglishWordListRejoinsEnglishWords) {
  const auto& english = analysis::GermanLexicon::english();
  if (english.size() == 0) GTEST_SKIP() << "built without the English word list";
  const TextCleaner cleaner({}, &analysis::GermanLexicon::instance(), &english);
  EXPECT_EQ(
      cleaner.clean_body("Plasma levels in pa-\ntients receiving treat-\nment were nor-\nmal."),
      "Plasma levels in patients receiving treatment were normal.");
  EXPECT_EQ(cleaner.clean_body("The committee will docu-\nment every infor- mation request."),
            "The committee will document every information request.");
  // Real hyphenated compounds and suspended hyphens stay.
  EXPECT_EQ(cleaner.clean_body("a two-\ndimensional boundary-\nlayer flow, a well-\nknown case"),
            "a two-dimensional boundary-layer flow, a well-known case");
  EXPECT_EQ(cleaner.clean_body("pre- and post-\noperative care"), "pre- and post-operative care");
}

TEST(TextCleaner, BodyLineEqualToTheTitleCountsAsARepeatOnRequest) {
  EXPECT_EQ(TextCleaner().clean_body("Sollten Sie beitreten?\nLinkedIn hat etwas.",
                                     "Sollten Sie beitreten?"),
            "Sollten Sie beitreten?\nLinkedIn hat etwas.");
  CleaningOptions options;
  options.drop_title_repeat = true;
  const TextCleaner cleaner(options);
  EXPECT_EQ(
      cleaner.clean_body("Sollten Sie  beitreten?\nLinkedIn hat etwas.", "Sollten Sie beitreten?"),
      "LinkedIn hat etwas.");
}

TEST(TextCleaner, TitleGetsOnlyTheInlineRules) {
  const TextCleaner cleaner;
  EXPECT_EQ(cleaner.clean_title("Related: Web 2. 0 und das Klick- durch"),
            "Related: Web 2.0 und das Klick-durch");
}

TEST(TextCleaner, OptionsSwitchRulesOff) {
  const std::string text = "Klick- durch und Web 2. 0\nRelated: x\nRelated: x\nA\nA";
  CleaningOptions off;
  off.enabled = false;
  EXPECT_EQ(TextCleaner(off).clean_body(text), text);

  CleaningOptions no_rules;
  no_rules.rejoin_broken_words = false;
  no_rules.join_version_numbers = false;
  no_rules.drop_repeated_paragraphs = false;
  no_rules.boilerplate_prefixes.clear();
  EXPECT_EQ(TextCleaner(no_rules).clean_body(text), text);
}

TEST(TextCleaner, BoilerplatePrefixesAreConfigurable) {
  CleaningOptions options;
  options.boilerplate_prefixes = {"Anzeige", "  Foto:  "};
  const TextCleaner cleaner(options);
  EXPECT_EQ(cleaner.clean_body("Anzeige\nText bleibt.\nfoto: dpa\nRelated: bleibt"),
            "Text bleibt.\nRelated: bleibt");
}

TEST(TextCleaner, NeverBreaksOnOddInput) {
  const TextCleaner cleaner;
  for (const std::string& text :
       {std::string(), std::string("-"), std::string("a-"), std::string("a- "), std::string("- a"),
        std::string("Web 2."), std::string("Web 2. "), std::string(". 1"),
        std::string("\xC3-\n\xA4x"), std::string("ab\xFF- cd"), std::string("\n\n\n"),
        std::string("Related:"), std::string("x\0- y", 5)}) {
    const std::string cleaned = cleaner.clean_body(text, text);
    EXPECT_LE(cleaned.size(), text.size());
  }
}

// The scraped LinkedIn article from ../shared/data/samples (German machine
// translation): title repeated as the first body line, the first paragraph
// twice, three Related lines, "Klick- durch" and "Web 2. 0" broken.
TEST(TextCleaner, LinkedInSample) {
  const std::filesystem::path sample =
      std::filesystem::path(ARCHIVAR_SHARED_DATA) / "samples" / "linkedin-influencer.de.txt";
  if (!std::filesystem::exists(sample)) GTEST_SKIP() << sample << " not present";
  std::ifstream in(sample, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const std::size_t title_end = text.find('\n');
  const std::string title = text.substr(0, title_end);
  const std::string body = text.substr(title_end + 1);

  const std::string cleaned =
      TextCleaner({}, &analysis::GermanLexicon::instance()).clean_body(body, title);
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = cleaned.find(needle); at != std::string::npos;
         at = cleaned.find(needle, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count("LinkedIn hat etwas namens Influencer-Programm."), 1u);
  EXPECT_EQ(count(title), 1u);  // the title repeated once in the body: kept by default
  EXPECT_EQ(count("Related:"), 0u);
  EXPECT_EQ(count("Leadership ist alles über Balance"), 0u);
  EXPECT_EQ(count("von den Klick-durch."), 1u);
  EXPECT_EQ(count("Web 2.0 kostenlose"), 1u);
  EXPECT_EQ(count("Social-Media- und Kommentar-Engagements"), 2u);  // two different paragraphs
  EXPECT_EQ(count("Nicht genau."), 1u);
  EXPECT_EQ(count("Würdest du?"), 1u);
}

}  // namespace
}  // namespace archivar::ingest
