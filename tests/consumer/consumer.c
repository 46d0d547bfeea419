/* The C consumer: the same as consumer.cpp through the C API
 * (archivar/archivar.h), built with pkg-config or CMake.
 * Usage: consumer_c ARTICLES.tsv QUERIES.txt INDEX_DIR */
#include <archivar/archivar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check(archivar_status status, const char* what) {
  if (status == ARCHIVAR_OK) return 0;
  fprintf(stderr, "consumer_c: %s: %s: %s\n", what, archivar_status_name(status),
          archivar_last_error());
  return 1;
}

static void print(const archivar_results* results) {
  for (size_t i = 0; i < archivar_results_hit_count(results); ++i) {
    const archivar_hit* hit = archivar_results_hit(results, i);
    printf("%u\t%s\t%s\t%s\t%.4f\t%s\n", (unsigned)hit->rank, hit->id, hit->lang, hit->date,
           hit->score, hit->title);
    printf("\t%s\n", hit->snippet);
  }
}

/* Splits `line` at tabs in place into at most `max` fields; returns the count. */
static size_t split_tabs(char* line, char** fields, size_t max) {
  size_t n = 0;
  fields[n++] = line;
  for (char* p = line; *p != '\0' && n < max; ++p) {
    if (*p == '\t') {
      *p = '\0';
      fields[n++] = p + 1;
    }
  }
  return n;
}

static void chomp(char* line) { line[strcspn(line, "\r\n")] = '\0'; }

int main(int argc, char** argv) {
  static char line[1 << 16];
  if (argc != 4) {
    fprintf(stderr, "usage: consumer_c ARTICLES.tsv QUERIES.txt INDEX_DIR\n");
    return 2;
  }
  archivar_index* index = NULL;
  if (check(archivar_index_open(argv[3], ARCHIVAR_OPEN_CREATE, 10000, &index), "open")) return 1;
  FILE* articles = fopen(argv[1], "r");
  if (articles == NULL) return 1;
  while (fgets(line, sizeof line, articles) != NULL) {
    char* f[5];
    chomp(line);
    if (line[0] == '\0' || line[0] == '#') continue;
    if (split_tabs(line, f, 5) != 5) return 1;
    archivar_article article = {0};
    article.id = f[0];
    article.lang = f[1];
    article.date = f[2];
    article.title = f[3];
    article.body = f[4];
    if (check(archivar_index_add(index, &article, NULL), "add")) return 1;
  }
  fclose(articles);
  if (check(archivar_index_commit(index), "commit")) return 1;
  archivar_index_close(index);

  archivar_searcher* searcher = NULL;
  if (check(archivar_searcher_open(argv[3], &searcher), "searcher")) return 1;
  FILE* queries = fopen(argv[2], "r");
  if (queries == NULL) return 1;
  archivar_request* request = archivar_request_new();
  while (fgets(line, sizeof line, queries) != NULL) {
    chomp(line);
    if (line[0] == '\0') continue;
    archivar_results* results = NULL;
    if (check(archivar_request_set_query(request, line), "query") ||
        check(archivar_request_set_page(request, 1, 10), "page") ||
        check(archivar_request_set_snippet(request, 80, ARCHIVAR_HIGHLIGHT_PLAIN), "snippet") ||
        check(archivar_search(searcher, request, &results), "search"))
      return 1;
    printf("query: %s (%zu hits)\n", line, archivar_results_hit_count(results));
    print(results);
    archivar_results_free(results);
  }
  fclose(queries);
  archivar_request_free(request);

  archivar_request* related_request = archivar_request_new();
  archivar_results* related = NULL;
  if (check(archivar_request_set_page(related_request, 1, 5), "page") ||
      check(archivar_related(searcher, "de-bank-1", related_request, 0, &related), "related"))
    return 1;
  printf("related: de-bank-1 (%zu hits)\n", archivar_results_hit_count(related));
  print(related);
  archivar_results_free(related);
  archivar_request_free(related_request);
  archivar_searcher_close(searcher);
  printf("version: %s\n", archivar_version());
  return 0;
}
