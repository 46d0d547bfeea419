// A query's match counts as a page reports them: Xapian's bounds and
// estimate from the ranked pass, or from Xapian's estimate without a match
// when the window came another way (search/common_cutoff.hpp). Invariant:
// lower <= the true count <= upper. Thread-safety: a plain value.
#pragma once

#include <xapian.h>

namespace archivar::search {

struct MatchCounts {
  Xapian::doccount lower = 0;
  Xapian::doccount estimated = 0;
  Xapian::doccount upper = 0;
};

[[nodiscard]] inline MatchCounts counts_of(const Xapian::MSet& mset) {
  return {mset.get_matches_lower_bound(), mset.get_matches_estimated(),
          mset.get_matches_upper_bound()};
}

}  // namespace archivar::search
