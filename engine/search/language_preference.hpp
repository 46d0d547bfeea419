// Query-language preference: in an index of several languages, articles in
// the language of the query rank a little higher.
//
// Why: a query word is looked up as the stems of every index language, so
// names, numbers and shared words match articles in any language equally
// (an English translation of a German article competes with it for a German
// question). The language of the query is the one given with the request,
// or else the one detected in the query text when detection is confident
// (analysis::detect_language_confidently); nothing changes when neither is
// known, when the index is not really mixed (fewer than two languages with
// at least kMinLanguageShare of the articles each: in a German archive with
// a few articles detected as English, those are more often detection
// errors than translations, and preferring German cost de_mlqa 0.005 MRR),
// or when the query's language is not one of the mixed languages.
//
// How: OP_AND_MAYBE(query, OP_FILTER(fixed weight, L<lang>)): every matching
// article in that language gets the same extra weight, boost times the
// query's best hit's score, so the preference means the same for short and
// long queries. It re-weights matches only and never adds any.
//
// Cost: one language detection of the query (microseconds). The best
// score comes from the ranked pass itself when only relevance ranks
// (search/language_rerank.hpp: no extra match in most queries); otherwise
// from one extra top-1 match of the query (the Searcher's probe, with the
// ranking's own BM25 parameters: under Xapian's default BM25Weight its
// max-weight pruning failed and long questions took 35 ms instead of
// 1.9 ms). Thread-safety: free functions; the returned query owns its
// posting source.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::search {

// Share of the index's articles a language needs to count as one of the
// index's mixed languages.
inline constexpr double kMinLanguageShare = 0.1;

// The languages holding at least kMinLanguageShare of the articles (counts
// per language code), or none if fewer than two do.
[[nodiscard]] std::vector<std::string> mixed_languages(
    const std::map<std::string, Xapian::doccount>& articles_per_language);

// The query's language as the index spells it: `given` (lower-cased, region
// dropped: "de-DE" → "de") if set, else the confidently detected language of
// `query_text`; "" when unknown or not one of `mixed` (mixed_languages()).
[[nodiscard]] std::string preferred_language(std::string_view query_text, std::string_view given,
                                             const std::vector<std::string>& mixed);

// `query` with articles in `lang` (an index language code) weighted up by
// `weight` (absolute, added to their score). Returns `query` unchanged when
// lang is empty, weight is not positive or query is empty.
[[nodiscard]] Xapian::Query prefer_language(const Xapian::Query& query, const std::string& lang,
                                            double weight);

}  // namespace archivar::search
