#include "search/facets.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "archivar/errors.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "index/terms.hpp"
#include "index/value_list.hpp"

namespace archivar::search {

namespace {

enum class FacetKind { lang, year, month, text };

struct FacetField {
  std::string_view name;
  Xapian::valueno slot;
  std::string_view prefix;  // boolean term prefix for filters
  FacetKind kind;
  bool list;  // the slot holds a value list (tags)
};

constexpr std::array<FacetField, 6> kFields = {{
    {"lang", schema::kLanguageSlot, schema::kLanguage, FacetKind::lang, false},
    {"year", schema::kYearSlot, schema::kYear, FacetKind::year, false},
    {"month", schema::kMonthSlot, schema::kMonth, FacetKind::month, false},
    {"source", schema::kSourceSlot, schema::kSource, FacetKind::text, false},
    {"tag", schema::kTagsSlot, schema::kTag, FacetKind::text, true},
    {"author", schema::kAuthorSlot, schema::kAuthor, FacetKind::text, false},
}};

const FacetField* find_field(std::string_view name) {
  for (const FacetField& field : kFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// The boolean-term prefix a field's column is read from (FacetColumn::
// load_from_terms); empty for the slots whose terms differ from the values.
std::string_view column_terms(const FacetField& field) {
  return !field.list && field.kind != FacetKind::month ? field.prefix : std::string_view();
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Truncates at a UTF-8 character boundary to at most `limit` bytes (as the
// document builder does for boolean terms).
std::string clip_utf8(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

std::string filter_term(const FacetField& field, std::string_view value, const std::string& filter,
                        analysis::TextAnalyzer& analyzer) {
  const auto bad = [&](const char* why) {
    return InvalidArgumentError("filter '" + filter + "': " + why);
  };
  std::string term(field.prefix);
  switch (field.kind) {
    case FacetKind::year:
      if (value.size() != 4 || !all_digits(value)) throw bad("year must be YYYY");
      term += value;
      break;
    case FacetKind::month: {
      std::string digits;
      if (value.size() == 7 && value[4] == '-') {
        digits = std::string(value.substr(0, 4)) + std::string(value.substr(5, 2));
      } else {
        digits = std::string(value);
      }
      if (digits.size() != 6 || !all_digits(digits) || digits.substr(4) < "01" ||
          digits.substr(4) > "12") {
        throw bad("month must be YYYY-MM");
      }
      term += digits;
      break;
    }
    case FacetKind::lang:
      term += analyzer.normalize(value);
      break;
    case FacetKind::text:
      term += clip_utf8(analyzer.normalize(value), analysis::kMaxTermBytes);
      break;
  }
  return term;
}

}  // namespace

void MatchCollector::operator()(const Xapian::Document& doc, double /*weight*/) {
  const Xapian::docid did = doc.get_docid();
  if (!docids_.empty() && did < docids_.back()) sorted_ = false;
  docids_.push_back(did);
  has_bits_ = false;
}

const std::vector<Xapian::docid>& MatchCollector::docids() {
  if (!has_docids_) {
    docids_ = bits_.docids();
    has_docids_ = true;
  }
  if (!sorted_) {
    std::sort(docids_.begin(), docids_.end());
    sorted_ = true;
  }
  return docids_;
}

const DocidBits& MatchCollector::bits() {
  if (!has_bits_) {
    const std::vector<Xapian::docid>& docids = this->docids();
    std::vector<std::uint64_t> words(docids.empty() ? 0 : std::size_t{docids.back()} / 64 + 1, 0);
    for (const Xapian::docid docid : docids) words[docid / 64] |= std::uint64_t{1} << (docid % 64);
    bits_ = DocidBits(std::move(words));
    has_bits_ = true;
  }
  return bits_;
}

void ValueListCountMatchSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++total_;
  index::for_each_in_value_list(doc.get_value(slot_), [&](std::string_view value) {
    auto found = counts_.find(value);
    if (found == counts_.end()) found = counts_.emplace(std::string(value), 0).first;
    ++found->second;
  });
}

Xapian::MatchSpy* ValueListCountMatchSpy::clone() const {
  return new ValueListCountMatchSpy(slot_);
}

struct FacetCounter::Entry {
  std::string name;
  Xapian::valueno slot = 0;
  bool list = false;
  // The boolean-term prefix whose suffixes are exactly the slot's values
  // (FacetColumn::load_from_terms); empty when they differ (month, tags).
  std::string_view column_terms;
  // match_spies only: the spy that counts this facet during the match.
  std::unique_ptr<Xapian::ValueCountMatchSpy> single_spy;
  std::unique_ptr<ValueListCountMatchSpy> list_spy;
  // Counted through a column (value_streams with FacetColumns): per code
  // 1..distinct, its matches (code 0 is not counted for a column without
  // values); results() reads the values from `column`.
  const FacetColumn* column = nullptr;
  std::vector<std::uint32_t> tally;
  // Counted otherwise (value streams, match spies): per value, its matches.
  // Hashed: one hash and one compare per value read (a std::map needed
  // log(values) string compares); results() sorts.
  std::unordered_map<std::string, Xapian::doccount> counts;
};

namespace {

// The `limit` most frequent of `values` (count descending, ties by value
// ascending: a strict order, values being distinct) in that order, and
// their number: the order a stable sort by count of the value-sorted list
// gives, at O(n log limit) instead of two sorts of all n. `Value` is what
// value_of turns into the shown string (a code, or a map entry).
template <class Value, class ValueOf>
Facet top_values(std::string name, std::vector<std::pair<Xapian::doccount, Value>> values,
                 std::uint32_t limit, ValueOf value_of) {
  Facet facet;
  facet.name = std::move(name);
  facet.distinct = values.size();
  const auto before = [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return value_of(a.second) < value_of(b.second);
  };
  const std::size_t shown = std::min<std::size_t>(limit, values.size());
  std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(shown),
                    values.end(), before);
  facet.values.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) {
    facet.values.push_back({std::string(value_of(values[i].second)), values[i].first});
  }
  return facet;
}

}  // namespace

FacetCounter::FacetCounter(const std::vector<std::string>& names, FacetCounting how) : how_(how) {
  for (const std::string& name : names) {
    const FacetField* field = find_field(name);
    if (field == nullptr) {
      throw InvalidArgumentError("unknown facet '" + name + "' (known: " + facet_names() + ")");
    }
    const bool seen = std::any_of(facets_.begin(), facets_.end(),
                                  [&](const auto& entry) { return entry->name == name; });
    if (seen) continue;
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->slot = field->slot;
    entry->list = field->list;
    entry->column_terms = column_terms(*field);
    if (how_ == FacetCounting::match_spies) {
      if (entry->list) {
        entry->list_spy = std::make_unique<ValueListCountMatchSpy>(entry->slot);
      } else {
        entry->single_spy = std::make_unique<Xapian::ValueCountMatchSpy>(entry->slot);
      }
    }
    facets_.push_back(std::move(entry));
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (how_ == FacetCounting::match_spies) {
    for (const auto& entry : facets_) {
      if (entry->single_spy) {
        enquire.add_matchspy(entry->single_spy.get());
      } else {
        enquire.add_matchspy(entry->list_spy.get());
      }
    }
    return;
  }
  if (!facets_.empty()) enquire.add_matchspy(&collector_);
}

std::uint32_t FacetCounter::load_columns(const Xapian::Database& db, FacetColumns& columns) {
  std::uint32_t arrays = 0;
  for (const FacetField& field : kFields) {
    if (columns.get(db, field.slot, field.list, true, column_terms(field)) != nullptr) ++arrays;
  }
  return arrays;
}

void FacetCounter::count(const Xapian::Database& db, FacetColumns* columns) {
  if (how_ == FacetCounting::match_spies) {
    for (const auto& entry : facets_) {
      entry->counts.clear();
      if (entry->single_spy) {
        for (auto it = entry->single_spy->values_begin(); it != entry->single_spy->values_end();
             ++it) {
          entry->counts[*it] += it.get_termfreq();
        }
      } else {
        for (const auto& [value, count] : entry->list_spy->counts()) entry->counts[value] += count;
      }
    }
    return;
  }
  // The facets with a column: one pass over the match set, a block of
  // docids at a time through every column.
  std::vector<Entry*> by_column;
  for (const auto& entry : facets_) {
    entry->counts.clear();
    entry->column = columns == nullptr
                        ? nullptr
                        : columns->get(db, entry->slot, entry->list, true, entry->column_terms);
    if (entry->column != nullptr) {
      entry->tally.assign(entry->column->tally_size(), 0);
      // A column no article has a value in shows nothing: no pass (only
      // code 0, "no value", would be counted, and results() skips it).
      // The full corpus has no sources, yet every request for the source
      // facet paid a lookup per match.
      if (entry->column->distinct() != 0) by_column.push_back(entry.get());
    }
  }
  if (!by_column.empty()) {
    collector_.bits().for_each_block([&](const Xapian::docid* ids, std::size_t count) {
      for (Entry* entry : by_column) entry->column->tally_block(ids, count, entry->tally.data());
    });
  }
  for (const auto& entry : facets_) {
    if (entry->column != nullptr) entry->column->fold_tally(entry->tally);
  }
  for (const auto& entry : facets_) {
    if (entry->column != nullptr) continue;
    const std::vector<Xapian::docid>& docids = collector_.docids();
    const auto add = [&](std::string_view value) { ++entry->counts[std::string(value)]; };
    Xapian::ValueIterator value = db.valuestream_begin(entry->slot);
    const Xapian::ValueIterator end = db.valuestream_end(entry->slot);
    for (const Xapian::docid did : docids) {
      if (value == end) break;
      if (value.get_docid() < did) value.skip_to(did);
      if (value == end) break;
      if (value.get_docid() != did) continue;
      std::string bytes = *value;
      if (entry->list) {
        index::for_each_in_value_list(bytes, add);
      } else if (!bytes.empty()) {
        ++entry->counts[std::move(bytes)];
      }
    }
  }
}

std::vector<Facet> FacetCounter::results(std::uint32_t max_values) const {
  std::vector<Facet> out;
  for (const auto& entry : facets_) {
    if (entry->column != nullptr) {
      std::vector<std::pair<Xapian::doccount, std::uint32_t>> codes;
      for (std::uint32_t code = 1; code < entry->tally.size(); ++code) {
        if (entry->tally[code] != 0) codes.emplace_back(entry->tally[code], code);
      }
      const FacetColumn& column = *entry->column;
      out.push_back(
          top_values(entry->name, std::move(codes), max_values,
                     [&](std::uint32_t code) -> const std::string& { return column.value(code); }));
      continue;
    }
    std::vector<std::pair<Xapian::doccount, const std::string*>> values;
    values.reserve(entry->counts.size());
    for (const auto& [value, count] : entry->counts) values.emplace_back(count, &value);
    out.push_back(
        top_values(entry->name, std::move(values), max_values,
                   [](const std::string* value) -> const std::string& { return *value; }));
  }
  return out;
}

std::uint64_t FacetCounter::collapsed_count(const Xapian::Database& db, Xapian::valueno slot,
                                            FacetColumns* columns) {
  const FacetColumn* column = columns == nullptr ? nullptr : columns->get(db, slot, false, false);
  if (column != nullptr) {
    // No key, or a key no other article holds: never collapsed; of the
    // others, each key once.
    return column->collapsed_count(collector_.bits());
  }
  const std::vector<Xapian::docid>& docids = collector_.docids();
  std::unordered_set<std::string> keys;
  std::uint64_t keyless = 0;
  Xapian::ValueIterator value = db.valuestream_begin(slot);
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (const Xapian::docid did : docids) {
    if (value != end && value.get_docid() < did) value.skip_to(did);
    if (value == end || value.get_docid() != did) {
      ++keyless;  // no key: never collapsed
      continue;
    }
    std::string key = *value;
    if (key.empty()) {
      ++keyless;
    } else {
      keys.insert(std::move(key));
    }
  }
  return keyless + keys.size();
}

std::uint64_t FacetCounter::counted() const {
  if (facets_.empty()) return 0;
  if (how_ == FacetCounting::match_spies) {
    const Entry& entry = *facets_.front();
    return entry.single_spy ? entry.single_spy->get_total() : entry.list_spy->total();
  }
  return collector_.seen();
}

namespace {

// The spelling of a text facet's filter `term` in the first article (lowest
// docid) holding it; nullopt when no article does or none spells it so.
std::optional<std::string> first_spelling(const FacetField& field, const std::string& term,
                                          const Xapian::Database& db,
                                          const analysis::TextAnalyzer& analyzer) {
  Xapian::PostingIterator first = db.postlist_begin(term);
  if (first == db.postlist_end(term)) return std::nullopt;
  const Xapian::Document document = db.get_document(*first, Xapian::DOC_ASSUME_VALID);
  const Article article = index::decode_display_fields(document.get_value(schema::kDisplaySlot),
                                                       [&] { return document.get_data(); });
  if (field.list) {
    for (const std::string& tag : article.tags) {
      if (index::boolean_term(analyzer, field.prefix, tag) == term) return tag;
    }
    return std::nullopt;
  }
  const std::string& written = field.slot == schema::kSourceSlot ? article.source : article.author;
  if (index::boolean_term(analyzer, field.prefix, written) == term) return written;
  return std::nullopt;
}

}  // namespace

void show_values_as_written(std::vector<Facet>& facets, const Xapian::Database& db,
                            const analysis::TextAnalyzer& analyzer, WrittenForms* written) {
  for (Facet& facet : facets) {
    const FacetField* field = find_field(facet.name);
    if (field == nullptr || field->kind != FacetKind::text) continue;
    for (FacetValue& value : facet.values) {
      std::string term = std::string(field->prefix) + value.value;
      const std::string* known = written != nullptr ? written->find(term) : nullptr;
      if (known == nullptr) {
        // A value no article spells keeps its normalized form.
        std::string form = first_spelling(*field, term, db, analyzer).value_or(value.value);
        if (written == nullptr) {
          value.value = std::move(form);
          continue;
        }
        known = &written->add(std::move(term), std::move(form));
      }
      value.value = *known;
    }
  }
}

Xapian::Query filter_query(const std::vector<std::string>& filters,
                           analysis::TextAnalyzer& analyzer) {
  std::map<std::string_view, std::vector<std::string>> terms_by_field;
  for (const std::string& filter : filters) {
    const std::size_t colon = filter.find(':');
    if (colon == std::string::npos) {
      throw InvalidArgumentError("filter '" + filter +
                                 "' is not name:value (names: " + facet_names() + ")");
    }
    const FacetField* field = find_field(std::string_view(filter).substr(0, colon));
    if (field == nullptr) {
      throw InvalidArgumentError("filter '" + filter +
                                 "' has an unknown name (known: " + facet_names() + ")");
    }
    const std::string_view value = std::string_view(filter).substr(colon + 1);
    if (value.empty()) throw InvalidArgumentError("filter '" + filter + "' has no value");
    terms_by_field[field->name].push_back(filter_term(*field, value, filter, analyzer));
  }
  std::vector<Xapian::Query> parts;
  for (const auto& [name, terms] : terms_by_field) {
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return {Xapian::Query::OP_AND, parts.begin(), parts.end()};
}

std::string facet_names() {
  std::string names;
  for (const FacetField& field : kFields) {
    if (!names.empty()) names += ", ";
    names += field.name;
  }
  return names;
}

}  // namespace archivar::search
