#include "search/request_worker.hpp"

#include <utility>

#include "analysis/analysis_options.hpp"
#include "index/schema.hpp"
#include "search/term_cover.hpp"

namespace archivar::search {

namespace {

// Words the worker's analyzer keeps analyzed (TermCover stems the query's
// words again for every search; snippets stem their hit words), as many as
// the Searcher's snippet analyzer keeps.
constexpr std::size_t kWordCache = 2048;

// How long wait() polls before it sleeps: a page's snippets are shared hit
// by hit, so the worker is at most one hit (tens of µs, a long body a few
// hundred) behind the caller; a facet job usually ended during the ranked
// match.
constexpr std::chrono::microseconds kWaitPolling{1000};

// One step of a polling loop: tells the CPU (and a sibling hyperthread)
// that this is a spin-wait.
inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#else
  std::this_thread::yield();
#endif
}

// Polls `done` until it holds (true) or `until` has passed (false).
template <typename Done>
bool poll_until(Done done, std::chrono::steady_clock::time_point until) {
  for (unsigned step = 0;; ++step) {
    if (done()) return true;
    if (step % 64 == 0 && std::chrono::steady_clock::now() >= until) return false;
    relax();
  }
}

}  // namespace

RequestWorker::RequestWorker(std::filesystem::path folder) : folder_(std::move(folder)) {}

RequestWorker::~RequestWorker() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool RequestWorker::sync(const Revision& at) {
  if (synced_generation_ != at.generation) {
    // A new generation of the Searcher's database: open the folder afresh
    // (a compacted copy may have replaced it) and drop what belonged to
    // the old revision.
    synced_generation_ = at.generation;
    synced_ = false;
    columns_.clear();
    posting_bitmaps_.clear();
    term_freqs_.reset();
    bodies_.reset();  // its dictionaries are the old folder's
    try {
      db_ = Xapian::Database(folder_.string());
      if (db_.get_revision() != at.revision || db_.get_uuid() != at.uuid) return false;
      term_freqs_ = std::make_unique<query::TermFreqs>(db_);
      if (!analyzer_) {
        analyzer_ = std::make_unique<analysis::TextAnalyzer>(
            analysis::AnalysisOptions::decode(db_.get_metadata(std::string(schema::kAnalysisKey))));
        analyzer_->enable_word_cache(kWordCache);
      }
      bodies_ = std::make_unique<index::BodyDecompressor>(
          [this](const std::string& key) { return db_.get_metadata(key); });
    } catch (const Xapian::Error&) {
      // Opened while a writer committed twice, or out of file handles: the
      // Searcher counts on its own thread until its next generation.
      return false;
    }
    languages_ = at.languages ? *at.languages : std::vector<std::string>();
    every_article_has_language_ = at.every_article_has_language;
    synced_ = true;  // only once everything a job uses is there
  }
  return synced_;
}

bool RequestWorker::start(const Xapian::Query& query, FacetCounter& facets, bool collapse,
                          const Revision& at) {
  if (!sync(at)) return false;
  std::optional<Xapian::Query> copy;
  try {
    copy = Xapian::Query::unserialise(query.serialise());
  } catch (const Xapian::UnimplementedError&) {
    return false;  // e.g. the recency boost's posting source
  }
  {
    const std::lock_guard lock(mutex_);
    query_ = std::move(copy);
    facets_ = &facets;
    collapse_ = collapse;
    page_ = nullptr;
  }
  queue();
  return true;
}

bool RequestWorker::start_snippets(PageSnippets& page, const Revision& at) {
  if (!sync(at)) return false;
  {
    const std::lock_guard lock(mutex_);
    page_ = &page;
    facets_ = nullptr;
  }
  queue();
  return true;
}

void RequestWorker::queue() {
  {
    const std::lock_guard lock(mutex_);
    count_ = 0;
    error_ = nullptr;
    finished_ = false;
    queued_ = true;
    finished_signal_.store(false, std::memory_order_relaxed);
    queued_signal_.store(true, std::memory_order_release);
  }
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
  } else {
    wake_.notify_one();
  }
  pending_ = true;
}

void RequestWorker::stand_by(std::chrono::microseconds within) {
  {
    const std::lock_guard lock(mutex_);
    stand_by_ = true;
    polling_until_ = std::chrono::steady_clock::now() + within;
    stand_down_signal_.store(false, std::memory_order_relaxed);
  }
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
  } else {
    wake_.notify_one();
  }
}

void RequestWorker::stand_down() {
  {
    const std::lock_guard lock(mutex_);
    stand_by_ = false;  // not woken yet: it need not poll at all
  }
  stand_down_signal_.store(true, std::memory_order_relaxed);
}

std::uint64_t RequestWorker::wait() {
  (void)poll_until([this] { return finished_signal_.load(std::memory_order_acquire); },
                   std::chrono::steady_clock::now() + kWaitPolling);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return finished_; });
  pending_ = false;
  if (error_) {
    // A failed job may have left the revision (DatabaseModifiedError):
    // reopen for the next one.
    synced_generation_.reset();
    std::rethrow_exception(std::exchange(error_, nullptr));
  }
  return count_;
}

void RequestWorker::wait_quietly() noexcept {
  if (!pending_) return;
  (void)poll_until([this] { return finished_signal_.load(std::memory_order_acquire); },
                   std::chrono::steady_clock::now() + kWaitPolling);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return finished_; });
  pending_ = false;
  if (error_) synced_generation_.reset();
  error_ = nullptr;
}

void RequestWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || queued_ || stand_by_; });
    if (stop_) return;
    if (!queued_) {
      // Standing by: poll for the job, then look again (or sleep).
      stand_by_ = false;
      const std::chrono::steady_clock::time_point until = polling_until_;
      lock.unlock();
      (void)poll_until(
          [this] {
            return queued_signal_.load(std::memory_order_acquire) ||
                   stand_down_signal_.load(std::memory_order_relaxed);
          },
          until);
      lock.lock();
      continue;
    }
    queued_ = false;
    queued_signal_.store(false, std::memory_order_relaxed);
    lock.unlock();
    std::exception_ptr error;
    try {
      if (page_) {
        snippet_job();
      } else {
        count_job();
      }
    } catch (...) {
      error = std::current_exception();
    }
    query_.reset();  // its reference counts are this thread's
    page_ = nullptr;
    lock.lock();
    error_ = error;
    finished_ = true;
    finished_signal_.store(true, std::memory_order_release);
    done_.notify_one();
  }
}

void RequestWorker::count_job() {
  FacetCounter& facets = *facets_;
  const TermCoverFn cover = TermCover(*analyzer_, languages_, every_article_has_language_);
  if (std::optional<DocidBits> matches =
          match_bits(db_, *query_, &cover, &posting_bitmaps_, term_freqs_.get())) {
    facets.assign_matches(std::move(*matches));
  } else {
    // Operators match_bits does not evaluate (phrases, wildcards, ranges):
    // an unweighted match recording every docid, as the Searcher's own.
    Xapian::Enquire counting(db_);
    counting.set_query(*query_);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_docid_order(Xapian::Enquire::ASCENDING);
    facets.attach(counting);
    (void)counting.get_mset(0, 0, db_.get_doccount());
  }
  count_ =
      collapse_ ? facets.collapsed_count(db_, schema::kClusterSlot, &columns_) : facets.counted();
  facets.count(db_, &columns_);
}

void RequestWorker::snippet_job() {
  if (!snippet_builder_) snippet_builder_.emplace(*analyzer_);
  page_->build_unclaimed(db_, *bodies_, *snippet_builder_);
}

}  // namespace archivar::search
