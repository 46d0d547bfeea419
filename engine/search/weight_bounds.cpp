#include "search/weight_bounds.hpp"

namespace archivar::search {

namespace {

double xapian_bound(const Xapian::Database& db, const Xapian::Query& query,
                    const Xapian::Weight& weight) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(weight);
  return enquire.get_mset(0, 0).get_max_possible();
}

}  // namespace

double WeightBounds::operator()(const Xapian::Database& db, const Xapian::Query& query,
                                const Xapian::Weight& weight) {
  std::string key = weight.name();
  key += '\0';
  key += weight.serialise();
  key += '\0';
  key += query.serialise();
  if (const auto found = bounds_.find(key); found != bounds_.end()) return found->second;
  const double bound = xapian_bound(db, query, weight);
  if (bounds_.size() >= kMaxBounds) bounds_.clear();
  bounds_.emplace(std::move(key), bound);
  return bound;
}

double weight_bound(const Xapian::Database& db, const Xapian::Query& query,
                    const Xapian::Weight& weight, WeightBounds* bounds) {
  return bounds != nullptr ? (*bounds)(db, query, weight) : xapian_bound(db, query, weight);
}

}  // namespace archivar::search
