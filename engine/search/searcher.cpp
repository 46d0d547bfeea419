// Public Searcher: a pimpl handle over a Xapian Database and an Enquire.
#include "archivar/searcher.hpp"

#include <xapian.h>

#include <system_error>
#include <type_traits>

#include "analysis/text_analyzer.hpp"
#include "archivar/errors.hpp"
#include "index/database_errors.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "ingest/json_record.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"

namespace archivar {

namespace {

constexpr std::uint32_t kMaxPageSize = 1000;
constexpr std::uint32_t kMaxResultWindow = 100000;  // page * page_size cap: deep paging is a DoS
// A reader only loses its revision when a writer commits twice during one
// call; each retry starts from the newest revision, so running out of these
// takes a writer committing faster than a search runs, many times in a row.
constexpr int kMaxReopenRetries = 100;
constexpr int kMaxCorruptRetries = 3;

// "YYYY-MM-DD" → "YYYYMMDD", the date slot's encoding.
std::string date_slot_value(const std::string& date, const char* which) {
  std::string normalized;
  if (!ingest::normalize_iso_date(date, normalized)) {
    throw InvalidArgumentError(std::string(which) + " date '" + date +
                               "' is not ISO 8601 (YYYY-MM-DD)");
  }
  return normalized.substr(0, 4) + normalized.substr(5, 2) + normalized.substr(8, 2);
}

std::uint64_t directory_size(const std::filesystem::path& path) {
  std::error_code error;
  std::uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(path, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) total += it->file_size(error);
  }
  return total;
}

}  // namespace

class Searcher::Impl {
 public:
  explicit Impl(const std::filesystem::path& path) : path_(path) {
    // Opening reads the newest revision; a writer committing twice meanwhile
    // makes even the open fail with DatabaseModifiedError (seen from the CLI
    // in tests/concurrency_cli_test.sh), so it retries like refresh().
    retry_on_revision_change("opening index " + path_.string(), [&] {
      db_ = Xapian::Database(path_.string());
      load_languages();
    });
  }

  SearchResults search(const SearchRequest& request) {
    if (request.page == 0) throw InvalidArgumentError("page must be 1 or more");
    if (request.page_size == 0 || request.page_size > kMaxPageSize) {
      throw InvalidArgumentError("page size must be between 1 and " +
                                 std::to_string(kMaxPageSize));
    }
    const std::uint64_t offset = std::uint64_t{request.page - 1} * request.page_size;
    if (offset + request.page_size > kMaxResultWindow) {
      throw InvalidArgumentError("page " + std::to_string(request.page) +
                                 " is beyond the first " + std::to_string(kMaxResultWindow) +
                                 " results");
    }
    std::string from;
    std::string to;
    if (!request.date_from.empty()) from = date_slot_value(request.date_from, "from");
    if (!request.date_to.empty()) to = date_slot_value(request.date_to, "to");

    return with_reopen_retry("searching index " + path_.string(), [&] {
      Xapian::Query query = build_query(request);
      if (!request.lang.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(std::string(schema::kLanguage) + request.lang));
      }
      if (!from.empty() || !to.empty()) {
        Xapian::Query range;
        if (from.empty()) {
          range = Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, to);
        } else if (to.empty()) {
          range = Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, from);
        } else {
          range = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, from, to);
        }
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, range);
      }
      Xapian::Enquire enquire(db_);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BM25Weight());
      const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                                 request.page_size);
      SearchResults results;
      results.query = request.query;
      results.total = {mset.get_matches_estimated(), mset.get_matches_lower_bound(),
                       mset.get_matches_upper_bound()};
      results.hits.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        Article article = index::decode_stored_fields(it.get_document().get_data());
        Hit hit;
        hit.id = std::move(article.id);
        hit.title = std::move(article.title);
        hit.date = std::move(article.date);
        hit.lang = std::move(article.lang);
        hit.url = std::move(article.url);
        hit.score = it.get_weight();
        hit.rank = it.get_rank() + 1;
        results.hits.push_back(std::move(hit));
      }
      return results;
    });
  }

  std::optional<Article> get(std::string_view id) {
    const std::string id_term = std::string(schema::kId) + std::string(id);
    return with_reopen_retry("reading article from " + path_.string(),
                             [&]() -> std::optional<Article> {
                               Xapian::PostingIterator posting = db_.postlist_begin(id_term);
                               if (posting == db_.postlist_end(id_term)) return std::nullopt;
                               return index::decode_stored_fields(
                                   db_.get_document(*posting).get_data());
                             });
  }

  IndexStats stats() {
    return with_reopen_retry("reading statistics of " + path_.string(), [&] {
      IndexStats stats;
      stats.path = path_.string();
      stats.articles = db_.get_doccount();
      stats.average_length = db_.get_avlength();
      const std::string lang_prefix(schema::kLanguage);
      for (auto it = db_.allterms_begin(lang_prefix); it != db_.allterms_end(lang_prefix); ++it) {
        stats.articles_per_lang[(*it).substr(lang_prefix.size())] = it.get_termfreq();
      }
      std::uint64_t terms = 0;
      for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) ++terms;
      stats.distinct_terms = terms;
      stats.bytes_on_disk = directory_size(path_);
      return stats;
    });
  }

  void reopen() { refresh("reopening index " + path_.string()); }

 private:
  Xapian::Query build_query(const SearchRequest& request) {
    const query::ParsedQuery parsed = query::parse_query(request.query);
    query::QueryBuilder builder(analyzer_, languages_);
    Xapian::Query built = builder.build(parsed, request.match_all_words);
    if (built.empty()) {
      // Nothing searchable: an empty search box lists everything (filters
      // apply), a query of punctuation only matches nothing.
      // Xapian::Query(std::string()) matches everything. Never copy the
      // static Xapian::Query::MatchAll: its reference count is not atomic,
      // and Searchers in several threads would corrupt it (a crash seen in
      // tests/concurrency_test.cpp).
      return parsed.empty() ? Xapian::Query(std::string()) : Xapian::Query();
    }
    return built;
  }

  void load_languages() {
    languages_.clear();
    const std::string prefix(schema::kLanguage);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      languages_.push_back((*it).substr(prefix.size()));
    }
  }

  // Runs `action`; if a writer overwrote the revision this reader sees
  // (DatabaseModifiedError), reopens and tries again a few times.
  template <class Action>
  std::invoke_result_t<Action&> with_reopen_retry(const std::string& what, Action&& action) {
    int corrupt_reads = 0;
    for (int attempt = 0;; ++attempt) {
      try {
        return action();
      } catch (const Xapian::DatabaseModifiedError& error) {
        if (attempt >= kMaxReopenRetries) index::throw_translated(error, what);
        refresh(what);
      } catch (const Xapian::DatabaseCorruptError& error) {
        // Glass readers racing a writer in the same or another process
        // sometimes see a block the writer is reusing as "corrupt"
        // ("Expected block 6 to be level 1, not 0") rather than as
        // DatabaseModifiedError (seen in tests/concurrency_test.cpp with
        // Xapian 1.4.22). Retry from the newest revision a few times; real
        // corruption stays put and is reported.
        if (++corrupt_reads > kMaxCorruptRetries) index::throw_translated(error, what);
        refresh(what);
      } catch (const Xapian::Error& error) {
        index::throw_translated(error, what);
      }
    }
  }

  // Moves to the latest committed revision and reloads what is cached from
  // it. Reading the languages can itself meet DatabaseModifiedError when the
  // writer commits twice meanwhile; then it starts over.
  void refresh(const std::string& what) {
    retry_on_revision_change(what, [&] {
      db_.reopen();
      load_languages();
    });
  }

  template <class Action>
  void retry_on_revision_change(const std::string& what, Action&& action) {
    for (int attempt = 0;; ++attempt) {
      try {
        action();
        return;
      } catch (const Xapian::DatabaseModifiedError& error) {
        if (attempt >= kMaxReopenRetries) index::throw_translated(error, what);
      } catch (const Xapian::DatabaseCorruptError& error) {
        if (attempt >= kMaxCorruptRetries) index::throw_translated(error, what);
      } catch (const Xapian::Error& error) {
        index::throw_translated(error, what);
      }
    }
  }

  std::filesystem::path path_;
  Xapian::Database db_;
  analysis::TextAnalyzer analyzer_;
  std::vector<std::string> languages_;
};

Searcher::Searcher(const std::filesystem::path& path) : impl_(std::make_unique<Impl>(path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) { return impl_->search(request); }
std::optional<Article> Searcher::get(std::string_view id) { return impl_->get(id); }
IndexStats Searcher::stats() { return impl_->stats(); }
void Searcher::reopen() { impl_->reopen(); }

}  // namespace archivar
