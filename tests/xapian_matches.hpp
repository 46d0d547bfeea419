// Xapian's own matches for a query, which the match-set tests compare with.
#pragma once

#include <xapian.h>

#include <vector>

namespace archivar::testing_support {

// Docids Xapian's matcher returns for `query` (BoolWeight, every match),
// ascending.
inline std::vector<Xapian::docid> xapian_matches(const Xapian::Database& db,
                                                 const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Xapian::docid> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  return out;
}

}  // namespace archivar::testing_support
