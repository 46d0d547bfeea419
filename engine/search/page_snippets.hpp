// PageSnippets: the snippets and highlighted titles of one result page,
// built by the Searcher's thread alone or shared with a second thread
// (SearcherOptions::snippet_thread, search/request_worker.hpp).
//
// Why: a page's ten snippets are ten independent pieces of work (read the
// hit's body record, decompress it, scan and analyze a passage), about a
// third of what a request with snippets, facets and collapsing costs
// beyond its ranked match. On an idle second core half of them can be
// built meanwhile; the output is the same, whichever thread builds a hit.
//
// How: each thread claims the next unbuilt hit (an atomic counter, so a
// long body on one thread does not hold up the other) and builds it with
// its own Xapian::Database, BodyDecompressor and SnippetBuilder (none of
// them is thread-safe). A thread that throws leaves the hit it claimed
// unbuilt; build_missing() then builds what is left on the caller's thread.
//
// Contract: the titles, terms, weights, options, phrases and prefixes
// given to the constructor are read (never written) by both threads and
// must outlive every build call. Thread-safety: build_unclaimed() may run
// on two threads at once; build_missing(), snippet() and title() only on
// the owner's thread after every other build_unclaimed() has returned and
// been waited for (the hand-over gives the happens-before).
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "index/body_codec.hpp"
#include "search/passage_locator.hpp"
#include "search/query_phrases.hpp"
#include "search/snippet_builder.hpp"

namespace archivar::search {

class PageSnippets {
 public:
  struct Hit {
    Xapian::docid docid = 0;
    std::string_view title;             // its stored title (the body's stand-in when it has none)
    const QueryTerms* terms = nullptr;  // SnippetTerms::for_language of its language
    const TermWeights* weights = nullptr;  // SnippetTerms::weights_for_language; null: uniform
    std::string_view lang;
  };

  // `phrases` and `prefixes` may be null (none).
  PageSnippets(std::vector<Hit> hits, const SnippetOptions& options, const QueryPhrases* phrases,
               const std::vector<std::string>* prefixes);

  [[nodiscard]] std::size_t size() const { return hits_.size(); }

  // Claims and builds hits nobody has claimed yet until none is left,
  // reading each body from `db` (the hit's docid there) through `bodies`.
  // Throws what reading or decompressing throws (Xapian errors,
  // archivar::DatabaseError); the hit being built then stays unbuilt.
  void build_unclaimed(Xapian::Database& db, index::BodyDecompressor& bodies,
                       SnippetBuilder& builder);

  // Builds every hit still unbuilt (claimed by a thread that threw). Only
  // after every other thread's build_unclaimed() has been waited for.
  void build_missing(Xapian::Database& db, index::BodyDecompressor& bodies,
                     SnippetBuilder& builder);

  // The built snippet and highlighted title of hit `index` (moved out).
  [[nodiscard]] std::string take_snippet(std::size_t index) { return std::move(snippets_[index]); }
  [[nodiscard]] std::string take_title(std::size_t index) { return std::move(titles_[index]); }

 private:
  void build(std::size_t index, Xapian::Database& db, index::BodyDecompressor& bodies,
             SnippetBuilder& builder);

  const std::vector<Hit> hits_;
  const SnippetOptions& options_;
  const QueryPhrases* phrases_;
  const std::vector<std::string>* prefixes_;
  std::vector<std::string> snippets_;
  std::vector<std::string> titles_;
  // 1 once hit i is built; each element written by the thread that claimed
  // it only (distinct bytes: no data race).
  std::vector<unsigned char> built_;
  std::atomic<std::size_t> next_{0};  // the next hit to claim
};

// Options for a highlighted title: the snippet's markers, the whole title
// analyzed at once and never cut (its byte length bounds its code points).
[[nodiscard]] SnippetOptions title_snippet_options(SnippetOptions options, std::string_view title);

}  // namespace archivar::search
