// RequestWorker: a Searcher's second thread for one request's side work:
// the whole-match-set work (the match set for facets, their tallies and the
// exact collapsed count) while the Searcher's thread runs the ranked match
// (SearcherOptions::facet_thread), and half of the page's snippets while
// the Searcher's thread builds the other half (SearcherOptions::
// snippet_thread, search/page_snippets.hpp).
//
// Why: with facets over every match, a search does two independent passes
// over the same posting lists: the ranked top-k (Xapian's matcher, with
// early termination) and the match set (search/match_set.hpp) with one
// column lookup per match and facet. On an otherwise idle machine the
// second core can do the second pass meanwhile, so a faceted search costs
// about its ranked pass (bench/README.md "Facets beside the ranked match").
// The CPU time is the same; on a machine whose cores are all busy serving
// other requests the thread only adds a hand-over (SearcherOptions).
//
// The worker has its own Xapian::Database on the same index folder (a
// Database object is not thread-safe), its own analyzer (for
// search::TermCover), posting-bitmap and term-frequency caches and facet
// columns (shared with the Searcher's through search::RevisionShared when
// both are at the same revision). A job runs only when the worker's
// database is at exactly the revision the Searcher's is at (the Searcher
// says which, and bumps `generation` whenever it reopens or reopens a
// replaced folder); otherwise start() declines and the Searcher counts on
// its own thread, as without a worker.
//
// Contract of a count job: start() hands over a copy of the query (serialised and
// read back, so that no Xapian::Query reference count is shared between
// threads) and a FacetCounter the caller must not touch until wait()
// returns (or wait_quietly(), which an unwinding caller must call before
// the FacetCounter dies). After wait() the counter holds the match set,
// its facet tallies (FacetCounter::count already ran: call results(), not
// count()) and the worker's columns, which stay valid until the next
// start().
//
// Contract of a snippet job: start_snippets() hands over a PageSnippets the
// caller must not destroy until wait_quietly() returns; the worker builds
// unclaimed hits with its own database, body decompressor and snippet
// builder. An error leaves the hit it was building unbuilt (the caller's
// PageSnippets::build_missing() builds it).
//
// Thread-safety: start(), start_snippets(), wait() and wait_quietly() are
// for one thread (the Searcher's); the worker thread touches only what a
// started job hands it.
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "index/body_codec.hpp"
#include "query/term_freqs.hpp"
#include "search/facet_column.hpp"
#include "search/facets.hpp"
#include "search/match_set.hpp"
#include "search/page_snippets.hpp"
#include "search/snippet_builder.hpp"

namespace archivar::search {

class RequestWorker {
 public:
  // Which state of the index the Searcher reads: a job runs only on it.
  struct Revision {
    std::uint64_t generation = 0;  // the Searcher's count of (re)opens that moved it
    Xapian::rev revision = 0;      // its Database::get_revision()
    std::string uuid;              // its Database::get_uuid()
    const std::vector<std::string>* languages = nullptr;  // its L terms (search::TermCover)
    bool every_article_has_language = false;
  };

  // `folder`: a single local index (not a shard set). Opens nothing yet.
  explicit RequestWorker(std::filesystem::path folder);
  ~RequestWorker();  // stops and joins the thread (after the running job)
  RequestWorker(const RequestWorker&) = delete;
  RequestWorker& operator=(const RequestWorker&) = delete;

  // Starts counting `facets` over every match of `query` on `at`; with
  // `collapse`, wait() returns the collapsed count of the matches (articles
  // sharing a near-duplicate cluster key count once), else their count.
  // Returns false (nothing started) when the worker's database is not at
  // `at` (a writer committed since the Searcher opened its revision) or the
  // query cannot be copied (a posting source without serialisation). Must
  // not be called while a job is pending. A database the worker cannot open
  // is declined too, until the next generation.
  bool start(const Xapian::Query& query, FacetCounter& facets, bool collapse, const Revision& at);
  // Starts building `page`'s unclaimed hits beside the caller (who then
  // calls page.build_unclaimed() itself, wait_quietly(), and
  // page.build_missing()). Returns false (nothing started) when the
  // worker's database is not at `at`. Must not be called while a job is
  // pending.
  bool start_snippets(PageSnippets& page, const Revision& at);
  // Tells the thread a job will follow soon (a page's snippets after the
  // ranked match): woken now, it waits for that job by polling for up to
  // `within` (after a job already queued, if any) instead of sleeping.
  // Why: a sleeping thread took 140 µs on average to wake here (a 2-vCPU
  // VM, futex wake-up of an idle vCPU), a third of a page's snippets. Cost:
  // the worker's core is busy polling for up to `within`.
  void stand_by(std::chrono::microseconds within);
  // Ends a stand-by early: no job follows after all (no hits, one hit, or
  // a declined page), so the worker's core goes back to sleep.
  void stand_down();
  // Waits for the started job (polling for up to kWaitPolling before it
  // sleeps, as the job is usually about to end); returns its count. Rethrows what the job
  // threw (Xapian errors: DatabaseModifiedError when a writer overwrote
  // the revision meanwhile).
  std::uint64_t wait();
  // Waits for a started job, if any, and forgets its outcome.
  void wait_quietly() noexcept;
  [[nodiscard]] bool pending() const { return pending_; }

 private:
  void run();  // the thread's loop
  void count_job();
  void snippet_job();
  // Queues the job set up in the members and wakes (or starts) the thread.
  void queue();
  // Opens the database afresh for a new generation; true if it is at `at`.
  bool sync(const Revision& at);

  std::filesystem::path folder_;
  // Touched by the worker thread only while a job runs, by the caller's
  // thread only while none does (the mutex hands them over).
  Xapian::Database db_;
  std::optional<std::uint64_t> synced_generation_;  // generation db_ was opened for
  bool synced_ = false;                             // db_ is at that generation's revision
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
  std::unique_ptr<query::TermFreqs> term_freqs_;
  PostingBitmaps posting_bitmaps_;
  FacetColumns columns_;
  std::vector<std::string> languages_;
  bool every_article_has_language_ = false;
  std::unique_ptr<index::BodyDecompressor> bodies_;  // of db_'s generation
  std::optional<SnippetBuilder> snippet_builder_;    // on analyzer_
  // The job: a count (query_, facets_, collapse_) or a page's snippets.
  PageSnippets* page_ = nullptr;
  std::optional<Xapian::Query> query_;
  FacetCounter* facets_ = nullptr;
  bool collapse_ = false;
  std::uint64_t count_ = 0;
  std::exception_ptr error_;

  std::mutex mutex_;
  std::condition_variable wake_;  // a job was queued, or stop
  std::condition_variable done_;  // the job finished
  bool queued_ = false;
  bool finished_ = false;
  bool stop_ = false;
  bool stand_by_ = false;                                // stand_by() was called
  std::chrono::steady_clock::time_point polling_until_;  // its deadline
  // queued_ and finished_ for polling without the mutex (set with them).
  std::atomic<bool> queued_signal_{false};
  std::atomic<bool> stand_down_signal_{false};  // stand_down() since stand_by()
  std::atomic<bool> finished_signal_{false};
  bool pending_ = false;  // caller's view: started and not yet waited for
  std::thread thread_;    // started by the first start()
};

}  // namespace archivar::search
