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

// The terms of an OP_PHRASE of unprefixed leaves, or of title leaves
// (S<word>) as the words' exact-form terms; else empty.
std::vector<std::string> phrase_terms(const Xapian::Query& query) {
  std::vector<std::string> terms;
  if (query.get_type() != Xapian::Query::OP_PHRASE) return terms;
  const std::size_t count = query.get_num_subqueries();
  const std::size_t title_prefix = schema::kTitle.size();
  bool title = false;
  for (std::size_t i = 0; i < count; ++i) {
    std::string term = leaf_term(query.get_subquery(i));
    if (i == 0) title = term.starts_with(schema::kTitle) && term.size() > title_prefix;
    if (title && term.starts_with(schema::kTitle) && term.size() > title_prefix &&
        !is_prefixed(term.substr(title_prefix))) {
      term.erase(0, title_prefix);
    } else if (title || term.empty() || is_prefixed(term)) {
      return {};
    }
    terms.push_back(std::move(term));
  }
  return terms;
}

void walk(const Xapian::Query& query, QueryPhrases& out, QueryTerms& outside) {
  std::vector<std::string> phrase = phrase_terms(query);
  if (phrase.size() >= 2) {
    out.in_phrases.insert(phrase.begin(), phrase.end());
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
