// Prefix backoff: the stems of the index that share a German query stem's
// beginning but that Snowball does not conflate with it (derivations such as
// `produkt` / `produktion`, `existiert` / `existenz`, names such as `vesta` /
// `vestas`). QueryBuilder adds them to a word at a low weight.
//
// A neighbour of a stem term `Z<stem>` is an index term `Z<other>` that
// shares at least `min_common` code points with the stem and differs from the
// common part by at most `max_rest` code points on each side: an ending, not
// a long second word (`produkt` reaches `produktion` and `produzi`,
// `existiert` reaches `existi`, not `produktionsstatt`). Only stems of
// `min_stem`+ code points have neighbours. Of the neighbours, the `max_terms`
// most frequent are returned, sorted by term. The defaults measured best on
// de_mlqa and de_xglue (README "Prefix backoff"): max_rest 2 / 3 / 4 / 5
// gave de_mlqa 0.676 / 0.677 / 0.679 / 0.674.
//
// Cost: one walk of the term list under the common prefix, at most
// `max_walk` terms (bounded whatever the index size). Thread-safety: reads
// the database it is given only.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace archivar::query {

struct PrefixBackoffOptions {
  std::size_t min_stem = 6;
  std::size_t min_common = 5;
  std::size_t max_rest = 4;
  std::size_t max_terms = 8;
  std::size_t max_walk = 2000;
};

// `stem_term`: a stem term with its prefix (`Z` + stem); `prefix_size` the
// prefix's bytes. `exclude`: terms already in the query (left out).
[[nodiscard]] std::vector<std::string> prefix_neighbours(const Xapian::Database& db,
                                                         std::string_view stem_term,
                                                         std::size_t prefix_size,
                                                         const std::vector<std::string>& exclude,
                                                         const PrefixBackoffOptions& options = {});

}  // namespace archivar::query
