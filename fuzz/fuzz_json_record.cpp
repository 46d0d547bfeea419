// libFuzzer target: one JSON Lines record → Article (ingest/json_record).
// Contract checked: never throws, never crashes; an accepted record has a
// non-empty id, a date that is empty or YYYY-MM-DD, and a lower-case lang;
// a rejected one names a reason.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "article_checks.hpp"
#include "ingest/json_record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  archivar::Article article;
  archivar::ingest::RecordError error;
  if (archivar::ingest::parse_json_record(line, article, error)) {
    if (article.id.empty()) std::abort();
    if (!archivar::fuzz::date_and_lang_well_formed(article)) std::abort();
  } else if (error.reason.empty()) {
    std::abort();
  }
  std::string date;
  if (archivar::ingest::normalize_iso_date(line, date) && date.size() != 10) std::abort();
  return 0;
}
