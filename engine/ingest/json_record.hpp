// One JSON Lines record → Article, with a precise reason when it is bad.
//
// Cost: one JSON parse of the line. Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "archivar/article.hpp"

namespace archivar::ingest {

struct RecordError {
  std::string field;   // offending field, empty if the line as a whole is bad
  std::string reason;  // e.g. "not valid JSON: ...", "missing", "expected a string"
};

// Parses `line` (one JSON object) into `article`. Returns false and fills
// `error` on a bad record: not JSON or not an object, missing/empty id, a
// field of the wrong type, a date that is not ISO 8601. Invalid UTF-8 is
// rejected (nlohmann's parser checks strings). Dates are normalized to
// YYYY-MM-DD; lang to lower case ISO 639-1 ("de-DE" → "de").
bool parse_json_record(std::string_view line, Article& article, RecordError& error);

// Parses an ISO 8601 date (YYYY-MM-DD, optionally followed by 'T' or ' ' and a
// time) into "YYYY-MM-DD"; checks month and day ranges (leap years too).
// Returns false if it is not such a date.
bool normalize_iso_date(std::string_view text, std::string& out);

}  // namespace archivar::ingest
