// Whole-word letter case (analysis/letter_case.hpp): the spellings of a word
// in running text, and a corrected word written as the typed one was.
#include "analysis/letter_case.hpp"

#include <gtest/gtest.h>

namespace archivar::analysis {
namespace {

TEST(LetterCase, FullCaseMappings) {
  EXPECT_EQ(lower_cased("ÄRZTE"), "ärzte");
  EXPECT_EQ(upper_cased("straße"), "STRASSE");
  EXPECT_EQ(capitalized("straße"), "Straße");
  EXPECT_EQ(capitalized("ÄRZTE"), "Ärzte");
  EXPECT_EQ(capitalized(""), "");
}

TEST(LetterCase, CasedLikeTheTypedWord) {
  EXPECT_EQ(cased_like("Klimawandl", "klimawandel"), "Klimawandel");
  EXPECT_EQ(cased_like("KLIMAWANDL", "klimawandel"), "KLIMAWANDEL");
  EXPECT_EQ(cased_like("klimawandl", "klimawandel"), "klimawandel");
  EXPECT_EQ(cased_like("Ärtze", "ärzte"), "Ärzte");
  // One capital letter is a capitalised word, not an upper-case one.
  EXPECT_EQ(cased_like("X", "xylophon"), "Xylophon");
  // Lower case first: left as the index writes it.
  EXPECT_EQ(cased_like("iPhnoe", "iphone"), "iphone");
  // Digits and marks do not count as letters.
  EXPECT_EQ(cased_like("G7-GIPFL", "gipfel"), "GIPFEL");
}

TEST(LetterCase, InvalidUtf8IsReadAsReplacementCharacters) {
  EXPECT_EQ(cased_like("\xff\xfe", "wort"), "wort");
  EXPECT_FALSE(capitalized("\xc3").empty());
}

}  // namespace
}  // namespace archivar::analysis
