#include "search/feedback_rerank.hpp"

#include <algorithm>
#include <cstddef>
#include <unordered_map>
#include <utility>

namespace archivar::search {

namespace {

// The given docids (sorted, distinct) as a posting list of weight 0: the
// filter that confines an Enquire to a window's articles.
class DocidListSource final : public Xapian::PostingSource {
 public:
  explicit DocidListSource(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {}

  Xapian::doccount get_termfreq_min() const override { return count(); }
  Xapian::doccount get_termfreq_est() const override { return count(); }
  Xapian::doccount get_termfreq_max() const override { return count(); }

  void init(const Xapian::Database& /*db*/) override {
    position_ = 0;
    started_ = false;
  }
  void next(double /*min_wt*/) override {
    if (started_) {
      ++position_;
    } else {
      started_ = true;
    }
  }
  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    started_ = true;
    const auto from = docids_.begin() + static_cast<std::ptrdiff_t>(position_);
    position_ =
        static_cast<std::size_t>(std::lower_bound(from, docids_.end(), did) - docids_.begin());
  }
  bool at_end() const override { return started_ && position_ >= docids_.size(); }
  Xapian::docid get_docid() const override { return docids_[position_]; }
  DocidListSource* clone() const override { return new DocidListSource(docids_); }

 private:
  Xapian::doccount count() const { return static_cast<Xapian::doccount>(docids_.size()); }

  std::vector<Xapian::docid> docids_;
  std::size_t position_ = 0;
  bool started_ = false;
};

}  // namespace

WindowRescore add_to_window(const Xapian::MSet& window, const Xapian::Database& db,
                            const Xapian::Query& extra, const Xapian::Weight& weighting) {
  WindowRescore out;
  out.ranked = ranked_as_is(window);
  if (window.empty() || extra.empty()) return out;
  std::vector<Xapian::docid> docids(window.begin(), window.end());
  std::sort(docids.begin(), docids.end());
  DocidListSource source(std::move(docids));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, extra, Xapian::Query(&source)));
  enquire.set_weighting_scheme(weighting);
  const Xapian::MSet added = enquire.get_mset(0, window.size());
  out.bound = added.get_max_possible();
  std::unordered_map<Xapian::docid, double> weights;
  weights.reserve(added.size());
  for (auto it = added.begin(); it != added.end(); ++it) weights.emplace(*it, it.get_weight());
  for (RankedMatch& match : out.ranked) {
    if (const auto found = weights.find(*match.match); found != weights.end()) {
      match.score = match.score + found->second;  // as OP_AND_MAYBE adds it
    }
  }
  std::stable_sort(out.ranked.begin(), out.ranked.end(),
                   [](const RankedMatch& a, const RankedMatch& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return *a.match < *b.match;
                   });
  return out;
}

}  // namespace archivar::search
