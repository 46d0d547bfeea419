// Searcher: the read side of an archivar index.
//
// A Searcher sees the index as of its opening (or last reopen()); writers
// committing meanwhile do not disturb it, and search() reopens by itself when
// Xapian reports that its snapshot was overwritten.
//
// Query syntax (search-box style; never throws, malformed input gets a
// best-effort reading): words, "phrases", +required, -excluded, a OR b,
// a AND b, NOT a, (groups), prefix*, a NEAR b, a NEAR/n b, title:word,
// title:"a phrase", author:/tag:/source:/lang:/url: filters (quoted values
// allowed), date:2014, date:2014-03, date:2014-01-01..2014-06-30, date:..2013.
// Precedence: NEAR > NOT > AND > OR > the implicit operator. Without
// operators words are OR-ed and ranked by BM25 (SearchRequest::
// match_all_words switches to AND). Each word is analyzed like the indexed
// text and matches the stems of every language in the index. Unknown fields
// and invalid dates are plain words. The README has the full rules.
//
// Thread-safety: one thread at a time per Searcher; open one per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archivar/article.hpp"
#include "archivar/export.hpp"

namespace archivar {

struct SearchRequest {
  std::string query;             // search-box string; empty matches every article (filters apply)
  std::string lang;              // only articles in this language ("de", "en"); empty: all
  std::string date_from;         // "YYYY-MM-DD" inclusive lower bound; empty: open
  std::string date_to;           // "YYYY-MM-DD" inclusive upper bound; empty: open
  std::uint32_t page = 1;        // 1-based page number
  std::uint32_t page_size = 10;  // hits per page, 1..1000
  bool match_all_words = false;  // plain words must all match (AND) instead of any (OR)
};

struct Hit {
  std::string id;
  std::string title;
  std::string date;
  std::string lang;
  std::string url;
  double score = 0;       // BM25 weight; comparable only within one result list
  std::uint32_t rank = 0; // 1-based position in the full ranking
};

struct MatchCount {
  std::uint64_t estimated = 0;  // best estimate of all matching articles
  std::uint64_t lower = 0;      // at least this many match
  std::uint64_t upper = 0;      // at most this many match
};

struct SearchResults {
  std::string query;  // the query string as given
  MatchCount total;
  std::vector<Hit> hits;
};

struct IndexStats {
  std::uint64_t articles = 0;
  std::map<std::string, std::uint64_t> articles_per_lang;
  std::uint64_t distinct_terms = 0;
  double average_length = 0;      // indexed words per article
  std::uint64_t bytes_on_disk = 0;
  std::string path;
};

class ARCHIVAR_EXPORT Searcher {
 public:
  // Opens the index at `path` read-only. Throws DatabaseError if it does not
  // exist or cannot be read.
  explicit Searcher(const std::filesystem::path& path);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Ranked hits for `request`. Throws InvalidArgumentError for a bad page,
  // page size or date bound; DatabaseError if the index breaks.
  [[nodiscard]] SearchResults search(const SearchRequest& request);

  // The stored article with this id, if any.
  [[nodiscard]] std::optional<Article> get(std::string_view id);

  // Counts and sizes. Cost: walks the term list once (O(distinct terms)).
  [[nodiscard]] IndexStats stats();

  // Moves to the latest committed state of the index.
  void reopen();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archivar
