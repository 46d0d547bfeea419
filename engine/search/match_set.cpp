#include "search/match_set.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <utility>

namespace archivar::search {

namespace {

// One bit per docid 0..last.
class Bitmap {
 public:
  explicit Bitmap(Xapian::docid last) : words_(static_cast<std::size_t>(last) / 64 + 1, 0) {}

  void set(Xapian::docid docid) { words_[docid / 64] |= std::uint64_t{1} << (docid % 64); }
  void add_postings(const Xapian::Database& db, const std::string& term) {
    const std::size_t limit = words_.size() * 64;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      const Xapian::docid docid = *it;
      if (docid < limit) set(docid);
    }
  }
  // Keeps only the docids that also have `term`: a skip_to per docid kept
  // so far, so a rare left side never walks a common term's whole list.
  void intersect_postings(const Xapian::Database& db, const std::string& term) {
    Xapian::PostingIterator it = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::uint64_t word = words_[i];
      std::uint64_t kept = 0;
      while (word != 0 && it != end) {
        const auto docid = static_cast<Xapian::docid>(i * 64 + std::countr_zero(word));
        it.skip_to(docid);
        if (it != end && *it == docid) kept |= word & -word;
        word &= word - 1;
      }
      words_[i] = kept;
    }
  }
  [[nodiscard]] const std::vector<std::uint64_t>& words() const { return words_; }
  void unite_words(const std::vector<std::uint64_t>& other) {
    for (std::size_t i = 0; i < words_.size() && i < other.size(); ++i) words_[i] |= other[i];
  }
  void intersect_words(const std::vector<std::uint64_t>& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= i < other.size() ? other[i] : 0;
  }
  void unite(const Bitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }
  void intersect(const Bitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
  }
  void subtract(const Bitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~other.words_[i];
  }
  void exclusive_or(const Bitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] ^= other.words_[i];
  }
  std::vector<std::uint64_t> take_words() && { return std::move(words_); }

 private:
  std::vector<std::uint64_t> words_;
};

class Evaluator {
 public:
  Evaluator(const Xapian::Database& db, const TermCoverFn* cover, PostingBitmaps* cache,
            query::TermFreqs* freqs)
      : db_(db), cover_(cover), cache_(cache), freqs_(freqs), last_(db.get_lastdocid()) {
    if (cache_ != nullptr) cache_->revise(last_);
  }

  // The match set of `query`, or nullopt for an operator we do not evaluate.
  std::optional<Bitmap> evaluate(const Xapian::Query& query) {
    const std::size_t count = query.get_num_subqueries();
    switch (query.get_type()) {
      case Xapian::Query::LEAF_TERM: {
        Bitmap out(last_);
        add_term(out, *query.get_terms_begin());
        return out;
      }
      case Xapian::Query::LEAF_MATCH_ALL: {
        Bitmap out(last_);
        out.add_postings(db_, std::string());  // every article
        return out;
      }
      case Xapian::Query::LEAF_MATCH_NOTHING:
        return Bitmap(last_);
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        if (count == 0) return std::nullopt;
        return evaluate(query.get_subquery(0));
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_MAX:
        return union_of(query);
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
        return intersection(query);
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_XOR: {
        if (count == 0) return std::nullopt;
        std::optional<Bitmap> out = evaluate(query.get_subquery(0));
        if (!out) return std::nullopt;
        for (std::size_t i = 1; i < count; ++i) {
          std::optional<Bitmap> part = evaluate(query.get_subquery(i));
          if (!part) return std::nullopt;
          if (query.get_type() == Xapian::Query::OP_AND_NOT) {
            out->subtract(*part);
          } else {
            out->exclusive_or(*part);
          }
        }
        return out;
      }
      default:
        return std::nullopt;
    }
  }

 private:
  // The cached bitmap of `term` (termfreq `termfreq`), read and cached on
  // first use when the term is common enough; null when not cached.
  const std::vector<std::uint64_t>* cached_bitmap(const std::string& term,
                                                  Xapian::doccount termfreq) {
    return cache_ == nullptr ? nullptr : cached_posting_bitmap(db_, term, termfreq, *cache_);
  }

  // Sets `term`'s docids in `out`: from the cache or its posting list.
  void add_term(Bitmap& out, const std::string& term, Xapian::doccount termfreq = 0) {
    if (cache_ != nullptr && !term.empty()) {
      if (termfreq == 0) termfreq = query::termfreq(db_, freqs_, term);
      if (const std::vector<std::uint64_t>* cached = cached_bitmap(term, termfreq)) {
        out.unite_words(*cached);
        return;
      }
    }
    out.add_postings(db_, term);
  }

  // Collects the leaf terms under `query` reachable through unions
  // (OR, SYNONYM, MAX, SCALE_WEIGHT: the same set whatever the nesting),
  // and the other subqueries.
  static void gather_union(const Xapian::Query& query, std::vector<std::string>& terms,
                           std::vector<Xapian::Query>& others) {
    switch (query.get_type()) {
      case Xapian::Query::LEAF_TERM:
        terms.push_back(*query.get_terms_begin());
        return;
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_MAX:
      case Xapian::Query::OP_SCALE_WEIGHT:
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
          gather_union(query.get_subquery(i), terms, others);
        }
        return;
      default:
        others.push_back(query);
    }
  }

  // True if `term`'s cover (TermCover) is non-empty and each of its terms
  // that any article holds is in `terms`, itself with an empty cover: then
  // every article holding `term` is set by those terms' postings already.
  bool covered(const std::string& term, const std::vector<std::string>& terms) {
    if (cover_ == nullptr) return false;
    const std::vector<std::string> cover = (*cover_)(term);
    if (cover.empty()) return false;
    return std::all_of(cover.begin(), cover.end(), [&](const std::string& other) {
      if (other == term || !(*cover_)(other).empty()) return false;
      return std::binary_search(terms.begin(), terms.end(), other) ||
             query::termfreq(db_, freqs_, other) == 0;
    });
  }

  // OR / SYNONYM / MAX: every distinct leaf term's postings once (except
  // covered terms), united with the other subqueries' sets.
  std::optional<Bitmap> union_of(const Xapian::Query& query) {
    std::vector<std::string> terms;
    std::vector<Xapian::Query> others;
    gather_union(query, terms, others);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    Bitmap out(last_);
    for (const std::string& term : terms) {
      if (!covered(term, terms)) add_term(out, term);
    }
    for (const Xapian::Query& other : others) {
      std::optional<Bitmap> part = evaluate(other);
      if (!part) return std::nullopt;
      out.unite(*part);
    }
    return out;
  }

  // AND / FILTER: the rarest term's list (or the first other subquery),
  // the other subqueries intersected, then the other terms by skip_to from
  // the docids left (repeated terms once).
  std::optional<Bitmap> intersection(const Xapian::Query& query) {
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    std::vector<Xapian::Query> others;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      const Xapian::Query sub = query.get_subquery(i);
      if (sub.get_type() == Xapian::Query::LEAF_TERM) {
        std::string term = *sub.get_terms_begin();
        terms.emplace_back(query::termfreq(db_, freqs_, term), std::move(term));
      } else {
        others.push_back(sub);
      }
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    std::optional<Bitmap> out;
    std::size_t next_term = 0;
    if (!terms.empty()) {
      out.emplace(last_);
      add_term(*out, terms.front().second, terms.front().first);
      next_term = 1;
    }
    for (const Xapian::Query& other : others) {
      std::optional<Bitmap> part = evaluate(other);
      if (!part) return std::nullopt;
      if (out) {
        out->intersect(*part);
      } else {
        out = std::move(part);
      }
    }
    if (!out) return std::nullopt;  // no subqueries
    for (; next_term < terms.size(); ++next_term) {
      const auto& [termfreq, term] = terms[next_term];
      if (const std::vector<std::uint64_t>* cached = cached_bitmap(term, termfreq)) {
        out->intersect_words(*cached);
      } else {
        out->intersect_postings(db_, term);
      }
    }
    return out;
  }

  const Xapian::Database& db_;
  const TermCoverFn* cover_;
  PostingBitmaps* cache_;
  query::TermFreqs* freqs_;
  Xapian::docid last_;
};

}  // namespace

bool PostingBitmaps::worth_caching(Xapian::doccount termfreq, Xapian::docid last) const {
  return termfreq >= min_termfreq_ && std::uint64_t{termfreq} * 32 >= last;
}

void PostingBitmaps::revise(Xapian::docid last) {
  if (last != last_) clear();
  last_ = last;
}

void PostingBitmaps::clear() {
  entries_.clear();
  order_.clear();
  bytes_ = 0;
}

const std::vector<std::uint64_t>* PostingBitmaps::find(const std::string& term) {
  const auto found = entries_.find(term);
  if (found == entries_.end()) return nullptr;
  order_.splice(order_.begin(), order_, found->second.recent);  // most recent first
  return &found->second.words;
}

const std::vector<std::uint64_t>* PostingBitmaps::insert(const std::string& term,
                                                         const std::vector<std::uint64_t>& words) {
  const std::size_t size = words.size() * sizeof(std::uint64_t);
  if (size > max_bytes_) return nullptr;
  while (bytes_ + size > max_bytes_ && !order_.empty()) {
    const auto oldest = entries_.find(order_.back());
    bytes_ -= oldest->second.words.size() * sizeof(std::uint64_t);
    entries_.erase(oldest);
    order_.pop_back();
  }
  order_.push_front(term);
  Entry& entry = entries_[term];
  entry.words = words;
  entry.recent = order_.begin();
  bytes_ += size;
  return &entry.words;
}

const std::vector<std::uint64_t>* cached_posting_bitmap(const Xapian::Database& db,
                                                        const std::string& term,
                                                        Xapian::doccount termfreq,
                                                        PostingBitmaps& cache) {
  const Xapian::docid last = db.get_lastdocid();
  cache.revise(last);
  if (term.empty() || !cache.worth_caching(termfreq, last) ||
      (std::size_t{last} / 64 + 1) * sizeof(std::uint64_t) > cache.max_bytes()) {
    return nullptr;
  }
  if (const std::vector<std::uint64_t>* cached = cache.find(term)) return cached;
  Bitmap bitmap(last);
  bitmap.add_postings(db, term);
  return cache.insert(term, bitmap.words());
}

std::optional<DocidBits> match_bits(const Xapian::Database& db, const Xapian::Query& query,
                                    const TermCoverFn* cover, PostingBitmaps* cache,
                                    query::TermFreqs* freqs) {
  std::optional<Bitmap> bitmap = Evaluator(db, cover, cache, freqs).evaluate(query);
  if (!bitmap) return std::nullopt;
  return DocidBits(std::move(*bitmap).take_words());
}

std::optional<std::vector<Xapian::docid>> match_set(const Xapian::Database& db,
                                                    const Xapian::Query& query,
                                                    const TermCoverFn* cover,
                                                    PostingBitmaps* cache) {
  std::optional<DocidBits> bits = match_bits(db, query, cover, cache);
  if (!bits) return std::nullopt;
  return bits->docids();
}

}  // namespace archivar::search
