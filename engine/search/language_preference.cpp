#include "search/language_preference.hpp"

#include <algorithm>

#include "analysis/language_detector.hpp"
#include "index/schema.hpp"

namespace archivar::search {

namespace {

// "de-DE", "DE", "de_at" → "de".
std::string language_code(std::string_view value) {
  std::string code;
  for (const char c : value) {
    if (c == '-' || c == '_') break;
    code.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return code;
}

}  // namespace

std::vector<std::string> mixed_languages(
    const std::map<std::string, Xapian::doccount>& articles_per_language) {
  double total = 0;
  for (const auto& [lang, count] : articles_per_language) total += count;
  std::vector<std::string> mixed;
  for (const auto& [lang, count] : articles_per_language) {
    if (count >= kMinLanguageShare * total) mixed.push_back(lang);
  }
  if (mixed.size() < 2) mixed.clear();
  return mixed;
}

std::string preferred_language(std::string_view query_text, std::string_view given,
                               const std::vector<std::string>& mixed) {
  if (mixed.size() < 2) return {};
  std::string lang =
      given.empty() ? analysis::detect_language_confidently(query_text) : language_code(given);
  if (std::find(mixed.begin(), mixed.end(), lang) == mixed.end()) {
    return {};
  }
  return lang;
}

Xapian::Query prefer_language(const Xapian::Query& query, const std::string& lang, double weight) {
  if (lang.empty() || !(weight > 0) || query.empty()) return query;
  // Reference-counted: the query owns the source after release().
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  const Xapian::Query boost(Xapian::Query::OP_FILTER, Xapian::Query(source->release()),
                            Xapian::Query(std::string(schema::kLanguage) + lang));
  return {Xapian::Query::OP_AND_MAYBE, query, boost};
}

}  // namespace archivar::search
