// WordCache through TextAnalyzer::enable_word_cache: the tokens of real
// German and English text are exactly those of the uncached chain, on the
// first pass (misses), the second (hits), with a cache small enough to be
// emptied on the way, and when one analyzer switches languages.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"

namespace archivar::analysis {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(ARCHIVAR_FIXTURES) + "/snippets/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every field of every token, one line each, for readable failures.
std::vector<std::string> describe(const std::vector<Token>& tokens) {
  std::vector<std::string> lines;
  for (const Token& token : tokens) {
    lines.push_back(token.term + "|" + token.stem + "|" + std::to_string(token.begin) + "-" +
                    std::to_string(token.end) + "|" + std::to_string(token.position) + "|" +
                    (token.same_position ? "same" : "next") + "|" +
                    std::to_string(static_cast<int>(token.kind)));
  }
  return lines;
}

struct CacheCase {
  const char* fixture;
  const char* lang;
};

class WordCacheTokens : public testing::TestWithParam<CacheCase> {};

TEST_P(WordCacheTokens, AreThoseOfTheFullChain) {
  const std::string text = read_fixture(GetParam().fixture);
  ASSERT_GT(text.size(), 1000u);
  TextAnalyzer plain;
  const auto expected = describe(plain.analyze(text, GetParam().lang));
  ASSERT_GT(expected.size(), 200u);
  for (const std::size_t limit : {std::size_t{100000}, std::size_t{16}}) {
    TextAnalyzer cached;
    cached.enable_word_cache(limit);
    EXPECT_EQ(describe(cached.analyze(text, GetParam().lang)), expected) << "misses, " << limit;
    EXPECT_EQ(describe(cached.analyze(text, GetParam().lang)), expected) << "hits, " << limit;
  }
}

INSTANTIATE_TEST_SUITE_P(RealText, WordCacheTokens,
                         testing::Values(CacheCase{"bahnstreik.de.txt", "de"},
                                         CacheCase{"cocoa.en.txt", "en"},
                                         CacheCase{"bahnstreik.de.txt", "en"},
                                         CacheCase{"cocoa.en.txt", ""}));

TEST(WordCache, KeepsLanguagesApart) {
  // "Bahnstrecken" is split and stemmed in German only; "running" is
  // stemmed in English only.
  TextAnalyzer plain;
  TextAnalyzer cached;
  cached.enable_word_cache(1000);
  const std::string text = "Bahnstrecken running Müller";
  for (const char* lang : {"de", "en", "", "de", "en"}) {
    EXPECT_EQ(describe(cached.analyze(text, lang)), describe(plain.analyze(text, lang))) << lang;
  }
  const auto german = cached.analyze(text, "de");
  const auto english = cached.analyze(text, "en");
  EXPECT_GT(german.size(), english.size());  // compound parts in German only
}

TEST(WordCache, SnippetAnalysisWithAPredicateIsUnchanged) {
  const std::string text = read_fixture("bahnstreik.de.txt");
  TextAnalyzer plain;
  TextAnalyzer cached;
  cached.enable_word_cache(1000);
  auto analyze = [&](TextAnalyzer& analyzer) {
    std::vector<Token> tokens;
    analyzer.analyze(
        text, "de", 1, [&](const Token& token) { tokens.push_back(token); },
        [](std::size_t begin, std::size_t) { return begin % 3 == 0; });
    return describe(tokens);
  };
  const auto expected = analyze(plain);
  EXPECT_EQ(analyze(cached), expected);
  EXPECT_EQ(analyze(cached), expected);
}

}  // namespace
}  // namespace archivar::analysis
