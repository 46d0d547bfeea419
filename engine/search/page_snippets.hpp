// PageSnippets: the snippets and highlighted titles of one result page,
// built by the Searcher's thread alone or shared with a second thread
// (SearcherOptions::snippet_thread, search/request_worker.hpp).
//
// Why: a page's ten hits are ten independent pieces of work (read the
// hit's display record and body record, decompress the body, scan and
// analyze a passage), about a third of what a request with snippets,
// facets and collapsing costs beyond its ranked match. On an idle second
// core half of them can be done meanwhile; the output is the same,
// whichever thread builds a hit.
//
// How: each thread claims the next unbuilt hit (an atomic counter, so a
// long body on one thread does not hold up the other), decodes its stored
// display fields (title, language, ...) and builds its snippet and
// highlighted title with its own Xapian::Database, BodyDecompressor and
// SnippetBuilder (none of them is thread-safe). The terms of each hit
// language come from a table the owner fills before (SnippetTerms is not
// thread-safe); a hit in a language without an entry is left unbuilt, as
// is the hit of a thread that throws, and build_missing() then builds what
// is left on the owner's thread, with the owner's SnippetTerms.
//
// Contract: the language table, options, phrases and prefixes given to the
// constructor are read (never written) by both threads and must outlive
// every build call. Thread-safety: build_unclaimed() may run on two threads
// at once; build_missing() and the take_...() calls only on the owner's
// thread after every other build_unclaimed() has returned and been waited
// for (the hand-over gives the happens-before).
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "archivar/article.hpp"
#include "index/body_codec.hpp"
#include "search/display_column.hpp"
#include "search/passage_locator.hpp"
#include "search/query_phrases.hpp"
#include "search/snippet_builder.hpp"
#include "search/snippet_terms.hpp"

namespace archivar::search {

class PageSnippets {
 public:
  // What a snippet of a hit in language `lang` looks for and marks
  // (SnippetTerms::for_language and weights_for_language; weights may be
  // null: uniform).
  struct LanguageTerms {
    std::string lang;
    const QueryTerms* terms = nullptr;
    const TermWeights* weights = nullptr;
  };

  // The hits `docids` (of the builders' databases, each known to exist),
  // `languages` the terms per hit language; `phrases` and `prefixes` may
  // be null (none). `display`: the revision's display records in memory
  // (null: each read from the database); like the table, it must outlive
  // every build call.
  PageSnippets(std::vector<Xapian::docid> docids, std::vector<LanguageTerms> languages,
               const SnippetOptions& options, const QueryPhrases* phrases,
               const std::vector<std::string>* prefixes, const DisplayColumn* display = nullptr);

  [[nodiscard]] std::size_t size() const { return docids_.size(); }

  // Claims and builds hits nobody has claimed yet until none is left,
  // reading each from `db` (the hit's docid there), its body through
  // `bodies`. A hit whose language has no entry stays unbuilt. Throws what
  // reading or decompressing throws (Xapian errors, archivar::DatabaseError);
  // the hit being built then stays unbuilt.
  void build_unclaimed(Xapian::Database& db, index::BodyDecompressor& bodies,
                       SnippetBuilder& builder);

  // Builds every hit still unbuilt, with `terms` for languages without an
  // entry. Only after every other thread's build_unclaimed() has been
  // waited for.
  void build_missing(Xapian::Database& db, index::BodyDecompressor& bodies, SnippetBuilder& builder,
                     SnippetTerms& terms);

  // Hit `index`'s stored display fields (Article without its body), its
  // snippet and highlighted title (each moved out once).
  [[nodiscard]] Article take_article(std::size_t index) { return std::move(articles_[index]); }
  [[nodiscard]] std::string take_snippet(std::size_t index) { return std::move(snippets_[index]); }
  [[nodiscard]] std::string take_title(std::size_t index) { return std::move(titles_[index]); }

 private:
  // Builds hit `index`; false (nothing stored) when its language has no
  // entry and `terms` is null.
  bool build(std::size_t index, Xapian::Database& db, index::BodyDecompressor& bodies,
             SnippetBuilder& builder, SnippetTerms* terms);

  const std::vector<Xapian::docid> docids_;
  const std::vector<LanguageTerms> languages_;
  const SnippetOptions& options_;
  const QueryPhrases* phrases_;
  const std::vector<std::string>* prefixes_;
  const DisplayColumn* display_;  // may be null
  // Slot i is written by the thread that claimed hit i only.
  std::vector<Article> articles_;
  std::vector<std::string> snippets_;
  std::vector<std::string> titles_;
  // 1 once hit i is built (distinct bytes: no data race).
  std::vector<unsigned char> built_;
  std::atomic<std::size_t> next_{0};  // the next hit to claim
};

// Options for a highlighted title: the snippet's markers, the whole title
// analyzed at once and never cut (its byte length bounds its code points).
[[nodiscard]] SnippetOptions title_snippet_options(SnippetOptions options, std::string_view title);

}  // namespace archivar::search
