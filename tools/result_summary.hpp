// The count line of `archivar search` / `archivar related` text output,
// worded like a web search engine's: "19 results, showing 1–10" when the
// count is exact, "about 2,000 results, showing 1–10" when Xapian only
// estimated it (lower and upper bounds differ).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "archivar/searcher.hpp"

namespace archivar::cli {

// `number` with a comma every three digits: 2000 → "2,000".
[[nodiscard]] std::string with_thousands(std::uint64_t number);

// The count line (no newline) for a page whose first hit has 1-based
// position `first` and which shows `shown` hits; `page` names an empty page
// ("about 2,000 results, none on page 300").
[[nodiscard]] std::string result_summary(const MatchCount& total, std::uint64_t first,
                                         std::size_t shown, std::uint32_t page);

}  // namespace archivar::cli
