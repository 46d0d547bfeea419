#include "query/query_builder.hpp"

#include <algorithm>

#include "index/schema.hpp"

namespace archivar::query {

namespace {

// Weight of the exact-form term relative to the stemmed match.
constexpr double kExactFormWeight = 0.2;

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return {op, parts.begin(), parts.end()};
}

}  // namespace

Xapian::Query QueryBuilder::word_query(const std::string& term) {
  const std::string prefix(schema::kStem);
  std::vector<std::string> stems;
  std::string folded;
  for (const std::string& lang : languages_) {
    // Articles in a language without a stemmer index Z<word> itself.
    stems.push_back(prefix + std::string(analyzer_.stem(term, lang)));
    if (analyzer_.fold(term, lang, folded)) {
      stems.push_back(prefix + std::string(analyzer_.stem(folded, lang)));
    }
  }
  if (stems.empty()) stems.push_back(prefix + term);  // empty index: any reading will do
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  Xapian::Query whole = stems.size() == 1
                            ? Xapian::Query(stems.front())
                            : Xapian::Query(Xapian::Query::OP_SYNONYM, stems.begin(), stems.end());
  // The word exactly as typed (unstemmed, unfolded) adds a little on top, so
  // "Müller" ranks articles saying "Müller" above those saying "Muller".
  whole = Xapian::Query(Xapian::Query::OP_OR, whole,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term),
                                      kExactFormWeight));
  if (std::find(languages_.begin(), languages_.end(), "de") == languages_.end()) return whole;
  // A German compound also matches its parts written apart ("Aufrufe der
  // Seite" for "Seitenaufrufe"); articles with the compound itself match
  // both branches and rank first.
  const std::vector<std::string> parts = analyzer_.compound_parts(term, "de");
  if (parts.empty()) return whole;
  std::vector<Xapian::Query> part_queries;
  for (const std::string& part : parts) {
    part_queries.emplace_back(prefix + std::string(analyzer_.stem(part, "de")));
  }
  return {Xapian::Query::OP_OR, whole,
          Xapian::Query(Xapian::Query::OP_AND, part_queries.begin(), part_queries.end())};
}

Xapian::Query QueryBuilder::atom_query(const Atom& atom) {
  // Words only: variants and compound parts are expanded by word_query().
  std::vector<Token> tokens = analyzer_.analyze(atom.text, "");
  std::erase_if(tokens, [](const Token& token) { return token.kind != TokenKind::word; });
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
    if (result.empty()) result = Xapian::Query::MatchAll;
    result = Xapian::Query(Xapian::Query::OP_AND_NOT, result,
                           combine(Xapian::Query::OP_OR, excluded));
  }
  return result;
}

}  // namespace archivar::query
