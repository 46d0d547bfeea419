#include "search/match_set_worker.hpp"

#include <utility>

#include "analysis/analysis_options.hpp"
#include "index/schema.hpp"
#include "search/term_cover.hpp"

namespace archivar::search {

namespace {

// Words the worker's analyzer keeps analyzed (TermCover stems the query's
// words again for every search).
constexpr std::size_t kWordCache = 512;

}  // namespace

MatchSetWorker::MatchSetWorker(std::filesystem::path folder) : folder_(std::move(folder)) {}

MatchSetWorker::~MatchSetWorker() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool MatchSetWorker::sync(const Revision& at) {
  if (synced_generation_ != at.generation) {
    // A new generation of the Searcher's database: open the folder afresh
    // (a compacted copy may have replaced it) and drop what belonged to
    // the old revision.
    synced_generation_ = at.generation;
    synced_ = false;
    columns_.clear();
    posting_bitmaps_.clear();
    term_freqs_.reset();
    try {
      db_ = Xapian::Database(folder_.string());
      if (db_.get_revision() != at.revision || db_.get_uuid() != at.uuid) return false;
      term_freqs_ = std::make_unique<query::TermFreqs>(db_);
      if (!analyzer_) {
        analyzer_ = std::make_unique<analysis::TextAnalyzer>(
            analysis::AnalysisOptions::decode(db_.get_metadata(std::string(schema::kAnalysisKey))));
        analyzer_->enable_word_cache(kWordCache);
      }
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

bool MatchSetWorker::start(const Xapian::Query& query, FacetCounter& facets, bool collapse,
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
    count_ = 0;
    error_ = nullptr;
    finished_ = false;
    queued_ = true;
  }
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
  } else {
    wake_.notify_one();
  }
  pending_ = true;
  return true;
}

std::uint64_t MatchSetWorker::wait() {
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

void MatchSetWorker::wait_quietly() noexcept {
  if (!pending_) return;
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return finished_; });
  pending_ = false;
  if (error_) synced_generation_.reset();
  error_ = nullptr;
}

void MatchSetWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || queued_; });
    if (stop_) return;
    queued_ = false;
    lock.unlock();
    std::exception_ptr error;
    try {
      count_job();
    } catch (...) {
      error = std::current_exception();
    }
    query_.reset();  // its reference counts are this thread's
    lock.lock();
    error_ = error;
    finished_ = true;
    done_.notify_one();
  }
}

void MatchSetWorker::count_job() {
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

}  // namespace archivar::search
