// libFuzzer target: one HTML page → Article (ingest/html_reader, gumbo),
// then the TextCleaner that Index::add applies to title and body.
// Contract checked: never throws, never crashes; an accepted page has a
// non-empty body, no id, a date that is empty or YYYY-MM-DD, a lower-case
// lang, and every text field valid UTF-8 (invalid input is read as
// windows-1252); a rejected page names a reason. The cleaner keeps its
// output valid UTF-8 too.
#include <unicode/ustring.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "analysis/german_lexicon.hpp"
#include "article_checks.hpp"
#include "ingest/html_reader.hpp"
#include "ingest/text_cleaner.hpp"

namespace {

// ICU's strict conversion: fails on any ill-formed UTF-8 sequence.
bool valid_utf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  return status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING ||
         U_SUCCESS(status);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const archivar::ingest::TextCleaner cleaner(
      {}, &archivar::analysis::GermanLexicon::instance());
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  archivar::Article article;
  std::string reason;
  if (!archivar::ingest::parse_html(html, article, reason)) {
    if (reason.empty()) std::abort();
    return 0;
  }
  if (article.body.empty() || !article.id.empty()) std::abort();
  if (!archivar::fuzz::date_and_lang_well_formed(article)) std::abort();
  for (const std::string* field : {&article.title, &article.body, &article.lang, &article.url,
                                   &article.author, &article.source}) {
    if (!valid_utf8(*field)) std::abort();
  }
  for (const std::string& tag : article.tags) {
    if (tag.empty() || !valid_utf8(tag)) std::abort();
  }
  const std::string title = cleaner.clean_title(article.title);
  const std::string body = cleaner.clean_body(article.body, article.title);
  if (!valid_utf8(title) || !valid_utf8(body)) std::abort();
  return 0;
}
