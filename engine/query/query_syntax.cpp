#include "query/query_syntax.hpp"

#include <cstdint>
#include <optional>
#include <utility>

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
// 4. Signs: a word's leading run of '+'/'-' is its sign, and the first of
//    them decides (`--x` is `-x`, `+-x` is `+x`). A sign run followed
//    directly by '"' signs that phrase. A sign with nothing after it ("-",
//    "+ x", "-----") is dropped. '+'/'-' inside a word are part of it
//    (`a-b`, `C++`, `foo@example.org`).
// 5. Operators are the unsigned words AND, OR, NOT, && and || (exactly; a
//    signed `+AND` is the word AND). NOT before an operand (a word or phrase,
//    signed or not) makes it excluded; any other NOT is dropped.
// 6. AND and OR count only with an operand directly on both sides; others
//    are dropped ("OR a", "a AND", "a OR AND b" = "a b").
//    OR joins unsigned operands into one clause with several alternatives
//    (a OR b OR c); if either side is signed or negated, the OR is dropped
//    and both keep their own sign ("a OR -b" = "a -b"). The AST has no
//    nesting, so OR binds tighter than AND as well as the implicit operator:
//    "a AND b OR c" = "+a +(b OR c)".
//    AND makes the clauses on both sides required, unless they are excluded
//    ("a AND -b" = "+a -b").
// 7. At most `max_clauses` clauses are kept (the rest are dropped), and a
//    clause keeps at most `max_clauses` alternatives.
//
// Parentheses are not syntax: "(a OR b)" is the words "(a" and "b)" joined
// by OR; the Analyzer drops the punctuation.

namespace archivar::query {
namespace {

bool is_separator(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return byte <= 0x20 || byte == 0x7F;
}

bool is_sign(char c) noexcept { return c == '+' || c == '-'; }

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

enum class TokenKind { operand, op_and, op_or, op_not };

struct Token {
  TokenKind kind = TokenKind::operand;
  Atom::Kind atom_kind = Atom::Kind::word;
  Occur occur = Occur::should;
  std::string_view text;  // points into the input
};

std::optional<TokenKind> operator_kind(std::string_view word) noexcept {
  if (word == "AND" || word == "&&") return TokenKind::op_and;
  if (word == "OR" || word == "||") return TokenKind::op_or;
  if (word == "NOT") return TokenKind::op_not;
  return std::nullopt;
}

bool is_blank(std::string_view text) noexcept {
  for (const char c : text) {
    if (!is_separator(c)) return false;
  }
  return true;
}

// Steps 2-4: bytes -> operands and operators. O(input).
std::vector<Token> lex(std::string_view input) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  const std::size_t size = input.size();
  while (pos < size) {
    const char c = input[pos];
    if (is_separator(c)) {
      ++pos;
      continue;
    }
    Occur sign = Occur::should;
    if (c != '"') {
      std::size_t end = pos;
      while (end < size && !is_separator(input[end]) && input[end] != '"') ++end;
      const std::string_view word = input.substr(pos, end - pos);
      std::size_t signs = 0;
      while (signs < word.size() && is_sign(word[signs])) ++signs;
      pos = end;
      if (signs == 0) {
        const auto op = operator_kind(word);
        tokens.push_back(Token{op.value_or(TokenKind::operand), Atom::Kind::word, Occur::should,
                               op ? std::string_view{} : word});
        continue;
      }
      sign = word[0] == '+' ? Occur::must : Occur::must_not;
      if (signs < word.size()) {
        tokens.push_back(Token{TokenKind::operand, Atom::Kind::word, sign, word.substr(signs)});
        continue;
      }
      // A sign run alone: it signs a phrase that follows directly, or is dropped.
      if (pos >= size || input[pos] != '"') continue;
    }
    // A phrase: input[pos] == '"'.
    const std::size_t open = pos + 1;
    std::size_t close = open;
    while (close < size && input[close] != '"') ++close;
    const std::string_view content = input.substr(open, close - open);
    pos = close < size ? close + 1 : size;
    if (is_blank(content)) continue;
    tokens.push_back(Token{TokenKind::operand, Atom::Kind::phrase, sign, content});
  }
  return tokens;
}

// Step 5: NOT before an operand negates it; other NOTs go. Operands and the
// binary operators AND/OR remain.
std::vector<Token> apply_not(std::vector<Token> tokens) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token token = tokens[i];
    if (token.kind == TokenKind::op_not) {
      if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::operand) {
        token = tokens[++i];
        token.occur = Occur::must_not;
      } else {
        continue;
      }
    }
    out.push_back(token);
  }
  return out;
}

Atom to_atom(const Token& token) { return Atom{token.atom_kind, std::string(token.text)}; }

}  // namespace

ParsedQuery parse_query(std::string_view input, const ParseLimits& limits) {
  ParsedQuery result;
  if (limits.max_clauses == 0) return result;
  const std::vector<Token> tokens = apply_not(lex(limit_bytes(input, limits.max_bytes)));

  // Step 6, one pass over the operands. An honoured OR merges the next
  // operand into the current clause; an honoured AND makes the clauses on
  // both of its sides required.
  bool required_next = false;       // an honoured AND precedes the next clause
  bool joined_to_previous = false;  // this operand joins the current clause (OR)
  bool dropping = false;            // the current clause was dropped by max_clauses
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind != TokenKind::operand) continue;

    // The binary operator between this operand and the next one, if honoured.
    std::optional<TokenKind> next_op;
    if (i + 2 < tokens.size() && tokens[i + 1].kind != TokenKind::operand &&
        tokens[i + 2].kind == TokenKind::operand) {
      next_op = tokens[i + 1].kind;
    }
    const bool or_next = next_op == TokenKind::op_or && token.occur == Occur::should &&
                         tokens[i + 2].occur == Occur::should;
    const bool and_next = next_op == TokenKind::op_and;

    if (joined_to_previous) {
      if (!dropping && result.clauses.back().any_of.size() < limits.max_clauses) {
        result.clauses.back().any_of.push_back(to_atom(token));
      }
    } else if (result.clauses.size() < limits.max_clauses) {
      dropping = false;
      Clause clause;
      clause.occur = token.occur;
      clause.any_of.push_back(to_atom(token));
      result.clauses.push_back(std::move(clause));
    } else {
      dropping = true;
    }
    if (!dropping) {
      Clause& clause = result.clauses.back();
      if ((required_next || and_next) && clause.occur == Occur::should) {
        clause.occur = Occur::must;
      }
    }
    // An AND after this clause also makes the next clause required. Within
    // an OR chain, an AND before it was applied when the chain's clause began.
    if (!or_next) required_next = and_next;
    joined_to_previous = or_next;
  }
  return result;
}

std::string to_string(const ParsedQuery& query) {
  std::string out;
  const auto append_atom = [&out](const Atom& atom) {
    if (atom.kind == Atom::Kind::phrase) {
      out += '"';
      out += atom.text;
      out += '"';
    } else {
      out += atom.text;
    }
  };
  for (const Clause& clause : query.clauses) {
    if (!out.empty()) out += ' ';
    if (clause.occur == Occur::must) out += '+';
    if (clause.occur == Occur::must_not) out += '-';
    if (clause.any_of.size() == 1) {
      append_atom(clause.any_of.front());
      continue;
    }
    out += '(';
    for (std::size_t i = 0; i < clause.any_of.size(); ++i) {
      if (i > 0) out += " OR ";
      append_atom(clause.any_of[i]);
    }
    out += ')';
  }
  return out;
}

}  // namespace archivar::query
