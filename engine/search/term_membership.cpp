#include "search/term_membership.hpp"

#include <algorithm>
#include <utility>

namespace archivar::search {

std::size_t test_by_walk(const Xapian::Database& db, const std::string& term,
                         const std::vector<Xapian::docid>& docids, std::vector<bool>& holds) {
  holds.assign(docids.size(), false);
  // The docids ascending, to walk the posting list forward.
  std::vector<std::pair<Xapian::docid, std::size_t>> by_docid;
  by_docid.reserve(docids.size());
  for (std::size_t i = 0; i < docids.size(); ++i) by_docid.emplace_back(docids[i], i);
  std::sort(by_docid.begin(), by_docid.end());
  std::size_t held = 0;
  Xapian::PostingIterator posting = db.postlist_begin(term);
  const Xapian::PostingIterator end = db.postlist_end(term);
  for (const auto& [docid, index] : by_docid) {
    if (posting == end) break;
    posting.skip_to(docid);
    if (posting != end && *posting == docid) {
      holds[index] = true;
      ++held;
    }
  }
  return held;
}

std::size_t TermMembership::test(const Xapian::Database& db, const std::string& term,
                                 const std::vector<Xapian::docid>& docids,
                                 std::vector<bool>& holds) {
  bitmaps_.revise(db.get_lastdocid());
  const std::vector<std::uint64_t>* bits = bitmaps_.find(term);
  if (bits == nullptr) {
    unsigned& asked = asked_[term];
    if (asked < kWalksBeforeBitmap) {
      ++asked;
      return test_by_walk(db, term, docids, holds);
    }
    bits = cached_posting_bitmap(db, term, db.get_termfreq(term), bitmaps_);
    if (bits == nullptr) {  // not cached (too rare or too large): walk a while again
      asked = 0;
      return test_by_walk(db, term, docids, holds);
    }
  }
  holds.assign(docids.size(), false);
  std::size_t held = 0;
  for (std::size_t i = 0; i < docids.size(); ++i) {
    const std::size_t word = docids[i] / 64;
    if (word < bits->size() && (((*bits)[word] >> (docids[i] % 64)) & 1U) != 0) {
      holds[i] = true;
      ++held;
    }
  }
  return held;
}

}  // namespace archivar::search
