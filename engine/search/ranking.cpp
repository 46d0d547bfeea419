#include "search/ranking.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <vector>

#include "index/schema.hpp"
#include "query/query_syntax.hpp"

namespace archivar::search {

std::optional<std::int64_t> day_number(std::string_view date) {
  std::string digits;
  if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
    digits = std::string(date.substr(0, 4)) + std::string(date.substr(5, 2)) +
             std::string(date.substr(8, 2));
  } else if (date.size() == 8) {
    digits = std::string(date);
  } else {
    return std::nullopt;
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int year = std::stoi(digits.substr(0, 4));
  const auto month = static_cast<unsigned>(std::stoi(digits.substr(4, 2)));
  const auto day = static_cast<unsigned>(std::stoi(digits.substr(6, 2)));
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

RecencyPostingSource::RecencyPostingSource(Xapian::valueno value_slot, std::int64_t reference_day,
                                           double half_life_days, double boost)
    : Xapian::ValuePostingSource(value_slot),
      reference_day_(reference_day),
      half_life_days_(half_life_days),
      boost_(boost) {}

void RecencyPostingSource::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  set_maxweight(boost_);
}

double RecencyPostingSource::get_weight() const {
  const std::optional<std::int64_t> day = day_number(get_value());
  if (!day) return 0.0;
  const auto age = static_cast<double>(std::max<std::int64_t>(0, reference_day_ - *day));
  return boost_ * std::exp2(-age / half_life_days_);
}

RecencyPostingSource* RecencyPostingSource::clone() const {
  return new RecencyPostingSource(get_slot(), reference_day_, half_life_days_, boost_);
}

namespace {

// Title terms of the words of `node`: every term of a word, as before the
// query had syntax. A quoted phrase adds none: its words alone would boost
// every title holding "und" for "und nicht" (and OR-ing such common title
// words under OP_AND_MAYBE made phrase queries 3× slower: 25.5 vs 8.7 ms for
// six two-word phrases at 20k articles), while the phrase of title terms as
// the boost cost 66 ms (Xapian looks ahead for the next phrase match at every
// candidate). Title words already weigh more in the phrase's own BM25 (their
// wdf). Excluded clauses and non-title fields add nothing.
void collect_title_boost(const query::Node& node, analysis::TextAnalyzer& analyzer,
                         std::set<std::string>& terms) {
  using Kind = query::Node::Kind;
  if (node.occur == query::Occur::must_not) return;
  const auto words = [&](const std::string& text) {
    for (const Token& token : analyzer.analyze(text, "")) {
      terms.insert(std::string(schema::kTitle) + token.term);
    }
  };
  switch (node.kind) {
    case Kind::word:
    case Kind::prefix:
      words(node.text);
      break;
    case Kind::field:
      if (node.field == query::Field::title && !node.quoted) words(node.text);
      break;
    case Kind::phrase:
    case Kind::date_range:
      break;
    case Kind::group:
    case Kind::all:
    case Kind::any:
    case Kind::near:
      for (const query::Node& child : node.children) collect_title_boost(child, analyzer, terms);
      break;
  }
}

}  // namespace

std::vector<std::string> title_boost_terms(std::string_view query_text,
                                           analysis::TextAnalyzer& analyzer,
                                           const Xapian::Database* db, query::TermFreqs* freqs) {
  std::set<std::string> terms;
  collect_title_boost(query::parse_query(query_text).root, analyzer, terms);
  if (db != nullptr)
    std::erase_if(terms,
                  [&](const std::string& term) { return query::termfreq(*db, freqs, term) == 0; });
  return {terms.begin(), terms.end()};
}

Xapian::Query title_boost_query(std::string_view query_text, double weight,
                                analysis::TextAnalyzer& analyzer, const Xapian::Database* db) {
  if (weight <= 0) return {};
  const std::vector<std::string> terms = title_boost_terms(query_text, analyzer, db);
  if (terms.empty()) return {};
  return {Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), weight};
}

void add_date_key(Xapian::MultiValueKeyMaker& key_maker, bool newest_first) {
  // Reversed, an empty value sorts after every date; forward, "~" (after
  // every digit) stands in for a missing date.
  key_maker.add_value(schema::kDateSlot, newest_first, newest_first ? "" : "~");
}

}  // namespace archivar::search
