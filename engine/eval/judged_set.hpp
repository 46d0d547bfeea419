// A judged query set on disk: a folder with
//   queries.jsonl  one JSON object per line: {"id", "text", "lang"}; "id" is a
//                  string or an integer (kept as its decimal string), "text" a
//                  string, "lang" a string, null or absent (then "").
//   qrels.tsv      TREC qrels "qid 0 docid grade", fields separated by any
//                  whitespace; the second field is ignored, grade is an
//                  integer (0 or less = judged not relevant).
// Blank lines are skipped, CRLF line ends and a UTF-8 BOM are accepted.
// Queries without judgments and judgments for unknown queries are kept: the
// caller decides what to score.
//
// Cost: one pass over each file; memory proportional to the set.
// Thread-safety: load_judged_set is reentrant; a JudgedSet is a plain value.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace archivar::eval {

struct JudgedQuery {
  std::string id;    // as in qrels.tsv's first field
  std::string text;  // the query as a user would type it
  std::string lang;  // for reporting per language only; "" if not given
};

struct JudgedSet {
  std::vector<JudgedQuery> queries;  // in file order; ids are unique
  // query id -> (doc id -> grade)
  std::unordered_map<std::string, std::unordered_map<std::string, int>> qrels;
};

// Loads `dir`/queries.jsonl and `dir`/qrels.tsv. Throws archivar::InputError
// "FILE: reason" if a file cannot be opened or read, and "FILE:LINE: reason"
// for a malformed line, a duplicate query id, or a doc judged twice for the
// same query.
[[nodiscard]] JudgedSet load_judged_set(const std::filesystem::path& dir);

}  // namespace archivar::eval
