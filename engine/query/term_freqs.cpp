#include "query/term_freqs.hpp"

namespace archivar::query {

Xapian::doccount TermFreqs::operator()(const std::string& term) {
  if (const auto found = freqs_.find(term); found != freqs_.end()) return found->second;
  const Xapian::doccount freq = db_.get_termfreq(term);
  if (freqs_.size() >= kMaxTerms) freqs_.clear();
  freqs_.emplace(term, freq);
  return freq;
}

Xapian::termcount TermFreqs::collection_freq(const std::string& term) {
  if (const auto found = collection_freqs_.find(term); found != collection_freqs_.end()) {
    return found->second;
  }
  const Xapian::termcount freq = db_.get_collection_freq(term);
  if (collection_freqs_.size() >= kMaxTerms) collection_freqs_.clear();
  collection_freqs_.emplace(term, freq);
  return freq;
}

}  // namespace archivar::query
