// Article: the unit archivar indexes, stores and returns.
#pragma once

#include <string>
#include <vector>

namespace archivar {

// A plain value type. Every field but `id` may be empty.
struct Article {
  std::string id;                 // unique key; re-indexing the same id replaces the article
  std::string title;              // display title, also indexed with a higher weight
  std::string body;               // full text, stored as given (original line breaks kept)
  std::string url;                // link to the article on the site
  std::string date;               // "YYYY-MM-DD", or empty when unknown
  std::string lang;               // "de", "en", ...; empty means "detect it"
  std::string author;             // free text; indexed as an exact (boolean) term too
  std::vector<std::string> tags;  // free-text tags; each indexed as an exact term
  std::string source;             // site or feed the article came from ("reuters", ...)

  friend bool operator==(const Article&, const Article&) = default;
};

}  // namespace archivar
