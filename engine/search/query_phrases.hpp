// QueryPhrases: the phrases of a Xapian query, for snippets that mark a
// quoted phrase only where its words stand together.
//
// A phrase here is an OP_PHRASE of unprefixed (exact-form) terms, or of
// ORs of them (a word's spellings), as QueryBuilder builds for "quoted
// words", or of title terms (title:"a b",
// S<word>), taken as the words' exact forms (a title's words are also
// indexed as those); NEAR is not a phrase for snippets. A term is phrase-only when every leaf of
// it in the query lies inside such a phrase: a snippet marks it only in an
// occurrence of one of its phrases, while a term also searched on its own
// (`"deutsche bank" bank`) is marked everywhere, as before.
//
// Cost: one walk over the query tree. Thread-safety: pure.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "search/passage_locator.hpp"

namespace archivar::search {

// The exact-form terms one phrase position accepts: the word as typed and
// the other spellings the query builder ORs in ("müller", "mueller").
using PhrasePosition = std::vector<std::string>;

struct QueryPhrases {
  std::vector<std::vector<PhrasePosition>> phrases;  // each of at least two positions, in order
  QueryTerms phrase_only;                            // terms found only inside phrases
  QueryTerms in_phrases;                             // every term of a phrase (exact forms)

  [[nodiscard]] bool empty() const noexcept { return phrases.empty(); }
};

[[nodiscard]] QueryPhrases phrases_of(const Xapian::Query& query);

}  // namespace archivar::search
