#!/usr/bin/env bash
# End-to-end test of the archivar command on small fixtures: every
# subcommand, its exit code and its output. Needs $ARCHIVAR (the binary) and
# $FIXTURES (tests/fixtures); python3 checks the JSON.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
db="$work/news.db"

# index: clean input
"$ARCHIVAR" index --db "$db" "$FIXTURES/cli/news.jsonl" >"$work/out" 2>"$work/err"
check "index exits 0 on clean input" exit_is $? 0
check "index summary counts" contains "$work/err" "7 added, 0 replaced, 0 rejected"

# index again: same ids are replaced, not duplicated
"$ARCHIVAR" index --db "$db" -q "$FIXTURES/cli/news.jsonl" 2>"$work/err"
check "re-index replaces" contains "$work/err" "0 added, 7 replaced"
check "re-index keeps 7 articles" contains "$work/err" "the index holds 7 articles"

# index: bad lines are reported as file:line and skipped, exit 3
bad_db="$work/bad.db"
"$ARCHIVAR" index --db "$bad_db" "$FIXTURES/ingest/articles.jsonl" 2>"$work/err"
check "rejections exit 3" exit_is $? 3
check "rejection names file and line" contains "$work/err" "articles.jsonl:5:"
check "rejection names the field" contains "$work/err" "field 'date'"
check "good lines still indexed" contains "$work/err" "4 added"
"$ARCHIVAR" index --db "$work/strict.db" --strict "$FIXTURES/ingest/articles.jsonl" 2>"$work/err"
check "--strict exits 3" exit_is $? 3
check "--strict stops at the first bad line" contains "$work/err" "stopped at the first rejected record"
"$ARCHIVAR" index --db "$work/x.db" "$work/does-not-exist.jsonl" 2>"$work/err"
check "missing input file exits 1" exit_is $? 1
check "missing input file is named" contains "$work/err" "does-not-exist.jsonl"

# search: text output
"$ARCHIVAR" search --db "$db" 'Bundesbank Goldmünze' >"$work/out"
check "search exits 0" exit_is $? 0
check "search text shows the best hit first" bash -c "sed -n 2p '$work/out' | grep -q gold-1"

# search: JSON, filters, paging
"$ARCHIVAR" search --db "$db" --json 'Münze' >"$work/all.json"
check "json has total and hits" json_true "$work/all.json" \
  "d['total']['estimated'] >= 3 and d['total']['lower'] <= d['total']['estimated'] <= d['total']['upper'] and all(set(h) >= {'id','title','date','lang','url','score'} for h in d['hits'])"
check "stemming finds Münzen, Goldmünze is its own word" json_true "$work/all.json" \
  "{'muenze-2003','muenze-2005'} <= {h['id'] for h in d['hits']}"
"$ARCHIVAR" search --db "$db" --json --lang de --from 2003-01-01 --to 2005-12-31 --size 1 --page 2 'Münze' >"$work/p2.json"
check "filtered page 2" json_true "$work/p2.json" \
  "d['page'] == 2 and len(d['hits']) >= 1 and all(h['lang'] == 'de' and '2003-01-01' <= h['date'] <= '2005-12-31' for h in d['hits']) and d['hits'][0]['rank'] == 2"
"$ARCHIVAR" search --db "$db" --json 'gold coins' >"$work/en.json"
check "english query finds english articles" json_true "$work/en.json" "d['hits'][0]['id'] == 'reuters-2'"
"$ARCHIVAR" search --db "$db" --json --from 2003-02-30 'x' 2>"$work/err" >/dev/null
check "bad date exits 2" exit_is $? 2
check "bad date is named" contains "$work/err" "2003-02-30"

# search: batch, one JSON object per input line
"$ARCHIVAR" search --db "$db" --json --queries "$FIXTURES/cli/queries.txt" >"$work/batch.jsonl"
check "batch exits 0" exit_is $? 0
check "batch gives one line per query" exit_is "$(wc -l <"$work/batch.jsonl")" 4
check "batch lines are JSON" python3 -c "
import json
lines = [json.loads(l) for l in open('$work/batch.jsonl')]
assert lines[0]['query'].startswith('Wie viele') and lines[0]['hits'][0]['id'] in ('gold-1', 'muenze-2003')
assert lines[3]['hits'][0]['id'] == 'gold-1'
"

# search features: sort, facets, filters, snippets
"$ARCHIVAR" search --db "$db" --json --sort newest 'Münze' >"$work/newest.json"
check "--sort newest orders by date" json_true "$work/newest.json" \
  "[h['date'] for h in d['hits']] == sorted([h['date'] for h in d['hits']], reverse=True) and len(d['hits']) >= 3"
"$ARCHIVAR" search --db "$db" --json --sort oldest '' >"$work/oldest.json"
check "--sort oldest orders by date" json_true "$work/oldest.json" "d['hits'][0]['id'] == 'reuters-1'"
"$ARCHIVAR" search --db "$db" --json --sort recency --half-life 30 'Münze' >"$work/recency.json"
check "--sort recency puts the newest match first" json_true "$work/recency.json" "d['hits'][0]['id'] == 'muenze-2005'"
"$ARCHIVAR" search --db "$db" --json --size 1 --facet lang,year --facet source,tag 'Münze OR gold OR cocoa' >"$work/facets.json"
check "facets count the whole match set" json_true "$work/facets.json" \
  "len(d['hits']) == 1 and sum(v['count'] for v in d['facets']['lang']) == d['total']['lower'] == d['facet_counted'] and {'value': 'reuters', 'count': 2} in d['facets']['source'] and {'value': 'Münzen', 'count': 1} in d['facets']['tag']"
"$ARCHIVAR" search --db "$db" --json --filter source:Reuters --filter year:1987 '' >"$work/filter.json"
check "--filter selects a facet value" json_true "$work/filter.json" \
  "sorted(h['id'] for h in d['hits']) == ['reuters-1', 'reuters-2']"
check "--json hits carry their source" json_true "$work/filter.json" \
  "[h['source'] for h in d['hits']] == ['reuters', 'reuters']"
"$ARCHIVAR" search --db "$db" --filter colour:red 'x' 2>"$work/err" >/dev/null
check "unknown filter exits 2" exit_is $? 2
check "unknown filter is named" contains "$work/err" "colour:red"
"$ARCHIVAR" search --db "$db" --facet colour 'x' 2>/dev/null >/dev/null
check "unknown facet exits 2" exit_is $? 2
"$ARCHIVAR" search --db "$db" --json --snippet 60 'Münzen' >"$work/snippet.json"
check "snippets mark stemmed matches" json_true "$work/snippet.json" \
  "all('\u00ab' in h['snippet'] for h in d['hits']) and any('\u00abMünze\u00bb' in h['snippet'] for h in d['hits'])"
"$ARCHIVAR" search --db "$db" --json --snippet 60 --highlight html 'Münzen' >"$work/html.json"
check "--highlight html uses <mark>" json_true "$work/html.json" "any('<mark>Münze</mark>' in h['snippet'] for h in d['hits'])"
check "titles are highlighted too (--json title_highlighted)" json_true "$work/html.json" \
  "any('<mark>' in h['title_highlighted'] for h in d['hits']) and all(h['title_highlighted'].replace('<mark>', '').replace('</mark>', '') == h['title'] for h in d['hits'])"
"$ARCHIVAR" search --db "$db" --snippet 60 --highlight plain 'Goldmünze' >"$work/out"
check "text output shows the snippet" contains "$work/out" "«Goldmünze»"
check "text output counts like a search engine" bash -c "head -1 '$work/out' | grep -qxE '[0-9]+ results?, showing 1(–[0-9]+)?'"
check "text output shows the highlighted title" bash -c "grep -qE '^ +[0-9]+\\. .*Bundesbank gibt «Goldmünze» zum Abschied' '$work/out'"
"$ARCHIVAR" search --help >"$work/out"
check "search --help lists the new options" bash -c "grep -q -- '--facet' '$work/out' && grep -q -- '--filter' '$work/out' && grep -q -- '--snippet' '$work/out' && grep -q -- '--sort' '$work/out'"

# related
"$ARCHIVAR" related --db "$db" --json --size 3 muenze-2005 >"$work/related.json"
check "related exits 0" exit_is $? 0
check "related excludes the article itself" json_true "$work/related.json" \
  "d['related_to'] == 'muenze-2005' and len(d['hits']) >= 1 and all(h['id'] != 'muenze-2005' for h in d['hits']) and d['hits'][0]['id'].startswith('muenze')"
"$ARCHIVAR" related --db "$db" --json --lang en reuters-2 >"$work/related-en.json"
check "related honours --lang" json_true "$work/related-en.json" "all(h['lang'] == 'en' for h in d['hits'])"
"$ARCHIVAR" related --db "$db" no-such-id 2>/dev/null
check "related of a missing id exits 4" exit_is $? 4
# search: query language (fields, date ranges, operators, parentheses)
"$ARCHIVAR" search --db "$db" --json 'source:reuters AND (cocoa OR coins) date:1987' >"$work/ql1.json"
check "query language: source, OR in parentheses, date" json_true "$work/ql1.json" \
  "sorted(h['id'] for h in d['hits']) == ['reuters-1', 'reuters-2']"
"$ARCHIVAR" search --db "$db" --json 'title:Münzen date:2003..2005 -Münzsammler' >"$work/ql2.json"
check "query language: title stems, year range" json_true "$work/ql2.json" \
  "sorted(h['id'] for h in d['hits']) == ['muenze-2003', 'muenze-2005']"
"$ARCHIVAR" search --db "$db" --json '((Goldmünze NEAR Bundesbank AND' >"$work/ql3.json"
check "query language: malformed input gets a lenient reading" json_true "$work/ql3.json" \
  "[h['id'] for h in d['hits']] == ['gold-1']"

# get / delete
"$ARCHIVAR" get --db "$db" --json gold-1 >"$work/get.json"
check "get exits 0" exit_is $? 0
check "get returns stored fields" json_true "$work/get.json" \
  "d['title'].startswith('Bundesbank') and d['tags'] == ['Münzen', 'Bundesbank'] and d['source'] == 'gesetze' and '\n' in d['body']"
"$ARCHIVAR" get --db "$db" nope 2>"$work/err"
check "get of a missing id exits 4" exit_is $? 4
"$ARCHIVAR" delete --db "$db" reuters-1 >"$work/out"
check "delete exits 0" exit_is $? 0
"$ARCHIVAR" get --db "$db" reuters-1 2>/dev/null
check "deleted article is gone" exit_is $? 4
"$ARCHIVAR" delete --db "$db" reuters-1 2>/dev/null
check "deleting again exits 4" exit_is $? 4

# compact: the updated index (two runs, a delete) in full blocks, same hits
"$ARCHIVAR" search --db "$db" --json 'Münze' >"$work/before-compact.json"
"$ARCHIVAR" compact --db "$db" >"$work/out" 2>"$work/err"
check "compact exits 0" exit_is $? 0
check "compact reports articles and sizes" grep -Eq '^compacted .*: 6 articles, [0-9.]+ MB -> [0-9.]+ MB' "$work/out"
"$ARCHIVAR" search --db "$db" --json 'Münze' >"$work/after-compact.json"
check "compacted index: the same hits" cmp -s "$work/before-compact.json" "$work/after-compact.json"
check "compact leaves no copy beside the index" bash -c "! ls -d '$db'.compact-* 2>/dev/null"
"$ARCHIVAR" compact --db "$work/none.db" 2>"$work/err"
check "compact of a missing index exits 1" exit_is $? 1
check "compact names the missing index" contains "$work/err" "none.db"
"$ARCHIVAR" compact --db "$db" --block-size 1000 2>"$work/err"
check "compact: a bad block size exits 2" exit_is $? 2
"$ARCHIVAR" index --db "$work/compact.db" -q --batch 2 --compact "$FIXTURES/cli/news.jsonl" 2>"$work/err"
check "index --compact exits 0" exit_is $? 0
check "index --compact reports the compaction" contains "$work/err" "compacted: "

# stats
"$ARCHIVAR" stats --db "$db" --json >"$work/stats.json"
check "stats counts per language" json_true "$work/stats.json" \
  "d['articles'] == 6 and d['articles_per_lang'] == {'de': 4, 'en': 2} and d['bytes_on_disk'] > 0"
"$ARCHIVAR" stats --db "$work/none.db" 2>"$work/err"
check "stats on a missing index exits 1" exit_is $? 1

# analyze
"$ARCHIVAR" analyze --lang de 'Die Verteidigung der Panthers gab nur 308 Punkte ab' >"$work/out"
check "analyze prints stems" bash -c "grep -q 'verteidigung *verteid' '$work/out'"
"$ARCHIVAR" analyze 'The Panthers defense gave up just 308 points' >"$work/out"
check "analyze detects english" contains "$work/out" "language: en (detected)"

# eval
"$ARCHIVAR" index --db "$db" -q "$FIXTURES/cli/news.jsonl" 2>/dev/null
"$ARCHIVAR" eval --db "$db" --json "$FIXTURES/cli/judged" >"$work/eval.json"
check "eval exits 0" exit_is $? 0
check "eval scores per language" json_true "$work/eval.json" \
  "d['per_lang']['de']['queries'] == 2 and d['per_lang']['en']['mrr@10'] == 1.0 and 0 < d['all']['ndcg@10'] <= 1"
"$ARCHIVAR" eval --db "$db" --per-query "$work/per_query.tsv" "$FIXTURES/cli/judged" >/dev/null
check "eval --per-query: a header and one line per query" eq "$(wc -l <"$work/per_query.tsv")" 4
check "eval --per-query: the English query's first relevant hit is at rank 1" \
  contains "$work/per_query.tsv" "$(printf 'q2\ten\t1\t1\t1\tcocoa harvest in Bahia')"

# index: a folder of HTML pages (one article each; a page without text is rejected)
html_db="$work/html.db"
"$ARCHIVAR" index --db "$html_db" "$FIXTURES/html" 2>"$work/err"
check "html folder: pages without text exit 3" exit_is $? 3
check "html folder: three pages added" contains "$work/err" "3 added, 0 replaced, 1 rejected"
check "html folder: the empty page is named" contains "$work/err" "empty.html:1: no text in the HTML page"
"$ARCHIVAR" search --db "$html_db" --json 'Ratsprotokolle Stadtarchiv' >"$work/html.json"
check "html: search finds the page by its file name" json_true "$work/html.json" \
  "d['hits'][0]['id'] == 'stadtarchiv.de' and d['hits'][0]['date'] == '2023-11-14' and d['hits'][0]['lang'] == 'de'"
"$ARCHIVAR" search --db "$html_db" --json 'gerettet' >"$work/teaser.json"
check "html: a teaser line is not indexed" json_true "$work/teaser.json" "d['hits'] == []"
"$ARCHIVAR" get --db "$html_db" --json stadtarchiv.de >"$work/get.json"
check "html: the stored body keeps the teaser line" json_true "$work/get.json" \
  "'Lesen Sie auch: Wie das Archiv' in d['body'] and 'dataLayer' not in d['body']"

# index: help pages with the same file name per language keep apart: ids are
# paths under --id-root, urls --url-prefix + path, the viewer furniture
# (header, asides, debug footer) is not text
help_db="$work/help.db"
"$ARCHIVAR" index --db "$help_db" -q --id-root "$FIXTURES/html-help" --source Tabellenwerk \
  --url-prefix https://help.example.org/2.1/ \
  "$FIXTURES/html-help/de/text" "$FIXTURES/html-help/en-US/text" 2>"$work/err"
check "help pages: both languages added" contains "$work/err" "2 added, 0 replaced, 0 rejected"
"$ARCHIVAR" get --db "$help_db" --json de/text/calc/merge >"$work/help-de.json"
check "help page: id under the root, url, lang, title, --source" json_true "$work/help-de.json" \
  "d['url'] == 'https://help.example.org/2.1/de/text/calc/merge.html' and d['lang'] == 'de' and d['title'] == 'Zellen zusammenführen' and d['source'] == 'Tabellenwerk'"
check "help page: no viewer furniture in the body" json_true "$work/help-de.json" \
  "'Zellbereich' in d['body'] and not any(w in d['body'] for w in ('Tabellenwerk', 'Inhalte', 'Modulen', 'debug', 'Title is'))"
"$ARCHIVAR" search --db "$help_db" --json 'merge cells' >"$work/help-en.json"
check "help page: English page found by its own id" json_true "$work/help-en.json" \
  "[h['id'] for h in d['hits']] == ['en-US/text/calc/merge']"
"$ARCHIVAR" index --db "$work/help2.db" -q "$FIXTURES/html-help/de" 2>/dev/null
"$ARCHIVAR" get --db "$work/help2.db" --json text/calc/merge >"$work/help2.json"
check "folder argument: id is the path under it" json_true "$work/help2.json" "d['url'] == ''"

# index: --boilerplate-prefix adds a pattern, --no-clean indexes the text as given
printf 'Hochwasser in Passau\nDie Donau stieg auf zehn Meter.\nFoto: Hansen\n' >"$work/passau.txt"
"$ARCHIVAR" index --db "$work/prefix.db" -q --boilerplate-prefix 'Foto:' "$work/passau.txt" 2>/dev/null
"$ARCHIVAR" search --db "$work/prefix.db" --json 'Hansen' >"$work/prefix.json"
check "--boilerplate-prefix drops the line" json_true "$work/prefix.json" "d['hits'] == []"
"$ARCHIVAR" index --db "$work/raw.db" -q --no-clean "$FIXTURES/html/stadtarchiv.de.html" 2>/dev/null
"$ARCHIVAR" search --db "$work/raw.db" --json 'gerettet' >"$work/raw.json"
check "--no-clean indexes teaser lines" json_true "$work/raw.json" "d['hits'][0]['id'] == 'stadtarchiv.de'"

# spelling: "did you mean" from the index's own words
"$ARCHIVAR" search --db "$db" --json 'Bundesbnak' >"$work/spell.json"
check "did_you_mean suggests an index word" json_true "$work/spell.json" \
  "d['did_you_mean'] == 'Bundesbank' and d['hits'] == []"
"$ARCHIVAR" search --db "$db" --json --auto-correct 'Bundesbnak' >"$work/spell2.json"
check "--auto-correct searches the suggestion" json_true "$work/spell2.json" \
  "d['corrected'] is True and d['hits'][0]['id'] == 'gold-1'"
# near-duplicates: syndicated and updated copies collapse, --no-collapse shows them
wire_db="$work/wire.db"
"$ARCHIVAR" index --db "$wire_db" -q "$FIXTURES/cli/wire.jsonl" 2>/dev/null
"$ARCHIVAR" search --db "$wire_db" --json 'Straßenbahn' >"$work/wire.json"
check "search collapses near-duplicates, copies in JSON" json_true "$work/wire.json" \
  "len(d['hits']) == 2 and sorted(h['copies'] for h in d['hits']) == [1, 3]"
"$ARCHIVAR" search --db "$wire_db" --json --no-collapse 'Straßenbahn' >"$work/wire-all.json"
check "--no-collapse shows every copy" json_true "$work/wire-all.json" \
  "len(d['hits']) == 4 and all(h['copies'] == 1 for h in d['hits'])"
"$ARCHIVAR" search --db "$wire_db" 'Straßenbahn Leipzig' >"$work/wire.txt"
check "text output names the copies" contains "$work/wire.txt" "[+2 copies]"
"$ARCHIVAR" related --db "$wire_db" --json --no-collapse tram-lvz >"$work/wire-related.json"
check "related leaves out the article's near-duplicates" json_true "$work/wire-related.json" \
  "[h['id'] for h in d['hits']] == ['tram-dresden']"
"$ARCHIVAR" search --help >"$work/help.txt"
check "search --help lists --no-collapse" contains "$work/help.txt" "--no-collapse"
check "search --help lists --no-feedback" contains "$work/help.txt" "--no-feedback"

# suggest
"$ARCHIVAR" suggest --db "$wire_db" --json 'STRAS' >"$work/suggest.json"
check "suggest exits 0" exit_is $? 0
check "suggest completes terms and titles" json_true "$work/suggest.json" \
  "d['prefix'] == 'STRAS' and d['suggestions'][0]['kind'] == 'term' and d['suggestions'][0]['text'] in ('straßenbahn', 'strassenbahn') and d['suggestions'][0]['score'] > 0 and any(s['kind'] == 'title' for s in d['suggestions'])"
"$ARCHIVAR" suggest --db "$wire_db" --limit 1 'stadt' >"$work/suggest.txt"
check "suggest --limit and text output" python3 -c \
  "import sys; t = open('$work/suggest.txt').read(); sys.exit(0 if t.count('term ') == 1 and t.count('title ') == 1 else 1)"
"$ARCHIVAR" suggest --db "$wire_db" --limit 0 'stadt' 2>/dev/null
check "suggest --limit 0 exits 2" exit_is $? 2

# index --threads: a new index is built in shards and merged; same answers
"$ARCHIVAR" index --db "$work/par.db" --threads 3 --shard-batch 2 "$FIXTURES/cli/news.jsonl" \
  "$FIXTURES/cli/news.jsonl" 2>"$work/err"
check "--threads exits 0" exit_is $? 0
check "--threads merges shards" contains "$work/err" "3 shard(s) merged and compacted"
check "--threads replaces duplicate ids" contains "$work/err" "7 added, 7 replaced"
check "--threads index holds 7 articles" contains "$work/err" "the index holds 7 articles"
check "--threads leaves no scratch folder" bash -c "! ls -d '$work'/par.db.bulk-* 2>/dev/null"
"$ARCHIVAR" index --db "$work/one.db" -q --threads 1 "$FIXTURES/cli/news.jsonl" 2>/dev/null
"$ARCHIVAR" search --db "$work/par.db" --json 'Münze Bundesbank' >"$work/par.json"
"$ARCHIVAR" search --db "$work/one.db" --json 'Münze Bundesbank' >"$work/one.json"
check "--threads 3 and --threads 1 rank alike" python3 -c "
import json
a, b = (json.load(open('$work/' + n + '.json'))['hits'] for n in ('par', 'one'))
assert [(h['id'], round(h['score'], 9)) for h in a] == [(h['id'], round(h['score'], 9)) for h in b]"
"$ARCHIVAR" index --db "$work/par.db" --threads 2 "$FIXTURES/cli/news.jsonl" 2>"$work/err"
check "--threads on an existing index updates it serially" contains "$work/err" "existing index, one writer"
check "... and replaces" contains "$work/err" "0 added, 7 replaced"
"$ARCHIVAR" index --db "$work/x2.db" --threads 2 "$FIXTURES/cli/news.jsonl" "$work/missing.jsonl" 2>"$work/err"
check "a failed parallel build exits 1" exit_is $? 1
check "a failed parallel build leaves no index" bash -c "! ls -d '$work'/x2.db* 2>/dev/null"

# hostile input through the command (README table; the library rows are in
# hostile_input_test.cpp)
garbage="x $(python3 -c 'import random, sys
r = random.Random(7)  # fixed bytes, so a failure can be replayed; argv holds no NUL
sys.stdout.buffer.write(bytes(r.randrange(1, 256) for _ in range(2000)))')"
"$ARCHIVAR" search --db "$db" --json "$garbage" >"$work/garbage.json" 2>"$work/err"
check "binary garbage as a query exits 0" exit_is $? 0
check "binary garbage gets a JSON answer" json_true "$work/garbage.json" "'hits' in d"
: >"$work/zero.jsonl.gz"
printf '' | gzip -c >"$work/empty.jsonl.gz"
"$ARCHIVAR" index --db "$work/empty.db" "$work/zero.jsonl.gz" "$work/empty.jsonl.gz" 2>"$work/err"
check "empty .jsonl.gz files: exit 0" exit_is $? 0
check "empty .jsonl.gz files: nothing added or rejected" contains "$work/err" "0 added, 0 replaced, 0 rejected"
printf '%s\n' '{"id": "d1", "date": "0000-01-01", "body": "x"}' '{"id": "d2", "date": "99999-01-01", "body": "x"}' \
  '{"id": "d3", "date": "0001-01-01", "body": "Münze"}' >"$work/dates.jsonl"
"$ARCHIVAR" index --db "$work/dates.db" "$work/dates.jsonl" 2>"$work/err"
check "dates out of range: exit 3" exit_is $? 3
check "dates out of range: file, line and field named" \
  bash -c "grep -q 'dates.jsonl:1: field .date.' '$work/err' && grep -q 'dates.jsonl:2: field .date.' '$work/err'"
check "dates out of range: the good line is indexed" contains "$work/err" "1 added"

# usage errors
"$ARCHIVAR" search 2>/dev/null
check "missing --db exits 2" exit_is $? 2
"$ARCHIVAR" frobnicate 2>/dev/null
check "unknown command exits 2" exit_is $? 2

finish
