// BulkIndexer: sharded parallel build + compaction for a new index, the
// serial Index path for an existing one (see the header for the contract).
#include "archivar/bulk_indexer.hpp"

#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <random>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "archivar/errors.hpp"
#include "index/block_size.hpp"
#include "index/cluster_unifier.hpp"
#include "index/commit_schedule.hpp"
#include "index/database_errors.hpp"
#include "index/schema.hpp"
#include "index/shard_set.hpp"
#include "index/spelling_words.hpp"
#include "ingest/json_record.hpp"

namespace archivar {

namespace {

// B-tree block size of the scratch shards: Xapian's default 8 KB. Their
// frequent commits rewrite blocks, and at 32 KB the 20k build took ~20 %
// longer (bench/README.md "Compacted block size"). The merge compacts into
// IndexOptions::block_size (32 KB by default: ~9 % lower p50 on the full
// corpus, same pages).
constexpr std::uint32_t kShardBlockSize = 8192;

// FNV-1a: the same shard for the same id in every run (std::hash promises
// nothing across builds), so builds are reproducible.
std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// The checks Index::add makes before any work, so a bad article is reported
// to the caller of add() (with its file and line), not later by a worker.
void validate(const Article& article) {
  if (article.id.empty()) throw InvalidArgumentError("article id is empty");
  if (article.id.size() > schema::kMaxIdBytes) {
    throw InvalidArgumentError("article id longer than " + std::to_string(schema::kMaxIdBytes) +
                               " bytes: " + article.id.substr(0, 40) + "...");
  }
  std::string normalized;
  if (!article.date.empty() && !ingest::normalize_iso_date(article.date, normalized)) {
    throw InvalidArgumentError("article " + article.id + ": date '" + article.date +
                               "' is not ISO 8601 (YYYY-MM-DD)");
  }
}

bool is_new_index(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  return std::filesystem::is_directory(path, ec) && std::filesystem::is_empty(path, ec);
}

std::filesystem::path scratch_folder_for(const std::filesystem::path& target) {
  std::random_device seed;
  const std::filesystem::path absolute = std::filesystem::absolute(target).lexically_normal();
  std::filesystem::path name = absolute.filename();
  if (name.empty()) name = absolute.parent_path().filename();  // "db/" → "db"
  const std::filesystem::path parent =
      absolute.has_filename() ? absolute.parent_path() : absolute.parent_path().parent_path();
  return parent / (name.string() + ".bulk-" + std::to_string(seed()));
}

}  // namespace

class BulkIndexer::Impl {
 public:
  Impl(const std::filesystem::path& path, BulkIndexOptions options)
      : path_(path), options_(std::move(options)) {
    index::check_block_size(options_.index.block_size);
    // One thread gains nothing from shards, and the serial path keeps each
    // committed batch of an interrupted run. An existing shard set is
    // written by the serial Index (it routes each article by id hash).
    if (!is_new_index(path_) || options_.threads == 1 || index::is_shard_set(path_)) {
      serial_.emplace(path_, options_.index);
      return;
    }
    if (options_.index.shards > 1) {
      start_set_workers();
      return;
    }
    unsigned threads = options_.threads;
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    scratch_ = scratch_folder_for(path_);
    std::error_code ec;
    std::filesystem::create_directories(scratch_, ec);
    if (ec) {
      throw DatabaseError("cannot create scratch folder " + scratch_.string() + ": " +
                          ec.message());
    }
    try {
      IndexOptions shard_options = options_.index;
      shard_options.create = true;
      // The spelling table is built once from the shards' merged term
      // frequencies in finish() (words of 2+ articles only), not per shard.
      shard_options.spelling = false;
      // Scratch: a crash discards the shards (the target appears only at the
      // final rename), so their commits skip fdatasync. The merged index is
      // synced by the compaction.
      shard_options.sync_commits = false;
      shard_options.block_size = kShardBlockSize;
      for (unsigned i = 0; i < threads; ++i) {
        shards_.push_back(std::make_unique<Shard>(
            scratch_ / ("shard-" + std::to_string(i)), shard_options, schedule_options(),
            std::max<std::size_t>(1, options_.queue_capacity), options_.shard_roll_articles));
      }
      for (auto& shard : shards_) shard->start();
    } catch (...) {
      abandon();
      throw;
    }
  }

  ~Impl() {
    if (!finished_ && !serial_) abandon();
  }

  void add(Article&& article) {
    if (finished_) throw LogicError("BulkIndexer::add after finish()");
    validate(article);
    ++queued_;
    if (serial_) {
      if (serial_->add(article) == AddResult::added) {
        ++serial_added_;
      } else {
        ++serial_replaced_;
      }
      return;
    }
    Shard& shard =
        set_workers_
            ? *shards_[index::shard_of(article.id, static_cast<std::uint32_t>(shards_.size()))]
            : *shards_[stable_hash(article.id) % shards_.size()];
    if (!shard.push(std::move(article), queued_ - 1)) std::rethrow_exception(shard.failure());
  }

  BulkIndexSummary finish() {
    if (finished_) throw LogicError("BulkIndexer::finish called twice");
    finished_ = true;
    BulkIndexSummary summary;
    if (serial_) {
      serial_->commit();
      summary.added = serial_added_;
      summary.replaced = serial_replaced_;
      summary.articles = serial_->size();
      return summary;
    }
    try {
      stage("finishing shards");
      for (auto& shard : shards_) shard->close(false);
      for (auto& shard : shards_) shard->join_and_close();
      for (auto& shard : shards_) {
        summary.added += shard->added();
        summary.replaced += shard->replaced();
        shard_paths_.insert(shard_paths_.end(), shard->parts().begin(), shard->parts().end());
      }
      summary.parallel = true;
      summary.shards = static_cast<unsigned>(shards_.size());
      stage("clustering");
      unify_clusters();
      if (set_workers_) {
        shards_.clear();
        summary.articles = index::translate_xapian_errors(
            "counting articles in " + path_.string(),
            [&] { return Xapian::Database(path_.string()).get_doccount(); });
        return summary;
      }
      const std::filesystem::path merged = scratch_ / "merged";
      index::translate_xapian_errors("merging shards into " + merged.string(), [&] {
        Xapian::Database all;
        for (const std::filesystem::path& shard : shard_paths_) {
          all.add_database(Xapian::Database(shard.string()));
        }
        if (options_.index.spelling) {
          stage("spelling");
          for (const std::filesystem::path& part : build_spelling_parts()) {
            all.add_database(Xapian::Database(part.string()));
          }
        }
        stage("merging");
        all.compact(merged.string(), 0, static_cast<int>(options_.index.block_size));
        summary.articles = all.get_doccount();
      });
      stage("installing");
      install(merged);
    } catch (...) {
      abandon();
      throw;
    }
    remove_scratch();
    return summary;
  }

  [[nodiscard]] std::uint64_t queued() const noexcept { return queued_; }
  [[nodiscard]] bool parallel() const noexcept { return !serial_; }

 private:
  // One worker: a bounded queue of articles and the shard it writes them to.
  //
  // Rolling parts: with `roll_articles` > 0 the shard is a sequence of
  // databases ("parts", `<base>.0`, `<base>.1`, ...): once a part's commits
  // hold `roll_articles` articles it is closed and the next articles go to a
  // fresh part, so every commit writes into a young, small B-tree and the
  // batches restart at the schedule's smallest (bench/README.md "Rolling
  // shard parts": CPU per article no longer grows with the shard). parts()
  // lists them in the order the worker filled them, which is the order it
  // received its articles. An id seen again after its part was closed is
  // added to the current part, and its old copy is deleted from the closed part
  // when the worker finishes (last one wins, as in one database). Cost: one
  // hash-map entry per article (the id and its part, ~60 bytes plus the id).
  // Near-duplicates are clustered within a part, then over all parts and
  // shards by finish() (index/cluster_unifier). With `roll_articles` 0 the
  // shard is the one database at `base` (a shard set's shard written in
  // place). A member of Impl, not of the anonymous namespace: a type with
  // internal linkage as a field of Impl (external linkage) is what
  // -Wsubobject-linkage reports.
  class Shard {
   public:
    // `options.commit_every` is ignored: the shard commits by `schedule`.
    Shard(const std::filesystem::path& base, IndexOptions options,
          const index::CommitScheduleOptions& schedule, std::size_t capacity,
          std::uint64_t roll_articles)
        : base_(base),
          options_(without_auto_commit(std::move(options))),
          schedule_options_(schedule),
          schedule_(schedule),
          capacity_(capacity),
          roll_articles_(roll_articles) {
      parts_.push_back(part_path(0));
      index_ = std::make_unique<Index>(parts_.back(), options_);
    }

    void start() {
      thread_ = std::thread([this] { run(); });
    }

    // Blocks while the queue is full. Returns false if the worker failed.
    // `arrival`: the article's position in the build's input.
    bool push(Article&& article, std::uint64_t arrival) {
      std::unique_lock lock(mutex_);
      not_full_.wait(lock, [&] { return queue_.size() < capacity_ || failure_; });
      if (failure_) return false;
      queue_.push_back(Queued{std::move(article), arrival});
      not_empty_.notify_one();
      return true;
    }

    // Ends the input; with `abandon` drops what is still queued.
    void close(bool abandon) {
      {
        std::lock_guard lock(mutex_);
        closed_ = true;
        if (abandon) {
          abandoned_ = true;
          queue_.clear();
        }
      }
      not_empty_.notify_one();
    }

    // Waits for the worker and closes the shard. Rethrows a failure. After
    // close(false) the worker has committed its shard itself (in parallel with
    // the other workers); after close(true) nothing more is committed.
    void join_and_close() {
      if (thread_.joinable()) thread_.join();
      index_.reset();
      if (failure_) std::rethrow_exception(failure_);
    }

    [[nodiscard]] std::exception_ptr failure() {
      std::lock_guard lock(mutex_);
      return failure_;
    }
    [[nodiscard]] std::uint64_t added() const { return added_; }
    [[nodiscard]] std::uint64_t replaced() const { return replaced_; }
    // The shard's databases in the order they were filled (after join).
    [[nodiscard]] const std::vector<std::filesystem::path>& parts() const { return parts_; }
    // Each part and the input position of each of its docids (after join).
    [[nodiscard]] std::vector<index::ShardArrivals> arrivals() const {
      std::vector<index::ShardArrivals> out;
      for (std::size_t part = 0; part < parts_.size(); ++part) {
        out.push_back(
            {parts_[part], part < arrival_.size() ? arrival_[part] : std::vector<std::uint64_t>()});
      }
      return out;
    }

   private:
    void run() {
      for (;;) {
        Queued next;
        {
          std::unique_lock lock(mutex_);
          not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
          if (queue_.empty()) {
            if (!abandoned_) finish_shard(lock);
            return;
          }
          next = std::move(queue_.front());
          queue_.pop_front();
        }
        not_full_.notify_one();
        const Article& article = next.article;
        try {
          const bool in_closed_part = note_part_of(article.id);
          const bool new_in_part = index_->add(article) == AddResult::added;
          if (new_in_part) {
            // The docid the current part just gave it: one more than before.
            arrival_.resize(parts_.size());
            arrival_.back().push_back(next.arrival);
          }
          if (new_in_part && !in_closed_part) {
            ++added_;
          } else {
            ++replaced_;
          }
          if (schedule_.add(article.title.size() + article.body.size())) {
            index_->commit();
            schedule_.committed();
            if (roll_articles_ != 0 && schedule_.shard_articles() >= roll_articles_) roll();
          }
        } catch (...) {
          std::lock_guard lock(mutex_);
          failure_ = std::current_exception();
          queue_.clear();
          not_full_.notify_all();
          return;
        }
      }
    }

    // Records that `id` is now in the current part. Returns true if it was in
    // a closed part, whose copy is then deleted at finish_shard().
    bool note_part_of(const std::string& id) {
      if (roll_articles_ == 0) return false;
      const auto current = static_cast<std::uint32_t>(parts_.size() - 1);
      auto [it, inserted] = part_of_id_.try_emplace(id, current);
      if (inserted || it->second == current) return false;
      stale_ids_.emplace_back(it->second, id);
      it->second = current;
      return true;
    }

    // The current part holds roll_articles_ committed articles: closed, and a
    // fresh part opened with a fresh commit schedule.
    void roll() {
      index_.reset();
      parts_.push_back(part_path(parts_.size()));
      index_ = std::make_unique<Index>(parts_.back(), options_);
      schedule_ = index::CommitSchedule(schedule_options_);
    }

    // Deletes the old copies of ids that came again after their part closed.
    void delete_stale_copies() {
      std::sort(stale_ids_.begin(), stale_ids_.end());
      for (std::size_t i = 0; i < stale_ids_.size();) {
        const std::uint32_t part = stale_ids_[i].first;
        IndexOptions existing = options_;
        existing.create = false;
        Index closed(parts_[part], existing);
        for (; i < stale_ids_.size() && stale_ids_[i].first == part; ++i) {
          closed.remove(stale_ids_[i].second);
        }
        closed.commit();
      }
      stale_ids_.clear();
    }

    // The input ended: the last batch is committed and the shard (its Xapian
    // writer, analyzer caches) released here, so the workers' final commits
    // run in parallel rather than one after the other on the caller's thread.
    void finish_shard(std::unique_lock<std::mutex>& lock) {
      lock.unlock();
      std::exception_ptr failure;
      try {
        index_->commit();
        index_.reset();
        delete_stale_copies();
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure) failure_ = failure;
    }

    [[nodiscard]] std::filesystem::path part_path(std::size_t part) const {
      if (roll_articles_ == 0) return base_;
      return base_.string() + "." + std::to_string(part);
    }

    static IndexOptions without_auto_commit(IndexOptions options) {
      options.commit_every = 0;
      return options;
    }

    struct Queued {
      Article article;
      std::uint64_t arrival = 0;
    };

    std::filesystem::path base_;
    IndexOptions options_;
    index::CommitScheduleOptions schedule_options_;
    std::unique_ptr<Index> index_;
    index::CommitSchedule schedule_;  // used by the worker only
    std::size_t capacity_;
    std::uint64_t roll_articles_;
    // Used by the worker only (parts_ also after join): the parts so far, the
    // part holding each id (rolling only), and the ids whose copy in a closed
    // part is to be deleted, with that part.
    std::vector<std::filesystem::path> parts_;
    std::unordered_map<std::string, std::uint32_t> part_of_id_;
    std::vector<std::pair<std::uint32_t, std::string>> stale_ids_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<Queued> queue_;
    bool closed_ = false;
    bool abandoned_ = false;  // closed with abandon: the worker commits nothing more
    std::exception_ptr failure_;
    std::uint64_t added_ = 0;     // written by the worker, read after join
    std::uint64_t replaced_ = 0;  // written by the worker, read after join
    // Per part, the input position of each docid - 1 (a copy deleted from a
    // closed part keeps its entry, unused); written by the worker, read after join.
    std::vector<std::vector<std::uint64_t>> arrival_;
  };

  // A new shard set built in parallel: the set is created (shards and
  // manifest) by a serial Index, then one worker per shard writes straight
  // into it; articles go to worker shard_of(id). No merge. Each worker clusters
  // near-duplicates within its shard; finish() then clusters them over all
  // shards (unify_clusters()).
  void start_set_workers() {
    { Index creator(path_, options_.index); }
    set_workers_ = true;
    IndexOptions shard_options = options_.index;
    shard_options.create = false;
    shard_options.shards = 0;
    try {
      for (std::uint32_t k = 0; k < options_.index.shards; ++k) {
        shards_.push_back(std::make_unique<Shard>(
            path_ / index::local_shard_name(k), shard_options, schedule_options(),
            std::max<std::size_t>(1, options_.queue_capacity), 0));
      }
      for (auto& shard : shards_) shard->start();
    } catch (...) {
      abandon();
      throw;
    }
  }

  // The spelling table from the shards' merged term frequencies, built on
  // one thread per shard, each over its own range of first letters into its
  // own database holding only a spelling table (no documents, so docids are
  // unchanged); the compaction merges them (disjoint words, their trigram
  // lists united), the same table one thread would build. Returns the
  // databases. Rethrows the first failure after every thread ended.
  std::vector<std::filesystem::path> build_spelling_parts() {
    const std::size_t parts = shards_.size();
    std::vector<std::filesystem::path> paths;
    std::vector<std::string> bounds;  // part i: [bounds[i], bounds[i + 1]), "" = open
    for (std::size_t i = 0; i < parts; ++i) {
      paths.push_back(scratch_ / ("spelling-" + std::to_string(i)));
      bounds.push_back(i == 0 ? std::string()
                              : std::string(1, static_cast<char>('a' + 26 * i / parts)));
    }
    bounds.emplace_back();
    std::vector<std::exception_ptr> failures(parts);
    const auto build = [&](std::size_t i) {
      try {
        index::translate_xapian_errors("building spelling table " + paths[i].string(), [&] {
          Xapian::Database all;  // one per thread: Xapian objects are not shared
          for (const std::filesystem::path& shard : shard_paths_) {
            all.add_database(Xapian::Database(shard.string()));
          }
          Xapian::WritableDatabase words(paths[i].string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                                Xapian::DB_BACKEND_GLASS |
                                                                Xapian::DB_NO_SYNC);
          index::add_spelling_words_from(all, words, index::kMinSpellingDocFrequency, bounds[i],
                                         bounds[i + 1]);
          words.commit();
          words.close();
        });
      } catch (...) {
        failures[i] = std::current_exception();
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < parts; ++i) threads.emplace_back(build, i);
    build(0);
    for (std::thread& thread : threads) thread.join();
    for (const std::exception_ptr& failure : failures) {
      if (failure) std::rethrow_exception(failure);
    }
    return paths;
  }

  // Each worker clustered near-duplicates within its shard; this makes the
  // clusters those of one writer seeing every article (index/cluster_unifier).
  void unify_clusters() {
    std::vector<index::ShardArrivals> shards;
    for (const auto& shard : shards_) {
      for (index::ShardArrivals& part : shard->arrivals()) shards.push_back(std::move(part));
    }
    // Scratch shards skip fdatasync (the compaction syncs the merged index);
    // a shard set's are the final index.
    index::unify_near_duplicate_clusters(shards, /*sync=*/set_workers_);
  }

  [[nodiscard]] index::CommitScheduleOptions schedule_options() const {
    index::CommitScheduleOptions schedule;
    schedule.min_articles = options_.shard_commit_every;
    schedule.growth = options_.shard_commit_growth;
    schedule.max_articles = options_.shard_commit_max;
    schedule.max_text_bytes = options_.shard_commit_bytes;
    return schedule;
  }

  void stage(const std::string& name) {
    if (options_.on_stage) options_.on_stage(name);
  }

  // rename(2) is atomic and replaces an empty folder: readers see no index
  // or the whole one.
  void install(const std::filesystem::path& merged) {
    std::error_code ec;
    std::filesystem::rename(merged, path_, ec);
    if (ec) {
      throw DatabaseError("cannot move the built index " + merged.string() + " to " +
                          path_.string() + ": " + ec.message());
    }
  }

  // Stops the workers, drops their queues and removes every shard.
  void abandon() noexcept {
    for (auto& shard : shards_) shard->close(true);
    for (auto& shard : shards_) {
      try {
        shard->join_and_close();
      } catch (...) {
        // The build is being abandoned; the shard's failure no longer matters.
      }
    }
    shards_.clear();
    remove_scratch();
  }

  void remove_scratch() noexcept {
    if (scratch_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(scratch_, ignored);
  }

  std::filesystem::path path_;
  BulkIndexOptions options_;
  std::optional<Index> serial_;
  std::uint64_t serial_added_ = 0;
  std::uint64_t serial_replaced_ = 0;
  std::filesystem::path scratch_;
  std::vector<std::unique_ptr<Shard>> shards_;
  // Every worker's parts, worker after worker, each in its filling order:
  // the merged index's docid order (filled by finish()).
  std::vector<std::filesystem::path> shard_paths_;
  bool set_workers_ = false;  // shards_ write a shard set in place (start_set_workers)
  std::uint64_t queued_ = 0;
  bool finished_ = false;
};

BulkIndexer::BulkIndexer(const std::filesystem::path& path, BulkIndexOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {}
BulkIndexer::~BulkIndexer() = default;

void BulkIndexer::add(Article article) { impl_->add(std::move(article)); }
BulkIndexSummary BulkIndexer::finish() { return impl_->finish(); }
std::uint64_t BulkIndexer::queued() const noexcept { return impl_->queued(); }
bool BulkIndexer::parallel() const noexcept { return impl_->parallel(); }

}  // namespace archivar
