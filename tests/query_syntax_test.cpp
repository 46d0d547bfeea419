// Search-box syntax → AST: table-driven rows {input, to_string(parse_query(input))},
// then the limits and hostile/random input that must never throw.
#include "query/query_syntax.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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

// Invariants for any input: within limits, no empty group below the root,
// no leaf without text (or a date range without bounds), AND/OR/NEAR with
// at least two operands.
void check_node(const Node& node, std::size_t depth, std::size_t& leaves, std::size_t& bytes,
                std::size_t& max_depth) {
  switch (node.kind) {
    case Node::Kind::group:
    case Node::Kind::all:
    case Node::Kind::any:
    case Node::Kind::near: {
      const bool group = node.kind == Node::Kind::group;
      if (group) max_depth = std::max(max_depth, depth);
      if (!group) {
        EXPECT_GE(node.children.size(), 2u);
      } else if (depth > 0) {
        EXPECT_GE(node.children.size(), 1u);
      }
      for (const Node& child : node.children) {
        check_node(child, depth + (group ? 1 : 0), leaves, bytes, max_depth);
      }
      return;
    }
    case Node::Kind::date_range:
      EXPECT_FALSE(node.from.empty() && node.to.empty());
      ++leaves;
      return;
    default:
      EXPECT_FALSE(node.text.empty());
      bytes += node.text.size();
      ++leaves;
      return;
  }
}

void expect_well_formed(const ParsedQuery& query, const ParseLimits& limits = {}) {
  EXPECT_EQ(query.root.kind, Node::Kind::group);
  std::size_t leaves = 0;
  std::size_t bytes = 0;
  std::size_t depth = 0;  // of the deepest group below the root
  check_node(query.root, 0, leaves, bytes, depth);
  EXPECT_LE(leaves, limits.max_terms);
  EXPECT_LE(bytes, limits.max_bytes);
  EXPECT_LE(depth, limits.max_depth);
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
      {"f(x) g(y)", "f(x) g(y)"},        // '(' inside a word is part of it
      {"1) a", "1) a"},                  // ')' with no group open is part of the word
      {"Zeit: 10 Uhr", "Zeit: 10 Uhr"},  // a colon without a known field: words
      {"https://x.de foo:bar Batman:", "https://x.de foo:bar Batman:"},
      {"s*x a*b*", "s*x a*b*"},  // '*' inside a word
  });
}

// German gender forms: the joined feminine form (the analyzer decompounds
// it to the noun too); other words with those signs stay as typed.
TEST(QuerySyntax, GenderFormsAreJoined) {
  expect_rows({
      {"Arbeiter*innen Bürger*in", "Arbeiterinnen Bürgerin"},
      {"Lehrer:innen Lehrer:in", "Lehrerinnen Lehrerin"},
      {"Lehrer_innen Lehrer/innen Lehrer/-innen Lehrer/in",
       "Lehrerinnen Lehrerinnen Lehrerinnen Lehrerin"},
      {"Ärzt*Innen lehrer*innen", "Ärztinnen lehrerinnen"},
      {"title:Lehrer*innen", "title:Lehrerinnen"},
      // Not gender forms: too short, digits, another ending, '_' + "in".
      {"ab*innen x2y*innen check_in log_in", "ab*innen x2y*innen check_in log_in"},
      {"Lehrer*ina Lehrer*", "Lehrer*ina Lehrer*"},
      {"author:Lehrer*innen", "author:Lehrer*innen"},
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
      // At clause level AND makes its operands required clauses.
      {"Bundestag AND Haushalt", "+Bundestag +Haushalt"},
      {"a AND b AND c", "+a +b +c"},
      {"a && b", "+a +b"},
      {"x a AND b y", "x +a +b y"},
      {"a AND -b", "+a -b"},  // AND does not undo an exclusion
      {"-a AND b", "-a +b"},
      {"a AND NOT b", "+a -b"},
      {"NOT a AND b", "-a +b"},  // NOT binds tighter than AND
      {"+a AND b", "+a +b"},
      {"\"flat plate\" AND shear", "+\"flat plate\" +shear"},
      {"and or", "and or"},  // lower case: words
      {"Katz and Maus", "Katz and Maus"},
      {"+AND", "+AND"},
      {"(a AND b)", "(+a +b)"},  // a group of required clauses
  });
}

TEST(QuerySyntax, Or) {
  expect_rows({
      {"Bundestag OR Bundesrat", "(Bundestag OR Bundesrat)"},
      {"a OR b OR c", "(a OR b OR c)"},
      {"a || b", "(a OR b)"},
      {"x a OR b y", "x (a OR b) y"},  // OR binds tighter than the implicit operator
      {"\"flat plate\" OR \"flat wing\"", "(\"flat plate\" OR \"flat wing\")"},
      {"a OR -b", "a -b"},  // a signed side drops the OR, both keep their signs
      {"+a OR b", "+a b"},
      {"a OR NOT b", "a -b"},
      {"NOT a OR b", "-a b"},
      {"a OR b OR -c", "(a OR b) -c"},
      {"Katze oder Hund", "Katze oder Hund"},
      {"cats or dogs", "cats or dogs"},
  });
}

TEST(QuerySyntax, PrecedenceNotAndOrImplicit) {
  expect_rows({
      {"a OR b AND c", "(a OR (b AND c))"},  // AND binds tighter than OR
      {"a AND b OR c", "((a AND b) OR c)"},
      {"a AND b OR c AND d", "((a AND b) OR (c AND d))"},
      {"x AND a OR b OR c y", "((x AND a) OR b OR c) y"},
      {"a OR b AND NOT c", "(a OR (b AND NOT c))"},
      {"a OR NOT b AND c", "a -b +c"},  // the OR has a negated side: dropped
      {"x y OR z AND w", "x (y OR (z AND w))"},
  });
}

TEST(QuerySyntax, Parentheses) {
  expect_rows({
      {"(a OR b) AND c", "+(a OR b) +c"},
      {"a AND (b OR c)", "+a +(b OR c)"},
      {"(Bundestag OR Bundesrat) Haushalt", "(Bundestag OR Bundesrat) Haushalt"},
      {"(a b) c", "(a b) c"},
      {"-(a b) c", "-(a b) c"},
      {"+(a OR b) c", "+(a OR b) c"},
      {"NOT (a OR b)", "-(a OR b)"},
      {"((a))", "a"},  // one unsigned clause: the group is that clause
      {"(-a)", "(-a)"},
      {"((a OR b) AND (c OR d)) OR e", "((+(a OR b) +(c OR d)) OR e)"},
      {"(a OR b) AND (c OR d) OR e", "(((a OR b) AND (c OR d)) OR e)"},
      {"(a (b (c d)))", "(a (b (c d)))"},
      {"(e.g., SDC, Lockheed), more", "(e.g., SDC, Lockheed) , more"},
      // Unbalanced: open groups close at the end, a stray ')' is a byte.
      {"(a b", "(a b)"},
      {"(((( a", "a"},
      {"a (b", "a b"},
      {"a) b", "a) b"},
      {"(a))) b", "a )) b"},
      {"( )", ""},
      {"()", ""},
      {"-()", ""},
      {"-(", ""},
      {"(AND a)", "a"},
      {"(a OR) b", "a b"},
  });
}

TEST(QuerySyntax, NestingDeeperThanTheLimitIsFlattened) {
  const ParseLimits two{1024, 16384, 2};
  EXPECT_EQ(to_string(parse_query("(a (b (c (d e))))", two)), "(a (b c d e))");
  EXPECT_EQ(to_string(parse_query("(a (b (c (d e)) f) g) h", two)), "(a (b c d e f) g) h");
  EXPECT_EQ(to_string(parse_query("-(a (b -(c d)))", two)), "-(a (b c d))");
  EXPECT_EQ(to_string(parse_query("(a (b (c (d e))))", ParseLimits{1024, 16384, 0})), "a b c d e");
}

TEST(QuerySyntax, Fields) {
  expect_rows({
      {"title:Münzen", "title:Münzen"},
      {"author:Müller Bundesbank", "author:Müller Bundesbank"},
      {"author:\"Grit Müller\" Münze", "author:\"Grit Müller\" Münze"},
      {"tag:Wirtschaft source:reuters lang:de", "tag:Wirtschaft source:reuters lang:de"},
      {"url:https://example.org/a?b=c", "url:https://example.org/a?b=c"},
      {"-source:reuters cocoa", "-source:reuters cocoa"},
      {"+lang:en cocoa", "+lang:en cocoa"},
      {"title:\"Deutsche Mark\"", "title:\"Deutsche Mark\""},
      {"title:x:y", "title:x:y"},  // the value may hold colons
      {"author:a OR author:b", "(author:a OR author:b)"},
      {"(author:a tag:b)", "(author:a tag:b)"},
      // Not fields: unknown names, upper case, no value.
      {"foo:bar", "foo:bar"},
      {"Title:x AUTHOR:y", "Title:x AUTHOR:y"},
      {"title:", "title:"},
      {"title: Münze", "title: Münze"},
      {"author:\"\" x", "x"},  // empty quoted value: dropped
      {"author:\"unbalanced value", "author:\"unbalanced value\""},
      {":x", ":x"},
  });
  const ParsedQuery query = parse_query("author:\"Grit Müller\"");
  ASSERT_EQ(query.root.children.size(), 1u);
  const Node& field = query.root.children.front();
  EXPECT_EQ(field.kind, Node::Kind::field);
  EXPECT_EQ(field.field, Field::author);
  EXPECT_EQ(field.text, "Grit Müller");
  EXPECT_TRUE(field.quoted);
}

TEST(QuerySyntax, DateRanges) {
  expect_rows({
      {"date:2014", "date:2014-01-01..2014-12-31"},
      {"date:2014-03", "date:2014-03-01..2014-03-31"},
      {"date:2014-02", "date:2014-02-01..2014-02-28"},
      {"date:2016-02", "date:2016-02-01..2016-02-29"},  // leap year
      {"date:2000-02", "date:2000-02-01..2000-02-29"},
      {"date:1900-02", "date:1900-02-01..1900-02-28"},
      {"date:2014-05-06", "date:2014-05-06..2014-05-06"},
      {"date:2014-01-01..2014-12-31", "date:2014-01-01..2014-12-31"},
      {"date:2014..2016-06", "date:2014-01-01..2016-06-30"},
      {"date:..2014-12-31", "date:..2014-12-31"},
      {"date:2014-01-01..", "date:2014-01-01.."},
      {"date:..2014", "date:..2014-12-31"},
      {"date:2015..2014", "date:2014-01-01..2015-12-31"},  // reversed: swapped
      {"date:\"2014\"", "date:2014-01-01..2014-12-31"},
      {"Münze -date:2001", "Münze -date:2001-01-01..2001-12-31"},
      // Invalid dates are words as typed.
      {"date:2014-13", "date:2014-13"},
      {"date:2014-02-30", "date:2014-02-30"},
      {"date:..", "date:.."},
      {"date:14", "date:14"},
      {"date:2014-1-1", "date:2014-1-1"},
      {"date:gestern", "date:gestern"},
      {"date:2014...2015", "date:2014...2015"},
      {"date:", "date:"},
  });
  const Node range = parse_query("date:2014-03").root.children.at(0);
  EXPECT_EQ(range.kind, Node::Kind::date_range);
  EXPECT_EQ(range.from, "20140301");
  EXPECT_EQ(range.to, "20140331");
}

TEST(QuerySyntax, Wildcards) {
  expect_rows({
      {"Münz*", "Münz*"},
      {"Goldmünz* Bundesbank", "Goldmünz* Bundesbank"},
      {"-inflat*", "-inflat*"},
      {"ab**", "ab*"},  // trailing stars: one prefix
      // Too short, bare, or a star inside: words.
      {"s*", "s*"},
      {"ä*", "ä*"},
      {"*", "*"},
      {"***", "***"},
      {"s******", "s******"},
      {"a*b*", "a*b*"},
      {"Bürger*in", "Bürgerin"},  // a gender form (GenderFormsAreJoined)
  });
  EXPECT_EQ(parse_query("Münz*").root.children.at(0).kind, Node::Kind::prefix);
  EXPECT_EQ(parse_query("Münz*").root.children.at(0).text, "Münz");
  EXPECT_EQ(parse_query("ä*").root.children.at(0).kind, Node::Kind::word);
}

TEST(QuerySyntax, Near) {
  expect_rows({
      {"Gold NEAR Münze", "(Gold NEAR/10 Münze)"},
      {"Gold NEAR/3 Münze", "(Gold NEAR/3 Münze)"},
      {"a NEAR/3 b NEAR/5 c", "(a NEAR/5 b NEAR/5 c)"},  // a chain takes the largest n
      {"\"Deutsche Mark\" NEAR Gold", "(\"Deutsche Mark\" NEAR/10 Gold)"},
      {"a NEAR/0 b", "(a NEAR/0 b)"},
      {"a NEAR/99999 b", "(a NEAR/100 b)"},  // capped
      {"x a NEAR b OR c", "x ((a NEAR/10 b) OR c)"},
      {"NOT a NEAR b", "-(a NEAR/10 b)"},
      {"a near b", "a near b"},  // lower case: words
      // Dropped where an operand is missing or not a word/phrase.
      {"a NEAR", "a"},
      {"NEAR b", "b"},
      {"NEAR/0", ""},
      {"a NEAR -b", "a -b"},
      {"a NEAR (b c)", "a (b c)"},
      {"a NEAR title:b", "a title:b"},
      {"a NEAR/x b", "a NEAR/x b"},  // not an operator
  });
}

TEST(QuerySyntax, DebugFormParsesBackToTheSameTree) {
  for (const std::string input :
       {"+word \"a phrase\" (x OR y) -z", "author:\"Grit Müller\" date:2014-01-01..2014-12-31",
        "(a NEAR/3 b) ((c AND NOT d) OR e) -(f g) Münz* title:x",
        "date:..2014-12-31 -tag:Sport url:https://x.de/?a=b"}) {
    const ParsedQuery query = parse_query(input);
    EXPECT_EQ(parse_query(to_string(query)), query) << input;
  }
}

TEST(QuerySyntax, ToStringOfBuiltTree) {
  ParsedQuery query;
  Node word;
  word.text = "word";
  word.occur = Occur::must;
  Node phrase;
  phrase.kind = Node::Kind::phrase;
  phrase.text = "a phrase";
  Node any;
  any.kind = Node::Kind::any;
  any.children.resize(2);
  any.children[0].text = "x";
  any.children[1].text = "y";
  Node excluded;
  excluded.text = "z";
  excluded.occur = Occur::must_not;
  query.root.children = {word, phrase, any, excluded};
  EXPECT_EQ(to_string(query), "+word \"a phrase\" (x OR y) -z");
  EXPECT_EQ(parse_query("+word \"a phrase\" x OR y -z"), query);
  EXPECT_EQ(to_string(excluded), "-z");
}

TEST(QuerySyntax, TermLimit) {
  std::string input;
  for (int i = 0; i < 10000; ++i) input += "w" + std::to_string(i) + " ";
  const ParseLimits roomy{1024, 1 << 20};
  const ParsedQuery query = parse_query(input, roomy);
  ASSERT_EQ(query.root.children.size(), 1024u);
  EXPECT_EQ(query.root.children.front().text, "w0");
  EXPECT_EQ(query.root.children.back().text, "w1023");
  expect_well_formed(query, roomy);

  const ParseLimits tight{3, 1 << 20};
  EXPECT_EQ(to_string(parse_query("a b c d e", tight)), "a b c");
  EXPECT_EQ(to_string(parse_query("a b c d OR e", tight)), "a b c");
  EXPECT_EQ(to_string(parse_query("a OR b OR c OR d OR e f", tight)), "(a OR b OR c)");
  EXPECT_EQ(to_string(parse_query("(a b) (c d)", tight)), "(a b) c");
  EXPECT_TRUE(parse_query("a b", ParseLimits{0, 100}).empty());

  // Default limits: the 16 KiB byte limit applies first, then max_terms.
  const ParsedQuery defaults = parse_query(input);
  EXPECT_EQ(defaults.root.children.size(), ParseLimits{}.max_terms);
  expect_well_formed(defaults);
}

TEST(QuerySyntax, AlternativesLimit) {
  std::string input = "a";
  for (int i = 0; i < 10000; ++i) input += " OR b" + std::to_string(i);
  const ParseLimits roomy{1024, 1 << 20};
  const ParsedQuery query = parse_query(input, roomy);
  ASSERT_EQ(query.root.children.size(), 1u);
  EXPECT_EQ(query.root.children.front().children.size(), 1024u);
  expect_well_formed(query, roomy);
}

TEST(QuerySyntax, ByteLimit) {
  const std::string megabyte(1 << 20, 'a');
  const ParsedQuery query = parse_query(megabyte);
  ASSERT_EQ(query.root.children.size(), 1u);
  EXPECT_EQ(query.root.children.front().text.size(), ParseLimits{}.max_bytes);

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

std::string repeat(std::string_view piece, int times) {
  std::string s;
  for (int i = 0; i < times; ++i) s += piece;
  return s;
}

TEST(QuerySyntax, HostileInputWithinLimits) {
  const ParseLimits big{1024, 1 << 20};
  const std::vector<std::string> inputs = {
      std::string(100000, '"'),
      std::string(100000, '('),
      std::string(100000, ')'),
      std::string(100000, '-'),
      std::string(100000, '+'),
      std::string(100000, '*'),
      std::string(100000, ':'),
      std::string(1 << 20, '\0'),
      repeat("\"x", 100000),
      repeat("NOT ", 50000) + "x",
      repeat("a OR AND ", 50000),
      repeat("-(( ", 50000),
      repeat("(", 10000) + "a" + repeat(")", 10000),  // 10,000 nested parentheses
      repeat("(a OR ", 10000) + "b" + repeat(")", 10000),
      repeat("(a AND (b NEAR ", 10000),
      repeat(")(", 50000),
      repeat("w NEAR ", 20000) + "w",
      repeat("title:\"", 20000),
      repeat("date:2014.. ", 20000),
      repeat("Münz* ", 20000),
  };
  for (const std::string& input : inputs) {
    for (const ParseLimits& limits : {ParseLimits{}, big}) {
      // Bounded work is a property of the limits (checked below), not a
      // timing: unit tests never assert on time (the fuzzers bound it).
      ParsedQuery query;
      EXPECT_NO_THROW(query = parse_query(input, limits));
      expect_well_formed(query, limits);
      EXPECT_NO_THROW(static_cast<void>(to_string(query)));
    }
  }
  EXPECT_EQ(to_string(parse_query(std::string(100000, '"'), big)), "");
  EXPECT_EQ(to_string(parse_query(std::string(100000, '-'), big)), "");
  EXPECT_EQ(to_string(parse_query(std::string(100000, '('), big)), "");
  EXPECT_EQ(to_string(parse_query(repeat("(", 10000) + "a" + repeat(")", 10000), big)), "a");
}

TEST(QuerySyntax, TenThousandTerms) {
  std::string input;
  for (int i = 0; i < 10000; ++i) {
    input += (i % 7 == 0 ? "title:" : "") + std::string("Wort") + std::to_string(i) +
             (i % 5 == 0   ? " OR "
              : i % 3 == 0 ? " AND "
                           : " ");
  }
  const ParseLimits big{1024, 1 << 20};
  const ParsedQuery query = parse_query(input, big);
  expect_well_formed(query, big);
  EXPECT_FALSE(query.empty());
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

TEST(QuerySyntax, RandomBytesNeverBreakTheParser) {
  std::mt19937 rng(20240601);
  // Bias towards the bytes and words that mean something to the parser.
  const std::vector<std::string_view> special = {
      "\"",     "+",       "-",      " ",    "\t",  "\n", "\0"sv,     "AND",  "OR",
      "NOT",    "NEAR",    "NEAR/3", "&&",   "||",  "(",  ")",        "*",    ":",
      "title:", "author:", "date:",  "2014", "-03", "..", "\xc3\xa4", "\x80", "\xff"};
  std::uniform_int_distribution<int> length(0, 200);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, special.size() - 1);
  std::bernoulli_distribution use_special(0.5);
  const ParseLimits small{16, 64, 3};
  for (int n = 0; n < 2000; ++n) {
    std::string input;
    const int size = length(rng);
    for (int i = 0; i < size; ++i) {
      if (use_special(rng)) {
        input += special[pick(rng)];
      } else {
        input += static_cast<char>(byte(rng));
      }
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
