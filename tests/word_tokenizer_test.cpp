// WordTokenizer: ICU's word boundaries through its two text paths (ASCII as
// UTF-16, other text as a UTF-8 UText) and through random access around
// given offsets (for_each_word_at), always the words of a full pass; and
// TextAnalyzer::analyze_words_at, the whole chain on just those words.
#include "analysis/word_tokenizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "analysis/text_analyzer.hpp"

namespace archivar::analysis {
namespace {

using Words = std::vector<std::pair<std::size_t, std::size_t>>;

Words all_words(WordTokenizer& tokenizer, std::string_view text) {
  Words words;
  tokenizer.for_each_word(text, [&](std::size_t b, std::size_t e) { words.emplace_back(b, e); });
  return words;
}

Words words_at(WordTokenizer& tokenizer, std::string_view text,
               const std::vector<std::size_t>& offsets) {
  Words words;
  tokenizer.for_each_word_at(text, offsets,
                             [&](std::size_t b, std::size_t e) { words.emplace_back(b, e); });
  return words;
}

// The words of `words` holding one of `offsets` (ascending).
Words holding(const Words& words, const std::vector<std::size_t>& offsets) {
  Words out;
  for (const auto& word : words) {
    for (const std::size_t offset : offsets) {
      if (offset >= word.first && offset < word.second) {
        out.push_back(word);
        break;
      }
    }
  }
  return out;
}

std::string fixture(const char* name) {
  std::ifstream in(std::string(ARCHIVAR_FIXTURES) + "/snippets/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Texts that exercise ICU's rules: mid-word punctuation, numbers, hyphens,
// underscores, apostrophes, scripts with and without case, dictionary
// scripts (Thai, Chinese, Japanese), emoji with joiners, combining marks,
// regional indicators, and invalid UTF-8.
std::vector<std::string> texts() {
  return {
      "Don't split e.g. 3.5 or 1,000,000 -- but Win-Win and Super_Bowl_50 do.",
      "  leading   spaces\tand\nnewlines  ",
      "Müller's Straßenbahn fährt um 7:45 Uhr nach Köln-Ehrenfeld (ca. 12 km).",
      "Mu\xCC\x88ller und Mu\xCC\x88nchen in NFD, \xE2\x80\x9Equoted\xE2\x80\x9C text "
      "\xE2\x80\x99s",
      "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90: \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 "
      "and \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",
      "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94\xE0\xB8\xB5\xE0\xB8\x84"
      "\xE0\xB8\xA3\xE0\xB8\xB1\xE0\xB8\x9A \xE4\xB8\xAD\xE6\x96\x87\xE5\x88\x86\xE8\xAF\x8D"
      "\xE6\xB5\x8B\xE8\xAF\x95 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86"
      "\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88",
      "family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 flags "
      "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7 end",
      std::string("bad \xFF\xFE bytes \xC3 cut \xE2\x82 and \0 nul", 31),
      "url http://example.com/a_b?c=d&e=f#g mail x.y@example.org 2004-05-06",
      fixture("bahnstreik.de.txt"),
      fixture("cocoa.en.txt"),
  };
}

// Every offset, every word start, sparse random offsets: the words holding
// them are exactly those of the full pass.
TEST(WordTokenizer, RandomAccessFindsTheWordsOfTheFullPass) {
  WordTokenizer tokenizer;
  std::mt19937 random(7);
  for (const std::string& text : texts()) {
    ASSERT_FALSE(text.empty());
    const Words words = all_words(tokenizer, text);
    ASSERT_FALSE(words.empty()) << text;
    std::vector<std::size_t> every(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) every[i] = i;
    EXPECT_EQ(words_at(tokenizer, text, every), words) << text.substr(0, 60);
    std::vector<std::size_t> starts;
    for (const auto& word : words) starts.push_back(word.first);
    EXPECT_EQ(words_at(tokenizer, text, starts), words) << text.substr(0, 60);
    for (int round = 0; round < 50; ++round) {
      std::vector<std::size_t> offsets;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (random() % 37 == 0) offsets.push_back(i);
      }
      // Each offset alone (ICU starts afresh) and all together.
      for (const std::size_t offset : offsets) {
        EXPECT_EQ(words_at(tokenizer, text, {offset}), holding(words, {offset}))
            << offset << " in " << text.substr(0, 60);
      }
      EXPECT_EQ(words_at(tokenizer, text, offsets), holding(words, offsets));
    }
  }
}

TEST(WordTokenizer, RandomAccessEdgeCases) {
  WordTokenizer tokenizer;
  EXPECT_TRUE(words_at(tokenizer, "", {0}).empty());
  EXPECT_TRUE(words_at(tokenizer, "word", {}).empty());
  EXPECT_TRUE(words_at(tokenizer, "word", {4, 9}).empty());      // past the end
  EXPECT_TRUE(words_at(tokenizer, "a , b", {1, 2, 3}).empty());  // spaces and punctuation
  EXPECT_EQ(words_at(tokenizer, "a_b c", {1}), Words{});         // the underscore
  EXPECT_EQ(words_at(tokenizer, "a_b c", {0, 2, 2, 4}), (Words{{0, 1}, {2, 3}, {4, 5}}));
}

// An ASCII text (broken as UTF-16) gives the same words as the same text
// broken as UTF-8, which one non-ASCII character at its end forces.
TEST(WordTokenizer, AsciiAndUtf8PathsAgree) {
  WordTokenizer tokenizer;
  for (std::string text : texts()) {
    std::string ascii;
    for (const char c : text) ascii.push_back(static_cast<unsigned char>(c) < 0x80 ? c : ' ');
    const Words as_utf16 = all_words(tokenizer, ascii);
    Words as_utf8 = all_words(tokenizer, ascii + " \xC3\xA9");
    ASSERT_FALSE(as_utf8.empty());
    as_utf8.pop_back();  // the é
    EXPECT_EQ(as_utf16, as_utf8) << ascii.substr(0, 60);
  }
}

// The tokens of the words holding the offsets equal those analyze() gives
// them when `deep` holds for exactly those words (stems, spelling variants,
// compound parts), with and without the word cache; positions are 0.
TEST(TextAnalyzer, WordsAtGiveTheDeepTokensOfThoseWords) {
  std::mt19937 random(11);
  for (const auto& [name, lang] :
       {std::pair{"bahnstreik.de.txt", "de"}, std::pair{"cocoa.en.txt", "en"},
        std::pair{"cocoa.en.txt", ""}}) {
    const std::string text = fixture(name);
    for (const std::size_t cache : {std::size_t{0}, std::size_t{1000}}) {
      TextAnalyzer analyzer;
      if (cache != 0) analyzer.enable_word_cache(cache);
      for (int round = 0; round < 20; ++round) {
        std::vector<std::size_t> offsets;
        for (std::size_t i = 0; i < text.size(); ++i) {
          if (random() % 23 == 0) offsets.push_back(i);
        }
        const auto holds = [&](std::size_t begin, std::size_t end) {
          const auto hit = std::lower_bound(offsets.begin(), offsets.end(), begin);
          return hit != offsets.end() && *hit < end;
        };
        std::vector<std::string> expected;
        const auto describe = [](const Token& token) {
          return token.term + "|" + token.stem + "|" + std::to_string(token.begin) + "-" +
                 std::to_string(token.end) + "|" + (token.same_position ? "same" : "next") + "|" +
                 std::to_string(static_cast<int>(token.kind)) + "|" +
                 std::to_string(token.position);
        };
        analyzer.analyze(
            text, lang, 1,
            [&](const Token& token) {
              if (!holds(token.begin, token.end)) return;
              Token copy = token;
              copy.position = 0;
              expected.push_back(describe(copy));
            },
            holds);
        std::vector<std::string> got;
        analyzer.analyze_words_at(text, lang, offsets,
                                  [&](const Token& token) { got.push_back(describe(token)); });
        ASSERT_GT(expected.size(), 20U);
        EXPECT_EQ(got, expected) << name << " " << lang << " " << cache;
      }
    }
  }
}

}  // namespace
}  // namespace archivar::analysis
