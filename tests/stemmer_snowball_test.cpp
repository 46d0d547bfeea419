// Our Stemmer wrapper against Snowball's reference vocabularies
// (../shared/data/snowball): every word must stem exactly as listed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/stemmer.hpp"
#include "archivar/errors.hpp"

namespace archivar::analysis {
namespace {

const std::filesystem::path kSnowball = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "snowball";

void expect_all_words_match(const std::string& algorithm, const std::string& code) {
  const auto voc = kSnowball / (algorithm + "-voc.txt");
  const auto output = kSnowball / (algorithm + "-output.txt");
  if (!std::filesystem::exists(voc)) {
    GTEST_SKIP() << "Snowball reference data not found at " << kSnowball
                 << " (../shared/data is absent)";
  }
  std::ifstream words(voc);
  std::ifstream stems(output);
  ASSERT_TRUE(words && stems);
  Stemmer stemmer(code);
  std::string word;
  std::string expected;
  std::size_t count = 0;
  std::size_t mismatches = 0;
  while (std::getline(words, word)) {
    ASSERT_TRUE(std::getline(stems, expected)) << "output file shorter than vocabulary";
    ++count;
    if (stemmer.stem(word) != expected) {
      if (++mismatches <= 10) {
        ADD_FAILURE() << word << " -> " << stemmer.stem(word) << ", expected " << expected;
      }
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(count, 30000u);
}

TEST(StemmerSnowball, GermanVocabularyMatchesExactly) { expect_all_words_match("german", "de"); }

TEST(StemmerSnowball, EnglishVocabularyMatchesExactly) { expect_all_words_match("english", "en"); }

TEST(Stemmer, UnknownLanguageIsAnInvalidArgument) {
  EXPECT_FALSE(Stemmer::supports("xx"));
  EXPECT_FALSE(Stemmer::supports(""));
  EXPECT_TRUE(Stemmer::supports("de"));
  EXPECT_THROW(Stemmer("klingon"), InvalidArgumentError);
}

TEST(Stemmer, MovedFromStemmerIsReplaced) {
  Stemmer first("en");
  Stemmer second(std::move(first));
  EXPECT_EQ(second.stem("connections"), "connect");
}

}  // namespace
}  // namespace archivar::analysis
