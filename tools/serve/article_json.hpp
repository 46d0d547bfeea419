// JSON object → archivar::Article for the write API, with the field rules of
// `archivar index` (see archivar/article_reader.hpp): id a string or an
// integer, tags an array of strings or one string, null means absent,
// unknown fields ignored, a date with a time part keeps its day.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "archivar/article.hpp"

namespace archivar::serve {

// A record the write API rejects; `field` is empty when the whole record is bad.
class RecordError : public std::runtime_error {
 public:
  RecordError(std::string field, const std::string& message)
      : std::runtime_error(message), field_(std::move(field)) {}
  [[nodiscard]] const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Parses one JSON object. Throws RecordError for invalid JSON, a non-object,
// a field of the wrong type or a missing id.
[[nodiscard]] Article article_from_json(std::string_view text);

}  // namespace archivar::serve
