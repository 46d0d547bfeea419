/* The C API from C11, run under AddressSanitizer (with LeakSanitizer) by
 * ctest: every handle and result is freed, so any leak or use after free in
 * the pointers the API hands out fails the test.
 * Usage: capi_test WORK_DIR FOREIGN_SCHEMA_INDEX */
#define _POSIX_C_SOURCE 200809L
#include <archivar/archivar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                                           \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #condition, \
              archivar_last_error());                                                              \
      ++failures;                                                                                  \
    }                                                                                              \
  } while (0)

#define CHECK_STATUS(call, expected) CHECK((call) == (expected))

static const archivar_article articles[] = {
    {"gold-1", "Bundesbank gibt Goldmünze heraus",
     "Die Deutsche Bundesbank wird ermächtigt, eine Münze in Gold herauszugeben.",
     "https://example.org/gold-1", "2000-12-27", "de", "Grit Müller", "bundesbank", NULL, 0},
    {"gold-2", "Sammler kaufen Münzen", "Vor den Filialen warten Sammler auf die neuen Münzen.",
     NULL, "2001-03-14", NULL, NULL, "zeitung", NULL, 0},
    {"flood-1", "Floods swamp Dresden",
     "The river Elbe reached record levels in Dresden as volunteers filled sandbags.", NULL,
     "2002-08-18", "en", NULL, "wire", NULL, 0},
    {"coin-en", "Central bank issues gold coin",
     "The German central bank will issue a gold coin worth 100 euros.", NULL, "2001-02-03", "en",
     NULL, "wire", NULL, 0},
};

/* The score of the hit with `id` for `request`; -1 when it is not a hit. */
static double score_of(archivar_searcher* searcher, const archivar_request* request,
                       const char* id) {
  archivar_results* results = NULL;
  double score = -1;
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  for (size_t i = 0; i < archivar_results_hit_count(results); ++i) {
    const archivar_hit* hit = archivar_results_hit(results, i);
    if (strcmp(hit->id, id) == 0) score = hit->score;
  }
  archivar_results_free(results);
  return score;
}

static void test_errors_without_handles(void) {
  archivar_index* index = (archivar_index*)1;
  CHECK(strlen(archivar_version()) >= 5);
  CHECK(strcmp(archivar_last_error(), "") == 0);
  CHECK_STATUS(archivar_index_open(NULL, ARCHIVAR_OPEN_CREATE, 0, &index),
               ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(index == NULL);
  CHECK(strstr(archivar_last_error(), "archivar_index_open: path is NULL") != NULL);
  CHECK_STATUS(archivar_index_commit(NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(archivar_search(NULL, NULL, NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(archivar_request_set_query(NULL, "x"), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(archivar_results_hit_count(NULL) == 0);
  CHECK(archivar_results_hit(NULL, 0) == NULL);
  CHECK(archivar_results_total(NULL, NULL, NULL) == 0);
  CHECK(strcmp(archivar_status_name(ARCHIVAR_ERR_DATABASE), "ARCHIVAR_ERR_DATABASE") == 0);
  /* Free functions take NULL. */
  archivar_index_close(NULL);
  archivar_searcher_close(NULL);
  archivar_request_free(NULL);
  archivar_results_free(NULL);
  /* A successful call clears the last error. */
  CHECK(archivar_request_set_query(NULL, "x") != ARCHIVAR_OK);
  archivar_request* request = archivar_request_new();
  CHECK_STATUS(archivar_request_set_query(request, "x"), ARCHIVAR_OK);
  CHECK(strcmp(archivar_last_error(), "") == 0);
  archivar_request_free(request);
}

static void test_write(const char* path) {
  archivar_index* index = NULL;
  CHECK_STATUS(archivar_index_open(path, ARCHIVAR_OPEN_CREATE, 0, &index), ARCHIVAR_OK);
  if (index == NULL) return;
  const char* tags[] = {"Geld", "Gold"};
  for (size_t i = 0; i < sizeof articles / sizeof articles[0]; ++i) {
    archivar_article article = articles[i];
    if (i == 0) {
      article.tags = tags;
      article.tag_count = 2;
    }
    int replaced = -1;
    CHECK_STATUS(archivar_index_add(index, &article, &replaced), ARCHIVAR_OK);
    CHECK(replaced == 0);
  }
  int replaced = -1;
  archivar_article again = articles[2];
  CHECK_STATUS(archivar_index_add(index, &again, &replaced), ARCHIVAR_OK);
  CHECK(replaced == 1);

  archivar_article bad = {0};
  CHECK_STATUS(archivar_index_add(index, &bad, NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(strlen(archivar_last_error()) > 0);
  bad.id = "bad-date";
  bad.date = "27.12.2000";
  CHECK_STATUS(archivar_index_add(index, &bad, NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);
  bad.date = NULL;
  bad.tag_count = 1;
  CHECK_STATUS(archivar_index_add(index, &bad, NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);

  archivar_article doomed = {0};
  doomed.id = "doomed";
  doomed.title = "Wird gelöscht";
  CHECK_STATUS(archivar_index_add(index, &doomed, NULL), ARCHIVAR_OK);
  int deleted = -1;
  CHECK_STATUS(archivar_index_delete(index, "doomed", &deleted), ARCHIVAR_OK);
  CHECK(deleted == 1);
  CHECK_STATUS(archivar_index_delete(index, "never-there", &deleted), ARCHIVAR_OK);
  CHECK(deleted == 0);
  uint64_t size = 0;
  CHECK_STATUS(archivar_index_size(index, &size), ARCHIVAR_OK);
  CHECK(size == 4);
  CHECK_STATUS(archivar_index_commit(index), ARCHIVAR_OK);

  /* One writer per index: a second one is a database error naming the path. */
  archivar_index* second = NULL;
  CHECK_STATUS(archivar_index_open(path, ARCHIVAR_OPEN_CREATE, 0, &second), ARCHIVAR_ERR_DATABASE);
  CHECK(second == NULL);
  CHECK(strstr(archivar_last_error(), path) != NULL);
  /* Compaction needs the write lock: refused while the writer is open. */
  CHECK_STATUS(archivar_compact(path, 0, NULL, NULL), ARCHIVAR_ERR_DATABASE);
  CHECK(strstr(archivar_last_error(), "locked") != NULL);
  archivar_index_close(index);
  uint64_t before = 0, after = 0;
  CHECK_STATUS(archivar_compact(path, 3000, &before, &after), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(archivar_compact(path, 0, &before, &after), ARCHIVAR_OK);
  CHECK(before > 0 && after > 0 && after <= before);
  CHECK_STATUS(archivar_compact(NULL, 0, NULL, NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);
}

static void test_search(const char* path) {
  archivar_searcher* searcher = NULL;
  CHECK_STATUS(archivar_searcher_open(path, &searcher), ARCHIVAR_OK);
  if (searcher == NULL) return;
  archivar_request* request = archivar_request_new();
  archivar_results* results = NULL;

  /* German stems: "Münzen" finds Münze; snippets mark the match. */
  CHECK_STATUS(archivar_request_set_query(request, "Münzen"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_snippet(request, 60, ARCHIVAR_HIGHLIGHT_HTML), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_add_facet(request, "lang"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_add_facet(request, "source"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 2);
  uint64_t lower = 0, upper = 0;
  CHECK(archivar_results_total(results, &lower, &upper) == 2);
  CHECK(lower == 2 && upper == 2);
  const archivar_hit* hit = archivar_results_hit(results, 0);
  CHECK(hit != NULL && hit->rank == 1 && hit->score > 0);
  CHECK(hit != NULL && strcmp(hit->lang, "de") == 0);
  CHECK(hit != NULL && strstr(hit->snippet, "<mark>Münze") != NULL);
  /* Both titles hold a form of "Münze" (Goldmünze, Münzen): marked too. */
  CHECK(hit != NULL && strstr(hit->title_highlighted, "<mark>") != NULL);
  CHECK(archivar_results_hit(results, 2) == NULL);
  const archivar_hit* first = archivar_results_hit(results, 0);
  CHECK(first != NULL && (strcmp(first->id, "gold-1") == 0 || strcmp(first->id, "gold-2") == 0));
  CHECK(archivar_results_facet_count(results) == 2);
  const archivar_facet* lang = archivar_results_facet(results, 0);
  CHECK(lang != NULL && strcmp(lang->name, "lang") == 0 && lang->value_count == 1);
  CHECK(lang != NULL && lang->value_count == 1 && strcmp(lang->values[0].value, "de") == 0 &&
        lang->values[0].count == 2);
  CHECK(archivar_results_facet(results, 2) == NULL);
  archivar_results_free(results);

  /* English: the url and stored fields come back as given. */
  archivar_request* english = archivar_request_new();
  CHECK_STATUS(archivar_request_set_query(english, "gold coin"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_lang(english, "en"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_match_all(english, 1), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, english, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 1);
  hit = archivar_results_hit(results, 0);
  CHECK(hit != NULL && strcmp(hit->id, "coin-en") == 0 && strcmp(hit->date, "2001-02-03") == 0);
  CHECK(hit != NULL && strcmp(hit->snippet, "") == 0);
  archivar_results_free(results);

  /* query_lang: in this de/en index, articles in the query's language gain. */
  archivar_request* gold = archivar_request_new();
  CHECK_STATUS(archivar_request_set_query(gold, "gold"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_query_lang(gold, "de"), ARCHIVAR_OK);
  const double coin_de = score_of(searcher, gold, "coin-en");
  const double gold_de = score_of(searcher, gold, "gold-1");
  CHECK_STATUS(archivar_request_set_query_lang(gold, "en"), ARCHIVAR_OK);
  CHECK(score_of(searcher, gold, "coin-en") > coin_de && coin_de > 0);
  CHECK(score_of(searcher, gold, "gold-1") < gold_de);
  CHECK_STATUS(archivar_request_set_query_lang(gold, NULL), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_query_lang(NULL, "en"), ARCHIVAR_ERR_INVALID_ARGUMENT);
  archivar_request_free(gold);

  /* Filters and date ranges. */
  CHECK_STATUS(archivar_request_set_query(english, ""), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_lang(english, NULL), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_match_all(english, 0), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_add_filter(english, "source:wire"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_dates(english, "2002-01-01", NULL), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_sort(english, ARCHIVAR_SORT_NEWEST), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, english, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 1);
  hit = archivar_results_hit(results, 0);
  CHECK(hit != NULL && strcmp(hit->id, "flood-1") == 0);
  archivar_results_free(results);
  archivar_request_free(english);

  /* Bad requests are INVALID_ARGUMENT with a message; *out stays NULL. */
  results = (archivar_results*)1;
  CHECK_STATUS(archivar_request_set_page(request, 0, 10), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(results == NULL);
  CHECK(strlen(archivar_last_error()) > 0);
  CHECK_STATUS(archivar_request_set_page(request, 1, 10), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_add_facet(request, "colour"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(strstr(archivar_last_error(), "colour") != NULL);
  CHECK_STATUS(archivar_request_set_sort(request, (archivar_sort)42),
               ARCHIVAR_ERR_INVALID_ARGUMENT);
  archivar_request_free(request);

  /* NULL request: defaults (every article, first page). */
  CHECK_STATUS(archivar_search(searcher, NULL, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 4);
  archivar_results_free(results);

  /* Related articles; a missing id is NOT_FOUND. */
  CHECK_STATUS(archivar_related(searcher, "gold-1", NULL, 0, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) >= 1);
  hit = archivar_results_hit(results, 0);
  CHECK(hit != NULL && strcmp(hit->id, "gold-1") != 0);
  archivar_results_free(results);
  CHECK_STATUS(archivar_related(searcher, "nope", NULL, 0, &results), ARCHIVAR_ERR_NOT_FOUND);
  CHECK(strstr(archivar_last_error(), "nope") != NULL);

  /* Suggestions: completions of the last word, then titles; owned by the list. */
  archivar_suggestions* suggestions = NULL;
  CHECK_STATUS(archivar_suggest(searcher, "Bundesb", 5, &suggestions), ARCHIVAR_OK);
  CHECK(archivar_suggestions_count(suggestions) >= 1);
  const archivar_suggestion* best = archivar_suggestions_get(suggestions, 0);
  CHECK(best != NULL && best->kind == ARCHIVAR_SUGGESTION_TERM &&
        strncmp(best->text, "bundesb", 7) == 0 && best->score > 0);
  CHECK(archivar_suggestions_get(suggestions, 1000) == NULL);
  archivar_suggestions_free(suggestions);
  CHECK_STATUS(archivar_suggest(searcher, "x", 0, &suggestions), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(suggestions == NULL);
  archivar_suggestions_free(NULL);

  CHECK_STATUS(archivar_searcher_reopen(searcher), ARCHIVAR_OK);
  uint64_t spelling_words = 0;
  CHECK_STATUS(archivar_searcher_warm_up(searcher, &spelling_words), ARCHIVAR_OK);
  CHECK(spelling_words > 10);
  CHECK_STATUS(archivar_searcher_warm_up(NULL, NULL), ARCHIVAR_ERR_INVALID_ARGUMENT);
  archivar_searcher_close(searcher);
}

/* A wire story in two copies (one word edited) and an unrelated article. */
static const char* const wire_body =
    "Heavy rain caused the river Elbe to burst its banks near Dresden on Sunday, "
    "forcing thousands of residents to leave their homes while volunteers filled "
    "sandbags along the old town embankment and the fire brigade pumped water out "
    "of flooded cellars throughout the night.";
static const char* const wire_edit =
    "Heavy rain caused the river Elbe to burst its banks near Dresden on Sunday, "
    "forcing thousands of residents to leave their homes while volunteers filled "
    "sandbags along the old town embankment and the fire brigade pumped water out "
    "of flooded basements throughout the night.";

/* Collapsing, copies, feedback, spelling, weights and recency through C. */
static void test_request_options(const char* path) {
  archivar_index* index = NULL;
  CHECK_STATUS(archivar_index_open(path, ARCHIVAR_OPEN_CREATE, 0, &index), ARCHIVAR_OK);
  if (index == NULL) return;
  archivar_article story = {
      "wire-1", "Elbe floods Dresden", wire_body, NULL, "2002-08-18", "en", NULL, "wire", NULL, 0};
  CHECK_STATUS(archivar_index_add(index, &story, NULL), ARCHIVAR_OK);
  story.id = "wire-2";
  story.body = wire_edit;
  story.source = "paper";
  CHECK_STATUS(archivar_index_add(index, &story, NULL), ARCHIVAR_OK);
  archivar_article other = {
      "markets", "Markets calm", "Stock markets in Frankfurt closed calm on Sunday.",
      NULL,      "2002-08-19",   "en",
      NULL,      "wire",         NULL,
      0};
  CHECK_STATUS(archivar_index_add(index, &other, NULL), ARCHIVAR_OK);
  archivar_index_close(index);

  archivar_searcher* searcher = NULL;
  CHECK_STATUS(archivar_searcher_open(path, &searcher), ARCHIVAR_OK);
  if (searcher == NULL) return;
  archivar_request* request = archivar_request_new();
  archivar_results* results = NULL;

  /* Facets counted beside the ranked match, snippets on two threads: the
   * same counts and snippets. */
  archivar_searcher* threaded = NULL;
  CHECK_STATUS(archivar_searcher_open_flags(path, 8u, &threaded), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(threaded == NULL);
  CHECK_STATUS(
      archivar_searcher_open_flags(
          path, ARCHIVAR_SEARCHER_FACET_THREAD | ARCHIVAR_SEARCHER_SNIPPET_THREAD, &threaded),
      ARCHIVAR_OK);
  if (threaded != NULL) {
    archivar_request* faceted = archivar_request_new();
    CHECK_STATUS(archivar_request_set_query(faceted, "Dresden"), ARCHIVAR_OK);
    CHECK_STATUS(archivar_request_add_facet(faceted, "source"), ARCHIVAR_OK);
    CHECK_STATUS(archivar_request_set_snippet(faceted, 80, ARCHIVAR_HIGHLIGHT_HTML), ARCHIVAR_OK);
    CHECK_STATUS(archivar_request_set_collapse(faceted, 0), ARCHIVAR_OK);
    archivar_results* own = NULL;
    archivar_results* beside = NULL;
    CHECK_STATUS(archivar_search(searcher, faceted, &own), ARCHIVAR_OK);
    CHECK_STATUS(archivar_search(threaded, faceted, &beside), ARCHIVAR_OK);
    CHECK(own != NULL && beside != NULL);
    if (own != NULL && beside != NULL) {
      CHECK(archivar_results_facet_count(own) == 1 && archivar_results_facet_count(beside) == 1);
      const archivar_facet* a = archivar_results_facet(own, 0);
      const archivar_facet* b = archivar_results_facet(beside, 0);
      CHECK(a != NULL && b != NULL && a->value_count == b->value_count && a->value_count > 0);
      for (size_t i = 0; a != NULL && b != NULL && i < a->value_count; ++i) {
        CHECK(strcmp(a->values[i].value, b->values[i].value) == 0);
        CHECK(a->values[i].count == b->values[i].count);
      }
      CHECK(archivar_results_hit_count(own) == archivar_results_hit_count(beside));
      CHECK(archivar_results_hit_count(own) > 1);
      for (size_t i = 0; i < archivar_results_hit_count(own); ++i) {
        const archivar_hit* x = archivar_results_hit(own, i);
        const archivar_hit* y = archivar_results_hit(beside, i);
        CHECK(x != NULL && y != NULL && strstr(x->snippet, "<mark>") != NULL);
        CHECK(x != NULL && y != NULL && strcmp(x->snippet, y->snippet) == 0);
        CHECK(x != NULL && y != NULL && strcmp(x->title_highlighted, y->title_highlighted) == 0);
      }
    }
    archivar_results_free(own);
    archivar_results_free(beside);
    archivar_request_free(faceted);
    archivar_searcher_close(threaded);
  }

  /* Collapsed by default: one hit standing for both copies. */
  CHECK_STATUS(archivar_request_set_query(request, "sandbags Dresden"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 1);
  const archivar_hit* hit = archivar_results_hit(results, 0);
  CHECK(hit != NULL && hit->copies == 2);
  /* The hit's source as its article gives it (the first copy, "wire"). */
  CHECK(hit != NULL && strcmp(hit->source, "wire") == 0);
  archivar_results_free(results);
  CHECK_STATUS(archivar_request_set_collapse(request, 0), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 2);
  hit = archivar_results_hit(results, 1);
  CHECK(hit != NULL && hit->copies == 1);
  CHECK(hit != NULL && (strcmp(hit->source, "wire") == 0 || strcmp(hit->source, "paper") == 0));
  CHECK(hit != NULL && strcmp(hit->source, archivar_results_hit(results, 0)->source) != 0);
  archivar_results_free(results);

  /* Feedback off: the same matches. */
  CHECK_STATUS(archivar_request_set_feedback(request, 0), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 2);
  archivar_results_free(results);

  /* Did you mean: suggested, and applied only with auto_correct. */
  int corrected = -1;
  CHECK_STATUS(archivar_request_set_query(request, "sandbgas"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 0);
  CHECK(strcmp(archivar_results_did_you_mean(results, &corrected), "sandbags") == 0);
  CHECK(corrected == 0);
  archivar_results_free(results);
  CHECK_STATUS(archivar_request_set_spelling(request, 1, 1), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(archivar_results_hit_count(results) == 2);
  CHECK(strcmp(archivar_results_did_you_mean(results, &corrected), "sandbags") == 0);
  CHECK(corrected == 1);
  archivar_results_free(results);
  CHECK_STATUS(archivar_request_set_spelling(request, 0, 0), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  CHECK(strcmp(archivar_results_did_you_mean(results, NULL), "") == 0);
  archivar_results_free(results);
  CHECK(strcmp(archivar_results_did_you_mean(NULL, &corrected), "") == 0 && corrected == 0);

  /* Title weight: "calm" is in one article's title and body; weight 0 lowers it. */
  CHECK_STATUS(archivar_request_set_query(request, "calm"), ARCHIVAR_OK);
  const double titled = score_of(searcher, request, "markets");
  CHECK_STATUS(archivar_request_set_weights(request, 0, 0.1), ARCHIVAR_OK);
  CHECK(score_of(searcher, request, "markets") < titled && titled > 0);
  CHECK_STATUS(archivar_request_set_weights(request, -1, 0.1), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK(results == NULL);
  CHECK_STATUS(archivar_request_set_weights(request, 0.25, 0.1), ARCHIVAR_OK);

  /* Recency: with the reference day on the newer article, it ranks first. */
  CHECK_STATUS(archivar_request_set_query(request, "Sunday"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_sort(request, ARCHIVAR_SORT_RELEVANCE_RECENCY), ARCHIVAR_OK);
  CHECK_STATUS(archivar_request_set_recency(request, 1, 100, "2002-08-19"), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_OK);
  hit = archivar_results_hit(results, 0);
  CHECK(hit != NULL && strcmp(hit->id, "markets") == 0);
  archivar_results_free(results);
  CHECK_STATUS(archivar_request_set_recency(request, 0, 0.5, NULL), ARCHIVAR_OK);
  CHECK_STATUS(archivar_search(searcher, request, &results), ARCHIVAR_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(archivar_request_set_collapse(NULL, 1), ARCHIVAR_ERR_INVALID_ARGUMENT);

  archivar_request_free(request);
  archivar_searcher_close(searcher);
}

static void test_bad_indexes(const char* work, const char* foreign) {
  char missing[4096];
  snprintf(missing, sizeof missing, "%s/does-not-exist", work);
  archivar_searcher* searcher = NULL;
  CHECK_STATUS(archivar_searcher_open(missing, &searcher), ARCHIVAR_ERR_DATABASE);
  CHECK(searcher == NULL);
  CHECK(strstr(archivar_last_error(), "does-not-exist") != NULL);
  archivar_index* index = NULL;
  CHECK_STATUS(archivar_index_open(missing, 0, 0, &index), ARCHIVAR_ERR_DATABASE);

  /* Written by an incompatible archivar (schema 999): a clear error, both sides. */
  CHECK_STATUS(archivar_searcher_open(foreign, &searcher), ARCHIVAR_ERR_DATABASE);
  CHECK(strstr(archivar_last_error(), "schema version 999") != NULL);
  CHECK_STATUS(archivar_index_open(foreign, ARCHIVAR_OPEN_CREATE, 0, &index),
               ARCHIVAR_ERR_DATABASE);
  CHECK(strstr(archivar_last_error(), "schema version 999") != NULL);
  CHECK(index == NULL);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: capi_test WORK_DIR FOREIGN_SCHEMA_INDEX\n");
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/capi-XXXXXX", argv[1]);
  if (mkdtemp(path) == NULL) {
    perror("mkdtemp");
    return 2;
  }
  strncat(path, "/index", sizeof path - strlen(path) - 1);
  test_errors_without_handles();
  test_write(path);
  test_search(path);
  char options_path[4096];
  snprintf(options_path, sizeof options_path, "%s-options", path);
  test_request_options(options_path);
  test_bad_indexes(argv[1], argv[2]);
  if (failures != 0) {
    fprintf(stderr, "capi_test: %d checks failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed (archivar %s)\n", archivar_version());
  return 0;
}
