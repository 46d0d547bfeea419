// Search-box syntax → AST: table-driven rows {input, to_string(parse_query(input))},
// then the limits and hostile/random input that must never throw.
#include "query/query_syntax.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::query {
namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;

struct Row {
  std::string input;
  std::string expected;  // to_string(parse_query(input))
};

void expect_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    EXPECT_EQ(to_string(parse_query(row.input)), row.expected) << "input: [" << row.input << "]";
  }
}

// Invariants for any input: within limits, no clause without alternatives,
// no alternative without text.
void expect_well_formed(const ParsedQuery& query, const ParseLimits& limits = {}) {
  EXPECT_LE(query.clauses.size(), limits.max_clauses);
  std::size_t text_bytes = 0;
  for (const Clause& clause : query.clauses) {
    ASSERT_FALSE(clause.any_of.empty());
    EXPECT_LE(clause.any_of.size(), limits.max_clauses);
    for (const Atom& atom : clause.any_of) {
      EXPECT_FALSE(atom.text.empty());
      text_bytes += atom.text.size();
    }
  }
  EXPECT_LE(text_bytes, limits.max_bytes);
}

TEST(QuerySyntax, Words) {
  expect_rows({
      {"Bundestag", "Bundestag"},
      {"Haushalt Bundestag Rede", "Haushalt Bundestag Rede"},
      {"shear flow past a flat plate", "shear flow past a flat plate"},
      {"Müller Größe Straße Ärger", "Müller Größe Straße Ärger"},
      {"Mueller Muller", "Mueller Muller"},
      {"Win-Win-Situation", "Win-Win-Situation"},        // hyphenated: one word
      {"a-b", "a-b"},                                    // '-' inside a word is no sign
      {"C++ C#", "C++ C#"},                              // trailing '+' is part of the word
      {"redaktion@example.de", "redaktion@example.de"},  // email-like
      {"https://example.org/a?b=c&d=-e", "https://example.org/a?b=c&d=-e"},  // URL-like
      {"Web 2.0", "Web 2.0"},
      {"(((( a", "(((( a"},  // parentheses are not syntax
  });
}

TEST(QuerySyntax, Phrases) {
  expect_rows({
      {"\"Deutscher Bundestag\"", "\"Deutscher Bundestag\""},
      {"Rede \"zur Lage der Nation\" 2023", "Rede \"zur Lage der Nation\" 2023"},
      {"\"größere Straßen\"", "\"größere Straßen\""},
      {"foo\"bar baz\"qux", "foo \"bar baz\" qux"},  // a quote ends a word
      {"\"a  b\"", "\"a  b\""},                      // phrase content kept verbatim
      {"\"\"", ""},                                  // empty phrase dropped
      {"a \"\" b", "a b"},
      {"\"  \t \"", ""},  // blank phrase dropped
      {"\"unbalanced quote runs to the end", "\"unbalanced quote runs to the end\""},
      {"a \"b c\" \"d", "a \"b c\" \"d\""},
      {"\"", ""},
      {"\"\"\"", ""},
  });
}

TEST(QuerySyntax, RequiredAndExcluded) {
  expect_rows({
      {"+Bundestag -Bundesrat", "+Bundestag -Bundesrat"},
      {"+\"flat plate\" -\"shock wave\"", "+\"flat plate\" -\"shock wave\""},
      {"--x", "-x"},  // a run of signs: the first decides
      {"+-x", "+x"},
      {"-+x", "-x"},
      {"+", ""},  // a sign alone is dropped
      {"-", ""},
      {"+ a", "a"},  // a sign only counts directly before an atom
      {"a - b", "a b"},
      {"a -", "a"},
      {"-----", ""},
      {"+++++ -----", ""},
      {"- \"x y\"", "\"x y\""},
      {"-\"\"", ""},  // signed empty phrase dropped with its sign
      {"-5", "-5"},   // a leading '-' is a sign, even before digits
  });
}

TEST(QuerySyntax, Not) {
  expect_rows({
      {"Bundestag NOT Bundesrat", "Bundestag -Bundesrat"},
      {"NOT Bundesrat", "-Bundesrat"},
      {"NOT \"shock wave\"", "-\"shock wave\""},
      {"NOT +x", "-x"},
      {"NOT NOT x", "-x"},  // the first NOT has no operand: dropped
      {"NOT", ""},
      {"a NOT", "a"},
      {"not x", "not x"},    // lower case: a word
      {"+NOT x", "+NOT x"},  // a signed operator word is a word
  });
}

TEST(QuerySyntax, And) {
  expect_rows({
      {"Bundestag AND Haushalt", "+Bundestag +Haushalt"},
      {"a AND b AND c", "+a +b +c"},
      {"a && b", "+a +b"},
      {"x a AND b y", "x +a +b y"},
      {"a AND -b", "+a -b"},  // AND does not undo an exclusion
      {"-a AND b", "-a +b"},
      {"a AND NOT b", "+a -b"},
      {"+a AND b", "+a +b"},
      {"\"flat plate\" AND shear", "+\"flat plate\" +shear"},
      {"and or", "and or"},  // lower case: words
      {"Katz and Maus", "Katz and Maus"},
      {"+AND", "+AND"},
  });
}

TEST(QuerySyntax, Or) {
  expect_rows({
      {"Bundestag OR Bundesrat", "(Bundestag OR Bundesrat)"},
      {"a OR b OR c", "(a OR b OR c)"},  // one clause, three alternatives
      {"a || b", "(a OR b)"},
      {"x a OR b y", "x (a OR b) y"},  // OR binds tighter than the implicit operator
      {"\"flat plate\" OR \"flat wing\"", "(\"flat plate\" OR \"flat wing\")"},
      {"a OR b AND c", "+(a OR b) +c"},  // and tighter than AND (the AST has no nesting)
      {"a AND b OR c", "+a +(b OR c)"},
      {"a AND b OR c AND d", "+a +(b OR c) +d"},
      {"x AND a OR b OR c y", "+x +(a OR b OR c) y"},
      {"a OR -b", "a -b"},  // a signed side drops the OR, both keep their signs
      {"+a OR b", "+a b"},
      {"a OR NOT b", "a -b"},
      {"a OR b OR -c", "(a OR b) -c"},
      {"(a OR b)", "((a OR b))"},  // words "(a" and "b)"
      {"Katze oder Hund", "Katze oder Hund"},
      {"cats or dogs", "cats or dogs"},
  });
}

TEST(QuerySyntax, DanglingOperators) {
  expect_rows({
      {"OR a", "a"},
      {"a OR", "a"},
      {"AND", ""},
      {"OR", ""},
      {"AND a", "a"},
      {"a AND", "a"},
      {"a OR AND b", "a b"},  // an operator next to an operator has no operand there
      {"a AND OR b", "a b"},
      {"a OR OR b", "a b"},
      {"AND OR NOT && ||", ""},
      {"a NOT OR b", "(a OR b)"},  // NOT goes first, then OR sees a and b
  });
}

TEST(QuerySyntax, Whitespace) {
  expect_rows({
      {"", ""},
      {"   ", ""},
      {"\ta\tb\t", "a b"},
      {"a\nb\r\nc", "a b c"},
      {"  Bundestag   \n  Haushalt ", "Bundestag Haushalt"},
      {"a\vb\fc", "a b c"},
      {"\"a\nb\"", "\"a\nb\""},
      // NBSP (U+00A0) is not ASCII whitespace: it stays inside the word; the
      // Analyzer's word breaker splits it later.
      {"a\u00a0b", "a\u00a0b"},
      {"a\u2003b", "a\u2003b"},  // EM SPACE likewise
  });
}

TEST(QuerySyntax, ControlBytesSeparate) {
  expect_rows({
      {"a\0b"s, "a b"},
      {"\0\0\0"s, ""},
      {"a\x01\x02\x1f\x7f"
       "b",
       "a b"},
      {"\"a\0b\""s, "\"a\0b\""s},  // phrase content verbatim
      {"+\0a"s, "a"},
  });
}

TEST(QuerySyntax, InvalidUtf8PassesThrough) {
  expect_rows({
      {"\xff\xfe abc", "\xff\xfe abc"},
      {"M\xfcller", "M\xfcller"},  // Latin-1 ü
      {"\xc3", "\xc3"},
  });
}

TEST(QuerySyntax, ToStringOfBuiltQuery) {
  ParsedQuery query;
  query.clauses.push_back({Occur::must, {{Atom::Kind::word, "word"}}});
  query.clauses.push_back({Occur::should, {{Atom::Kind::phrase, "a phrase"}}});
  query.clauses.push_back({Occur::should, {{Atom::Kind::word, "x"}, {Atom::Kind::word, "y"}}});
  query.clauses.push_back({Occur::must_not, {{Atom::Kind::word, "z"}}});
  EXPECT_EQ(to_string(query), "+word \"a phrase\" (x OR y) -z");
  EXPECT_EQ(parse_query("+word \"a phrase\" x OR y -z"), query);
}

TEST(QuerySyntax, ClauseLimit) {
  std::string input;
  for (int i = 0; i < 10000; ++i) input += "w" + std::to_string(i) + " ";
  const ParseLimits roomy{1024, 1 << 20};
  const ParsedQuery query = parse_query(input, roomy);
  ASSERT_EQ(query.clauses.size(), 1024u);
  EXPECT_EQ(query.clauses.front().any_of.front().text, "w0");
  EXPECT_EQ(query.clauses.back().any_of.front().text, "w1023");
  expect_well_formed(query, roomy);

  const ParseLimits tight{3, 1 << 20};
  EXPECT_EQ(to_string(parse_query("a b c d e", tight)), "a b c");
  EXPECT_EQ(to_string(parse_query("a b c d OR e", tight)), "a b c");
  EXPECT_EQ(to_string(parse_query("a OR b OR c OR d OR e f", tight)), "(a OR b OR c) f");
  EXPECT_TRUE(parse_query("a b", ParseLimits{0, 100}).empty());

  // Default limits: the 16 KiB byte limit applies first, then max_clauses.
  const ParsedQuery defaults = parse_query(input);
  EXPECT_EQ(defaults.clauses.size(), ParseLimits{}.max_clauses);
  expect_well_formed(defaults);
}

TEST(QuerySyntax, AlternativesLimit) {
  std::string input = "a";
  for (int i = 0; i < 10000; ++i) input += " OR b" + std::to_string(i);
  const ParseLimits roomy{1024, 1 << 20};
  const ParsedQuery query = parse_query(input, roomy);
  ASSERT_EQ(query.clauses.size(), 1u);
  EXPECT_EQ(query.clauses.front().any_of.size(), 1024u);
  expect_well_formed(query, roomy);
}

TEST(QuerySyntax, ByteLimit) {
  const std::string megabyte(1 << 20, 'a');
  const ParsedQuery query = parse_query(megabyte);
  ASSERT_EQ(query.clauses.size(), 1u);
  EXPECT_EQ(query.clauses.front().any_of.front().text.size(), ParseLimits{}.max_bytes);

  EXPECT_EQ(to_string(parse_query("abc def", ParseLimits{10, 5})), "abc d");
  EXPECT_TRUE(parse_query("abc", ParseLimits{10, 0}).empty());
  // The cut never splits a UTF-8 sequence: "ä" is 2 bytes, "€" 3.
  EXPECT_EQ(to_string(parse_query("ääää", ParseLimits{10, 5})), "ää");
  EXPECT_EQ(to_string(parse_query("a€€", ParseLimits{10, 6})), "a€");
  EXPECT_EQ(to_string(parse_query("a€€", ParseLimits{10, 5})), "a€");
  EXPECT_EQ(to_string(parse_query("a€€", ParseLimits{10, 4})), "a€");
  // Stray continuation bytes are not UTF-8: cut where the limit says.
  EXPECT_EQ(to_string(parse_query("a\x80\x80\x80\x80\x80", ParseLimits{10, 3})), "a\x80\x80");
}

TEST(QuerySyntax, HostileInputWithinLimits) {
  const ParseLimits big{1024, 1 << 20};
  const std::vector<std::string> inputs = {
      std::string(100000, '"'),
      std::string(100000, '('),
      std::string(100000, '-'),
      std::string(100000, '+'),
      std::string(1 << 20, '\0'),
      [] {
        std::string s;
        for (int i = 0; i < 100000; ++i) s += "\"x";
        return s;
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "NOT ";
        return s + "x";
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "a OR AND ";
        return s;
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "-(( ";
        return s;
      }(),
  };
  for (const std::string& input : inputs) {
    for (const ParseLimits& limits : {ParseLimits{}, big}) {
      ParsedQuery query;
      EXPECT_NO_THROW(query = parse_query(input, limits));
      expect_well_formed(query, limits);
      EXPECT_NO_THROW(static_cast<void>(to_string(query)));
    }
  }
  EXPECT_EQ(to_string(parse_query(std::string(100000, '"'), big)), "");
  EXPECT_EQ(to_string(parse_query(std::string(100000, '-'), big)), "");
  EXPECT_EQ(parse_query(std::string(100000, '('), big).clauses.size(), 1u);
}

TEST(QuerySyntax, RandomBytesNeverBreakTheParser) {
  std::mt19937 rng(20240601);
  // Bias towards the bytes that mean something to the parser.
  const std::string_view special = "\"+- \t\n\0ANDORT&|()\xc3\xa4\x80\xff"sv;
  std::uniform_int_distribution<int> length(0, 200);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, special.size() - 1);
  std::bernoulli_distribution use_special(0.5);
  const ParseLimits small{16, 64};
  for (int n = 0; n < 1000; ++n) {
    std::string input;
    const int size = length(rng);
    for (int i = 0; i < size; ++i) {
      input += use_special(rng) ? special[pick(rng)] : static_cast<char>(byte(rng));
    }
    for (const ParseLimits& limits : {ParseLimits{}, small}) {
      ParsedQuery query;
      ASSERT_NO_THROW(query = parse_query(input, limits)) << "random string #" << n;
      expect_well_formed(query, limits);
      ASSERT_NO_THROW(static_cast<void>(to_string(query)));
    }
  }
}

}  // namespace
}  // namespace archivar::query
