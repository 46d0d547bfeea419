// Suggester: search-box completions (Searcher::suggest) from the index's
// term dictionary.
//
// Terms: the unprefixed (unstemmed, normalized) words starting with the last
// word typed, by document frequency. Titles: the kSuggestTitleWords most
// frequent title words (S terms) starting with it, OR-ed and ranked by BM25
// among titles (short titles dominated by the word first), collapsed by
// near-duplicate cluster. No extra index structure: the term dictionary is
// already a sorted prefix tree (Xapian allterms_begin(prefix)), so the cost
// is the number of words sharing the prefix, capped at kMaxScannedTerms.
//
// Thread-safety: uses the database and analyzer it is given; one per thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/searcher.hpp"

namespace archivar::search {

// Words scanned at most per kind (terms, title words) for one suggestion;
// the most frequent among them win. A one-letter prefix on a large index
// stops here, so its completions are the most frequent of the first
// kMaxScannedTerms in alphabetical order.
inline constexpr std::size_t kMaxScannedTerms = 20000;
// Title words (the most frequent completions) searched for title suggestions.
inline constexpr std::size_t kSuggestTitleWords = 8;

[[nodiscard]] std::vector<Suggestion> suggest(const Xapian::Database& db,
                                              analysis::TextAnalyzer& analyzer,
                                              std::string_view prefix, std::uint32_t limit);

}  // namespace archivar::search
