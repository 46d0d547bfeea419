// Checks shared by the fuzz targets that produce an Article (JSON record,
// HTML page): the form Index::add and the stored fields expect.
// Header-only; pure functions.
#pragma once

#include <string>

#include "archivar/article.hpp"
#include "ingest/json_record.hpp"

namespace archivar::fuzz {

// True if the date is empty or already YYYY-MM-DD (normalizing it again
// changes nothing) and the language code has no upper-case letters.
inline bool date_and_lang_well_formed(const Article& article) {
  std::string normalized;
  if (!article.date.empty() &&
      (!ingest::normalize_iso_date(article.date, normalized) || normalized != article.date)) {
    return false;
  }
  for (char c : article.lang) {
    if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

}  // namespace archivar::fuzz
