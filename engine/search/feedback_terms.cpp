#include "search/feedback_terms.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "index/schema.hpp"

namespace archivar::search {

namespace {

// Xapian's expand parameter k (Enquire::set_expansion_scheme("trad", 1.0)).
constexpr double kExpandK = 1.0;

// One stem of one feedback article: its share of mult(t).
struct StemOccurrence {
  std::string term;
  double share;
};

// One distinct stem: r, mult(t) and the bound on its weight.
struct Candidate {
  const std::string* term;
  Xapian::doccount relevant;
  double multiplier;
  double bound;
};

// log((r + ½)(N − n − (R − r) + ½) / ((n − r + ½)(R − r + ½))): Xapian's
// TradEWeight without its multiplier.
double log_odds(double relevant, double termfreq, double feedback_size, double db_size) {
  const double relevant_without = feedback_size - relevant;
  const double num = (relevant + 0.5) * (db_size - termfreq - relevant_without + 0.5);
  const double denom = (termfreq - relevant + 0.5) * (relevant_without + 0.5);
  return std::log(num / denom);
}

// The Z stems of `did` with their shares of mult(t), appended to `out`.
void collect_stems(const Xapian::Database& db, Xapian::docid did, double avlen,
                   std::vector<StemOccurrence>& out) {
  const double length_ratio = avlen > 0 ? double(db.get_doclength(did)) / avlen : 1.0;
  const Xapian::TermIterator end = db.termlist_end(did);
  Xapian::TermIterator it = db.termlist_begin(did);
  it.skip_to(std::string(schema::kStem));
  for (; it != end; ++it) {
    std::string term = *it;
    if (term.empty() || term[0] != schema::kStem[0]) break;  // past the Z terms
    if (!is_feedback_stem(term)) continue;
    // Xapian treats wdf 0 as 1 so that every term weighs something.
    const double wdf = std::max<Xapian::termcount>(it.get_wdf(), 1);
    out.push_back({std::move(term), (kExpandK + 1) * wdf / (kExpandK * length_ratio + wdf)});
  }
}

}  // namespace

bool is_feedback_stem(const std::string& term) {
  return term.size() > 1 && term[0] == schema::kStem[0] && !(term[1] >= 'A' && term[1] <= 'Z');
}

std::vector<FeedbackTerm> best_feedback_stems(const Xapian::Database& db,
                                              const std::vector<Xapian::docid>& feedback,
                                              const std::vector<std::string>& excluded,
                                              std::size_t count) {
  std::vector<FeedbackTerm> best;
  if (feedback.empty() || count == 0) return best;
  const double avlen = db.get_avlength();
  const double db_size = db.get_doccount();
  const double feedback_size = double(feedback.size());

  std::vector<StemOccurrence> occurrences;
  for (const Xapian::docid did : feedback) collect_stems(db, did, avlen, occurrences);

  // r and mult(t) per distinct stem; `occurrences` no longer grows, so the
  // views and pointers into it stay valid.
  std::vector<Candidate> candidates;
  candidates.reserve(occurrences.size());
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(occurrences.size());
  for (const StemOccurrence& occurrence : occurrences) {
    const auto [it, fresh] = index_of.try_emplace(occurrence.term, candidates.size());
    if (fresh) {
      candidates.push_back({&occurrence.term, 1, occurrence.share, 0});
    } else {
      Candidate& candidate = candidates[it->second];
      ++candidate.relevant;
      candidate.multiplier += occurrence.share;
    }
  }

  // The weight at termfreq = r bounds the weight; the query's own terms are
  // never candidates.
  std::erase_if(candidates, [&](const Candidate& c) {
    return std::binary_search(excluded.begin(), excluded.end(), *c.term);
  });
  for (Candidate& c : candidates) {
    c.bound = c.multiplier * log_odds(c.relevant, c.relevant, feedback_size, db_size);
  }
  const auto lower_bound = [](const Candidate& a, const Candidate& b) { return a.bound < b.bound; };
  std::make_heap(candidates.begin(), candidates.end(), lower_bound);

  const auto better = [](const FeedbackTerm& a, const FeedbackTerm& b) {
    // Xapian's ESet order: equal weights in descending term order.
    return a.weight != b.weight ? a.weight > b.weight : a.term > b.term;
  };
  while (!candidates.empty()) {
    std::pop_heap(candidates.begin(), candidates.end(), lower_bound);
    const Candidate c = candidates.back();
    candidates.pop_back();
    if (!(c.bound > 0)) break;
    if (best.size() >= count && c.bound < best.back().weight) break;
    const double weight =
        c.multiplier * log_odds(c.relevant, db.get_termfreq(*c.term), feedback_size, db_size);
    if (!(weight > 0)) continue;
    FeedbackTerm term{*c.term, weight};
    if (best.size() >= count && !better(term, best.back())) continue;
    best.insert(std::upper_bound(best.begin(), best.end(), term, better), std::move(term));
    if (best.size() > count) best.pop_back();
  }
  return best;
}

}  // namespace archivar::search
