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

// Order of the hits. Ties (equal keys and equal scores) are always broken by
// the internal document number, ascending, which is indexing order: the same
// request on the same index revision gives the same order, so pages
// concatenate without gaps or repeats.
enum class SortOrder {
  relevance,          // BM25 (with title_weight), best first
  newest,             // by date, newest first; undated articles last; relevance breaks ties
  oldest,             // by date, oldest first; undated articles last; relevance breaks ties
  relevance_recency,  // BM25 + recency boost, see SearchRequest::recency_weight
};

// Markup of the highlighted words in Hit::snippet.
enum class Highlight {
  plain,  // «word» (no escaping; for terminals and plain-text UIs)
  ansi,   // bold-yellow ANSI escape codes (terminals)
  html,   // <mark>word</mark>; the rest of the snippet is HTML-escaped
  none,   // no markers
};

struct SearchRequest {
  std::string query;             // search-box string; empty matches every article (filters apply)
  std::string lang;              // only articles in this language ("de", "en"); empty: all
  std::string date_from;         // "YYYY-MM-DD" inclusive lower bound; empty: open
  std::string date_to;           // "YYYY-MM-DD" inclusive upper bound; empty: open
  std::uint32_t page = 1;        // 1-based page number
  std::uint32_t page_size = 10;  // hits per page, 1..1000
  bool match_all_words = false;  // plain words must all match (AND) instead of any (OR)

  // Ranking. Field weights: a query word found in the title adds
  // title_weight times its BM25 weight among title words (S terms) on top of
  // the body+title score; 0 turns the boost off. It re-weights matching
  // articles only and never changes which articles match.
  SortOrder sort = SortOrder::relevance;  // order of the hits
  double title_weight = 0.25;  // extra weight of title matches, 0..100 (0.25: measured, README)
  // relevance_recency: score = BM25 + recency_weight * W * 2^(-age / half-life),
  // W = the query's highest possible BM25 score (1 for an empty query), age =
  // days from the article's date back to recency_reference; undated articles
  // get no boost, articles after the reference count as age 0.
  double recency_half_life_days = 365.0;  // age at which the boost halves, > 0
  double recency_weight = 0.5;            // boost of an article dated on the reference day, 0..100
  std::string recency_reference;          // "YYYY-MM-DD"; empty: newest date in the index
  // Mixed-language indexes: articles in the query's language get
  // query_lang_weight * S on top (S = the best hit's BM25 score), so a German question ranks a
  // German article above its English translation. The query's language is
  // query_lang if set, else detected in the query when the detection is
  // confident; no preference when it is unknown or the index has one
  // language. Re-weights matches only.
  std::string query_lang;          // "de", "en", ...; empty: detect from the query
  double query_lang_weight = 0.1;  // 0..100; 0 = off (0.1: measured, README)
  // Descriptive queries (10+ words, no '?') are re-weighted by the best stems
  // of their own top 15 hits (pseudo-relevance feedback); re-weights matches
  // only. Usually costs a deeper first window (top 100) and re-scoring it,
  // else two ranked passes (sort relevance_recency, match spies, shard
  // sets, pages ending past rank 200). Questions and short queries never are.
  bool feedback_expansion = true;

  // Facets and filters. Facet names: lang, year, month, source, tag, author.
  // Filters are "name:value" with the same names (value as in a facet, e.g.
  // "month:2004-05", "source:reuters"; case and Unicode form do not matter).
  // Values of the same name are OR-ed, different names AND-ed.
  std::vector<std::string> facets;         // facets to count over the whole match set
  std::uint32_t facet_size = 10;           // most frequent values returned per facet, 1..10000
  std::uint64_t facet_check_at_least = 0;  // articles to count facets over; 0: every match
  std::vector<std::string> filters;        // "name:value" restrictions

  // Snippets: Hit::snippet, about snippet_length characters (Unicode code
  // points, markers excluded) of the body around the passage with the most
  // distinct query words, cut at word boundaries, and Hit::title_highlighted;
  // 0: neither (plain queries do no highlighting work).
  std::uint32_t snippet_length = 0;        // 0..10000
  Highlight highlight = Highlight::plain;  // markup of matched words

  // Near-duplicates (syndicated or updated copies of one story, detected at
  // index time; README "Near-duplicates"): show only the best-ranked article
  // of each group, with Hit::copies saying how many it stands for. Counts in
  // `total` then estimate the collapsed list; facets still count every
  // matching article. The Searcher usually collapses a deeper uncollapsed
  // window itself (same hits as Xapian's collapse, cheaper); `total` then
  // holds the uncollapsed estimate, with `lower` reduced by the index's
  // collapsible articles so that it stays a bound of the collapsed count
  // (exact counts are always collapsed ones).
  bool collapse_duplicates = true;

  // Spelling ("did you mean"): words of the query that no article contains
  // are replaced by the most frequent index word within two edits
  // (SearchResults::did_you_mean). Needs an index built with
  // IndexOptions::spelling (the default).
  bool suggest_spelling = true;  // fill SearchResults::did_you_mean
  bool auto_correct = false;     // if nothing matches, search for did_you_mean instead
};

struct Hit {
  std::string id;
  std::string title;
  std::string date;
  std::string lang;
  std::string url;
  std::string source;      // site or feed (Article::source) as the article gives it; may be empty
  double score = 0;        // BM25 weight; comparable only within one result list
  std::uint32_t rank = 0;  // 1-based position in the full ranking
  std::string snippet;     // see SearchRequest::snippet_length; empty when not requested
  // The whole title with the matched words marked like the snippet's
  // (SearchRequest::highlight: same words, same markers, HTML-escaped with
  // Highlight::html); empty unless snippets are requested (snippet_length > 0).
  std::string title_highlighted;
  // Articles this hit stands for, itself included: the articles of its
  // near-duplicate group that match the query and filters (1 without
  // collapse_duplicates). Exact, whatever the page or the facets: summed
  // over the whole collapsed list it is the uncollapsed match count.
  std::uint32_t copies = 1;
};

struct MatchCount {
  std::uint64_t estimated = 0;  // best estimate of all matching articles
  std::uint64_t lower = 0;      // at least this many match
  std::uint64_t upper = 0;      // at most this many match
};

struct FacetValue {
  // lang, year, month: normalized ("de", "2004", "2004-05"); source, tag,
  // author: as written in the articles ("Reuters": the first article's
  // spelling). Usable as a filter value either way (filters ignore case).
  std::string value;
  std::uint64_t count = 0;  // matching articles with this value

  friend bool operator==(const FacetValue&, const FacetValue&) = default;
};

struct Facet {
  std::string name;                // as requested ("lang", "tag", ...)
  std::vector<FacetValue> values;  // most frequent first, ties by value; at most facet_size
  std::uint64_t distinct = 0;      // distinct values seen (may exceed values.size())
};

struct SearchResults {
  std::string query;  // the query string as given
  MatchCount total;
  std::vector<Hit> hits;
  std::vector<Facet> facets;        // in the order requested
  std::uint64_t facet_counted = 0;  // matching articles the facets were counted over
  std::string did_you_mean;         // corrected query, "" if every word is known
  bool corrected = false;           // hits are for did_you_mean (auto_correct applied)
  // Shard sets opened with SearcherOptions::allow_partial: the shards that
  // were down, e.g. "shard 1/3 (remote 10.0.0.7:33333)"; the hits, counts
  // and facets then cover the other shards only. Empty when complete.
  std::vector<std::string> missing_shards;
};

// A completion for a search box (Searcher::suggest).
enum class SuggestionKind {
  term,   // a word of the index completing the last word typed
  title,  // the title of an article with a title word completing it
};

struct Suggestion {
  std::string text;  // term: the input with its last word completed (normalized); title: as stored
  SuggestionKind kind = SuggestionKind::term;
  // term: share of articles containing the completed word (0..1); title:
  // relevance of the article to the completed words (0..1). Comparable
  // within one kind of one call only.
  double score = 0;

  friend bool operator==(const Suggestion&, const Suggestion&) = default;
};

struct IndexStats {
  std::uint64_t articles = 0;
  std::map<std::string, std::uint64_t> articles_per_lang;
  std::uint64_t distinct_terms = 0;
  double average_length = 0;        // indexed words per article
  std::uint64_t bytes_on_disk = 0;  // local databases only (not remote shards)
  std::string path;
  std::uint32_t shards = 1;                 // databases searched as one (a shard set: its lines)
  std::vector<std::string> missing_shards;  // as in SearchResults
};

// What Searcher::warm_up() has ready for the current revision.
struct WarmUpReport {
  // Facet, near-duplicate key and display-record columns held as arrays.
  std::uint32_t columns = 0;
  std::uint64_t spelling_words = 0;  // words of the "did you mean" index
  bool was_ready = false;            // this Searcher held all of it before the call
};

// How a Searcher opens a shard set (a folder with a XAPIANDB manifest,
// README "Running on several machines"; a single index ignores those), and
// whether it counts facets on a thread of its own.
struct SearcherOptions {
  // Without it a shard that cannot be opened, or that fails during a call,
  // is a DatabaseError naming it. With it the Searcher answers from the
  // other shards and lists the missing one in missing_shards (all down is
  // still an error).
  bool allow_partial = false;
  std::uint32_t remote_timeout_ms = 10000;   // remote shards: per network operation; 0: none
  std::uint32_t connect_timeout_ms = 10000;  // remote shards: connecting
  // Facets over every match (SearchRequest::facets with
  // facet_check_at_least 0) counted on a thread of the Searcher's own while
  // the ranked match runs on the calling thread: a faceted search then
  // takes about as long as an unfaceted one when a second core is idle
  // (same CPU time; the thread and a second open database are kept for the
  // Searcher's life). A single local index only; a request whose query the
  // thread cannot run (the index changed under it) is counted as without.
  bool facet_thread = false;
  // A page's snippets (SearchRequest::snippet_length > 0) built by the
  // calling thread and a thread of the Searcher's own together, each taking
  // the next hit: the snippets of a ten-hit page then take about half as
  // long when a second core is idle (same CPU time, same snippets; the
  // thread and a second open database are the facet thread's, kept for the
  // Searcher's life). A single local index only; a request the thread
  // cannot serve (the index changed under it) is built on the calling
  // thread alone.
  bool snippet_thread = false;
  // Every article's display record (id, title, url, date, lang, author,
  // source, tags) held in memory per revision, shared by the process's
  // Searchers of that revision, from warm_up() or a Searcher's 32nd search
  // of the revision on: a result page then reads its hits' fields by an
  // array lookup instead of one 32 KB B-tree block per hit (~8.5 µs each
  // at 171k articles). Memory: ~115 bytes per news article (~20 MB at
  // 171k); loading takes ~1 µs per article. false: every page reads its
  // hits from the index, and warm_up() does not load them.
  bool display_in_memory = true;
};

class ARCHIVAR_EXPORT Searcher {
 public:
  // Opens the index at `path` read-only. Throws DatabaseError if it does not
  // exist or cannot be read.
  // `path` may also be a shard set, searched as one index (`options`).
  explicit Searcher(const std::filesystem::path& path, SearcherOptions options = {});
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Ranked hits for `request`. Throws InvalidArgumentError for a bad page,
  // page size, date bound, facet name, filter or out-of-range weight;
  // DatabaseError if the index breaks.
  // Cost: facets visit every matching article apart from the ranked match:
  // O(postings of the query terms) plus one array lookup per match and
  // facet (the first request with facets loads each facet's column:
  // O(articles)); with facet_check_at_least the ranked match stops after
  // that many instead. Snippets read each hit's body (zlib) and scan it:
  // O(body), plus analysis of a region of about the snippet's length.
  [[nodiscard]] SearchResults search(const SearchRequest& request);

  // Articles most like the one with `id` (more-like-this): Xapian relevance
  // feedback takes its `expand_terms` best stemmed terms (Z terms) and
  // searches for them, excluding the article itself and its near-duplicates
  // (whatever request.collapse_duplicates says). `request` gives paging,
  // filters, facets, snippets and sort; request.query, when not empty,
  // further restricts the related articles to those matching it.
  // Returns nullopt if there is no article with this id. Throws
  // InvalidArgumentError like search() and for expand_terms outside 1..1000.
  // Cost: reads the article's term list once, then one search.
  [[nodiscard]] std::optional<SearchResults> related(std::string_view id,
                                                     const SearchRequest& request = {},
                                                     std::uint32_t expand_terms = 20);

  // Completions of `prefix`, the text typed into a search box so far: its
  // last word (normalized like a query word: case, Unicode form) completed
  // to indexed words, the most frequent first (kind term, at most `limit`),
  // then titles of articles whose title has a word starting with it, best
  // first, near-duplicates and equal titles once (kind title, at most
  // `limit`). Earlier words of `prefix` are kept in term suggestions and
  // must appear in suggested titles (ignored for titles when none would);
  // the words that follow the last earlier word in the archive's text come
  // first ("olaf sch" → "olaf scholz"), and a prefix ending in a space
  // ("olaf ") is completed by those followers alone.
  // German and English alike; no stemming (a prefix is not a word).
  // Empty for an empty prefix. Throws InvalidArgumentError for `limit`
  // outside 1..100.
  // Cost: walks the index's words starting with the last word (at most a
  // few thousand, README "Suggestions"), then one small search; after an
  // earlier word, once per word and index revision, the text of 50
  // articles (~1-7 ms on 171k articles).
  [[nodiscard]] std::vector<Suggestion> suggest(std::string_view prefix, std::uint32_t limit = 10);

  // The stored article with this id, if any.
  [[nodiscard]] std::optional<Article> get(std::string_view id);

  // Counts and sizes. Cost: walks the term list once (O(distinct terms)).
  [[nodiscard]] IndexStats stats();

  // Moves to the latest committed state of the index.
  void reopen();

  // Builds now what the first searches of the current revision would
  // otherwise build on their way: the columns of every facet and of the
  // near-duplicate key, the hits' display records (title, url, date, ...:
  // about 115 bytes per news article in memory, read by every result page
  // instead of one B-tree block per hit), and the "did you mean" index
  // (README "Did you mean"). They are shared with the process's other Searchers of the same
  // revision while this one holds it (until its next reopen() moves on), so
  // a server calls reopen() and warm_up() on a Searcher of its own after
  // every commit (`archivar serve` does). A shard set has neither: nothing
  // to do. Cost (171k articles): the facet and key columns ~25 ms, the
  // display records ~175 ms and ~20 MB; the spelling index
  // ~0.33 s from nothing, ~50 ms from the previous revision's (after a
  // reopen()) when a commit added a few hundred articles; nothing when all
  // is ready. Throws DatabaseError if the index breaks.
  WarmUpReport warm_up();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archivar
