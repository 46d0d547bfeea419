// Search-box syntax → AST. Pure syntax: no analysis, no schema, no Xapian.
//
// Grammar (lenient; every input gets a reading, nothing throws):
//   query   := clause*
//   clause  := [+|-] atom                 '+' required, '-' excluded (only directly before an atom)
//            | NOT atom                   same as -atom
//            | clause AND clause          both required
//            | clause OR clause           either (binds tighter than the implicit operator)
//   atom    := word | "phrase"
// A word is a maximal run of characters other than whitespace and '"'.
// Operators are the exact upper-case words AND, OR, NOT (and && || as
// aliases); lower-case "and"/"or" are ordinary words. Dangling operators are
// dropped; an unbalanced quote runs to the end of the input; an empty phrase
// is dropped. Input is treated as bytes: invalid UTF-8 passes through.
//
// Cost: O(input length). Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::query {

enum class Occur { should, must, must_not };

// One alternative of a clause: a word or a phrase, as typed (unanalyzed).
struct Atom {
  enum class Kind { word, phrase };
  Kind kind = Kind::word;
  std::string text;  // word text, or the phrase content without the quotes

  friend bool operator==(const Atom&, const Atom&) = default;
};

// A clause matches if any of its alternatives matches (a OR b OR c); a
// clause without OR has exactly one alternative.
struct Clause {
  Occur occur = Occur::should;
  std::vector<Atom> any_of;

  friend bool operator==(const Clause&, const Clause&) = default;
};

struct ParsedQuery {
  std::vector<Clause> clauses;

  [[nodiscard]] bool empty() const noexcept { return clauses.empty(); }
  friend bool operator==(const ParsedQuery&, const ParsedQuery&) = default;
};

struct ParseLimits {
  std::size_t max_clauses = 1024;  // clauses past this are dropped (hostile input)
  std::size_t max_bytes = 16384;   // input past this is ignored
};

[[nodiscard]] ParsedQuery parse_query(std::string_view input, const ParseLimits& limits = {});

// Debug form, e.g. `+word "a phrase" (x OR y) -z`; used in tests and logs.
[[nodiscard]] std::string to_string(const ParsedQuery& query);

}  // namespace archivar::query
