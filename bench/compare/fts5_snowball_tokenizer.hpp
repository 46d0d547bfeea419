// An SQLite FTS5 tokenizer named "snowball": words are runs of ASCII letters
// and digits and of non-ASCII characters; ASCII and Latin-1 capitals are
// lower-cased; each word is stemmed with Snowball (libstemmer, the same
// stemmer archivar and the Xapian baseline use) in the language set by
// set_language() before the statement that tokenizes (an INSERT for a
// document, the MATCH query for a query). FTS5 calls the tokenizer
// synchronously in the connection's thread, so the per-connection language
// is exact.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

namespace archivar::compare {

// Per-connection tokenizer state: the language of the next text.
struct SnowballLanguage {
  std::string lang = "en";  // "de" or "en"; anything else: no stemming
};

// Registers the tokenizer on `db` (its state must outlive the connection).
// Throws std::runtime_error if FTS5 is not available.
void register_snowball_tokenizer(sqlite3* db, SnowballLanguage* language);

}  // namespace archivar::compare
