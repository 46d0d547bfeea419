// Public Searcher: a pimpl handle over a Xapian Database and an Enquire.
#include "archivar/searcher.hpp"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <system_error>
#include <type_traits>

#include "analysis/text_analyzer.hpp"
#include "archivar/errors.hpp"
#include "index/database_errors.hpp"
#include "index/folder_size.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "ingest/json_record.hpp"
#include "query/query_builder.hpp"
#include "query/query_syntax.hpp"
#include "search/adjacent_pairs.hpp"
#include "search/cluster_copies.hpp"
#include "search/collapse_check.hpp"
#include "search/common_clause_chain.hpp"
#include "search/common_cutoff.hpp"
#include "search/display_column.hpp"
#include "search/facets.hpp"
#include "search/feedback_rerank.hpp"
#include "search/language_preference.hpp"
#include "search/language_rerank.hpp"
#include "search/match_set.hpp"
#include "search/page_snippets.hpp"
#include "search/query_expansion.hpp"
#include "search/query_phrases.hpp"
#include "search/ranking.hpp"
#include "search/request_worker.hpp"
#include "search/shard_reader.hpp"
#include "search/snippet_builder.hpp"
#include "search/snippet_terms.hpp"
#include "search/spelling_corrector.hpp"
#include "search/suggester.hpp"
#include "search/term_cover.hpp"
#include "search/title_boost_fold.hpp"

namespace archivar {

namespace {

constexpr std::uint32_t kMaxPageSize = 1000;
constexpr std::uint32_t kMaxResultWindow = 100000;  // page * page_size cap: deep paging is a DoS
// A reader only loses its revision when a writer commits twice during one
// call; each retry starts from the newest revision, so running out of these
// takes a writer committing faster than a search runs, many times in a row.
constexpr int kMaxReopenRetries = 100;
constexpr int kMaxCorruptRetries = 3;
// A shard left out (allow_partial) is tried again by reopen() after this
// long, so a long-lived Searcher (archivar serve) picks it up when it is back
// without paying a connect timeout on every request while it is down.
constexpr std::chrono::seconds kMissingShardRetry{10};
constexpr double kMaxWeight = 100.0;  // title_weight, recency_weight
constexpr std::uint32_t kMaxFacetSize = 10000;
constexpr std::uint32_t kMaxSnippetLength = 10000;
// How long the worker polls for a page's snippets after a request with
// snippets starts (SearcherOptions::snippet_thread): the ranked match of a
// two-word query over 171k articles takes about 1 ms; a slower request's
// snippets wake a sleeping worker instead.
constexpr std::chrono::microseconds kSnippetStandBy{2000};
// Languages whose snippet terms a page gets up front (the rest are rare in
// most archives and built on the Searcher's thread).
constexpr std::size_t kPageLanguages = 8;
// From which search of a revision on a Searcher loads the display records
// into memory itself (search/display_column.hpp) when no other Searcher of
// the revision holds them: a server's Searcher pays the load once per
// revision, a one-shot search or a short-lived Searcher never.
constexpr std::uint32_t kDisplayColumnAfter = 32;
// Word spellings whose whole analysis a Searcher's analyzer remembers per
// language (analysis/word_cache.hpp: 2,048 direct-mapped slots, ~0.3 MB).
constexpr std::size_t kAnalyzerWordCache = 2048;
constexpr std::uint32_t kMaxExpandTerms = 1000;

// True if a Searcher reads an index of schema `version` (metadata text).
bool readable_schema(const std::string& version) {
  for (std::uint32_t known = schema::kOldestReadableSchemaVersion; known <= schema::kSchemaVersion;
       ++known) {
    if (version == std::to_string(known)) return true;
  }
  return false;
}

// BM25 with Lucene's defaults (k1 = 1.2, b = 0.75) rather than Xapian's
// (1.0, 0.5): on every judged set in ../shared/data, b = 0.75 ranks better
// (e.g. de_mlqa_val MRR@10 0.625 → 0.639, en_cacm nDCG@10 0.470 → 0.501);
// see README "Ranking quality". min_normlen 0.1 (Xapian's default 0.5 treats
// every article shorter than half the average as half the average long):
// short articles that hold the query words rank higher, de_mlqa_val 0.669 →
// 0.673, en_cacm 0.501 → 0.509, every other set but de_xquad (−0.001) a little
// better too; 0.0-0.2 give the same figures.
Xapian::BM25Weight ranking_weight() {
  return Xapian::BM25Weight(/*k1=*/1.2, /*k2=*/0, /*k3=*/1, /*b=*/0.75, /*min_normlen=*/0.1);
}

// "YYYY-MM-DD" → "YYYYMMDD", the date slot's encoding.
std::string date_slot_value(const std::string& date, const char* which) {
  std::string normalized;
  if (!ingest::normalize_iso_date(date, normalized)) {
    throw InvalidArgumentError(std::string(which) + " date '" + date +
                               "' is not ISO 8601 (YYYY-MM-DD)");
  }
  return normalized.substr(0, 4) + normalized.substr(5, 2) + normalized.substr(8, 2);
}

void check_weight(double value, const char* name) {
  if (!(value >= 0.0 && value <= kMaxWeight)) {  // also rejects NaN
    throw InvalidArgumentError(std::string(name) + " must be between 0 and 100");
  }
}

search::SnippetOptions snippet_options(const SearchRequest& request) {
  search::SnippetOptions options;
  options.length = request.snippet_length;
  switch (request.highlight) {
    case Highlight::plain:
      break;
    case Highlight::ansi:
      options.open = "\x1b[1;33m";
      options.close = "\x1b[0m";
      break;
    case Highlight::html:
      options.open = "<mark>";
      options.close = "</mark>";
      options.escape_html = true;
      break;
    case Highlight::none:
      options.open.clear();
      options.close.clear();
      break;
  }
  return options;
}

// `estimate` rounded to two significant digits (12,345 -> 12,000).
std::uint64_t round_estimate(double estimate) {
  if (!(estimate >= 100.0)) return static_cast<std::uint64_t>(std::max(estimate, 0.0));
  const double unit = std::pow(10.0, std::floor(std::log10(estimate)) - 1.0);
  return static_cast<std::uint64_t>(std::round(estimate / unit) * unit);
}

// Only plain words and Z-stems can be highlighted in a body.
// A built query with what its builder merged (QueryBuilder::merged_exact_forms).
struct BuiltQuery {
  Xapian::Query query;
  query::MergedExactForms merged;
  std::vector<std::string> wildcard_prefixes;  // QueryBuilder::wildcard_prefixes
};

// What a page's snippets mark: the query's terms, and the prefixes of its
// `prefix*` words (among the terms too, so that the passage scan finds them).
struct MarkedTerms {
  search::QueryTerms terms;
  std::vector<std::string> prefixes;
};

search::QueryTerms highlightable_terms(const Xapian::Query& query) {
  search::QueryTerms terms;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.empty()) continue;
    const bool prefixed = term[0] >= 'A' && term[0] <= 'Z';
    if (!prefixed || term[0] == schema::kStem[0]) terms.insert(term);
  }
  return terms;
}

// `built`'s terms a snippet highlights: stems and exact forms, the merged
// exact forms included (their leaves left the query, not the words), and
// its wildcard prefixes.
MarkedTerms highlightable_terms(const BuiltQuery& built) {
  MarkedTerms marked{highlightable_terms(built.query), built.wildcard_prefixes};
  for (const auto& [word, stem] : built.merged) marked.terms.insert(word);
  marked.terms.insert(built.wildcard_prefixes.begin(), built.wildcard_prefixes.end());
  return marked;
}

// Accepts only stemmed terms (related articles' expand terms).
class StemTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    // Z<stem>, not ZS<title stem> (wdf 0: matches, but weighs nothing).
    // Stems are case-folded, so an upper-case second letter is a prefix.
    return term.size() > 1 && term[0] == schema::kStem[0] && !(term[1] >= 'A' && term[1] <= 'Z');
  }
};

}  // namespace

class Searcher::Impl {
 public:
  Impl(const std::filesystem::path& path, SearcherOptions options)
      : path_(path), options_(options) {
    if (index::is_shard_set(path_)) set_ = index::read_shard_set(path_);
    // Opening reads the newest revision; a writer committing twice meanwhile
    // makes even the open fail with DatabaseModifiedError (seen from the CLI
    // in tests/concurrency_cli_test.sh), so it retries like refresh().
    retry_on_revision_change("opening index " + path_.string(), [&] {
      open_database();
      // Facets and sorting read value slots an older schema lacks.
      const std::string version = db_.get_metadata(std::string(schema::kSchemaVersionKey));
      if (!version.empty() && !readable_schema(version)) {
        throw DatabaseError("index at " + path_.string() + " has schema version " + version +
                            ", this archivar reads " +
                            std::to_string(schema::kOldestReadableSchemaVersion) + " to " +
                            std::to_string(schema::kSchemaVersion) + ": re-index it");
      }
      analyzer_ = std::make_unique<analysis::TextAnalyzer>(
          analysis::AnalysisOptions::decode(db_.get_metadata(std::string(schema::kAnalysisKey))));
      // Words a Searcher analyzes fully repeat from request to request
      // and from hit to hit: query words, and the snippet words holding a
      // query word (the snippet builder gives only those the whole chain).
      analyzer_->enable_word_cache(kAnalyzerWordCache);
      load_languages();
    });
  }

  SearchResults search(const SearchRequest& request) {
    validate(request);
    return with_reopen_retry("searching index " + path_.string(), [&] {
      const BuiltQuery built = build_query(request);
      SearchResults results = execute(request, built.query, highlightable_terms(built),
                                      &built.merged, expands(request, built.query));
      if (!request.suggest_spelling && !request.auto_correct) return results;
      std::string suggestion =
          search::SpellingCorrector(db_, *analyzer_, languages_, set_ ? nullptr : &spelling_)
              .correct(request.query, results.total.estimated);
      if (request.auto_correct && results.total.upper == 0 && !suggestion.empty()) {
        SearchRequest corrected = request;
        corrected.query = suggestion;
        const BuiltQuery corrected_query = build_query(corrected);
        results = execute(corrected, corrected_query.query, highlightable_terms(corrected_query),
                          &corrected_query.merged);
        results.query = request.query;
        results.corrected = true;
      }
      results.did_you_mean = std::move(suggestion);
      results.missing_shards = missing_shards_;
      return results;
    });
  }

  std::optional<SearchResults> related(std::string_view id, const SearchRequest& request,
                                       std::uint32_t expand_terms) {
    validate(request);
    if (expand_terms == 0 || expand_terms > kMaxExpandTerms) {
      throw InvalidArgumentError("expand terms must be between 1 and " +
                                 std::to_string(kMaxExpandTerms));
    }
    const std::string id_term = std::string(schema::kId) + std::string(id);
    return with_reopen_retry(
        "finding articles related to " + std::string(id), [&]() -> std::optional<SearchResults> {
          Xapian::PostingIterator posting = db_.postlist_begin(id_term);
          if (posting == db_.postlist_end(id_term)) return std::nullopt;
          // Relevance feedback with the article as the one relevant document:
          // its best stems by Xapian's expand weight (TradWeight-style term
          // selection, as in Omega's "more like this").
          Xapian::RSet rset;
          rset.add_document(*posting);
          Xapian::Enquire enquire(db_);
          const StemTermsOnly stems_only;
          const Xapian::ESet eset = enquire.get_eset(expand_terms, rset, &stems_only);
          std::vector<std::string> terms(eset.begin(), eset.end());
          Xapian::Query query =
              terms.empty() ? Xapian::Query::MatchNothing
                            : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
          if (!request.query.empty()) {
            query = Xapian::Query(Xapian::Query::OP_FILTER, query, build_query(request).query);
          }
          // Not the article itself, nor its near-duplicates (same cluster).
          Xapian::Query exclude(id_term);
          const std::string cluster =
              db_.get_document(*posting, Xapian::DOC_ASSUME_VALID).get_value(schema::kClusterSlot);
          if (!cluster.empty()) {
            exclude = Xapian::Query(Xapian::Query::OP_OR, exclude,
                                    Xapian::Query(std::string(schema::kCluster) + cluster));
          }
          query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclude);
          SearchResults results = execute(
              request, query, {search::QueryTerms(terms.begin(), terms.end()), {}}, nullptr);
          results.missing_shards = missing_shards_;
          return results;
        });
  }

  std::vector<Suggestion> suggest(std::string_view prefix, std::uint32_t limit) {
    if (limit == 0 || limit > search::kMaxSuggestions) {
      throw InvalidArgumentError("suggestion limit must be between 1 and " +
                                 std::to_string(search::kMaxSuggestions));
    }
    return with_reopen_retry("suggesting completions from " + path_.string(), [&] {
      // Without the column, each title hit's cluster value is read instead.
      return search::suggest(db_, *analyzer_, prefix, limit, &completions_,
                             cluster_column_worth_loading()
                                 ? facet_columns_.get(db_, schema::kClusterSlot, false, false)
                                 : nullptr,
                             &bodies_, display_column());
    });
  }

  std::optional<Article> get(std::string_view id) {
    const std::string id_term = std::string(schema::kId) + std::string(id);
    return with_reopen_retry(
        "reading article from " + path_.string(), [&]() -> std::optional<Article> {
          Xapian::PostingIterator posting = db_.postlist_begin(id_term);
          if (posting == db_.postlist_end(id_term)) return std::nullopt;
          const Xapian::Document document = db_.get_document(*posting, Xapian::DOC_ASSUME_VALID);
          const search::DisplayColumn* display = display_column();
          const std::string_view held =
              display != nullptr ? display->record(*posting) : std::string_view();
          return index::decode_stored_fields(
              held.empty() ? std::string_view(document.get_value(schema::kDisplaySlot)) : held,
              document.get_data(), &bodies_);
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
      stats.bytes_on_disk = index::folder_size(path_);
      stats.shards = set_ ? static_cast<std::uint32_t>(set_->shards.size()) : 1;
      stats.missing_shards = missing_shards_;
      return stats;
    });
  }

  void reopen() { refresh("reopening index " + path_.string()); }

  WarmUpReport warm_up() {
    return with_reopen_retry("warming up index " + path_.string(), [&] {
      WarmUpReport report;
      if (set_) return report;
      const bool spelling_ready = spelling_.index() != nullptr;
      const std::size_t columns_ready = facet_columns_.size();
      report.columns = search::FacetCounter::load_columns(db_, facet_columns_);
      if (facet_columns_.get(db_, schema::kClusterSlot, false, false) != nullptr) ++report.columns;
      const bool display_ready =
          !options_.display_in_memory || display_column_.get(db_, false) != nullptr;
      if (options_.display_in_memory && display_column_.get(db_, true) != nullptr) {
        ++report.columns;
      }
      report.spelling_words = spelling_.prepare(db_).words();
      report.was_ready = spelling_ready && display_ready && facet_columns_.size() == columns_ready;
      return report;
    });
  }

 private:
  // The language rerank's membership tests: bitmaps on a single index only
  // (a shard set's docids interleave its shards, and a remote shard's
  // whole posting list is a network transfer).
  search::TermMembership* language_members() { return set_ ? nullptr : &language_members_; }

  // Throws InvalidArgumentError for anything out of its documented range.
  void validate(const SearchRequest& request) {
    if (request.page == 0) throw InvalidArgumentError("page must be 1 or more");
    if (request.page_size == 0 || request.page_size > kMaxPageSize) {
      throw InvalidArgumentError("page size must be between 1 and " + std::to_string(kMaxPageSize));
    }
    const std::uint64_t offset = std::uint64_t{request.page - 1} * request.page_size;
    if (offset + request.page_size > kMaxResultWindow) {
      throw InvalidArgumentError("page " + std::to_string(request.page) + " is beyond the first " +
                                 std::to_string(kMaxResultWindow) + " results");
    }
    if (!request.date_from.empty()) (void)date_slot_value(request.date_from, "from");
    if (!request.date_to.empty()) (void)date_slot_value(request.date_to, "to");
    check_weight(request.title_weight, "title weight");
    check_weight(request.recency_weight, "recency weight");
    check_weight(request.query_lang_weight, "query language weight");
    if (!(request.recency_half_life_days > 0.0 && request.recency_half_life_days <= 1e6)) {
      throw InvalidArgumentError("recency half-life must be between 0 and 1000000 days");
    }
    if (!request.recency_reference.empty() && !search::day_number(request.recency_reference)) {
      throw InvalidArgumentError("recency reference date '" + request.recency_reference +
                                 "' is not YYYY-MM-DD");
    }
    if (request.facet_size == 0 || request.facet_size > kMaxFacetSize) {
      throw InvalidArgumentError("facet size must be between 1 and " +
                                 std::to_string(kMaxFacetSize));
    }
    if (request.snippet_length > kMaxSnippetLength) {
      throw InvalidArgumentError("snippet length must be at most " +
                                 std::to_string(kMaxSnippetLength));
    }
    (void)search::FacetCounter(request.facets);               // names
    (void)search::filter_query(request.filters, *analyzer_);  // syntax and values
  }

  // Runs `relevance` (the ranked part) with the request's filters, ranking
  // options, facets, paging and snippets. `merged` (the query builder's
  // merged exact forms; null for a query not typed, related articles): add
  // the title weight for the words of request.query. `descriptive`: `query` is
  // expanded by its top hits' stems (search/query_expansion.hpp): their
  // weight added to the ranked pass's window (search/feedback_rerank.hpp),
  // or the stems joined to `query` with OP_AND_MAYBE.
  SearchResults execute(const SearchRequest& request, Xapian::Query query,
                        const MarkedTerms& marked, const query::MergedExactForms* merged,
                        bool descriptive = false) {
    const bool title_boost = merged != nullptr;
    const std::uint64_t offset = std::uint64_t{request.page - 1} * request.page_size;
    const Xapian::Query typed = query;  // the feedback pass's query
    Xapian::Query expansion;            // the feedback stems, once known
    bool expanded = false;
    // Articles in the query's language get a boost of query_lang_weight
    // times the best hit's score: by re-ordering the unboosted ranked pass
    // when nothing but relevance ranks (search/language_rerank.hpp), else by
    // a top-1 probe for that score and a boosted query.
    const std::string preferred =
        title_boost && request.query_lang_weight > 0
            ? search::preferred_language(request.query, request.query_lang, mixed_languages_)
            : std::string();
    bool rerank = !preferred.empty() && request.sort == SortOrder::relevance &&
                  request.lang.empty() && request.date_from.empty() && request.date_to.empty() &&
                  request.filters.empty();
    // A window of the query as typed, the title boost's and the feedback
    // expansion's weight added to its hits, instead of a feedback pass and
    // an expanded ranked pass (search/feedback_rerank.hpp): relevance order
    // on a single index, a page ending at rank kMaxFeedbackWindow /
    // kFeedbackWindowDepth (200) or above, no match spies on the ranked
    // pass (they would see another pass's candidates), a language
    // preference only as a rerank, no question's pair rerank, and no title
    // term in the query itself (the boost's would count twice in its
    // within-query frequency). Otherwise the expanded query is ranked.
    const bool spies_wanted = !request.facets.empty() && request.facet_check_at_least != 0 &&
                              request.facet_check_at_least < db_.get_doccount();
    const auto has_title_term = [](const Xapian::Query& q) {
      return std::any_of(q.get_unique_terms_begin(), q.get_unique_terms_end(),
                         [](const std::string& term) { return term.starts_with(schema::kTitle); });
    };
    bool feedback_window =
        descriptive && request.sort == SortOrder::relevance && !set_ && !spies_wanted &&
        (preferred.empty() || rerank) &&
        (offset + request.page_size) * search::kFeedbackWindowDepth <= search::kMaxFeedbackWindow &&
        !search::is_question(request.query, *analyzer_) && !has_title_term(typed);
    const bool feedback_from_first = feedback_window;  // every pass fetches from the first hit
    if (descriptive && !feedback_window) {
      expansion = search::feedback_expansion(db_, typed, ranking_weight());
      expanded = true;
      if (!expansion.empty()) query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, expansion);
    }
    // The window of the unfiltered, uncollapsed query (its title boost
    // aside) also gives the feedback articles (search/feedback_rerank.hpp).
    Xapian::Query title_part;  // the feedback window's title boost
    const bool window_gives_feedback =
        request.lang.empty() && request.date_from.empty() && request.date_to.empty() &&
        request.filters.empty() &&
        (!request.collapse_duplicates ||
         offset + request.page_size <= search::kMaxUncollapsedWindow);
    if (title_boost && request.title_weight > 0) {
      // query AND_MAYBE the title terms, most of them folded into the
      // query's OR so that Xapian prunes (search/title_boost_fold.hpp).
      // A question word the query leaves out (query/query_builder.hpp)
      // boosts no title either: measured, bench/README.md "Title boost
      // folded into the OR".
      const auto question_word = [](const std::string& word) {
        return query::QueryBuilder::is_question_word(word, {}) ||
               query::QueryBuilder::is_question_word(word, "wie") ||
               query::QueryBuilder::is_question_word(word, "how");
      };
      query = search::add_title_boost(
          query, search::title_boost_terms(request.query, *analyzer_, &db_, &term_freqs_),
          request.title_weight, question_word, *merged);
      if (feedback_window) {
        // Its title terms weigh the same added to the window's hits.
        std::vector<Xapian::Query> title_terms;
        for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
          if ((*it).starts_with(schema::kTitle)) {
            title_terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                                     request.title_weight);
          }
        }
        if (!title_terms.empty()) {
          title_part = Xapian::Query(Xapian::Query::OP_OR, title_terms.begin(), title_terms.end());
        }
        query = typed;
      }
    }
    const Xapian::Query unboosted = query;
    const auto boost_by_probe = [&] {
      // The best hit's score, not get_max_possible(): that bound depends
      // on how the database was built (a compacted parallel build and a
      // serial one give different bounds), and scores must not.
      Xapian::Enquire probe(db_);
      probe.set_query(unboosted);
      probe.set_weighting_scheme(ranking_weight());
      const double top = probe.get_mset(0, 1).get_max_attained();
      return top > 0
                 ? search::prefer_language(unboosted, preferred, request.query_lang_weight * top)
                 : unboosted;
    };
    if (!preferred.empty() && !rerank) query = boost_by_probe();
    std::unique_ptr<search::RecencyPostingSource> recency;
    if (request.sort == SortOrder::relevance_recency && request.recency_weight > 0) {
      const std::string reference = request.recency_reference.empty()
                                        ? db_.get_value_upper_bound(schema::kDateSlot)
                                        : request.recency_reference;
      if (const auto reference_day = search::day_number(reference)) {
        // Scale the boost by the query's highest possible BM25 score, so that
        // recency_weight means the same for short and long queries.
        Xapian::Enquire probe(db_);
        probe.set_query(query);
        probe.set_weighting_scheme(ranking_weight());
        double scale = probe.get_mset(0, 0).get_max_possible();
        if (!(scale > 0)) scale = 1.0;
        recency = std::make_unique<search::RecencyPostingSource>(schema::kDateSlot, *reference_day,
                                                                 request.recency_half_life_days,
                                                                 request.recency_weight * scale);
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(recency.get()));
      }
    }
    if (!request.lang.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(std::string(schema::kLanguage) + request.lang));
    }
    std::string from;
    std::string to;
    if (!request.date_from.empty()) from = date_slot_value(request.date_from, "from");
    if (!request.date_to.empty()) to = date_slot_value(request.date_to, "to");
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
    const Xapian::Query filters = search::filter_query(request.filters, *analyzer_);
    if (!filters.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filters);

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    // Ties: Xapian orders equal keys/weights by docid, ascending (the
    // default docid order), so paging is stable for one index revision.
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MultiValueKeyMaker key_maker;
    if (request.sort == SortOrder::newest || request.sort == SortOrder::oldest) {
      search::add_date_key(key_maker, request.sort == SortOrder::newest);
      enquire.set_sort_by_key_then_relevance(&key_maker, false);
    }
    // A shard set's sub-databases do not line up with one value stream, and
    // remote shards run only Xapian's own spies: per-match spies there.
    search::FacetCounter facets(request.facets, set_ ? search::FacetCounting::match_spies
                                                     : search::FacetCounting::value_streams);
    // A job the worker runs on `facets` ends before `facets` dies, also when
    // an exception unwinds this call.
    const WorkerGuard worker_guard(worker_);
    const bool worker_standing_by =
        options_.snippet_thread && !set_ && request.snippet_length > 0 && request.page_size > 1;
    if (worker_standing_by) {
      // The page's snippets will be shared with the worker: have it poll
      // for them instead of sleeping (RequestWorker::stand_by).
      if (!worker_) worker_ = std::make_unique<search::RequestWorker>(path_);
      worker_->stand_by(kSnippetStandBy);
    }
    bool facets_counted = false;  // the worker ran FacetCounter::count
    Xapian::doccount check_at_least = 0;
    std::optional<std::uint64_t> exact_total;
    bool spies_on_ranked_pass = false;
    bool whole_match_set = false;  // facets hold every match (FacetCounter::matches)
    if (!facets.empty()) {
      check_at_least = request.facet_check_at_least == 0
                           ? db_.get_doccount()
                           : static_cast<Xapian::doccount>(std::min<std::uint64_t>(
                                 request.facet_check_at_least, db_.get_doccount()));
      if (check_at_least >= db_.get_doccount() &&
          facets.counting() == search::FacetCounting::value_streams) {
        // Every match is wanted: count it apart from the ranked match, so
        // that the ranked match below keeps Xapian's early termination and
        // does not read the collapse key of every match. The match set
        // comes from the posting lists as a bitmap (search/match_set.hpp);
        // for queries it does not evaluate (phrases, wildcards, ranges) from
        // an unweighted, uncollapsed, unsorted match with a spy recording
        // docids. Either gives the exact totals.
        // Exact-form bonus terms are skipped (search/term_cover.hpp).
        // With a worker (SearcherOptions::facet_thread) this runs beside
        // the ranked match; the count is known to come (exact_total holds
        // a placeholder until worker_->wait() below).
        if (start_worker(query, facets, request.collapse_duplicates)) {
          exact_total = 0;
        } else {
          count_whole_match_set(query, facets, request.collapse_duplicates, exact_total);
        }
        check_at_least = 0;
        whole_match_set = true;
      } else {
        if (rerank) {  // the spies see the ranked pass: keep it the boosted query
          query = boost_by_probe();
          rerank = false;
        }
        facets.attach(enquire);
        spies_on_ranked_pass = true;
      }
    }
    const auto wanted = static_cast<Xapian::doccount>(offset + request.page_size);
    // Collapsing makes Xapian read the collapse key of every candidate that
    // enters its top list (search/collapse_check.hpp); first try without.
    // Single local index only: its collapse-key column gives sound
    // collapsed bounds when the collapsed pass is skipped (below).
    // Without the column (a first search of a revision, see
    // cluster_column_worth_loading) Xapian collapses: the same hits and
    // copies (tests/window_collapse_test.cpp), Xapian's collapsed bounds
    // as totals.
    const bool cluster_column_ready = cluster_column_worth_loading();
    // A feedback window without the column still collapses after its first
    // pass (collapse_keys null: Xapian's collapsed pass of the expanded
    // query, below), as its expansion comes from that pass.
    bool collapse_later = request.collapse_duplicates && request.sort == SortOrder::relevance &&
                          !spies_on_ranked_pass && !set_ &&
                          wanted <= search::kMaxUncollapsedWindow &&
                          (cluster_column_ready || feedback_window);
    bool xapian_collapses = false;  // Enquire::set_collapse_key was called
    if (request.collapse_duplicates && !collapse_later) {
      enquire.set_collapse_key(schema::kClusterSlot);
      xapian_collapses = true;
    }
    // Collapse a deeper uncollapsed window ourselves (search/collapse_check.hpp,
    // "Window collapse"); with a language rerank, the window re-ordered.
    bool collapse_ours = collapse_later;
    const search::FacetColumn* collapse_keys =
        collapse_ours && cluster_column_ready
            ? facet_columns_.get(db_, schema::kClusterSlot, false, false)
            : nullptr;
    Xapian::doccount collapse_fetch =
        collapse_ours ? search::collapse_window_size(wanted, collapse_keys) : wanted;
    // A question's top kAdjacentPairDepth re-ordered by its adjacent word
    // pairs (search/adjacent_pairs.hpp): the ranked pass then fetches at
    // least that window from the first hit.
    const std::vector<search::AdjacentPair> pairs =
        title_boost && request.sort == SortOrder::relevance &&
                search::is_question(request.query, *analyzer_)
            ? search::adjacent_pairs(request.query, *analyzer_)
            : std::vector<search::AdjacentPair>();
    const bool by_pairs = !pairs.empty();
    // The pair rerank is for the top kAdjacentPairDepth stories: an
    // uncollapsed window holds them in more entries where copies are common.
    const Xapian::doccount pair_window =
        by_pairs ? static_cast<Xapian::doccount>(
                       std::min<double>(std::ceil(search::kAdjacentPairDepth *
                                                  search::common_copies_ratio(collapse_keys)),
                                        search::kMaxCollapseWindow(search::kAdjacentPairDepth)))
                 : 0;
    Xapian::MSet mset;
    search::MatchCounts counts;               // the ranked query's, as reported
    Xapian::doccount asked = 0;               // the size mset was asked for
    std::vector<search::RankedMatch> ranked;  // the first `wanted`, or the page alone
    const auto fetch_pass = [&] {
      // The common words' clauses chained above the rest, so that Xapian
      // prunes them (search/common_clause_chain.hpp): same pages.
      const Xapian::Query chained =
          search::chain_common_clauses(db_, query, search::kCommonShare, &term_freqs_);
      enquire.set_query(chained);
      // The top `size` of the query, first with a weight cutoff above its
      // common clauses when that proves the window (search/common_cutoff.hpp):
      // the same window; Xapian's estimate for the counts.
      std::optional<double> cutoff;
      search::MatchCounts cutoff_counts;  // the chained query's, without a match
      if (check_at_least == 0 && !xapian_collapses && !spies_on_ranked_pass &&
          request.sort == SortOrder::relevance) {
        cutoff =
            search::common_only_weight(db_, query, ranking_weight(), search::kCommonShare,
                                       &term_freqs_, &weight_bounds_, &chained, &cutoff_counts);
      }
      const auto top_window = [&](Xapian::doccount size) {
        if (cutoff && size > 0) {
          enquire.set_cutoff(0, *cutoff);
          mset = enquire.get_mset(0, size);
          enquire.set_cutoff(0, 0);
          if (mset.size() == size && mset[size - 1].get_weight() > *cutoff) {
            counts = cutoff_counts;  // enquire's query's estimate without a match
            return;
          }
        }
        mset = enquire.get_mset(0, size, check_at_least);
        counts = search::counts_of(mset);
      };
      if (feedback_window) {
        // The query as typed (filtered) for a window, the title boost's and
        // the expansion's weight added to its hits, then the language
        // preference (search/feedback_rerank.hpp).
        const Xapian::doccount keep =
            std::max(collapse_ours ? collapse_fetch : wanted, pair_window);
        asked = search::feedback_window_size(keep);
        top_window(asked);
        if (!expanded) {
          // Unfiltered, the window's top is the feedback pass's.
          if (window_gives_feedback) {
            std::vector<Xapian::docid> feedback;
            for (auto it = mset.begin();
                 it != mset.end() && feedback.size() < search::kFeedbackArticles; ++it) {
              feedback.push_back(*it);
            }
            expansion = search::expansion_from_feedback(db_, typed, feedback);
          } else {
            expansion = search::feedback_expansion(db_, typed, ranking_weight());
          }
          expanded = true;
        }
        const Xapian::Query extra =
            title_part.empty() || expansion.empty()
                ? (title_part.empty() ? expansion : title_part)
                : Xapian::Query(Xapian::Query::OP_OR, title_part, expansion);
        ranked = search::add_to_window(mset, db_, extra, ranking_weight()).ranked;
        if (rerank && !ranked.empty() && ranked.front().score > 0) {
          (void)search::boost_language(ranked, db_, std::string(schema::kLanguage) + preferred,
                                       request.query_lang_weight * ranked.front().score,
                                       language_members());
        }
        // A window holding every match keeps them all (an exact collapsed count).
        if (mset.size() == asked && ranked.size() > keep) ranked.resize(keep);
        return;
      }
      if (!rerank && !collapse_later && !by_pairs) {
        asked = request.page_size;
        mset = enquire.get_mset(static_cast<Xapian::doccount>(offset), asked, check_at_least);
        counts = search::counts_of(mset);
        ranked = search::ranked_as_is(mset);
        return;
      }
      const Xapian::doccount keep = std::max(collapse_ours ? collapse_fetch : wanted, pair_window);
      if (!rerank) {
        asked = keep;
        top_window(asked);
        ranked = search::ranked_as_is(mset);
        return;
      }
      // A shallow window first (search/language_rerank.hpp, "Shallow window
      // first"): kept when it proves the boosted top `keep` and the deep
      // window would not have held every match either; otherwise the deep
      // window, as before (one more pass). Queries of any word only: a
      // question's flat scores, a phrase's loose match counts and the few
      // matches of many all-words queries fail the shallow window's checks
      // too often to pay (bench/README.md "Shallow language-rerank window").
      const Xapian::doccount deep_window = keep + search::kRerankWindowSlack;
      double top = 0;
      if (!by_pairs && !request.match_all_words && request.query.find('"') == std::string::npos) {
        const Xapian::doccount shallow = keep + search::kRerankShallowSlack;
        top_window(shallow);
        top = mset.get_max_attained();
        if (mset.size() < shallow && !(top > 0)) {  // every match, none weighted: as the deep one
          asked = shallow;
          ranked = search::ranked_as_is(mset);
          if (ranked.size() > keep) ranked.resize(keep);
          return;
        }
        if (top > 0) {
          auto reordered = search::rerank_by_language(
              mset, shallow, keep, db_, std::string(schema::kLanguage) + preferred,
              request.query_lang_weight * top, language_members());
          if (reordered && (mset.size() < shallow || counts.lower >= deep_window)) {
            asked = shallow;
            ranked = std::move(*reordered);
            return;
          }
        }
      }
      asked = deep_window;
      top_window(asked);
      top = mset.get_max_attained();
      if (!(top > 0)) {
        ranked = search::ranked_as_is(mset);
        if (ranked.size() > keep) ranked.resize(keep);
        return;
      }
      const double boost = request.query_lang_weight * top;
      auto reordered = search::rerank_by_language(mset, asked, keep, db_,
                                                  std::string(schema::kLanguage) + preferred, boost,
                                                  language_members());
      if (reordered) {
        ranked = std::move(*reordered);
      } else {
        enquire.set_query(search::prefer_language(query, preferred, boost));
        asked = keep;
        mset = enquire.get_mset(0, asked, check_at_least);
        counts = search::counts_of(mset);
        ranked = search::ranked_as_is(mset);
      }
    };
    const auto ranked_pass = [&] {
      fetch_pass();
      if (by_pairs) {
        const std::size_t depth =
            collapse_ours && collapse_keys != nullptr
                ? search::entries_for_stories(ranked, *collapse_keys, search::kAdjacentPairDepth)
                : search::kAdjacentPairDepth;
        search::rerank_by_adjacent_pairs(ranked, db_, pairs, depth, search::kAdjacentPairWeight,
                                         &term_freqs_);
      }
    };
    // Xapian's collapsed pass ranks the expanded query itself.
    const auto rank_expanded = [&] {
      if (!feedback_window) return;
      feedback_window = false;
      if (!title_part.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, title_part);
      }
      if (!expansion.empty()) query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, expansion);
    };
    ranked_pass();
    bool collapse_skipped = collapse_later;
    Xapian::doccount ranked_unique = 0;
    std::optional<std::uint64_t> window_exact;  // the collapsed count, when the window held all
    Xapian::doccount window_entries = 0;  // the collapsed window's entries (kept: ranked_unique)
    if (collapse_ours) {
      const auto collapse = [&] {
        return collapse_keys == nullptr
                   ? std::nullopt
                   : std::optional<search::WindowCollapse>(
                         search::collapse_window(mset, counts, asked, ranked, *collapse_keys,
                                                 wanted, exact_total.has_value()));
      };
      if (!exact_total && cluster_column_ready && counts.lower == counts.upper &&
          counts.upper > mset.size()) {
        // Xapian counted every match (a query of one term) beyond the
        // window: the page must show the exact collapsed count. From the
        // match set's bitmap and the collapse-key column (as with facets)
        // instead of a deeper window and Xapian's collapsed pass, which
        // reads every match's key.
        exact_total = exact_collapsed_count(query);
      }
      std::optional<search::WindowCollapse> collapsed = collapse();
      // More than the slack collapsed (or the count is exact beyond the
      // window): the deeper window, then Xapian's pass. Also when every
      // match may fit the deep window (Xapian's lower bound does) and no
      // exact count is known yet: a deep window (a rerank's 20 deeper)
      // holding them all gives the exact collapsed count, as it did before
      // the shallow window (a cheap rerun: a small match set).
      const Xapian::doccount deep =
          collapsed ? search::collapse_deep_window_size(
                          wanted, static_cast<Xapian::doccount>(ranked.size()), collapsed->kept)
                    : 0;
      const bool fits_deep = collapsed && collapsed->decided && !collapsed->whole && !exact_total &&
                             counts.lower <= deep + (rerank ? search::kRerankWindowSlack : 0);
      if (collapsed && (!collapsed->decided || fits_deep) && collapse_fetch < deep) {
        collapse_fetch = deep;
        ranked_pass();
        collapsed = collapse();
      }
      if (collapsed && collapsed->decided) {
        window_entries = static_cast<Xapian::doccount>(ranked.size());
        ranked = std::move(collapsed->ranked);
        ranked_unique = collapsed->kept;
        if (collapsed->whole) window_exact = collapsed->kept;
      } else {
        collapse_ours = false;
        collapse_skipped = false;
        enquire.set_collapse_key(schema::kClusterSlot);
        xapian_collapses = true;
        rank_expanded();
        ranked_pass();
        ranked_unique = static_cast<Xapian::doccount>(ranked.size());
      }
    } else {
      if (collapse_later &&
          !search::collapsing_changes_nothing(counts, ranked, db_, &term_freqs_)) {
        enquire.set_collapse_key(schema::kClusterSlot);
        xapian_collapses = true;
        rank_expanded();
        ranked_pass();
        collapse_skipped = false;
      }
      ranked_unique = static_cast<Xapian::doccount>(ranked.size());
    }
    if (rerank || collapse_later || by_pairs || feedback_from_first) {
      const auto skip = static_cast<std::ptrdiff_t>(std::min<std::size_t>(offset, ranked.size()));
      ranked.erase(ranked.begin(), ranked.begin() + skip);
      // The pair window may be deeper than the page.
      if (ranked.size() > request.page_size) ranked.resize(request.page_size);
    }
    if (worker_ && worker_->pending()) {
      exact_total = worker_->wait();
      facets_counted = true;
    }
    SearchResults results;
    results.query = request.query;
    results.total = {counts.estimated, counts.lower, counts.upper};
    if (!exact_total && request.collapse_duplicates && !facets.empty() &&
        check_at_least >= db_.get_doccount()) {
      // match_spies (shard sets): every match was examined by the ranked
      // match itself, so its collapsed lower bound is the exact count.
      exact_total = counts.lower;
    }
    if (window_exact && !exact_total) exact_total = window_exact;
    if (collapse_skipped && !exact_total) {
      // Xapian's counts are the uncollapsed ones. Each article beyond the
      // first of its near-duplicate cluster lowers the collapsed count by at
      // most one, so lower - extra_copies (and the ranked_unique hits seen
      // alone in their cluster) bound it soundly from below. The column is
      // loaded once per index revision (18 ms on 171k articles, 4 bytes
      // per article; shared with the exact collapsed count).
      const search::FacetColumn* clusters =
          facet_columns_.get(db_, schema::kClusterSlot, false, false);
      const std::uint64_t lower = results.total.lower;
      const std::uint64_t extra_copies =
          clusters == nullptr ? lower : clusters->valued() - clusters->distinct();
      results.total.lower =
          std::max<std::uint64_t>(ranked_unique, lower > extra_copies ? lower - extra_copies : 0);
      // The uncollapsed estimate scaled by the share of stories among the
      // window's entries (an index of syndicated copies collapses most).
      // Rounded to two significant digits, as an estimate.
      if (window_entries > ranked_unique && ranked_unique > 0) {
        results.total.estimated = round_estimate(static_cast<double>(results.total.estimated) *
                                                 ranked_unique / window_entries);
      }
      results.total.estimated =
          std::clamp(results.total.estimated, results.total.lower, results.total.upper);
    }
    if (exact_total) {
      // Every match was examined (facets ask for that), so the count is
      // exact; with collapsing, articles sharing a cluster key count once,
      // as Xapian's collapsed lower bound would (its estimate and upper
      // bound stay loose, e.g. 19 and 23 for 14 stories, which a result
      // page must not show).
      results.total = {*exact_total, *exact_total, *exact_total};
    }
    // Snippets highlight the feedback stems too, as the expanded query's.
    search::QueryTerms expanded_terms;
    const search::QueryTerms* snippet_terms = &marked.terms;
    if (!expansion.empty()) {
      expanded_terms = marked.terms;
      expanded_terms.merge(highlightable_terms(expansion));
      snippet_terms = &expanded_terms;
    }
    // Per hit language, without the words most of its articles hold.
    // Quoted phrases: their words are marked where the phrase stands; a
    // title phrase's words are sought as the exact forms they are too.
    const search::QueryPhrases phrases = search::phrases_of(typed);
    if (!std::includes(snippet_terms->begin(), snippet_terms->end(), phrases.in_phrases.begin(),
                       phrases.in_phrases.end())) {
      if (snippet_terms != &expanded_terms) expanded_terms = *snippet_terms;
      expanded_terms.insert(phrases.in_phrases.begin(), phrases.in_phrases.end());
      snippet_terms = &expanded_terms;
    }
    search::SnippetTerms hit_terms(*snippet_terms, term_freqs_, &phrases.in_phrases);
    const search::SnippetOptions options = snippet_options(request);
    // With snippets the page's hits are read by PageSnippets (display
    // fields, body, snippet), possibly on two threads; without, the display
    // records only, here.
    const search::DisplayColumn* display = display_column();
    std::optional<search::PageSnippets> page;
    if (request.snippet_length > 0 && !ranked.empty()) {
      std::vector<Xapian::docid> docids;
      docids.reserve(ranked.size());
      for (const search::RankedMatch& entry : ranked) docids.push_back(*entry.match);
      page.emplace(std::move(docids), language_terms(hit_terms), options, &phrases,
                   &marked.prefixes, display);
    }
    // The worker's job on `page` ends before `page` dies, also when an
    // exception unwinds this call.
    const WorkerGuard page_guard(worker_);
    // With SearcherOptions::snippet_thread the worker starts on the page's
    // snippets now, while this thread finds the copies and the facets'
    // results, then joins it.
    const bool shared_snippets = page && start_shared_snippets(*page);
    if (worker_standing_by && !shared_snippets) worker_->stand_down();  // no job after all
    // Copies: the matching members of each hit's cluster
    // (search/cluster_copies.hpp), whichever pass collapsed the page.
    std::vector<std::uint32_t> copies;
    if (request.collapse_duplicates) {
      // (With facets over the whole match set, their collapsed count
      // loaded the column already.)
      const search::FacetColumn* clusters =
          cluster_column_ready || (whole_match_set && !set_)
              ? facet_columns_.get(db_, schema::kClusterSlot, false, false)
              : nullptr;
      // An uncollapsed window holds only matches of `query` (every pass
      // ranks it or a query of the same matches), often all of a cluster.
      copies = search::cluster_copies(db_, query, ranked, clusters,
                                      whole_match_set ? &facets.matches() : nullptr, &term_freqs_,
                                      xapian_collapses ? nullptr : &mset);
    }
    if (!facets.empty()) {
      if (!facets_counted) facets.count(db_, set_ ? nullptr : &facet_columns_);
      results.facets = facets.results(request.facet_size);
      search::show_values_as_written(results.facets, db_, *analyzer_,
                                     set_ ? nullptr : &written_forms_);
      results.facet_counted = facets.counted();
    }
    std::vector<Article> articles;
    articles.reserve(ranked.size());
    if (page) {
      build_snippets(*page, shared_snippets, hit_terms);
      for (std::size_t position = 0; position < ranked.size(); ++position) {
        articles.push_back(page->take_article(position));
      }
    } else {
      for (const search::RankedMatch& entry : ranked) {
        const Xapian::Document document = entry.match.get_document();
        const std::string_view held =
            display != nullptr ? display->record(*entry.match) : std::string_view();
        articles.push_back(index::decode_display_fields(
            held.empty() ? std::string_view(document.get_value(schema::kDisplaySlot)) : held,
            [&] { return document.get_data(); }));
      }
    }
    results.hits.reserve(ranked.size());
    for (std::size_t position = 0; position < ranked.size(); ++position) {
      Article& article = articles[position];
      Hit hit;
      if (page) {
        hit.snippet = page->take_snippet(position);
        hit.title_highlighted = page->take_title(position);
      }
      hit.id = std::move(article.id);
      hit.title = std::move(article.title);
      hit.date = std::move(article.date);
      hit.lang = std::move(article.lang);
      hit.url = std::move(article.url);
      hit.source = std::move(article.source);
      hit.score = ranked[position].score;
      hit.rank = static_cast<std::uint32_t>(offset + position + 1);
      if (!copies.empty()) hit.copies = copies[position];
      results.hits.push_back(std::move(hit));
    }
    return results;
  }

  // Waits for the worker's job, if any, when it goes out of scope.
  // (worker_ may be made after the guard: it holds the pointer's owner.)
  struct WorkerGuard {
    const std::unique_ptr<search::RequestWorker>& worker;
    explicit WorkerGuard(const std::unique_ptr<search::RequestWorker>& owner) : worker(owner) {}
    WorkerGuard(const WorkerGuard&) = delete;
    WorkerGuard& operator=(const WorkerGuard&) = delete;
    ~WorkerGuard() {
      if (worker) worker->wait_quietly();
    }
  };

  // Starts the worker (SearcherOptions::facet_thread) on `facets` over every
  // match of `query`; false when there is none or it declines (its
  // database is not at db_'s revision, or the query cannot be copied).
  bool start_worker(const Xapian::Query& query, search::FacetCounter& facets, bool collapse) {
    if (!options_.facet_thread || set_) return false;
    if (!worker_) worker_ = std::make_unique<search::RequestWorker>(path_);
    return worker_->start(query, facets, collapse, worker_revision());
  }

  // Starts the worker (SearcherOptions::snippet_thread) on `page`'s
  // snippets; false when there is none or it declines (its database is not
  // at db_'s revision).
  bool start_shared_snippets(search::PageSnippets& page) {
    if (!options_.snippet_thread || set_ || page.size() < 2) return false;
    if (!worker_) worker_ = std::make_unique<search::RequestWorker>(path_);
    return worker_->start_snippets(page, worker_revision());
  }

  // Builds `page`'s snippets on this thread: those the worker (`shared`:
  // started on it) has not taken, then those it failed on or whose
  // language the page has no terms for (from `terms`).
  void build_snippets(search::PageSnippets& page, bool shared, search::SnippetTerms& terms) {
    if (!snippet_builder_) snippet_builder_.emplace(*analyzer_);
    page.build_unclaimed(db_, bodies_, *snippet_builder_);
    if (shared) worker_->wait_quietly();
    page.build_missing(db_, bodies_, *snippet_builder_, terms);
  }

  // The snippet terms of the index's first kPageLanguages languages and of
  // articles without one, for PageSnippets (whose threads cannot use
  // SnippetTerms); hits in other languages are built on this thread.
  // Cost: per language one term-frequency lookup per query term (cached).
  std::vector<search::PageSnippets::LanguageTerms> language_terms(search::SnippetTerms& terms) {
    std::vector<search::PageSnippets::LanguageTerms> table;
    const std::size_t count = std::min(languages_.size(), kPageLanguages);
    table.reserve(count + 1);
    for (std::size_t i = 0; i < count; ++i) {
      table.push_back({languages_[i], &terms.for_language(languages_[i]),
                       terms.weights_for_language(languages_[i])});
    }
    table.push_back({"", &terms.for_language(""), terms.weights_for_language("")});
    return table;
  }

  // Which revision of which database the worker must be at.
  search::RequestWorker::Revision worker_revision() const {
    search::RequestWorker::Revision at;
    at.generation = generation_;
    at.revision = db_.get_revision();
    at.uuid = db_.get_uuid();
    at.languages = &languages_;
    at.every_article_has_language = every_article_has_language_;
    return at;
  }

  // Counts `facets` over every match of `query` on this thread: the match
  // set as a bitmap (search/match_set.hpp) or, for queries match_bits does
  // not evaluate (phrases, wildcards, ranges), from an unweighted,
  // uncollapsed, unsorted match with a spy recording docids; sets `exact`
  // to the (collapsed) count.
  void count_whole_match_set(const Xapian::Query& query, search::FacetCounter& facets,
                             bool collapse, std::optional<std::uint64_t>& exact) {
    // Exact-form bonus terms are skipped (search/term_cover.hpp).
    const search::TermCoverFn cover =
        search::TermCover(*analyzer_, languages_, every_article_has_language_);
    if (std::optional<search::DocidBits> matches =
            search::match_bits(db_, query, &cover, &posting_bitmaps_, &term_freqs_)) {
      facets.assign_matches(std::move(*matches));
    } else {
      Xapian::Enquire counting(db_);
      counting.set_query(query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      counting.set_docid_order(Xapian::Enquire::ASCENDING);
      facets.attach(counting);
      (void)counting.get_mset(0, 0, db_.get_doccount());
    }
    exact = collapse ? facets.collapsed_count(db_, schema::kClusterSlot, &facet_columns_)
                     : facets.counted();
  }

  // The display records of the current revision in memory (a single local
  // index): adopted when another Searcher of the revision holds them
  // (serve's warm-up), loaded here from this Searcher's
  // kDisplayColumnAfter-th search of a revision on, so a one-shot search
  // or a short-lived Searcher never pays the load (~175 ms and ~20 MB at
  // 171k articles). nullptr: each hit's record is read from the database.
  const search::DisplayColumn* display_column() {
    if (set_ || !options_.display_in_memory) return nullptr;
    if (display_generation_ != generation_) {
      display_generation_ = generation_;
      display_calls_ = 0;
    }
    if (display_calls_ < kDisplayColumnAfter) ++display_calls_;
    return display_column_.get(db_, display_calls_ >= kDisplayColumnAfter);
  }

  // True when the collapse-key column (single local index) is loaded or
  // worth loading: another call of this Searcher (search or suggestion)
  // came at the same revision (generation_), or it is at hand (loaded
  // here, or held by another Searcher of the revision: serve's warm-up).
  // A first call of a revision does without it (a one-shot `archivar
  // search`, a C API caller opening the index per request: ~13 ms of a
  // ~37 ms one-shot search at 171k articles).
  bool cluster_column_worth_loading() {
    if (set_) return false;
    const bool again = used_generation_ == generation_;
    used_generation_ = generation_;
    return again || facet_columns_.loaded(db_, schema::kClusterSlot, false, false);
  }

  // The exact collapsed count of `query`'s matches (a single local index):
  // the match set as a bitmap (search/match_set.hpp; common terms' bitmaps
  // are cached per revision) and the collapse-key column's shared bits and
  // codes. nullopt for a query match_bits does not evaluate (phrases,
  // wildcards, value ranges).
  std::optional<std::uint64_t> exact_collapsed_count(const Xapian::Query& query) {
    const search::TermCoverFn cover =
        search::TermCover(*analyzer_, languages_, every_article_has_language_);
    std::optional<search::DocidBits> matches =
        search::match_bits(db_, query, &cover, &posting_bitmaps_, &term_freqs_);
    if (!matches) return std::nullopt;
    search::FacetCounter counter({});
    counter.assign_matches(std::move(*matches));
    return counter.collapsed_count(db_, schema::kClusterSlot, &facet_columns_);
  }

  // True when `query` (of `request`) is expanded by its top hits' stems
  // (search/query_expansion.hpp): a descriptive query ranked by relevance.
  bool expands(const SearchRequest& request, const Xapian::Query& query) {
    return request.feedback_expansion && !query.empty() &&
           (request.sort == SortOrder::relevance || request.sort == SortOrder::relevance_recency) &&
           search::is_descriptive_query(request.query, *analyzer_);
  }

  BuiltQuery build_query(const SearchRequest& request) {
    const query::ParsedQuery parsed = query::parse_query(request.query);
    query::QueryBuilder builder(*analyzer_, languages_);
    builder.set_database(db_);
    builder.set_term_freqs(&term_freqs_);
    // Questions are the slow kind anyway (a pair rerank): their known German
    // words get prefix neighbours too (search/adjacent_pairs.hpp).
    builder.set_known_words_back_off(search::is_question(request.query, *analyzer_));
    Xapian::Query built = builder.build(parsed, request.match_all_words);
    if (built.empty()) {
      // Nothing searchable: an empty search box lists everything (filters
      // apply), a query of punctuation only matches nothing.
      // Xapian::Query(std::string()) matches everything. Never copy the
      // static Xapian::Query::MatchAll: its reference count is not atomic,
      // and Searchers in several threads would corrupt it (a crash seen in
      // tests/concurrency_test.cpp).
      return {parsed.empty() ? Xapian::Query(std::string()) : Xapian::Query(), {}, {}};
    }
    return {std::move(built), builder.merged_exact_forms(), builder.wildcard_prefixes()};
  }

  // Reads db_'s languages (its L terms) and marks them as generation_'s.
  void load_languages() {
    languages_generation_.reset();
    languages_.clear();
    std::map<std::string, Xapian::doccount> articles_per_language;
    const std::string prefix(schema::kLanguage);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      languages_.push_back((*it).substr(prefix.size()));
      articles_per_language[languages_.back()] = it.get_termfreq();
    }
    mixed_languages_ = search::mixed_languages(articles_per_language);
    Xapian::doccount with_language = 0;
    for (const auto& [lang, articles] : articles_per_language) with_language += articles;
    every_article_has_language_ = with_language >= db_.get_doccount();
    languages_generation_ = generation_;
  }

  // Runs `action`; if a writer overwrote the revision this reader sees
  // (DatabaseModifiedError), reopens and tries again a few times.
  template <class Action>
  std::invoke_result_t<Action&> with_reopen_retry(const std::string& what, Action&& action) {
    int corrupt_reads = 0;
    bool network_retried = false;
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
      } catch (const Xapian::NetworkError& error) {
        // A remote shard went away (or timed out) during the call. Reopening
        // the set names the shard(s) that are down (DatabaseError), or with
        // allow_partial drops them; then the call runs once more.
        if (!set_ || network_retried) index::throw_translated(error, what);
        network_retried = true;
        refresh(what, /*reconnect=*/true);
      } catch (const Xapian::Error& error) {
        index::throw_translated(error, what);
      }
    }
  }

  // Moves to the latest committed revision and reloads what is cached from
  // it. Reading the languages can itself meet DatabaseModifiedError when the
  // writer commits twice meanwhile; then it starts over.
  // A shard set is opened afresh (new connections) only when `reconnect`
  // (a shard failed during a call), when a shard it reaches fails to reopen,
  // or when a shard was left out (allow_partial) at least
  // kMissingShardRetry ago; otherwise reopen() is cheap: Xapian compares
  // revisions (one round trip per remote shard).
  void refresh(const std::string& what, bool reconnect = false) {
    retry_on_revision_change(what, [&] {
      const bool retry_missing =
          !missing_shards_.empty() &&
          std::chrono::steady_clock::now() - opened_at_ >= kMissingShardRetry;
      if (set_ && (reconnect || retry_missing)) {
        open_database();
      } else if (folder_replaced()) {
        open_database();  // compact_index() swapped a compacted copy in
      } else {
        try {
          // Facet columns belong to the revision they were read from; kept
          // when Xapian says the revision cannot have changed (archivar
          // serve reopens before every request).
          if (db_.reopen()) {
            ++generation_;
            facet_columns_.clear();
            spelling_.clear();
            posting_bitmaps_.clear();
            language_members_.clear();
            weight_bounds_.clear();
            term_freqs_.clear();
            completions_.clear();
            written_forms_.clear();
            display_column_.clear();
          }
        } catch (const Xapian::NetworkError&) {
          if (!set_) throw;
          open_database();  // names the shard that is down, or leaves it out
        }
      }
      // The languages belong to the revision (archivar serve reopens before
      // every request: an unchanged one keeps them).
      if (languages_generation_ != generation_) load_languages();
    });
  }

  // A single index as Xapian opens it; a shard set shard by shard (with our
  // timeouts, naming or skipping shards that are down).
  void open_database() {
    ++generation_;
    facet_columns_.clear();
    spelling_.clear();
    posting_bitmaps_.clear();
    language_members_.clear();
    weight_bounds_.clear();
    term_freqs_.clear();
    completions_.clear();
    written_forms_.clear();
    display_column_.clear();
    if (!set_) {
      folders_ = {{path_, identity_of(path_)}};
      db_ = Xapian::Database(path_.string());
      return;
    }
    folders_.clear();
    for (const index::ShardEntry& shard : set_->shards) {
      if (!shard.remote) folders_.emplace_back(shard.path, identity_of(shard.path));
    }
    search::ShardReadOptions read_options;
    read_options.allow_partial = options_.allow_partial;
    read_options.timeout_ms = options_.remote_timeout_ms;
    read_options.connect_timeout_ms = options_.connect_timeout_ms;
    opened_at_ = std::chrono::steady_clock::now();
    search::OpenedShards opened = search::open_shards(*set_, read_options);
    db_ = std::move(opened.db);
    missing_shards_ = std::move(opened.missing);
  }

  // A database folder's device and inode (0, 0 when it cannot be read): a
  // folder swapped in by compact_index() has another inode, and Xapian's
  // reopen() would read its version file against the old folder's tables.
  using FolderIdentity = std::pair<std::uint64_t, std::uint64_t>;
  static FolderIdentity identity_of(const std::filesystem::path& folder) {
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0) return {0, 0};
    return {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino)};
  }

  // True when a local database folder (the index, or a local shard) is no
  // longer the one open_database() opened (one stat per folder and reopen).
  // A folder that cannot be read counts as unchanged: Xapian's reopen
  // reports what is wrong with it.
  bool folder_replaced() const {
    return std::any_of(folders_.begin(), folders_.end(), [](const auto& folder) {
      const FolderIdentity now = identity_of(folder.first);
      return now != FolderIdentity{0, 0} && now != folder.second;
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
  SearcherOptions options_;
  std::optional<index::ShardSet> set_;  // when path_ is a shard set
  // The local database folders open_database() opened, with their identity.
  std::vector<std::pair<std::filesystem::path, std::pair<std::uint64_t, std::uint64_t>>> folders_;
  std::vector<std::string> missing_shards_;          // shards left out (allow_partial)
  std::chrono::steady_clock::time_point opened_at_;  // of the set, by open_database()
  Xapian::Database db_;
  // Term frequencies of db_'s current revision, cleared with the facet
  // columns: query/term_freqs.hpp.
  query::TermFreqs term_freqs_{db_};
  // Common clauses' weight bounds of db_'s current revision, cleared with
  // the term frequencies: search/weight_bounds.hpp.
  search::WeightBounds weight_bounds_;
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;  // options as recorded in the index
  // Snippets of every request, kept for its buffers and the last query's
  // needles (analyzer_ lives as long).
  std::optional<search::SnippetBuilder> snippet_builder_;
  std::vector<std::string> languages_;
  std::vector<std::string> mixed_languages_;  // search::mixed_languages() of the index
  // The L terms' frequencies add up to the document count (search::TermCover).
  bool every_article_has_language_ = false;
  // Facet and collapse-key columns of db_'s current revision (single index
  // only), loaded on first use, cleared by refresh(): memory and cost in
  // search/facet_column.hpp.
  search::FacetColumns facet_columns_;
  // The revision's display records in memory (display_column()).
  search::DisplayColumnHolder display_column_;
  std::uint64_t display_generation_ = 0;  // of display_calls_
  std::uint32_t display_calls_ = 0;       // searches at display_generation_
  // generation_ at the last search or suggestion (cluster_column_worth_loading).
  std::uint64_t used_generation_ = std::numeric_limits<std::uint64_t>::max();
  // "Did you mean" suggestions of db_'s current revision (single index
  // only): Xapian's search at first, then an index built once; cleared with
  // the facet columns. Memory and cost in search/spelling_index.hpp.
  search::SpellingLookup spelling_;
  // Completions of heavy prefixes of db_'s current revision, cleared with
  // the facet columns: search/suggester.hpp.
  search::CompletionCache completions_;
  // Facet values' spellings of db_'s current revision (single index only),
  // cleared with the facet columns: search/facets.hpp.
  search::WrittenForms written_forms_;
  // Common terms' posting-list bitmaps of db_'s current revision (single
  // index only), cleared with the facet columns: search/match_set.hpp.
  search::PostingBitmaps posting_bitmaps_;
  // Which window articles are in the query's language, from L<lang>'s
  // bitmap in posting_bitmaps_ after a few rerank queries: cleared with it,
  // search/term_membership.hpp.
  search::TermMembership language_members_{posting_bitmaps_};
  // Compressed bodies' dictionaries (index/body_codec.hpp), loaded from db_'s
  // metadata when a record first names one; kept across reopens (an id
  // names one content). A shard set's writers write no compressed bodies.
  index::BodyDecompressor bodies_{[this](const std::string& key) { return db_.get_metadata(key); }};
  // Moves of db_ to another revision or database (open_database(), a
  // reopen() that moved): the worker follows them.
  std::uint64_t generation_ = 0;
  // The generation languages_ were read for (none: being read, or never).
  std::optional<std::uint64_t> languages_generation_;
  // Facets beside the ranked match (SearcherOptions::facet_thread), made by
  // the first request that asks for facets. Declared last: destroyed (its
  // thread joined) first.
  std::unique_ptr<search::RequestWorker> worker_;
};

Searcher::Searcher(const std::filesystem::path& path, SearcherOptions options)
    : impl_(std::make_unique<Impl>(path, options)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) { return impl_->search(request); }
std::optional<SearchResults> Searcher::related(std::string_view id, const SearchRequest& request,
                                               std::uint32_t expand_terms) {
  return impl_->related(id, request, expand_terms);
}
std::vector<Suggestion> Searcher::suggest(std::string_view prefix, std::uint32_t limit) {
  return impl_->suggest(prefix, limit);
}
std::optional<Article> Searcher::get(std::string_view id) { return impl_->get(id); }
IndexStats Searcher::stats() { return impl_->stats(); }
void Searcher::reopen() { impl_->reopen(); }
WarmUpReport Searcher::warm_up() { return impl_->warm_up(); }

}  // namespace archivar
