#include "ingest/json_record.hpp"

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archivar::ingest {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kWhitespace = " \t\r\n\f\v";

std::string_view trim_whitespace(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Value of the `count` decimal digits at text[pos]; -1 if one is not a digit.
int digits_at(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// At most `max_bytes` of `text` for an error message, cut at a character
// boundary (text is valid UTF-8: nlohmann checked it).
std::string excerpt(std::string_view text, std::size_t max_bytes = 40) {
  if (text.size() <= max_bytes) return std::string(text);
  auto end = static_cast<std::int32_t>(max_bytes);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  U8_SET_CP_START(bytes, 0, end);
  return std::string(text.substr(0, static_cast<std::size_t>(end))) + "…";
}

// Tracks which top-level field the parser is in, so that a parse error (in
// practice: invalid UTF-8 inside a string) can name the field. Only run on
// lines the DOM parser already rejected.
class FieldTracker final : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return value(); }
  bool boolean(bool /*unused*/) override { return value(); }
  bool number_integer(number_integer_t /*unused*/) override { return value(); }
  bool number_unsigned(number_unsigned_t /*unused*/) override { return value(); }
  bool number_float(number_float_t /*unused*/, const string_t& /*unused*/) override {
    return value();
  }
  bool string(string_t& /*unused*/) override { return value(); }
  bool binary(binary_t& /*unused*/) override { return value(); }
  bool start_object(std::size_t /*unused*/) override { return open(); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*unused*/) override { return open(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      field_ = name;
      in_value_ = true;
    }
    return true;
  }
  bool parse_error(std::size_t /*unused*/, const std::string& /*unused*/,
                   const nlohmann::detail::exception& /*unused*/) override {
    return false;
  }

  // The top-level field whose value held the error; empty if the error was
  // in a key or in the structure.
  [[nodiscard]] std::string field() const { return in_value_ ? field_ : std::string(); }

 private:
  bool value() {
    if (depth_ == 1) in_value_ = false;
    return true;
  }
  bool open() {
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return value();
  }

  int depth_ = 0;
  bool in_value_ = false;
  std::string field_;
};

// nlohmann's what() is "[json.exception.parse_error.101] parse error at ...";
// returns the part after the bracketed id.
std::string parse_error_text(const Json::exception& e) {
  std::string_view text = e.what();
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find("] ");
    if (close != std::string_view::npos) text.remove_prefix(close + 2);
  }
  return std::string(text);
}

bool fail(RecordError& error, std::string field, std::string reason) {
  error.field = std::move(field);
  error.reason = std::move(reason);
  return false;
}

// Reads an optional string field: absent or null leaves `out` empty.
bool read_string(const Json& object, const char* name, std::string& out, RecordError& error) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_string()) return fail(error, name, "expected a string");
  out = it->get_ref<const Json::string_t&>();
  return true;
}

bool read_id(const Json& object, std::string& out, RecordError& error) {
  const auto it = object.find("id");
  if (it == object.end() || it->is_null()) return fail(error, "id", "missing");
  if (it->is_number_unsigned()) {
    out = std::to_string(it->get<std::uint64_t>());
  } else if (it->is_number_integer()) {
    out = std::to_string(it->get<std::int64_t>());
  } else if (it->is_string()) {
    out = std::string(trim_whitespace(it->get_ref<const Json::string_t&>()));
    if (out.empty()) return fail(error, "id", "empty");
  } else {
    return fail(error, "id", "expected a string or an integer");
  }
  return true;
}

bool read_tags(const Json& object, std::vector<std::string>& out, RecordError& error) {
  const auto it = object.find("tags");
  if (it == object.end() || it->is_null()) return true;
  const auto add = [&out](const Json& tag) {
    const std::string_view text = trim_whitespace(tag.get_ref<const Json::string_t&>());
    if (!text.empty()) out.emplace_back(text);
  };
  if (it->is_string()) {
    add(*it);
    return true;
  }
  if (!it->is_array()) return fail(error, "tags", "expected an array of strings or a string");
  for (const Json& tag : *it) {
    if (!tag.is_string()) return fail(error, "tags", "expected an array of strings");
    add(tag);
  }
  return true;
}

// "de-DE", "de_DE", " DE " → "de". Only ASCII letters change case.
std::string normalize_lang(std::string_view text) {
  text = trim_whitespace(text);
  text = text.substr(0, text.find_first_of("-_"));
  std::string lang(text);
  for (char& c : lang) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lang;
}

}  // namespace

bool normalize_iso_date(std::string_view text, std::string& out) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return false;
  const int year = digits_at(text, 0, 4);
  const int month = digits_at(text, 5, 2);
  const int day = digits_at(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  if (day > days_in_month(year, month)) return false;
  out.assign(text.substr(0, 10));
  return true;
}

bool parse_json_record(std::string_view line, Article& article, RecordError& error) {
  Json json;
  try {
    json = Json::parse(line.begin(), line.end());
  } catch (const Json::exception& e) {  // parse_error, or out_of_range for 1e400
    std::string reason = parse_error_text(e);
    if (reason.find("ill-formed UTF-8") != std::string::npos) {
      FieldTracker tracker;
      Json::sax_parse(line.begin(), line.end(), &tracker);
      return fail(error, tracker.field(), "invalid UTF-8");
    }
    return fail(error, "", "not valid JSON: " + reason);
  }
  if (!json.is_object()) return fail(error, "", "expected a JSON object");

  Article result;
  if (!read_id(json, result.id, error)) return false;
  for (auto [name, field] : {std::pair{"title", &result.title}, std::pair{"body", &result.body},
                             std::pair{"url", &result.url}, std::pair{"author", &result.author},
                             std::pair{"source", &result.source}}) {
    if (!read_string(json, name, *field, error)) return false;
  }
  // Metadata loses surrounding white space; title and body stay as given.
  for (std::string* field : {&result.url, &result.author, &result.source}) {
    *field = std::string(trim_whitespace(*field));
  }
  if (!read_tags(json, result.tags, error)) return false;

  std::string date;
  if (!read_string(json, "date", date, error)) return false;
  if (const std::string_view trimmed = trim_whitespace(date); !trimmed.empty()) {
    if (!normalize_iso_date(trimmed, result.date)) {
      return fail(error, "date", "'" + excerpt(trimmed) + "' is not an ISO 8601 date (YYYY-MM-DD)");
    }
  }

  std::string lang;
  if (!read_string(json, "lang", lang, error)) return false;
  result.lang = normalize_lang(lang);

  article = std::move(result);
  return true;
}

}  // namespace archivar::ingest
