// Ranking options beyond plain BM25: title weight, recency boost, date order.
//
// - Title weight: OP_AND_MAYBE(query, OP_SCALE_WEIGHT(OR of S<word>, w)), or
//   the same matches and weights with S<word> as OR children of the query
//   (search/title_boost_fold.hpp, as the Searcher joins them).
//   Every query word's unstemmed title term adds w times its BM25 weight
//   among the S terms (words of quoted phrases none: ranking.cpp);
//   OP_AND_MAYBE re-weights matches and never adds any.
// - Recency: score = BM25 + boost * 2^(-age_days / half_life_days) through
//   RecencyPostingSource on the date slot, joined with OP_AND_MAYBE.
// - Date order: a MultiValueKeyMaker on the date slot that puts undated
//   articles last in both directions; relevance, then docid, break ties.
//
// Thread-safety: one instance per search.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "query/term_freqs.hpp"

namespace archivar::search {

// Days since 1970-01-01 of a "YYYYMMDD" (slot) or "YYYY-MM-DD" date;
// nullopt if it is not a valid date.
[[nodiscard]] std::optional<std::int64_t> day_number(std::string_view date);

// Weight source: boost * 2^(-max(0, reference - date) / half_life) for each
// dated article, 0 for undated ones.
class RecencyPostingSource : public Xapian::ValuePostingSource {
 public:
  RecencyPostingSource(Xapian::valueno value_slot, std::int64_t reference_day,
                       double half_life_days, double boost);

  void init(const Xapian::Database& database) override;
  [[nodiscard]] double get_weight() const override;
  [[nodiscard]] RecencyPostingSource* clone() const override;
  [[nodiscard]] std::string name() const override { return "archivar.RecencyPostingSource"; }

 private:
  std::int64_t reference_day_;
  double half_life_days_;
  double boost_;
};

// The title-boost query for the words of `query_text` (parsed as search-box
// syntax, words analyzed like the index; quoted phrases, excluded words and
// fields other than title: boost nothing),
// scaled by `weight`; an empty Query when no word is left. With `db`,
// title terms no article holds are left out (same matches and weights, fewer
// postlists; one term-frequency lookup per word).
// Its title terms alone (S-prefixed, sorted, distinct), with `db` those some
// article holds (search/title_boost_fold.hpp joins them to a query).
[[nodiscard]] std::vector<std::string> title_boost_terms(std::string_view query_text,
                                                         analysis::TextAnalyzer& analyzer,
                                                         const Xapian::Database* db = nullptr,
                                                         query::TermFreqs* freqs = nullptr);
[[nodiscard]] Xapian::Query title_boost_query(std::string_view query_text, double weight,
                                              analysis::TextAnalyzer& analyzer,
                                              const Xapian::Database* db = nullptr);

// Adds the date slot to `key_maker`; `newest_first` reverses; undated
// articles sort last either way.
void add_date_key(Xapian::MultiValueKeyMaker& key_maker, bool newest_first);

}  // namespace archivar::search
