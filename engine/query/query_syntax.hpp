// Search-box syntax → syntax tree. Pure syntax: no analysis, no schema, no
// Xapian. Every input gets a reading; nothing throws.
//
// Grammar, loosest binding first:
//   query    := clause*                    clauses joined by the implicit operator
//   clause   := or_expr
//   or_expr  := and_expr (OR and_expr)*    either side matches
//   and_expr := unary (AND unary)*         both sides match
//   unary    := NOT unary | [+|-] near     NOT x is -x
//   near     := primary (NEAR[/n] primary)*   words/phrases within n words (default 10)
//   primary  := word | "phrase" | prefix* | field:value | field:"value"
//             | date:range | '(' query ')'
// so NOT > AND > OR > the implicit operator ("a b OR c AND d" = a (b OR (c AND d))).
// The implicit operator ranks optional clauses by BM25 (or requires them all
// with match_all_words), requires '+' clauses and excludes '-' clauses. An
// AND directly at clause level makes its operands required clauses of the
// enclosing query ("x a AND b" = "x +a +b", as in Lucene).
//
// Operators are the exact upper-case words AND, OR, NOT, NEAR, NEAR/n (and
// &&, || as aliases); lower-case "and"/"or"/"near" are ordinary words. The
// leniency rules (every malformed input gets a reading) are listed in
// query_syntax.cpp; the README has the user's view.
//
// Cost: O(input length); the tree holds at most ParseLimits::max_terms
// leaves and max_depth nested groups. Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::query {

enum class Occur { should, must, must_not };

// Fields of field:value (lower-case names only; any other name is a word).
enum class Field { title, author, tag, source, lang, url };

struct Node {
  enum class Kind {
    word,        // text: as typed, unanalyzed
    phrase,      // text: the content between the quotes
    prefix,      // text: the prefix without the '*'
    field,       // field, text: the value; quoted: it was given as field:"value"
    date_range,  // from/to: "YYYYMMDD" inclusive, empty = open end
    group,       // children joined by the implicit operator, each with its occur
    all,         // AND: children must (or must_not: AND NOT) match
    any,         // OR: any child matches (children are unsigned)
    near,        // NEAR: word/phrase children within `window` words of each other
  };
  Kind kind = Kind::word;
  Occur occur = Occur::should;  // how this node counts in its parent group/all
  std::string text;
  Field field = Field::title;
  bool quoted = false;
  std::string from;
  std::string to;
  std::uint32_t window = 0;  // near: at most this many other words between the operands
  std::vector<Node> children;

  friend bool operator==(const Node&, const Node&) = default;
};

[[nodiscard]] inline Node group_node() {
  Node node;
  node.kind = Node::Kind::group;
  return node;
}

struct ParsedQuery {
  Node root = group_node();  // always a group

  [[nodiscard]] bool empty() const noexcept { return root.children.empty(); }
  friend bool operator==(const ParsedQuery&, const ParsedQuery&) = default;
};

struct ParseLimits {
  std::size_t max_terms = 1024;   // leaves (words, phrases, fields, ...) past this are dropped
  std::size_t max_bytes = 16384;  // input past this is ignored
  std::size_t max_depth = 32;     // parentheses nested deeper are ignored (contents kept)
};

inline constexpr std::uint32_t kDefaultNearWindow = 10;
inline constexpr std::uint32_t kMaxNearWindow = 100;

[[nodiscard]] ParsedQuery parse_query(std::string_view input, const ParseLimits& limits = {});

// Debug form, e.g. `+word "a phrase" (x OR y) -z author:"Grit Müller"
// date:20140101..20141231 (a NEAR/10 b) ((c AND NOT d) OR e)`; used in tests
// and logs. Parsing it again gives the same tree.
[[nodiscard]] std::string to_string(const ParsedQuery& query);
[[nodiscard]] std::string to_string(const Node& node);

[[nodiscard]] std::string_view field_name(Field field) noexcept;

}  // namespace archivar::query
