// The C API (include/archivar/archivar.h) over the public C++ API.
//
// Every entry point runs its body inside guarded(), which maps archivar's
// exception families to status codes and stores the message in a
// thread-local fixed buffer (no allocation, so reporting an error cannot
// fail). Nothing here may throw past the extern "C" boundary.
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archivar/archivar.h"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "archivar/version.hpp"

struct archivar_index {
  archivar::Index index;
};

struct archivar_searcher {
  archivar::Searcher searcher;
};

struct archivar_request {
  archivar::SearchRequest request;
};

// Owns the C++ results and the C views into them. The views are built once,
// after which the strings never move (the vectors are not touched again).
struct archivar_results {
  archivar::SearchResults results;
  std::vector<archivar_hit> hits;
  std::vector<std::vector<archivar_facet_value>> facet_values;
  std::vector<archivar_facet> facets;
};

// Owns the C++ suggestions and the C views into them.
struct archivar_suggestions {
  std::vector<archivar::Suggestion> items;
  std::vector<archivar_suggestion> views;
};

namespace {

thread_local char last_error[2048] = "";

void clear_error() noexcept { last_error[0] = '\0'; }

archivar_status fail(archivar_status status, const char* message) noexcept {
  std::snprintf(last_error, sizeof last_error, "%s", message);
  return status;
}

template <class Body>
archivar_status guarded(Body&& body) noexcept {
  clear_error();
  try {
    return body();
  } catch (const archivar::DatabaseError& e) {
    return fail(ARCHIVAR_ERR_DATABASE, e.what());
  } catch (const archivar::InputError& e) {
    return fail(ARCHIVAR_ERR_INPUT, e.what());
  } catch (const archivar::LogicError& e) {
    return fail(ARCHIVAR_ERR_INVALID_ARGUMENT, e.what());
  } catch (const archivar::RuntimeError& e) {
    return fail(ARCHIVAR_ERR_DATABASE, e.what());
  } catch (const std::bad_alloc&) {
    return fail(ARCHIVAR_ERR_NO_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(ARCHIVAR_ERR_INTERNAL, e.what());
  } catch (...) {
    return fail(ARCHIVAR_ERR_INTERNAL, "unknown error");
  }
}

std::string str(const char* s) { return s ? std::string(s) : std::string(); }

archivar_status null_argument(const char* function, const char* argument) noexcept {
  char message[256];
  std::snprintf(message, sizeof message, "%s: %s is NULL", function, argument);
  return fail(ARCHIVAR_ERR_INVALID_ARGUMENT, message);
}

archivar_results* make_results(archivar::SearchResults&& results) {
  auto out = std::make_unique<archivar_results>();
  out->results = std::move(results);
  out->hits.reserve(out->results.hits.size());
  for (const archivar::Hit& hit : out->results.hits) {
    out->hits.push_back(archivar_hit{hit.id.c_str(), hit.title.c_str(), hit.date.c_str(),
                                     hit.lang.c_str(), hit.url.c_str(), hit.snippet.c_str(),
                                     hit.score, hit.rank, hit.title_highlighted.c_str(), hit.copies,
                                     hit.source.c_str()});
  }
  out->facet_values.reserve(out->results.facets.size());
  out->facets.reserve(out->results.facets.size());
  for (const archivar::Facet& facet : out->results.facets) {
    std::vector<archivar_facet_value>& values = out->facet_values.emplace_back();
    values.reserve(facet.values.size());
    for (const archivar::FacetValue& value : facet.values) {
      values.push_back(archivar_facet_value{value.value.c_str(), value.count});
    }
    out->facets.push_back(
        archivar_facet{facet.name.c_str(), values.data(), values.size(), facet.distinct});
  }
  return out.release();
}

// The integer a C caller passed for an enum parameter. Read as bytes: a C
// program may pass any int, and loading an out-of-range value as the C++ enum
// type would be undefined behaviour (UBSan: "not a valid value for type").
template <class Enum>
int enum_value(const Enum& value) {
  static_assert(sizeof(Enum) == sizeof(int));
  int raw = 0;
  std::memcpy(&raw, &value, sizeof raw);
  return raw;
}

archivar::SortOrder to_sort(int sort) {
  switch (sort) {
    case ARCHIVAR_SORT_RELEVANCE:
      return archivar::SortOrder::relevance;
    case ARCHIVAR_SORT_NEWEST:
      return archivar::SortOrder::newest;
    case ARCHIVAR_SORT_OLDEST:
      return archivar::SortOrder::oldest;
    case ARCHIVAR_SORT_RELEVANCE_RECENCY:
      return archivar::SortOrder::relevance_recency;
  }
  throw archivar::InvalidArgumentError("archivar_request_set_sort: unknown sort " +
                                       std::to_string(sort));
}

archivar::Highlight to_highlight(int highlight) {
  switch (highlight) {
    case ARCHIVAR_HIGHLIGHT_PLAIN:
      return archivar::Highlight::plain;
    case ARCHIVAR_HIGHLIGHT_ANSI:
      return archivar::Highlight::ansi;
    case ARCHIVAR_HIGHLIGHT_HTML:
      return archivar::Highlight::html;
    case ARCHIVAR_HIGHLIGHT_NONE:
      return archivar::Highlight::none;
  }
  throw archivar::InvalidArgumentError("archivar_request_set_snippet: unknown highlight " +
                                       std::to_string(highlight));
}

// Runs `body` on the request's C++ value after checking the handle.
template <class Body>
archivar_status with_request(archivar_request* request, const char* function, Body&& body) {
  if (request == nullptr) return null_argument(function, "request");
  body(request->request);
  return ARCHIVAR_OK;
}

}  // namespace

extern "C" {

const char* archivar_version(void) { return archivar::version(); }

const char* archivar_last_error(void) { return last_error; }

const char* archivar_status_name(archivar_status status) {
  switch (status) {
    case ARCHIVAR_OK:
      return "ARCHIVAR_OK";
    case ARCHIVAR_ERR_INVALID_ARGUMENT:
      return "ARCHIVAR_ERR_INVALID_ARGUMENT";
    case ARCHIVAR_ERR_DATABASE:
      return "ARCHIVAR_ERR_DATABASE";
    case ARCHIVAR_ERR_INPUT:
      return "ARCHIVAR_ERR_INPUT";
    case ARCHIVAR_ERR_NOT_FOUND:
      return "ARCHIVAR_ERR_NOT_FOUND";
    case ARCHIVAR_ERR_NO_MEMORY:
      return "ARCHIVAR_ERR_NO_MEMORY";
    case ARCHIVAR_ERR_INTERNAL:
      return "ARCHIVAR_ERR_INTERNAL";
  }
  return "ARCHIVAR_ERR_UNKNOWN";
}

// ---- Writing

archivar_status archivar_index_open(const char* path, unsigned flags, uint32_t commit_every,
                                    archivar_index** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("archivar_index_open", "out");
    *out = nullptr;
    if (path == nullptr) return null_argument("archivar_index_open", "path");
    archivar::IndexOptions options;
    options.create = (flags & ARCHIVAR_OPEN_CREATE) != 0;
    options.commit_every = commit_every;
    options.cleaning.enabled = (flags & ARCHIVAR_OPEN_NO_CLEAN) == 0;
    options.fold_spellings = (flags & ARCHIVAR_OPEN_NO_FOLD) == 0;
    options.decompound_german = (flags & ARCHIVAR_OPEN_NO_DECOMPOUND) == 0;
    *out = new archivar_index{archivar::Index(path, std::move(options))};
    return ARCHIVAR_OK;
  });
}

void archivar_index_close(archivar_index* index) {
  // ~Index commits best effort and never throws.
  delete index;
}

archivar_status archivar_index_add(archivar_index* index, const archivar_article* article,
                                   int* replaced) {
  return guarded([&] {
    if (index == nullptr) return null_argument("archivar_index_add", "index");
    if (article == nullptr) return null_argument("archivar_index_add", "article");
    if (article->tag_count != 0 && article->tags == nullptr) {
      return null_argument("archivar_index_add", "article->tags");
    }
    archivar::Article a;
    a.id = str(article->id);
    a.title = str(article->title);
    a.body = str(article->body);
    a.url = str(article->url);
    a.date = str(article->date);
    a.lang = str(article->lang);
    a.author = str(article->author);
    a.source = str(article->source);
    for (std::size_t i = 0; i < article->tag_count; ++i) a.tags.push_back(str(article->tags[i]));
    const archivar::AddResult result = index->index.add(a);
    if (replaced != nullptr) *replaced = result == archivar::AddResult::replaced ? 1 : 0;
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_index_delete(archivar_index* index, const char* id, int* deleted) {
  return guarded([&] {
    if (index == nullptr) return null_argument("archivar_index_delete", "index");
    if (id == nullptr) return null_argument("archivar_index_delete", "id");
    const bool existed = index->index.remove(id);
    if (deleted != nullptr) *deleted = existed ? 1 : 0;
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_index_commit(archivar_index* index) {
  return guarded([&] {
    if (index == nullptr) return null_argument("archivar_index_commit", "index");
    index->index.commit();
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_index_size(archivar_index* index, uint64_t* out) {
  return guarded([&] {
    if (index == nullptr) return null_argument("archivar_index_size", "index");
    if (out == nullptr) return null_argument("archivar_index_size", "out");
    *out = index->index.size();
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_compact(const char* path, uint32_t block_size, uint64_t* bytes_before,
                                 uint64_t* bytes_after) {
  return guarded([&] {
    if (path == nullptr) return null_argument("archivar_compact", "path");
    archivar::CompactOptions options;
    if (block_size != 0) options.block_size = block_size;
    const archivar::CompactResult result = archivar::compact_index(path, options);
    if (bytes_before != nullptr) *bytes_before = result.bytes_before;
    if (bytes_after != nullptr) *bytes_after = result.bytes_after;
    return ARCHIVAR_OK;
  });
}

// ---- Requests

archivar_request* archivar_request_new(void) { return new (std::nothrow) archivar_request{}; }

void archivar_request_free(archivar_request* request) { delete request; }

archivar_status archivar_request_set_query(archivar_request* request, const char* query) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_query",
                        [&](archivar::SearchRequest& r) { r.query = str(query); });
  });
}

archivar_status archivar_request_set_lang(archivar_request* request, const char* lang) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_lang",
                        [&](archivar::SearchRequest& r) { r.lang = str(lang); });
  });
}

archivar_status archivar_request_set_query_lang(archivar_request* request, const char* lang) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_query_lang",
                        [&](archivar::SearchRequest& r) { r.query_lang = str(lang); });
  });
}

archivar_status archivar_request_set_dates(archivar_request* request, const char* from,
                                           const char* to) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_dates", [&](archivar::SearchRequest& r) {
      r.date_from = str(from);
      r.date_to = str(to);
    });
  });
}

archivar_status archivar_request_set_page(archivar_request* request, uint32_t page,
                                          uint32_t page_size) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_page", [&](archivar::SearchRequest& r) {
      r.page = page;
      r.page_size = page_size;
    });
  });
}

archivar_status archivar_request_set_match_all(archivar_request* request, int match_all) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_match_all",
                        [&](archivar::SearchRequest& r) { r.match_all_words = match_all != 0; });
  });
}

archivar_status archivar_request_set_sort(archivar_request* request, archivar_sort sort) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_sort",
                        [&](archivar::SearchRequest& r) { r.sort = to_sort(enum_value(sort)); });
  });
}

archivar_status archivar_request_set_snippet(archivar_request* request, uint32_t length,
                                             archivar_highlight highlight) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_snippet", [&](archivar::SearchRequest& r) {
      r.highlight = to_highlight(enum_value(highlight));
      r.snippet_length = length;
    });
  });
}

archivar_status archivar_request_add_facet(archivar_request* request, const char* name) {
  return guarded([&] {
    return with_request(request, "archivar_request_add_facet",
                        [&](archivar::SearchRequest& r) { r.facets.push_back(str(name)); });
  });
}

archivar_status archivar_request_set_facet_size(archivar_request* request, uint32_t size) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_facet_size",
                        [&](archivar::SearchRequest& r) { r.facet_size = size; });
  });
}

archivar_status archivar_request_add_filter(archivar_request* request, const char* filter) {
  return guarded([&] {
    return with_request(request, "archivar_request_add_filter",
                        [&](archivar::SearchRequest& r) { r.filters.push_back(str(filter)); });
  });
}

archivar_status archivar_request_set_collapse(archivar_request* request, int collapse) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_collapse",
                        [&](archivar::SearchRequest& r) { r.collapse_duplicates = collapse != 0; });
  });
}

archivar_status archivar_request_set_feedback(archivar_request* request, int feedback) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_feedback",
                        [&](archivar::SearchRequest& r) { r.feedback_expansion = feedback != 0; });
  });
}

archivar_status archivar_request_set_spelling(archivar_request* request, int suggest,
                                              int auto_correct) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_spelling", [&](archivar::SearchRequest& r) {
      r.suggest_spelling = suggest != 0;
      r.auto_correct = auto_correct != 0;
    });
  });
}

archivar_status archivar_request_set_weights(archivar_request* request, double title_weight,
                                             double query_lang_weight) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_weights", [&](archivar::SearchRequest& r) {
      r.title_weight = title_weight;
      r.query_lang_weight = query_lang_weight;
    });
  });
}

archivar_status archivar_request_set_recency(archivar_request* request, double half_life_days,
                                             double weight, const char* reference) {
  return guarded([&] {
    return with_request(request, "archivar_request_set_recency", [&](archivar::SearchRequest& r) {
      r.recency_half_life_days = half_life_days;
      r.recency_weight = weight;
      r.recency_reference = str(reference);
    });
  });
}

// ---- Searching

archivar_status archivar_searcher_open(const char* path, archivar_searcher** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("archivar_searcher_open", "out");
    *out = nullptr;
    if (path == nullptr) return null_argument("archivar_searcher_open", "path");
    *out = new archivar_searcher{archivar::Searcher(path)};
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_searcher_open_flags(const char* path, unsigned flags,
                                             archivar_searcher** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("archivar_searcher_open_flags", "out");
    *out = nullptr;
    if (path == nullptr) return null_argument("archivar_searcher_open_flags", "path");
    if ((flags & ~(ARCHIVAR_SEARCHER_FACET_THREAD | ARCHIVAR_SEARCHER_SNIPPET_THREAD |
                   ARCHIVAR_SEARCHER_DISPLAY_FROM_DISK)) != 0) {
      throw archivar::InvalidArgumentError("archivar_searcher_open_flags: unknown flags " +
                                           std::to_string(flags));
    }
    archivar::SearcherOptions options;
    options.facet_thread = (flags & ARCHIVAR_SEARCHER_FACET_THREAD) != 0;
    options.snippet_thread = (flags & ARCHIVAR_SEARCHER_SNIPPET_THREAD) != 0;
    options.display_in_memory = (flags & ARCHIVAR_SEARCHER_DISPLAY_FROM_DISK) == 0;
    *out = new archivar_searcher{archivar::Searcher(path, options)};
    return ARCHIVAR_OK;
  });
}

void archivar_searcher_close(archivar_searcher* searcher) { delete searcher; }

archivar_status archivar_searcher_reopen(archivar_searcher* searcher) {
  return guarded([&] {
    if (searcher == nullptr) return null_argument("archivar_searcher_reopen", "searcher");
    searcher->searcher.reopen();
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_searcher_warm_up(archivar_searcher* searcher, uint64_t* spelling_words) {
  return guarded([&] {
    if (searcher == nullptr) return null_argument("archivar_searcher_warm_up", "searcher");
    const archivar::WarmUpReport report = searcher->searcher.warm_up();
    if (spelling_words != nullptr) *spelling_words = report.spelling_words;
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_search(archivar_searcher* searcher, const archivar_request* request,
                                archivar_results** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("archivar_search", "out");
    *out = nullptr;
    if (searcher == nullptr) return null_argument("archivar_search", "searcher");
    const archivar::SearchRequest defaults;
    *out = make_results(searcher->searcher.search(request ? request->request : defaults));
    return ARCHIVAR_OK;
  });
}

archivar_status archivar_related(archivar_searcher* searcher, const char* id,
                                 const archivar_request* request, uint32_t expand_terms,
                                 archivar_results** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("archivar_related", "out");
    *out = nullptr;
    if (searcher == nullptr) return null_argument("archivar_related", "searcher");
    if (id == nullptr) return null_argument("archivar_related", "id");
    const archivar::SearchRequest defaults;
    std::optional<archivar::SearchResults> results = searcher->searcher.related(
        id, request ? request->request : defaults, expand_terms == 0 ? 20 : expand_terms);
    if (!results) {
      const std::string message = std::string("archivar_related: no article with id '") + id + "'";
      return fail(ARCHIVAR_ERR_NOT_FOUND, message.c_str());
    }
    *out = make_results(std::move(*results));
    return ARCHIVAR_OK;
  });
}

// ---- Suggestions

archivar_status archivar_suggest(archivar_searcher* searcher, const char* prefix, uint32_t limit,
                                 archivar_suggestions** out) {
  return guarded([&] {
    if (out == nullptr) return null_argument("archivar_suggest", "out");
    *out = nullptr;
    if (searcher == nullptr) return null_argument("archivar_suggest", "searcher");
    auto list = std::make_unique<archivar_suggestions>();
    list->items = searcher->searcher.suggest(prefix ? prefix : "", limit);
    list->views.reserve(list->items.size());
    for (const archivar::Suggestion& item : list->items) {
      list->views.push_back({item.text.c_str(),
                             item.kind == archivar::SuggestionKind::title
                                 ? ARCHIVAR_SUGGESTION_TITLE
                                 : ARCHIVAR_SUGGESTION_TERM,
                             item.score});
    }
    *out = list.release();
    return ARCHIVAR_OK;
  });
}

size_t archivar_suggestions_count(const archivar_suggestions* suggestions) {
  return suggestions ? suggestions->views.size() : 0;
}

const archivar_suggestion* archivar_suggestions_get(const archivar_suggestions* suggestions,
                                                    size_t i) {
  return suggestions && i < suggestions->views.size() ? &suggestions->views[i] : nullptr;
}

void archivar_suggestions_free(archivar_suggestions* suggestions) { delete suggestions; }

// ---- Results

void archivar_results_free(archivar_results* results) { delete results; }

uint64_t archivar_results_total(const archivar_results* results, uint64_t* lower, uint64_t* upper) {
  const archivar::MatchCount none;
  const archivar::MatchCount& total = results ? results->results.total : none;
  if (lower != nullptr) *lower = total.lower;
  if (upper != nullptr) *upper = total.upper;
  return total.estimated;
}

size_t archivar_results_hit_count(const archivar_results* results) {
  return results ? results->hits.size() : 0;
}

const archivar_hit* archivar_results_hit(const archivar_results* results, size_t i) {
  return results && i < results->hits.size() ? &results->hits[i] : nullptr;
}

const char* archivar_results_did_you_mean(const archivar_results* results, int* corrected) {
  if (corrected != nullptr) *corrected = results && results->results.corrected ? 1 : 0;
  return results ? results->results.did_you_mean.c_str() : "";
}

size_t archivar_results_facet_count(const archivar_results* results) {
  return results ? results->facets.size() : 0;
}

const archivar_facet* archivar_results_facet(const archivar_results* results, size_t i) {
  return results && i < results->facets.size() ? &results->facets[i] : nullptr;
}

}  // extern "C"
