/* archivar C API: index and search German/English article archives from C,
 * and from any language with a C FFI (PHP FFI, Go cgo, Node, Python ctypes).
 *
 * A thin layer over the C++ API (the .hpp headers beside this one) with the same
 * semantics; read searcher.hpp for the query syntax and the meaning of every
 * search option. Link with -larchivar (pkg-config archivar).
 *
 * Errors. Every function that can fail returns an archivar_status; on
 * failure archivar_last_error() gives a message naming what went wrong (the
 * index path, the bad argument). No C++ exception ever leaves this API.
 *
 * Ownership. Strings passed in are borrowed for the duration of the call
 * (UTF-8, NUL-terminated; NULL counts as ""). Every object this API creates
 * is owned by the caller and freed with its own function:
 *   archivar_index     archivar_index_close()
 *   archivar_searcher  archivar_searcher_close()
 *   archivar_request   archivar_request_free()
 *   archivar_results   archivar_results_free()
 * Each free function accepts NULL. Pointers returned by archivar_results_*
 * (hits, facets, their strings) belong to the results object and stay valid
 * until it is freed. archivar_version() and archivar_last_error() return
 * strings the caller never frees.
 *
 * Thread-safety: as in C++. A handle is used by one thread at a time; open a
 * searcher per thread. One index writer per index path. The last error is
 * per thread.
 *
 * ABI: the struct passed in (archivar_article) and the one read as an array
 * (archivar_facet_value, archivar_facet.values) change only with the
 * library's SOVERSION. The structs read one at a time through pointers the
 * library hands out (archivar_hit from archivar_results_hit(),
 * archivar_facet from archivar_results_facet()) only grow at their end, so
 * code built against an older header reads a prefix of them and still
 * works; do not copy them by value. The request is opaque so options can
 * be added freely. */
#ifndef ARCHIVAR_ARCHIVAR_H
#define ARCHIVAR_ARCHIVAR_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define ARCHIVAR_C_API
#else
#define ARCHIVAR_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum archivar_status {
  ARCHIVAR_OK = 0,
  ARCHIVAR_ERR_INVALID_ARGUMENT = 1, /* misuse: NULL handle, empty id, bad date, page 0, ... */
  ARCHIVAR_ERR_DATABASE = 2,         /* index missing, locked, corrupt, wrong schema version */
  ARCHIVAR_ERR_INPUT = 3,            /* an input file cannot be read */
  ARCHIVAR_ERR_NOT_FOUND = 4,        /* no article with this id (archivar_related) */
  ARCHIVAR_ERR_NO_MEMORY = 5,        /* allocation failed */
  ARCHIVAR_ERR_INTERNAL = 6          /* anything else; a bug, please report it */
} archivar_status;

/* "MAJOR.MINOR.PATCH" of the linked library. Static storage. */
ARCHIVAR_C_API const char* archivar_version(void);

/* Message of the last failed call on this thread ("" if none). Every other
 * function clears it on entry. The pointer stays valid until the next
 * archivar_* call on this thread; copy it to keep it. */
ARCHIVAR_C_API const char* archivar_last_error(void);

/* Short constant name of a status ("ARCHIVAR_ERR_DATABASE"). Static storage. */
ARCHIVAR_C_API const char* archivar_status_name(archivar_status status);

/* ---- Writing --------------------------------------------------------- */

typedef struct archivar_index archivar_index;

/* Flags of archivar_index_open. */
#define ARCHIVAR_OPEN_CREATE 1u        /* create the index if it does not exist */
#define ARCHIVAR_OPEN_NO_CLEAN 2u      /* analyze text as given (no cleaning) */
#define ARCHIVAR_OPEN_NO_FOLD 4u       /* new index: Müller, Mueller, Muller stay apart */
#define ARCHIVAR_OPEN_NO_DECOMPOUND 8u /* new index: German compounds are not split */

/* Opens (with ARCHIVAR_OPEN_CREATE: creates if needed) the index at `path`
 * for writing. commit_every: automatic commit after this many changes, 0
 * never. On success *out is a new handle; on failure *out is NULL. */
ARCHIVAR_C_API archivar_status archivar_index_open(const char* path, unsigned flags,
                                                   uint32_t commit_every, archivar_index** out);

/* Commits pending changes (best effort: call archivar_index_commit to see
 * errors) and frees the handle. NULL is allowed. */
ARCHIVAR_C_API void archivar_index_close(archivar_index* index);

/* An article to add. All strings borrowed; NULL means empty. Only `id` is
 * required. Zero-initialize it ({0}) and set what you have. */
typedef struct archivar_article {
  const char* id; /* unique key; adding the same id replaces the article */
  const char* title;
  const char* body;
  const char* url;
  const char* date; /* "YYYY-MM-DD" or NULL */
  const char* lang; /* "de", "en", ...; NULL: detected */
  const char* author;
  const char* source;
  const char* const* tags; /* tag_count strings, may be NULL when tag_count is 0 */
  size_t tag_count;
} archivar_article;

/* Adds or replaces an article. *replaced (if not NULL) is set to 1 when an
 * article with this id existed, else 0. */
ARCHIVAR_C_API archivar_status archivar_index_add(archivar_index* index,
                                                  const archivar_article* article, int* replaced);

/* Deletes the article with this id. *deleted (if not NULL) is 1 if it
 * existed, else 0; a missing id is not an error. */
ARCHIVAR_C_API archivar_status archivar_index_delete(archivar_index* index, const char* id,
                                                     int* deleted);

/* Makes all changes so far durable and visible to searchers. */
ARCHIVAR_C_API archivar_status archivar_index_commit(archivar_index* index);

/* Articles in the index, uncommitted changes included. */
ARCHIVAR_C_API archivar_status archivar_index_size(archivar_index* index, uint64_t* out);

/* Compacts the index at `path` in place (archivar::compact_index: full
 * B-tree blocks of block_size bytes, 0 for the default 32768; the write lock
 * is held meanwhile, so no archivar_index may be open on it). *bytes_before
 * and *bytes_after (each may be NULL) get the folder's sizes. Open searchers
 * move to the compacted index at their next archivar_searcher_reopen. */
ARCHIVAR_C_API archivar_status archivar_compact(const char* path, uint32_t block_size,
                                                uint64_t* bytes_before, uint64_t* bytes_after);

/* ---- Search requests ------------------------------------------------- */

typedef struct archivar_request archivar_request;

typedef enum archivar_sort {
  ARCHIVAR_SORT_RELEVANCE = 0,
  ARCHIVAR_SORT_NEWEST = 1,
  ARCHIVAR_SORT_OLDEST = 2,
  ARCHIVAR_SORT_RELEVANCE_RECENCY = 3
} archivar_sort;

typedef enum archivar_highlight {
  ARCHIVAR_HIGHLIGHT_PLAIN = 0, /* «word» */
  ARCHIVAR_HIGHLIGHT_ANSI = 1,
  ARCHIVAR_HIGHLIGHT_HTML = 2, /* <mark>word</mark>, the rest HTML-escaped */
  ARCHIVAR_HIGHLIGHT_NONE = 3
} archivar_highlight;

/* A request with the C++ defaults (empty query, page 1 of 10, relevance).
 * Returns NULL only when out of memory. Free with archivar_request_free. */
ARCHIVAR_C_API archivar_request* archivar_request_new(void);
ARCHIVAR_C_API void archivar_request_free(archivar_request* request);

/* Setters copy their strings. Values are checked when the request is used
 * (archivar_search), which then fails with ARCHIVAR_ERR_INVALID_ARGUMENT. */
ARCHIVAR_C_API archivar_status archivar_request_set_query(archivar_request* request,
                                                          const char* query);
ARCHIVAR_C_API archivar_status archivar_request_set_lang(archivar_request* request,
                                                         const char* lang);
/* The language the query is written in ("de", "en"): in an index mixing
 * languages, articles in it rank first (SearchRequest::query_lang).
 * NULL or "": detected from the query when the detection is confident. */
ARCHIVAR_C_API archivar_status archivar_request_set_query_lang(archivar_request* request,
                                                               const char* lang);
/* Inclusive "YYYY-MM-DD" bounds; NULL or "" leaves that end open. */
ARCHIVAR_C_API archivar_status archivar_request_set_dates(archivar_request* request,
                                                          const char* from, const char* to);
/* 1-based page, page_size 1..1000. */
ARCHIVAR_C_API archivar_status archivar_request_set_page(archivar_request* request, uint32_t page,
                                                         uint32_t page_size);
ARCHIVAR_C_API archivar_status archivar_request_set_match_all(archivar_request* request,
                                                              int match_all);
ARCHIVAR_C_API archivar_status archivar_request_set_sort(archivar_request* request,
                                                         archivar_sort sort);
/* About `length` characters of body around the best passage; 0: none. */
ARCHIVAR_C_API archivar_status archivar_request_set_snippet(archivar_request* request,
                                                            uint32_t length,
                                                            archivar_highlight highlight);
/* Facets to count: lang, year, month, source, tag, author. */
ARCHIVAR_C_API archivar_status archivar_request_add_facet(archivar_request* request,
                                                          const char* name);
ARCHIVAR_C_API archivar_status archivar_request_set_facet_size(archivar_request* request,
                                                               uint32_t size);
/* "name:value" restriction, same names as facets ("year:2004"). */
ARCHIVAR_C_API archivar_status archivar_request_add_filter(archivar_request* request,
                                                           const char* filter);
/* Near-duplicate collapsing (default on): 0 shows every copy of a story. */
ARCHIVAR_C_API archivar_status archivar_request_set_collapse(archivar_request* request,
                                                             int collapse);
/* Feedback expansion of descriptive queries (default on): 0 saves its work
 * (usually a re-scored window, else two ranked passes); the matches are the
 * same (SearchRequest::feedback_expansion). */
ARCHIVAR_C_API archivar_status archivar_request_set_feedback(archivar_request* request,
                                                             int feedback);
/* "Did you mean" (default suggest 1, auto_correct 0): suggest fills
 * archivar_results_did_you_mean; auto_correct searches for the suggestion
 * when the query finds nothing. */
ARCHIVAR_C_API archivar_status archivar_request_set_spelling(archivar_request* request, int suggest,
                                                             int auto_correct);
/* Extra weight of title matches (0..100, default 0.25) and of articles in the
 * query's language in a mixed index (0..100, default 0.1; 0 = off). */
ARCHIVAR_C_API archivar_status archivar_request_set_weights(archivar_request* request,
                                                            double title_weight,
                                                            double query_lang_weight);
/* The recency boost of ARCHIVAR_SORT_RELEVANCE_RECENCY: half-life in days
 * (> 0, default 365), weight (0..100, default 0.5) and the reference day
 * "YYYY-MM-DD" (NULL or "": the newest date in the index). */
ARCHIVAR_C_API archivar_status archivar_request_set_recency(archivar_request* request,
                                                            double half_life_days, double weight,
                                                            const char* reference);

/* ---- Searching ------------------------------------------------------- */

typedef struct archivar_searcher archivar_searcher;
typedef struct archivar_results archivar_results;

/* Opens the index at `path` read-only. Fails with ARCHIVAR_ERR_DATABASE if
 * it is missing, unreadable or written by an incompatible archivar. */
ARCHIVAR_C_API archivar_status archivar_searcher_open(const char* path, archivar_searcher** out);
/* Flags of archivar_searcher_open_flags. */
/* Facets counted on a thread of the searcher's own beside the ranked match
 * (SearcherOptions::facet_thread in archivar/searcher.hpp). */
#define ARCHIVAR_SEARCHER_FACET_THREAD 1u
/* A page's snippets built by the calling thread and that thread together
 * (SearcherOptions::snippet_thread). */
#define ARCHIVAR_SEARCHER_SNIPPET_THREAD 2u
/* Hits' display fields read from the index on every page instead of held
 * in memory (SearcherOptions::display_in_memory false). */
#define ARCHIVAR_SEARCHER_DISPLAY_FROM_DISK 4u
/* archivar_searcher_open with ARCHIVAR_SEARCHER_* flags (OR-ed); unknown
 * bits are ARCHIVAR_ERR_INVALID_ARGUMENT. */
ARCHIVAR_C_API archivar_status archivar_searcher_open_flags(const char* path, unsigned flags,
                                                            archivar_searcher** out);
ARCHIVAR_C_API void archivar_searcher_close(archivar_searcher* searcher);

/* Moves to the latest committed state of the index. */
ARCHIVAR_C_API archivar_status archivar_searcher_reopen(archivar_searcher* searcher);

/* Builds now what the first searches of the current revision would build on
 * their way (facet columns, the "did you mean" index; Searcher::warm_up() in
 * archivar/searcher.hpp), shared with the process's other searchers of the
 * revision. A server calls it after archivar_searcher_reopen() on a searcher
 * of its own. `spelling_words` (may be NULL): words of the "did you mean"
 * index. */
ARCHIVAR_C_API archivar_status archivar_searcher_warm_up(archivar_searcher* searcher,
                                                         uint64_t* spelling_words);

/* Runs `request` (NULL: defaults). On success *out is a new results object
 * (free with archivar_results_free); on failure NULL. */
ARCHIVAR_C_API archivar_status archivar_search(archivar_searcher* searcher,
                                               const archivar_request* request,
                                               archivar_results** out);

/* Articles most like the one with `id`; `request` (NULL: defaults) gives
 * paging, filters, facets, snippets; its query further restricts them.
 * expand_terms: stems taken from the article, 0 for the default (20).
 * ARCHIVAR_ERR_NOT_FOUND if there is no such article. */
ARCHIVAR_C_API archivar_status archivar_related(archivar_searcher* searcher, const char* id,
                                                const archivar_request* request,
                                                uint32_t expand_terms, archivar_results** out);

/* ---- Suggestions (search-box completions) ------------------------------ */

typedef enum archivar_suggestion_kind {
  ARCHIVAR_SUGGESTION_TERM = 0,  /* the input with its last word completed (normalized) */
  ARCHIVAR_SUGGESTION_TITLE = 1, /* the title of a best-matching article, as stored */
} archivar_suggestion_kind;

typedef struct archivar_suggestion {
  const char* text;
  archivar_suggestion_kind kind;
  double score; /* 0..1; comparable within one kind of one call only */
} archivar_suggestion;

typedef struct archivar_suggestions archivar_suggestions;

/* Completions of `prefix` (a search box's content): frequent index words
 * completing its last word, then titles. limit: 1..100 per kind. On success
 * *out is a new list owned by the caller (free with
 * archivar_suggestions_free); its strings live as long as the list. */
ARCHIVAR_C_API archivar_status archivar_suggest(archivar_searcher* searcher, const char* prefix,
                                                uint32_t limit, archivar_suggestions** out);
ARCHIVAR_C_API size_t archivar_suggestions_count(const archivar_suggestions* suggestions);
/* NULL if i is out of range. */
ARCHIVAR_C_API const archivar_suggestion* archivar_suggestions_get(
    const archivar_suggestions* suggestions, size_t i);
/* Frees the list; NULL is allowed. */
ARCHIVAR_C_API void archivar_suggestions_free(archivar_suggestions* suggestions);

/* ---- Results (all pointers owned by the results object) -------------- */

typedef struct archivar_hit {
  const char* id;
  const char* title;
  const char* date; /* "YYYY-MM-DD" or "" */
  const char* lang;
  const char* url;
  const char* snippet; /* "" unless snippets were requested */
  double score;        /* BM25; comparable within one result list only */
  uint32_t rank;       /* 1-based position in the full ranking */
  /* The title with matches marked like the snippet; "" unless snippets were
   * requested. After the first fields, so code built against the older
   * struct still works. */
  const char* title_highlighted;
  /* Articles this hit stands for, itself included: the articles of its
   * near-duplicate group matching the query (1 with collapsing off). Last,
   * for the same reason. */
  uint32_t copies;
  /* The article's source (site or feed) as it gives it; "" if it has none.
   * Appended last, for the same reason. */
  const char* source;
} archivar_hit;

typedef struct archivar_facet_value {
  const char* value; /* source/tag/author as written, else normalized; a filter value */
  uint64_t count;
} archivar_facet_value;

typedef struct archivar_facet {
  const char* name;
  const archivar_facet_value* values; /* value_count entries, most frequent first */
  size_t value_count;
  uint64_t distinct; /* distinct values seen (may exceed value_count) */
} archivar_facet;

ARCHIVAR_C_API void archivar_results_free(archivar_results* results);

/* Estimated number of matching articles; lower/upper bounds (either may be
 * NULL). 0 for a NULL results. */
ARCHIVAR_C_API uint64_t archivar_results_total(const archivar_results* results, uint64_t* lower,
                                               uint64_t* upper);

/* Hits on this page; hit i (0-based) or NULL when i is out of range. */
ARCHIVAR_C_API size_t archivar_results_hit_count(const archivar_results* results);
ARCHIVAR_C_API const archivar_hit* archivar_results_hit(const archivar_results* results, size_t i);

/* The corrected query ("did you mean"), "" if every word is known (and for
 * NULL results); never NULL. *corrected (if not NULL) is 1 when the hits are
 * for it (auto_correct applied), else 0. */
ARCHIVAR_C_API const char* archivar_results_did_you_mean(const archivar_results* results,
                                                         int* corrected);

/* Facets in the order requested; facet i or NULL when out of range. */
ARCHIVAR_C_API size_t archivar_results_facet_count(const archivar_results* results);
ARCHIVAR_C_API const archivar_facet* archivar_results_facet(const archivar_results* results,
                                                            size_t i);

#ifdef __cplusplus
}
#endif

#endif /* ARCHIVAR_ARCHIVAR_H */
