// Facets and filters: counts of lang, year, month, source, tag and author
// over a match set (Xapian match spies on the facet value slots), and the
// boolean-term filters that select one value.
//
// Single-valued facets use Xapian::ValueCountMatchSpy on their slot. Tags
// are many per article: they sit in one slot as an encoded list
// (index/value_list.hpp) and ValueListCountMatchSpy counts each of them. We
// chose a value slot over reading each matching article's K terms because a
// value read is one lookup in the slot's value stream, while a term-list
// read decodes the article's whole term list (hundreds of terms) per match.
//
// Cost: a spy sees every article the match checks, so counts cover the whole
// match set only when Enquire::get_mset is given check_at_least >= the number
// of matches (the Searcher passes the index's article count); that turns off
// Xapian's early termination: O(matches) value reads per facet.
// Thread-safety: one FacetCounter per search.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "archivar/searcher.hpp"

namespace archivar::search {

// Counts every string of a value list (index/value_list.hpp) in one slot.
class ValueListCountMatchSpy : public Xapian::MatchSpy {
 public:
  explicit ValueListCountMatchSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] Xapian::MatchSpy* clone() const override;
  [[nodiscard]] std::string name() const override { return "archivar.ValueListCountMatchSpy"; }

  [[nodiscard]] const std::map<std::string, Xapian::doccount, std::less<>>& counts() const {
    return counts_;
  }
  [[nodiscard]] Xapian::doccount total() const { return total_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount, std::less<>> counts_;
  Xapian::doccount total_ = 0;
};

// The spies for the facets a request names, attached to one Enquire.
class FacetCounter {
 public:
  // Throws InvalidArgumentError for an unknown facet name.
  explicit FacetCounter(const std::vector<std::string>& names);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  [[nodiscard]] bool empty() const { return facets_.empty(); }
  void attach(Xapian::Enquire& enquire);

  // Most frequent `max_values` values per facet (ties by value), in the
  // order the facets were named.
  [[nodiscard]] std::vector<Facet> results(std::uint32_t max_values) const;
  // Articles the spies saw.
  [[nodiscard]] std::uint64_t counted() const;

 private:
  struct Entry;
  std::vector<std::unique_ptr<Entry>> facets_;
};

// The filter query for "name:value" filters (same name OR-ed, different
// names AND-ed), normalized like the document builder normalizes the
// boolean terms. An empty Query when `filters` is empty. Throws
// InvalidArgumentError naming the filter when it has no ':', an unknown
// name, or an impossible year/month.
[[nodiscard]] Xapian::Query filter_query(const std::vector<std::string>& filters,
                                         analysis::TextAnalyzer& analyzer);

// The facet names, for messages and --help: "lang, year, month, source, tag, author".
[[nodiscard]] std::string facet_names();

}  // namespace archivar::search
