#include "search/query_phrases.hpp"

#include <algorithm>

#include "index/schema.hpp"

namespace archivar::search {
namespace {

bool is_prefixed(const std::string& term) {
  return !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
}

// The term of a one-term leaf, else empty.
std::string leaf_term(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::LEAF_TERM) return {};
  const auto it = query.get_terms_begin();
  return it == query.get_terms_end() ? std::string() : *it;
}

// The exact-form term a phrase position's leaf stands for: itself, or a
// title leaf's word (S<word>) when `title`; empty if neither.
std::string position_term(const std::string& term, bool title) {
  const std::size_t title_prefix = schema::kTitle.size();
  if (title) {
    if (!term.starts_with(schema::kTitle) || term.size() <= title_prefix) return {};
    std::string word = term.substr(title_prefix);
    return is_prefixed(word) ? std::string() : word;
  }
  return term.empty() || is_prefixed(term) ? std::string() : term;
}

// The positions of an OP_PHRASE of unprefixed leaves or ORs of them (a
// word's spellings), or of title leaves (S<word>) as the words' exact-form
// terms; else empty.
std::vector<PhrasePosition> phrase_positions(const Xapian::Query& query) {
  std::vector<PhrasePosition> positions;
  if (query.get_type() != Xapian::Query::OP_PHRASE) return positions;
  const std::size_t count = query.get_num_subqueries();
  bool title = false;
  for (std::size_t i = 0; i < count; ++i) {
    const Xapian::Query part = query.get_subquery(i);
    PhrasePosition spellings;
    if (part.get_type() == Xapian::Query::OP_OR) {
      for (std::size_t j = 0; j < part.get_num_subqueries(); ++j) {
        spellings.push_back(leaf_term(part.get_subquery(j)));
      }
    } else {
      spellings.push_back(leaf_term(part));
    }
    if (i == 0) {
      title = spellings.front().starts_with(schema::kTitle) &&
              spellings.front().size() > schema::kTitle.size();
    }
    for (std::string& spelling : spellings) {
      spelling = position_term(spelling, title);
      if (spelling.empty()) return {};
    }
    positions.push_back(std::move(spellings));
  }
  return positions;
}

void walk(const Xapian::Query& query, QueryPhrases& out, QueryTerms& outside) {
  std::vector<PhrasePosition> phrase = phrase_positions(query);
  if (phrase.size() >= 2) {
    for (const PhrasePosition& spellings : phrase) {
      out.in_phrases.insert(spellings.begin(), spellings.end());
    }
    if (std::find(out.phrases.begin(), out.phrases.end(), phrase) == out.phrases.end()) {
      out.phrases.push_back(std::move(phrase));
    }
    return;
  }
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    std::string term = leaf_term(query);
    if (!term.empty()) outside.insert(std::move(term));
    return;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    walk(query.get_subquery(i), out, outside);
  }
}

}  // namespace

QueryPhrases phrases_of(const Xapian::Query& query) {
  QueryPhrases out;
  QueryTerms outside;
  walk(query, out, outside);
  for (const std::string& term : out.in_phrases) {
    if (!outside.contains(term)) out.phrase_only.insert(term);
  }
  if (out.phrase_only.empty()) out.phrases.clear();  // nothing to restrict
  return out;
}

}  // namespace archivar::search
