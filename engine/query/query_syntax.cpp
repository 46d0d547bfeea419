#include "query/query_syntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include "query/utf8_length.hpp"

// Reading of the grammar in query_syntax.hpp, in the order the parser applies it:
//
// 1. Limits. Only the first `max_bytes` bytes are read; if that cuts a UTF-8
//    sequence, the cut is moved back to the start of that sequence.
// 2. Separators are the ASCII space and the ASCII control bytes (0x00-0x1F,
//    0x7F: tab, newline, NUL, ...). Nothing else separates: NBSP (U+00A0) and
//    the other Unicode spaces are word characters here; the Analyzer's word
//    breaker splits such a word later, so the parser stays byte-oriented.
// 3. '"' opens a phrase that runs to the next '"' or the end of the input.
//    A phrase keeps its content verbatim; one that is empty or holds only
//    separators is dropped. A word is a maximal run of other bytes.
// 4. Parentheses. '(' at the start of a word opens a group; inside a word
//    it is a byte of the word, and so is the ')' that matches it ("f(x)").
//    Any other ')' closes the innermost open group ("(a b)", "(a b),"), and
//    is an ordinary byte when no group is open ("1)"). Groups left open
//    close at the end of the input. Groups nested deeper than max_depth are
//    ignored: their parentheses are dropped, their contents kept. A group
//    with one unsigned clause is that clause; an empty group is dropped.
// 5. Signs: a word's leading run of '+'/'-' is its sign, and the first of
//    them decides (`--x` is `-x`, `+-x` is `+x`). A sign run followed
//    directly by '"' or '(' signs that phrase or group. A sign with nothing
//    after it ("-", "+ x", "-----") is dropped. '+'/'-' inside a word are
//    part of it (`a-b`, `C++`, `foo@example.org`).
// 6. Words. `name:value` with name one of title, author, tag, source, lang,
//    url is a field term; `name:"a b"` takes the quoted value. `date:` takes
//    D, D..D, ..D or D.. with D = YYYY, YYYY-MM or YYYY-MM-DD (a year or
//    month stands for all its days; reversed bounds are swapped). Any other
//    name ("Zeit:", "https:"), an empty value or an invalid date leaves the
//    word as typed. A word ending in '*' whose rest has no '*' and at least
//    two characters is a prefix ("Münz*"); otherwise '*' is part of the word
//    ("s*", "*"). A German gender form ("Lehrer*innen", "Lehrer:in",
//    "Lehrer_innen", "Lehrer/-innen") is its joined feminine form
//    ("Lehrerinnen", "Lehrerin"), as a plain word or a title: value.
// 7. Operators are the unsigned words AND, OR, NOT, NEAR, NEAR/n, && and ||
//    (exactly; a signed `+AND` is the word AND). NOT counts only before an
//    operand (word, phrase, field, group); AND, OR and NEAR only with an
//    operand end directly before and an operand start (for AND also NOT)
//    directly after; others are dropped ("OR a", "a AND", "a OR AND b" =
//    "a b", "a OR NOT b" = "a -b").
// 8. An OR with a signed or negated side is dropped and both sides keep their
//    own sign ("a OR -b" = "a -b"). AND keeps signs as AND / AND NOT
//    ("a AND -b" = "(a AND NOT b)", which at clause level is "+a -b").
//    NEAR joins unsigned words and phrases only (any other NEAR is dropped);
//    NEAR/n means at most n other words between them (n capped at
//    kMaxNearWindow); a chain takes the largest n.
// 9. At most `max_terms` leaves are kept; later ones are dropped.

namespace archivar::query {
namespace {

bool is_separator(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return byte <= 0x20 || byte == 0x7F;
}

bool is_sign(char c) noexcept { return c == '+' || c == '-'; }

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Longest prefix of `input` of at most `max_bytes` that does not end inside a
// UTF-8 sequence (invalid UTF-8 is cut wherever the bytes say).
std::string_view limit_bytes(std::string_view input, std::size_t max_bytes) noexcept {
  if (input.size() <= max_bytes) return input;
  const auto byte_at = [input](std::size_t i) { return static_cast<unsigned char>(input[i]); };
  const auto continuation = [&byte_at](std::size_t i) { return (byte_at(i) & 0xC0) == 0x80; };
  // Back up over at most 3 continuation bytes; cut there only if that lands
  // on a lead byte (otherwise the bytes were not UTF-8 and are cut as-is).
  std::size_t end = max_bytes;
  for (int i = 0; i < 3 && end > 0 && continuation(end); ++i) --end;
  if (continuation(end) || byte_at(end) < 0xC0) end = max_bytes;
  return input.substr(0, end);
}

bool is_blank(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(), is_separator);
}

constexpr std::array<std::pair<std::string_view, Field>, 6> kFields = {{
    {"title", Field::title},
    {"author", Field::author},
    {"tag", Field::tag},
    {"source", Field::source},
    {"lang", Field::lang},
    {"url", Field::url},
}};

// ---- dates ----------------------------------------------------------------

struct DateRange {
  std::string from;  // YYYYMMDD or empty
  std::string to;
};

int days_in_month(int year, int month) noexcept {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

int number(std::string_view digits) noexcept {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool all_digits(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string two_digits(int value) {
  return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

// YYYY, YYYY-MM or YYYY-MM-DD → its first and last day as YYYYMMDD.
std::optional<DateRange> parse_date(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  const std::string_view year = text.substr(0, 4);
  if (!all_digits(year)) return std::nullopt;
  if (text.size() == 4) return DateRange{std::string(year) + "0101", std::string(year) + "1231"};
  if (text[4] != '-' || !all_digits(text.substr(5, 2))) return std::nullopt;
  const int month = number(text.substr(5, 2));
  if (month < 1 || month > 12) return std::nullopt;
  const std::string year_month = std::string(year) + two_digits(month);
  const int last = days_in_month(number(year), month);
  if (text.size() == 7) return DateRange{year_month + "01", year_month + two_digits(last)};
  if (text[7] != '-' || !all_digits(text.substr(8, 2))) return std::nullopt;
  const int day = number(text.substr(8, 2));
  if (day < 1 || day > last) return std::nullopt;
  return DateRange{year_month + two_digits(day), year_month + two_digits(day)};
}

// D, D..D, ..D, D.. → inclusive bounds; nullopt if not a date range.
std::optional<DateRange> parse_date_range(std::string_view value) {
  const std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) return parse_date(value);
  const std::string_view low = value.substr(0, dots);
  const std::string_view high = value.substr(dots + 2);
  if (low.empty() && high.empty()) return std::nullopt;
  DateRange range;
  if (!low.empty()) {
    const auto parsed = parse_date(low);
    if (!parsed) return std::nullopt;
    range.from = parsed->from;
  }
  if (!high.empty()) {
    const auto parsed = parse_date(high);
    if (!parsed) return std::nullopt;
    range.to = parsed->to;
  }
  if (!range.from.empty() && !range.to.empty() && range.to < range.from) {
    // Reversed bounds: the user meant the range between them.
    const auto low_date = parse_date(low);
    const auto high_date = parse_date(high);
    range.from = high_date->from;
    range.to = low_date->to;
  }
  return range;
}

std::string iso_date(std::string_view day) {
  return std::string(day.substr(0, 4)) + '-' + std::string(day.substr(4, 2)) + '-' +
         std::string(day.substr(6, 2));
}

// ---- lexer ----------------------------------------------------------------

enum class SyntaxTokenKind { operand, lparen, rparen, op_and, op_or, op_not, op_near };

struct SyntaxToken {
  SyntaxTokenKind kind = SyntaxTokenKind::operand;
  Occur sign = Occur::should;  // operand, lparen
  Node leaf;                   // operand
  std::uint32_t window = 0;    // op_near
};

std::optional<SyntaxToken> operator_token(std::string_view word) {
  SyntaxToken token;
  if (word == "AND" || word == "&&") {
    token.kind = SyntaxTokenKind::op_and;
  } else if (word == "OR" || word == "||") {
    token.kind = SyntaxTokenKind::op_or;
  } else if (word == "NOT") {
    token.kind = SyntaxTokenKind::op_not;
  } else if (word == "NEAR") {
    token.kind = SyntaxTokenKind::op_near;
    token.window = kDefaultNearWindow;
  } else if (word.size() > 5 && word.substr(0, 5) == "NEAR/" && all_digits(word.substr(5))) {
    token.kind = SyntaxTokenKind::op_near;
    const std::string_view digits = word.substr(5);
    token.window = digits.size() > 3
                       ? kMaxNearWindow
                       : std::min(static_cast<std::uint32_t>(number(digits)), kMaxNearWindow);
  } else {
    return std::nullopt;
  }
  return token;
}

Node make_leaf(Node::Kind kind, std::string_view text) {
  Node node;
  node.kind = kind;
  node.text = std::string(text);
  return node;
}

// The field called `name`, if any ("date" is handled apart: it is a range).
std::optional<Field> field_of(std::string_view name) noexcept {
  for (const auto& [field_text, field] : kFields) {
    if (name == field_text) return field;
  }
  return std::nullopt;
}

// Step 6's gender forms: three or more letters, then '*', ':', '_', '/'
// or "/-", then "innen" or "in" ('_' only "innen"; "In"/"Innen" too) → the
// joined feminine form ("Lehrer*innen" → "Lehrerinnen", as "LehrerInnen"
// is read), which the analyzer also decompounds to its noun ("lehrer"), so
// that the search finds both forms; nullopt for any other word. (Text
// words split at the sign, and the noun's articles are found by it.)
std::optional<std::string> joined_gender_form(std::string_view word) {
  const std::size_t sign = word.find_first_of("*:_/");
  if (sign == std::string_view::npos || utf8_length(word.substr(0, sign)) < 3) return std::nullopt;
  for (const char c : word.substr(0, sign)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && std::isalpha(byte) == 0) return std::nullopt;
  }
  std::size_t rest = sign + 1;
  if (word[sign] == '/' && rest < word.size() && word[rest] == '-') ++rest;
  std::string ending(word.substr(rest));
  if (!ending.empty() && ending.front() == 'I') ending.front() = 'i';
  if (ending != "innen" && (ending != "in" || word[sign] == '_')) return std::nullopt;
  return std::string(word.substr(0, sign)) + ending;
}

// A word (not an operator) → word, prefix, field or date_range leaf (step 6).
Node classify_word(std::string_view word) {
  const std::size_t colon = word.find(':');
  if (colon != std::string_view::npos && colon + 1 < word.size()) {
    const std::string_view name = word.substr(0, colon);
    const std::string_view value = word.substr(colon + 1);
    if (name == "date") {
      if (const auto range = parse_date_range(value)) {
        Node node;
        node.kind = Node::Kind::date_range;
        node.from = range->from;
        node.to = range->to;
        return node;
      }
    } else if (const auto field = field_of(name)) {
      const std::optional<std::string> joined =
          *field == Field::title ? joined_gender_form(value) : std::nullopt;
      Node node = make_leaf(Node::Kind::field, joined ? std::string_view(*joined) : value);
      node.field = *field;
      return node;
    }
  }
  if (const std::optional<std::string> joined = joined_gender_form(word)) {
    return make_leaf(Node::Kind::word, *joined);
  }
  if (word.size() > 1 && word.back() == '*') {
    std::string_view stem = word;
    while (!stem.empty() && stem.back() == '*') stem.remove_suffix(1);
    if (stem.find('*') == std::string_view::npos && utf8_length(stem) >= 2) {
      return make_leaf(Node::Kind::prefix, stem);
    }
  }
  return make_leaf(Node::Kind::word, word);
}

// Steps 2-7 (lexical part): bytes → operands, parentheses and operators. O(input).
std::vector<SyntaxToken> lex(std::string_view input) {
  std::vector<SyntaxToken> tokens;
  std::size_t open = 0;  // groups open so far: decides what ')' means
  std::size_t pos = 0;
  const std::size_t size = input.size();

  // The phrase starting at input[at] == '"'; returns its content, moves pos.
  const auto read_phrase = [&](std::size_t at) {
    const std::size_t begin = at + 1;
    std::size_t close = begin;
    while (close < size && input[close] != '"') ++close;
    pos = close < size ? close + 1 : size;
    return input.substr(begin, close - begin);
  };
  const auto push_operand = [&tokens](Occur sign, Node leaf) {
    SyntaxToken token;
    token.sign = sign;
    token.leaf = std::move(leaf);
    tokens.push_back(std::move(token));
  };

  while (pos < size) {
    const char c = input[pos];
    if (is_separator(c)) {
      ++pos;
      continue;
    }
    if (c == ')' && open > 0) {
      tokens.push_back(SyntaxToken{SyntaxTokenKind::rparen, Occur::should, {}, 0});
      --open;
      ++pos;
      continue;
    }
    Occur sign = Occur::should;
    std::size_t start = pos;
    if (is_sign(c)) {
      sign = c == '+' ? Occur::must : Occur::must_not;
      while (start < size && is_sign(input[start])) ++start;
      if (start == size || is_separator(input[start]) || (input[start] == ')' && open > 0)) {
        pos = start;  // a sign with nothing to sign
        continue;
      }
    }
    const char first = input[start];
    if (first == '(') {
      tokens.push_back(SyntaxToken{SyntaxTokenKind::lparen, sign, {}, 0});
      ++open;
      pos = start + 1;
      continue;
    }
    if (first == '"') {
      const std::string_view content = read_phrase(start);
      if (!is_blank(content)) push_operand(sign, make_leaf(Node::Kind::phrase, content));
      continue;
    }
    std::size_t end = start;
    std::size_t inner = 0;  // '(' inside this word, so that "f(x)" keeps its ')'
    for (; end < size && !is_separator(input[end]) && input[end] != '"'; ++end) {
      if (input[end] == '(') ++inner;
      if (input[end] == ')') {
        if (inner > 0) {
          --inner;
        } else if (open > 0) {
          break;
        }
      }
    }
    const std::string_view word = input.substr(start, end - start);
    pos = end;
    if (sign == Occur::should) {
      if (auto op = operator_token(word)) {
        tokens.push_back(std::move(*op));
        continue;
      }
    }
    // field:"quoted value"
    if (end < size && input[end] == '"' && word.size() > 1 && word.back() == ':') {
      const std::string_view name = word.substr(0, word.size() - 1);
      const auto field = field_of(name);
      if (field || name == "date") {
        const std::string_view content = read_phrase(end);
        if (is_blank(content)) continue;
        if (field) {
          Node node = make_leaf(Node::Kind::field, content);
          node.field = *field;
          node.quoted = true;
          push_operand(sign, std::move(node));
          continue;
        }
        Node node = classify_word(std::string(word) + std::string(content));
        if (node.kind != Node::Kind::date_range) node = make_leaf(Node::Kind::phrase, content);
        push_operand(sign, std::move(node));
        continue;
      }
    }
    push_operand(sign, classify_word(word));
  }
  return tokens;
}

bool is_operand_end(const SyntaxToken& token) noexcept {
  return token.kind == SyntaxTokenKind::operand || token.kind == SyntaxTokenKind::rparen;
}

bool is_operand_start(const SyntaxToken& token) noexcept {
  return token.kind == SyntaxTokenKind::operand || token.kind == SyntaxTokenKind::lparen;
}

bool is_binary(SyntaxTokenKind kind) noexcept {
  return kind == SyntaxTokenKind::op_and || kind == SyntaxTokenKind::op_or ||
         kind == SyntaxTokenKind::op_near;
}

// Step 7 (operator part): drops the operators that have no operand where
// they need one.
std::vector<SyntaxToken> drop_dangling_operators(std::vector<SyntaxToken> tokens) {
  std::vector<SyntaxToken> with_not;
  with_not.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == SyntaxTokenKind::op_not &&
        !(i + 1 < tokens.size() && is_operand_start(tokens[i + 1]))) {
      continue;
    }
    with_not.push_back(std::move(tokens[i]));
  }
  std::vector<SyntaxToken> out;
  out.reserve(with_not.size());
  for (std::size_t i = 0; i < with_not.size(); ++i) {
    if (is_binary(with_not[i].kind)) {
      const bool before = i > 0 && is_operand_end(with_not[i - 1]);
      const bool after =
          i + 1 < with_not.size() &&
          (is_operand_start(with_not[i + 1]) || (with_not[i].kind == SyntaxTokenKind::op_and &&
                                                 with_not[i + 1].kind == SyntaxTokenKind::op_not));
      if (!before || !after) continue;
    }
    out.push_back(std::move(with_not[i]));
  }
  return out;
}

// ---- parser ---------------------------------------------------------------

bool near_operand(const Node& node) noexcept {
  return node.occur == Occur::should &&
         (node.kind == Node::Kind::word || node.kind == Node::Kind::phrase);
}

// Recursive descent over the tokens. Recursion happens only at '(' and is
// bounded by max_depth; operator chains are loops.
class Parser {
 public:
  Parser(std::vector<SyntaxToken> tokens, const ParseLimits& limits)
      : tokens_(std::move(tokens)), limits_(limits) {}

  Node parse() { return parse_group(0); }

 private:
  [[nodiscard]] bool at(SyntaxTokenKind kind, std::size_t ahead = 0) const noexcept {
    return pos_ + ahead < tokens_.size() && tokens_[pos_ + ahead].kind == kind;
  }

  Node parse_group(std::size_t depth) {
    Node group;
    group.kind = Node::Kind::group;
    while (pos_ < tokens_.size()) {
      if (at(SyntaxTokenKind::rparen)) {
        ++pos_;
        if (flattened_ > 0) {
          --flattened_;
          continue;
        }
        if (depth > 0) return group;
        continue;
      }
      const std::size_t before = pos_;
      if (auto clause = parse_or(depth)) add_clause(group, std::move(*clause));
      if (pos_ == before) ++pos_;  // an operator that was not honoured
    }
    return group;
  }

  // An unsigned AND at clause level makes its operands clauses: required,
  // or excluded for AND NOT.
  static void add_clause(Node& group, Node clause) {
    if (clause.kind == Node::Kind::all && clause.occur == Occur::should) {
      for (Node& child : clause.children) group.children.push_back(std::move(child));
      return;
    }
    group.children.push_back(std::move(clause));
  }

  [[nodiscard]] bool unsigned_operand_next(std::size_t ahead) const noexcept {
    if (pos_ + ahead >= tokens_.size()) return false;
    const SyntaxToken& token = tokens_[pos_ + ahead];
    return is_operand_start(token) && token.sign == Occur::should;
  }

  std::optional<Node> parse_or(std::size_t depth) {
    std::optional<Node> first = parse_and(depth);
    if (!first || first->occur != Occur::should) return first;
    Node any;
    any.kind = Node::Kind::any;
    any.children.push_back(std::move(*first));
    while (at(SyntaxTokenKind::op_or) && unsigned_operand_next(1)) {
      ++pos_;
      std::optional<Node> next = parse_and(depth);
      if (!next) continue;
      next->occur = Occur::should;  // unsigned (checked above); OR has no signed operands
      any.children.push_back(std::move(*next));
    }
    if (any.children.size() == 1) return std::move(any.children.front());
    return any;
  }

  std::optional<Node> parse_and(std::size_t depth) {
    std::optional<Node> first = parse_unary(depth);
    if (!at(SyntaxTokenKind::op_and)) return first;
    Node all;
    all.kind = Node::Kind::all;
    const auto add = [&all](Node node) {
      if (node.occur == Occur::should) node.occur = Occur::must;
      all.children.push_back(std::move(node));
    };
    if (first) add(std::move(*first));
    while (at(SyntaxTokenKind::op_and)) {
      ++pos_;
      if (auto next = parse_unary(depth)) add(std::move(*next));
    }
    if (all.children.empty()) return std::nullopt;
    if (all.children.size() == 1) {
      Node only = std::move(all.children.front());
      if (only.occur == Occur::must) only.occur = Occur::should;
      return only;
    }
    return all;
  }

  std::optional<Node> parse_unary(std::size_t depth) {
    bool negated = false;
    while (at(SyntaxTokenKind::op_not)) {
      negated = true;
      ++pos_;
    }
    std::optional<Node> node = parse_near(depth);
    if (node && negated) node->occur = Occur::must_not;
    return node;
  }

  std::optional<Node> parse_near(std::size_t depth) {
    std::optional<Node> first = parse_primary(depth);
    if (!first || !near_operand(*first)) return first;
    Node near;
    near.kind = Node::Kind::near;
    near.children.push_back(std::move(*first));
    while (at(SyntaxTokenKind::op_near) && at(SyntaxTokenKind::operand, 1) &&
           near_operand(tokens_[pos_ + 1].leaf) && tokens_[pos_ + 1].sign == Occur::should) {
      near.window = std::max(near.window, tokens_[pos_].window);
      ++pos_;
      if (auto next = parse_primary(depth)) near.children.push_back(std::move(*next));
    }
    if (near.children.size() == 1) return std::move(near.children.front());
    return near;
  }

  std::optional<Node> parse_primary(std::size_t depth) {
    if (pos_ >= tokens_.size()) return std::nullopt;
    SyntaxToken& token = tokens_[pos_];
    if (token.kind == SyntaxTokenKind::operand) {
      ++pos_;
      if (terms_ >= limits_.max_terms) return std::nullopt;
      ++terms_;
      Node leaf = std::move(token.leaf);
      leaf.occur = token.sign;
      return leaf;
    }
    if (token.kind != SyntaxTokenKind::lparen) return std::nullopt;
    ++pos_;
    if (depth + 1 > limits_.max_depth) {
      ++flattened_;  // its contents join the enclosing group
      return std::nullopt;
    }
    const Occur sign = token.sign;
    Node group = parse_group(depth + 1);
    if (group.children.empty()) return std::nullopt;
    if (group.children.size() == 1 && group.children.front().occur == Occur::should) {
      Node only = std::move(group.children.front());
      only.occur = sign;
      return only;
    }
    group.occur = sign;
    return group;
  }

  std::vector<SyntaxToken> tokens_;
  ParseLimits limits_;
  std::size_t pos_ = 0;
  std::size_t terms_ = 0;
  std::size_t flattened_ = 0;  // '(' ignored for depth whose ')' is still to come
};

// ---- debug form -----------------------------------------------------------

bool needs_quotes(std::string_view value) noexcept {
  return std::any_of(value.begin(), value.end(),
                     [](char c) { return is_separator(c) || c == '"' || c == '(' || c == ')'; });
}

void append(std::string& out, const Node& node, bool root);

void append_joined(std::string& out, const Node& node, std::string_view separator) {
  out += '(';
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) out += separator;
    append(out, node.children[i], false);
  }
  out += ')';
}

void append(std::string& out, const Node& node, bool root) {
  switch (node.kind) {
    case Node::Kind::word:
      out += node.text;
      return;
    case Node::Kind::phrase:
      out += '"';
      out += node.text;
      out += '"';
      return;
    case Node::Kind::prefix:
      out += node.text;
      out += '*';
      return;
    case Node::Kind::field:
      out += field_name(node.field);
      out += ':';
      if (node.quoted || needs_quotes(node.text)) {
        out += '"';
        out += node.text;
        out += '"';
      } else {
        out += node.text;
      }
      return;
    case Node::Kind::date_range:
      out += "date:";
      if (!node.from.empty()) out += iso_date(node.from);
      out += "..";
      if (!node.to.empty()) out += iso_date(node.to);
      return;
    case Node::Kind::group:
      if (!root) out += '(';
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        const Node& child = node.children[i];
        if (i > 0) out += ' ';
        if (child.occur == Occur::must) out += '+';
        if (child.occur == Occur::must_not) out += '-';
        append(out, child, false);
      }
      if (!root) out += ')';
      return;
    case Node::Kind::all:
      out += '(';
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += " AND ";
        if (node.children[i].occur == Occur::must_not) out += "NOT ";
        append(out, node.children[i], false);
      }
      out += ')';
      return;
    case Node::Kind::any:
      append_joined(out, node, " OR ");
      return;
    case Node::Kind::near:
      append_joined(out, node, " NEAR/" + std::to_string(node.window) + " ");
      return;
  }
}

}  // namespace

std::string_view field_name(Field field) noexcept {
  for (const auto& [name, value] : kFields) {
    if (value == field) return name;
  }
  return {};
}

ParsedQuery parse_query(std::string_view input, const ParseLimits& limits) {
  ParsedQuery result;
  if (limits.max_terms == 0) return result;
  Parser parser(drop_dangling_operators(lex(limit_bytes(input, limits.max_bytes))), limits);
  result.root = parser.parse();
  return result;
}

std::string to_string(const Node& node) {
  std::string out;
  if (node.occur == Occur::must) out += '+';
  if (node.occur == Occur::must_not) out += '-';
  append(out, node, false);
  return out;
}

std::string to_string(const ParsedQuery& query) {
  std::string out;
  append(out, query.root, true);
  return out;
}

}  // namespace archivar::query
