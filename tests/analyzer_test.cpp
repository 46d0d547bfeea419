// The analysis chain on real German and English text: what a query and an
// article must agree on. Table-driven: {input, language, expected terms}.
#include "archivar/analyzer.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/language_detector.hpp"
#include "analysis/text_analyzer.hpp"

namespace archivar::analysis {
namespace {

std::vector<std::string> terms_of(std::string_view text, std::string_view lang) {
  TextAnalyzer analyzer;
  std::vector<std::string> terms;
  for (const Token& token : analyzer.analyze(text, lang)) {
    if (token.kind == TokenKind::word) terms.push_back(token.term);
  }
  return terms;
}

std::vector<std::string> stems_of(std::string_view text, std::string_view lang) {
  TextAnalyzer analyzer;
  std::vector<std::string> stems;
  for (const Token& token : analyzer.analyze(text, lang)) {
    if (token.kind == TokenKind::word) stems.push_back(token.stem);
  }
  return stems;
}

struct TermsCase {
  const char* name;
  std::string text;
  const char* lang;
  std::vector<std::string> terms;
};

class AnalyzerTerms : public testing::TestWithParam<TermsCase> {};

TEST_P(AnalyzerTerms, GivesTheExpectedTerms) {
  const TermsCase& row = GetParam();
  EXPECT_EQ(terms_of(row.text, row.lang), row.terms) << row.text;
}

INSTANTIATE_TEST_SUITE_P(
    RealText, AnalyzerTerms,
    testing::Values(
        TermsCase{"german_sentence",
                  "Die Verteidigung der Panthers gab nur 308 Punkte ab",
                  "de",
                  {"die", "verteidigung", "der", "panthers", "gab", "nur", "308", "punkte", "ab"}},
        TermsCase{"umlauts_nfc",
                  "Bundesbank prägt Goldmünze",
                  "de",
                  {"bundesbank", "prägt", "goldmünze"}},
        // NFD: u + U+0308 COMBINING DIAERESIS must give the same term as NFC ü.
        TermsCase{"umlauts_nfd",
                  "Mu\xCC\x88ller pra\xCC\x88gt Goldmu\xCC\x88nze",
                  "de",
                  {"müller", "prägt", "goldmünze"}},
        TermsCase{"sharp_s_folds", "Die Straße am Fluß", "de", {"die", "strasse", "am", "fluss"}},
        TermsCase{"capital_sharp_s",
                  "STRA\xE1\xBA\x9E"
                  "E",
                  "de",
                  {"strasse"}},
        TermsCase{"english_apostrophes",
                  "Don't touch the company's shares",
                  "en",
                  {"don't", "touch", "the", "company's", "shares"}},
        TermsCase{"typographic_apostrophe",
                  "the company\xE2\x80\x99s shares",
                  "en",
                  {"the", "company's", "shares"}},
        TermsCase{"hyphenated_compounds",
                  "Win-Win-Situation im Influencer-Programm",
                  "de",
                  {"win", "win", "situation", "im", "influencer", "programm"}},
        TermsCase{"numbers_and_decimals",
                  "Inflation fell to 3.5% in 1987, 155,221 bags",
                  "en",
                  {"inflation", "fell", "to", "3.5", "in", "1987", "155,221", "bags"}},
        TermsCase{"url_parts",
                  "see https://www.bundesbank.de/de/presse now",
                  "en",
                  {"see", "https", "www.bundesbank.de", "de", "presse", "now"}},
        TermsCase{"underscores_split", "Super_Bowl_50", "en", {"super", "bowl", "50"}},
        TermsCase{"soft_hyphen_dropped",
                  "Zeitungs\xC2\xAD"
                  "archiv",
                  "de",
                  {"zeitungsarchiv"}},
        TermsCase{"soft_hyphen_dropped_english",
                  "infor\xC2\xAD"
                  "mation retrieval",
                  "en",
                  {"information", "retrieval"}},
        TermsCase{
            "fullwidth_nfkc", "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 news", "en", {"abc", "news"}},
        TermsCase{"punctuation_only", " -- ... !!! ", "de", {}}, TermsCase{"empty", "", "de", {}}),
    [](const testing::TestParamInfo<TermsCase>& row) { return std::string(row.param.name); });

struct StemCase {
  std::string word;
  const char* lang;
  std::string stem;
};

class AnalyzerStems : public testing::TestWithParam<StemCase> {};

TEST_P(AnalyzerStems, StemsLikeSnowball) {
  const StemCase& row = GetParam();
  const auto stems = stems_of(row.word, row.lang);
  ASSERT_EQ(stems.size(), 1u) << row.word;
  EXPECT_EQ(stems.front(), row.stem) << row.word;
}

INSTANTIATE_TEST_SUITE_P(
    GermanAndEnglish, AnalyzerStems,
    testing::Values(StemCase{"Tische", "de", "tisch"}, StemCase{"Häuser", "de", "haus"},
                    StemCase{"Hauses", "de", "haus"},
                    // Capitalised words are stemmed too (Xapian's STEM_SOME would not).
                    StemCase{"Verteidigung", "de", "verteid"},
                    StemCase{"Schaltflächen", "de", "schaltflach"},
                    StemCase{"running", "en", "run"}, StemCase{"Economies", "en", "economi"},
                    StemCase{"connected", "en", "connect"},
                    // No stemmer for the language: no stem.
                    StemCase{"Häuser", "", ""}));

TEST(Analyzer, OffsetsPointIntoTheOriginalBytes) {
  const std::string text =
      "Mu\xCC\x88ller  und\tdie Stra\xC3\x9F"
      "e";
  TextAnalyzer analyzer;
  const auto tokens = analyzer.analyze(text, "de");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Mu\xCC\x88ller");
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin),
            "Stra\xC3\x9F"
            "e");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].position, i + 1);
    EXPECT_FALSE(tokens[i].same_position);
  }
}

TEST(Analyzer, PositionsContinueFromTheGivenStart) {
  TextAnalyzer analyzer;
  std::vector<std::uint32_t> positions;
  const auto next = analyzer.analyze("eins zwei drei", "de", 101, [&](const Token& token) {
    positions.push_back(token.position);
  });
  EXPECT_EQ(positions, (std::vector<std::uint32_t>{101, 102, 103}));
  EXPECT_EQ(next, 104u);
}

TEST(Analyzer, DropsOverlongTokensWithoutUsingAPosition) {
  const std::string text = "vorher " + std::string(5000, 'x') + " nachher";
  TextAnalyzer analyzer;
  const auto tokens = analyzer.analyze(text, "de");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].term, "nachher");
  EXPECT_EQ(tokens[1].position, 2u);
}

TEST(Analyzer, InvalidUtf8NeverThrowsAndKeepsOffsetsInRange) {
  std::mt19937 random(20261126);
  std::uniform_int_distribution<int> byte(0, 255);
  TextAnalyzer analyzer;
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int size = round % 200;
    for (int i = 0; i < size; ++i) text.push_back(static_cast<char>(byte(random)));
    std::vector<Token> tokens;
    ASSERT_NO_THROW(tokens = analyzer.analyze(text, round % 2 == 0 ? "de" : "en"));
    for (const Token& token : tokens) {
      EXPECT_LT(token.begin, token.end);
      EXPECT_LE(token.end, text.size());
      EXPECT_FALSE(token.term.empty());
    }
  }
}

struct LanguageCase {
  const char* text;
  const char* lang;
};

class LanguageDetection : public testing::TestWithParam<LanguageCase> {};

TEST_P(LanguageDetection, FindsTheMainLanguage) {
  EXPECT_EQ(detect_language(GetParam().text), GetParam().lang) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    RealText, LanguageDetection,
    testing::Values(
        LanguageCase{"Die Deutsche Bundesbank wird ermächtigt, zum Gedenken an die Deutsche Mark "
                     "im eigenen Namen eine Münze in Gold herauszugeben.",
                     "de"},
        LanguageCase{"Showers continued throughout the week in the Bahia cocoa zone, alleviating "
                     "the drought since early January.",
                     "en"},
        // A German article full of English loan words is still German.
        LanguageCase{"Das Influencer-Programm von LinkedIn ist eine Win-Win-Situation für alle, "
                     "sagt die Social-Media-Managerin, denn der Content wird geteilt.",
                     "de"},
        LanguageCase{"", ""}));

TEST(PublicAnalyzer, MatchesTheInternalChain) {
  Analyzer analyzer;
  const auto tokens = analyzer.analyze("Häuser am Fluß", "de");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].stem, "haus");
  EXPECT_EQ(tokens[2].term, "fluss");
  EXPECT_EQ(analyzer.detect_language("The quick brown fox jumps over the lazy dog again and "
                                     "again, said the reporter."),
            "en");
}

}  // namespace
}  // namespace archivar::analysis
