#include "query/query_builder.hpp"

#include <algorithm>

#include "index/schema.hpp"

namespace archivar::query {

namespace {

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return {op, parts.begin(), parts.end()};
}

}  // namespace

Xapian::Query QueryBuilder::word_query(const std::string& term) {
  std::vector<std::string> stems;
  const std::string prefix(schema::kStem);
  for (const std::string& lang : languages_) {
    // Articles in a language without a stemmer index Z<word> itself.
    stems.push_back(prefix + std::string(analyzer_.stem(term, lang)));
  }
  if (stems.empty()) stems.push_back(prefix + term);  // empty index: any reading will do
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  if (stems.size() == 1) return Xapian::Query(stems.front());
  return {Xapian::Query::OP_SYNONYM, stems.begin(), stems.end()};
}

Xapian::Query QueryBuilder::atom_query(const Atom& atom) {
  std::vector<Token> tokens = analyzer_.analyze(atom.text, "");
  if (tokens.empty()) return {};
  if (atom.kind == Atom::Kind::word && tokens.size() == 1) return word_query(tokens.front().term);
  if (tokens.size() == 1) return Xapian::Query(tokens.front().term);
  std::vector<Xapian::Query> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) terms.emplace_back(token.term);
  return {Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
          static_cast<Xapian::termcount>(terms.size())};
}

Xapian::Query QueryBuilder::build(const ParsedQuery& parsed, bool match_all_words) {
  std::vector<Xapian::Query> required;
  std::vector<Xapian::Query> optional;
  std::vector<Xapian::Query> excluded;
  for (const Clause& clause : parsed.clauses) {
    std::vector<Xapian::Query> alternatives;
    for (const Atom& atom : clause.any_of) {
      Xapian::Query query = atom_query(atom);
      if (!query.empty()) alternatives.push_back(std::move(query));
    }
    Xapian::Query query = combine(Xapian::Query::OP_OR, alternatives);
    if (query.empty()) continue;
    switch (clause.occur) {
      case Occur::must:
        required.push_back(std::move(query));
        break;
      case Occur::must_not:
        excluded.push_back(std::move(query));
        break;
      case Occur::should:
        optional.push_back(std::move(query));
        break;
    }
  }
  if (match_all_words) {
    required.insert(required.end(), optional.begin(), optional.end());
    optional.clear();
  }
  Xapian::Query result;
  if (!required.empty()) {
    result = combine(Xapian::Query::OP_AND, required);
    if (!optional.empty()) {
      result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result,
                             combine(Xapian::Query::OP_OR, optional));
    }
  } else {
    result = combine(Xapian::Query::OP_OR, optional);
  }
  if (!excluded.empty()) {
    // A fresh match-all query, never a copy of the shared static
    // Xapian::Query::MatchAll: its reference count is not atomic, so copying
    // it from several threads corrupts it.
    if (result.empty()) result = Xapian::Query(std::string());
    result = Xapian::Query(Xapian::Query::OP_AND_NOT, result,
                           combine(Xapian::Query::OP_OR, excluded));
  }
  return result;
}

}  // namespace archivar::query
