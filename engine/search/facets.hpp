// Facets and filters: counts of lang, year, month, source, tag and author
// over a match set (Xapian match spies on the facet value slots), and the
// boolean-term filters that select one value.
//
// The docids of the match set come either from a MatchCollector spy on a
// match or, given by the caller, from search::match_set (the Searcher's
// way for a single index); FacetCounter::count then looks each docid up in
// the facet's column (search/facet_column.hpp) or, without one, walks each
// facet's value slot stream once, in docid order, skipping to each
// collected docid. Tags are many per article:
// they sit in one slot as an encoded list (index/value_list.hpp) and each
// of them is counted. We chose value slots over reading each matching
// article's K terms because a value stream is read sequentially, while a
// term-list read decodes the article's whole term list per match.
//
// Cost: the spy sees every article the match checks (match_set: O(postings
// of the query terms), no match), so counts cover the
// whole match set only when Enquire::get_mset is given check_at_least >= the
// number of matches (the Searcher passes the index's article count); that
// turns off Xapian's early termination. Then O(matches) for the docids plus,
// per facet, one array lookup per match when the caller passes its
// FacetColumns (search/facet_column.hpp; the Searcher does for a single
// index), else one sequential pass over the slot's value chunks that hold
// matches (skip_to jumps over the others).
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
#include "search/docid_bits.hpp"
#include "search/facet_column.hpp"

namespace archivar::search {

// Records the docid of every article the match checks (no value reads):
// the facet values are then read once per slot by walking the slot's value
// stream in docid order (FacetCounter::count), which is far cheaper than a
// Document::get_value per match and slot (a B-tree lookup and a chunk
// decode each).
class MatchCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  [[nodiscard]] Xapian::MatchSpy* clone() const override { return new MatchCollector; }
  [[nodiscard]] std::string name() const override { return "archivar.MatchCollector"; }

  // The docids seen, ascending. Sorts them (or lists the assigned bits)
  // on first call after a match or assign().
  [[nodiscard]] const std::vector<Xapian::docid>& docids();
  // The docids seen as bits (made from docids() on first call after a match).
  [[nodiscard]] const DocidBits& bits();
  [[nodiscard]] std::size_t seen() const {
    return has_bits_ && !has_docids_ ? bits_.count() : docids_.size();
  }
  // Takes the match set from elsewhere (search/match_set.hpp) instead of a
  // match.
  void assign(DocidBits bits) {
    bits_ = std::move(bits);
    has_bits_ = true;
    docids_.clear();
    has_docids_ = false;
    sorted_ = true;
  }

 private:
  std::vector<Xapian::docid> docids_;
  bool sorted_ = true;
  bool has_docids_ = true;  // docids_ holds the set (false: only bits_ does)
  DocidBits bits_;
  bool has_bits_ = false;  // bits_ holds the set
};

// Counts every value in a slot holding an encoded value list (tags), per
// match: the per-match counterpart of Xapian::ValueCountMatchSpy.
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
  Xapian::doccount total_ = 0;
  std::map<std::string, Xapian::doccount, std::less<>> counts_;
};

// How a FacetCounter reads values.
enum class FacetCounting {
  // One docid-recording spy, then one value-stream pass per slot (fast; a
  // single local database only: value streams and spy docids of a
  // multi-database do not line up).
  value_streams,
  // One spy per facet reading each match's value (Xapian's own
  // ValueCountMatchSpy, which also runs on remote shards; tags use
  // ValueListCountMatchSpy, which a remote shard cannot run). For shard sets.
  match_spies,
};

// The spies for the facets a request names, attached to one Enquire.
class FacetCounter {
 public:
  // Throws InvalidArgumentError for an unknown facet name.
  explicit FacetCounter(const std::vector<std::string>& names,
                        FacetCounting how = FacetCounting::value_streams);
  [[nodiscard]] FacetCounting counting() const { return how_; }
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  [[nodiscard]] bool empty() const { return facets_.empty(); }
  void attach(Xapian::Enquire& enquire);
  // value_streams: the match set given instead of attaching to a match,
  // from search::match_bits().
  void assign_matches(DocidBits matches) { collector_.assign(std::move(matches)); }
  // value_streams: the docids collected; the whole match set when it was
  // assigned or the counting match examined every match.
  [[nodiscard]] const DocidBits& matches() { return collector_.bits(); }
  // Counts the facet values of the collected matches in `db` (the Enquire's
  // database; match_spies counted during the match). value_streams: with
  // `columns` (the caller's cache for this revision of `db`), one array
  // lookup per match and facet (FacetColumns loads a slot on first use);
  // without, or for a column too sparse for an array, one pass over each
  // facet slot's value stream. Call after Enquire::get_mset, before
  // results(); `columns` must keep its columns (no clear()) until then,
  // as results() reads the values of the counted codes from them.
  void count(const Xapian::Database& db, FacetColumns* columns = nullptr);

  // Loads the column of every facet into `columns`, as count() asks for
  // them: for warming a revision of `db` up before requests need them.
  // Returns how many are arrays (FacetColumns::get). Throws Xapian errors.
  static std::uint32_t load_columns(const Xapian::Database& db, FacetColumns& columns);

  // Most frequent `max_values` values per facet (ties by value), in the
  // order the facets were named. Cost: per facet O(distinct values
  // counted × log max_values); only the values shown are copied.
  [[nodiscard]] std::vector<Facet> results(std::uint32_t max_values) const;
  // Articles the spy saw.
  [[nodiscard]] std::uint64_t counted() const;
  // Articles the spy saw, those sharing a non-empty value of `slot` counted
  // once (the collapsed count for collapse key `slot`): one pass over the
  // slot's value stream, or with `columns` one array lookup per match.
  // Call after the match; value_streams only.
  [[nodiscard]] std::uint64_t collapsed_count(const Xapian::Database& db, Xapian::valueno slot,
                                              FacetColumns* columns = nullptr);

 private:
  struct Entry;
  FacetCounting how_;
  std::vector<std::unique_ptr<Entry>> facets_;
  MatchCollector collector_;
};

// The spellings show_values_as_written() found, by filter term, for one
// database revision: the owner clears it when the revision changes (the
// first article of a value may have been deleted or replaced). At most
// kMaxEntries (then it starts over). Thread-safety: one per Searcher.
class WrittenForms {
 public:
  static constexpr std::size_t kMaxEntries = 1U << 16;
  // The spelling of `term`, or nullptr if not known.
  [[nodiscard]] const std::string* find(std::string_view term) const {
    const auto it = forms_.find(term);
    return it == forms_.end() ? nullptr : &it->second;
  }
  // Remembers `form` for `term` (if not known yet); returns the form kept.
  const std::string& add(std::string term, std::string form) {
    if (forms_.size() >= kMaxEntries) forms_.clear();
    return forms_.try_emplace(std::move(term), std::move(form)).first->second;
  }
  void clear() { forms_.clear(); }
  [[nodiscard]] std::size_t size() const { return forms_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> forms_;
};

// Facet values of source, tag and author are the normalized filter terms
// ("writer"); this replaces each with its spelling as written in the
// articles ("Writer"): the stored field of the first article (lowest docid)
// that has the value (for tags: its tag that normalizes to it). The index
// keeps no other display form (schema 4); the first article's spelling is
// stable across queries. Filters accept either form (case does not matter).
// A value no article spells (cannot happen in a consistent index) stays.
// Cost: per value shown, one posting-list lookup and one display-record
// read (lang, year and month: none), or with `written` (the caller's cache
// for this revision of `db`) one hash lookup for a value shown before.
// Throws DatabaseError like any read.
void show_values_as_written(std::vector<Facet>& facets, const Xapian::Database& db,
                            const analysis::TextAnalyzer& analyzer,
                            WrittenForms* written = nullptr);

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
