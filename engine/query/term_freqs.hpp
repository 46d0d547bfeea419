// TermFreqs: Xapian::Database::get_termfreq (and get_collection_freq)
// remembered for one revision of one database.
//
// A search looks the same terms up several times (the query builder's
// may-match checks, the common-clause chain and cutoff, the title boost,
// the collapse checks) and common words come back query after query. Each
// Xapian lookup walks the postlist B-tree (a pread of each block not in the
// cursor's path: 1-3 µs on the full corpus); a remembered one is a hash
// lookup.
//
// Contract: the owner calls clear() whenever the database may have moved to
// another revision (Database::reopen() returned true, or it was reopened);
// until then term frequencies cannot change. At most kMaxTerms terms are
// kept; the next one empties the memo first (a search engine's working set
// of terms is far smaller).
//
// Cost: one hash lookup per known term; ~80 bytes per term remembered.
// Thread-safety: none; one TermFreqs per Searcher (a Searcher is used by one
// thread at a time).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace archivar::query {

class TermFreqs {
 public:
  static constexpr std::size_t kMaxTerms = 1U << 16;

  explicit TermFreqs(const Xapian::Database& db) : db_(db) {}

  // The number of articles holding `term` (Database::get_termfreq).
  [[nodiscard]] Xapian::doccount operator()(const std::string& term);
  // How often `term` occurs in all articles (Database::get_collection_freq),
  // remembered the same way.
  [[nodiscard]] Xapian::termcount collection_freq(const std::string& term);

  // Forgets every term (the database's revision changed).
  void clear() {
    freqs_.clear();
    collection_freqs_.clear();
  }

  [[nodiscard]] const Xapian::Database& database() const { return db_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  const Xapian::Database& db_;
  std::unordered_map<std::string, Xapian::doccount, Hash, std::equal_to<>> freqs_;
  std::unordered_map<std::string, Xapian::termcount, Hash, std::equal_to<>> collection_freqs_;
};

// `term`'s frequency through `freqs` when given, else straight from `db`.
[[nodiscard]] inline Xapian::doccount termfreq(const Xapian::Database& db, TermFreqs* freqs,
                                               const std::string& term) {
  return freqs != nullptr ? (*freqs)(term) : db.get_termfreq(term);
}

// `term`'s collection frequency through `freqs` when given, else from `db`.
[[nodiscard]] inline Xapian::termcount collection_freq(const Xapian::Database& db, TermFreqs* freqs,
                                                       const std::string& term) {
  return freqs != nullptr ? freqs->collection_freq(term) : db.get_collection_freq(term);
}

}  // namespace archivar::query
