#include "eval/judged_set.hpp"

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "archivar/errors.hpp"

namespace archivar::eval {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, std::uint64_t line,
                       const std::string& reason) {
  throw InputError(file.string() + ":" + std::to_string(line) + ": " + reason);
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_blank(std::string_view text) noexcept {
  for (const char c : text) {
    if (!is_space(c)) return false;
  }
  return true;
}

// Calls `on_line(line_number, text)` for every non-blank line of `file`,
// without its line end (and without a UTF-8 BOM on line 1).
void for_each_line(const std::filesystem::path& file,
                   const std::function<void(std::uint64_t, std::string_view)>& on_line) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const std::error_code error(errno, std::generic_category());
    throw InputError(file.string() + ": cannot open: " + error.message());
  }
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view text = line;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (is_blank(text)) continue;
    on_line(number, text);
  }
  if (in.bad())
    throw InputError(file.string() + ": read error after line " + std::to_string(number));
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

void load_queries(const std::filesystem::path& file, std::vector<JudgedQuery>& queries) {
  std::unordered_set<std::string> ids;
  for_each_line(file, [&](std::uint64_t number, std::string_view text) {
    const nlohmann::json record =
        nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) fail(file, number, "not valid JSON");
    if (!record.is_object()) fail(file, number, "not a JSON object");

    JudgedQuery query;
    const auto id = record.find("id");
    if (id == record.end()) fail(file, number, "missing \"id\"");
    if (id->is_string()) {
      query.id = id->get<std::string>();
    } else if (id->is_number_integer()) {  // signed or unsigned, not floating point
      query.id = id->dump();
    } else {
      fail(file, number, "\"id\" must be a string or an integer");
    }
    if (query.id.empty()) fail(file, number, "empty \"id\"");

    const auto query_text = record.find("text");
    if (query_text == record.end() || !query_text->is_string()) {
      fail(file, number, "missing \"text\" string");
    }
    query.text = query_text->get<std::string>();

    const auto lang = record.find("lang");
    if (lang != record.end() && !lang->is_null()) {
      if (!lang->is_string()) fail(file, number, "\"lang\" must be a string");
      query.lang = lang->get<std::string>();
    }
    if (!ids.insert(query.id).second)
      fail(file, number, "duplicate query id " + in_quotes(query.id));
    queries.push_back(std::move(query));
  });
}

void load_qrels(const std::filesystem::path& file, JudgedSet& set) {
  for_each_line(file, [&](std::uint64_t number, std::string_view text) {
    std::string_view fields[4];
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      while (pos < text.size() && is_space(text[pos])) ++pos;
      if (pos == text.size()) break;
      const std::size_t start = pos;
      while (pos < text.size() && !is_space(text[pos])) ++pos;
      if (count == 4) fail(file, number, "expected 4 fields \"qid 0 docid grade\", got more");
      fields[count++] = text.substr(start, pos - start);
    }
    if (count != 4) {
      fail(file, number, "expected 4 fields \"qid 0 docid grade\", got " + std::to_string(count));
    }
    const std::string_view grade_text = fields[3];
    int grade = 0;
    const char* const end = grade_text.data() + grade_text.size();
    const auto [ptr, ec] = std::from_chars(grade_text.data(), end, grade);
    if (ec != std::errc{} || ptr != end) {
      fail(file, number, "grade " + in_quotes(grade_text) + " is not an integer");
    }
    auto& judgments = set.qrels[std::string(fields[0])];
    if (!judgments.emplace(std::string(fields[2]), grade).second) {
      fail(file, number,
           "doc " + in_quotes(fields[2]) + " judged twice for query " + in_quotes(fields[0]));
    }
  });
}

}  // namespace

JudgedSet load_judged_set(const std::filesystem::path& dir) {
  JudgedSet set;
  load_queries(dir / "queries.jsonl", set.queries);
  load_qrels(dir / "qrels.tsv", set);
  return set;
}

}  // namespace archivar::eval
