#!/usr/bin/env bash
# HTTP-level test of `archivar serve`: every endpoint, error codes, auth,
# limits, and a concurrent `archivar index` becoming visible without a
# restart. Needs $ARCHIVAR and $FIXTURES; curl and python3 check responses.
# The server binds 127.0.0.1 on a free port and is stopped at exit (and by
# `timeout` should this script die).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
server_pid=""
stop_server() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
}
on_exit stop_server
db="$work/news.db"
token="test-token-1234"

# request METHOD PATH [curl args...]: body to $work/body, status echoed
request() {
  local method=$1 path=$2
  shift 2
  curl -s -g -o "$work/body" -w '%{http_code}' -X "$method" "$@" "$base$path"
}

"$ARCHIVAR" index -q --db "$db" "$FIXTURES/cli/news.jsonl" 2>/dev/null
# --facet-thread: the facets below (also after the write API's commits) are
# counted beside the ranked match; the read-only server further down counts
# them on the request's thread.
timeout 300 "$ARCHIVAR" serve --db "$db" --listen 127.0.0.1:0 --threads 4 --token "$token" \
  --max-body 65536 --facet-thread >"$work/out" 2>"$work/log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'http://' "$work/out" 2>/dev/null && break
  sleep 0.1
done
port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/out" | head -1 | cut -d: -f2)
check "server prints its URL" test -n "$port"
base="http://127.0.0.1:$port"

# read API
check "healthz 200" eq "$(request GET /healthz)" 200
check "healthz ok" json_true "$work/body" "d['status'] == 'ok'"
check "stats 200" eq "$(request GET /stats)" 200
check "stats counts" json_true "$work/body" "d['articles'] == 7 and d['articles_per_lang']['de'] == 4 and 'path' not in d"
check "search 200" eq "$(request GET '/search?q=M%C3%BCnze&facets=lang,year,source&snippet=120&size=2')" 200
check "search shape as archivar search --json" json_true "$work/body" \
  "d['query'] == 'Münze' and d['total']['lower'] <= 4 <= d['total']['upper'] and d['page'] == 1 and d['page_size'] == 2 and len(d['hits']) == 2 and all(set(h) >= {'id','title','date','lang','url','score','rank','snippet','source'} for h in d['hits'])"
check "search highlights with <mark> (html default)" json_true "$work/body" "all('<mark>' in h['snippet'] for h in d['hits'])"
check "titles highlighted like snippets" json_true "$work/body" "all(h['title_highlighted'].replace('<mark>', '').replace('</mark>', '') == h['title'] and '<mark>' in h['title_highlighted'] for h in d['hits'] if 'nze' in h['title'])"
check "search facets" json_true "$work/body" "d['facets']['lang'] == [{'value': 'de', 'count': 4}] and len(d['facets']['year']) == 4"
check "no title_highlighted without snippets" eq "$(request GET '/search?q=M%C3%BCnze&size=2')" 200
check "plain hits carry no title_highlighted" json_true "$work/body" "len(d['hits']) == 2 and all('title_highlighted' not in h for h in d['hits'])"
check "search page 2" eq "$(request GET '/search?q=M%C3%BCnze&size=2&page=2')" 200
check "page 2 has ranks 3-4" json_true "$work/body" "[h['rank'] for h in d['hits']] == [3, 4]"
check "search filter" eq "$(request GET '/search?q=M%C3%BCnze&filter=year:2004&filter=year:2005')" 200
check "filters OR within a name" json_true "$work/body" "sorted(h['id'] for h in d['hits']) == ['muenze-2004', 'muenze-2005']"
check "search lang/from/to/sort" eq "$(request GET '/search?lang=en&from=1987-01-01&to=1987-12-31&sort=newest')" 200
check "date range and order" json_true "$work/body" "[h['date'] for h in d['hits']] == sorted([h['date'] for h in d['hits']], reverse=True) and len(d['hits']) >= 2 and all(h['lang'] == 'en' for h in d['hits'])"
# query_lang: articles in the query's language get a boost (the fixture mixes de and en)
check "query_lang=de 200" eq "$(request GET '/search?q=gold&query_lang=de&collapse=0')" 200
cp "$work/body" "$work/gold_de.json"
check "query_lang=en 200" eq "$(request GET '/search?q=gold&query_lang=en&collapse=0')" 200
check "query_lang=en ranks the English article higher" python3 -c 'import json, sys
de, en = (json.load(open(f)) for f in sys.argv[1:])
rank = lambda d, i: [h["id"] for h in d["hits"]].index(i)
score = lambda d, i: next(h["score"] for h in d["hits"] if h["id"] == i)
assert {h["id"] for h in de["hits"]} == {h["id"] for h in en["hits"]}
assert score(en, "reuters-2") > score(de, "reuters-2") and score(de, "gold-1") > score(en, "gold-1")
assert rank(en, "reuters-2") <= rank(de, "reuters-2")' "$work/gold_de.json" "$work/body"
check "snippet escapes HTML" eq "$(request GET '/search?q=%3Cscript%3E&snippet=50')" 200
check "article 200" eq "$(request GET /articles/gold-1)" 200
check "article fields" json_true "$work/body" "d['id'] == 'gold-1' and d['source'] == 'gesetze' and 'Goldmünze' in d['title']"
check "missing article 404" eq "$(request GET /articles/nope)" 404
check "404 is JSON" json_true "$work/body" "'nope' in d['error']"
check "related 200" eq "$(request GET '/articles/gold-1/related?size=3')" 200
check "related excludes itself" json_true "$work/body" "d['related_to'] == 'gold-1' and d['hits'] and all(h['id'] != 'gold-1' for h in d['hits'])"
check "related of missing 404" eq "$(request GET /articles/nope/related)" 404
check "suggest 200" eq "$(request GET '/suggest?q=M%C3%BCn')" 200
check "suggest completes the last word" json_true "$work/body" "any(s.lower() in ('münzen', 'münze') for s in d['suggestions'])"
check "suggest keeps earlier words" eq "$(request GET '/suggest?q=neue%20Gol&limit=3')" 200
check "suggest with head" json_true "$work/body" "d['suggestions'] and all(x['text'].startswith('neue gol') for x in d['details'] if x['kind'] == 'term') and len(d['suggestions']) <= 3"
check "page /" eq "$(request GET /)" 200
check "page is the embedded HTML" contains "$work/body" '<script src="/app.js">'
check "app.js" eq "$(request GET /app.js)" 200
check "style.css" eq "$(request GET /style.css)" 200

# errors name the parameter
for case in "size=0:size" "size=101:size" "page=0:page" "page=x:page" "sort=best:sort" \
            "from=2004-1-1:from" "to=yesterday:to" "facets=colour:facets" "filter=nocolon:filter" \
            "snippet=-1:snippet" "highlight=bold:highlight" "lang=DE!:lang" "bogus=1:bogus" \
            "q=a&q=b:q" "collapse=maybe:collapse" "feedback=maybe:feedback" "all=maybe:all" "query_lang=DE:query_lang" \
            "query_lang=deu:query_lang" "query_lang=:query_lang" "query_lang=d-:query_lang"; do
  query=${case%:*} parameter=${case##*:}
  check "400 for $query" eq "$(request GET "/search?$query")" 400
  check "error names $parameter" json_true "$work/body" "d['parameter'] == '$parameter' and d['error']"
done
check "feedback=0 200" eq "$(request GET '/search?q=gold&feedback=0')" 200
long=$(python3 -c "print('a' * 2100)")
check "query over 2 KiB 400" eq "$(request GET "/search?q=$long")" 400
check "names q" json_true "$work/body" "d['parameter'] == 'q'"
check "invalid date 400" eq "$(request GET '/search?from=2004-13-45')" 400
check "unknown path 404" eq "$(request GET /nothing/here)" 404
check "traversal 404" eq "$(request GET /../../etc/passwd --path-as-is)" 404
check "encoded traversal 404" eq "$(request GET /%2e%2e/%2e%2e/etc/passwd --path-as-is)" 404
check "no file served" bash -c "! grep -q root: '$work/body'"
check "stats rejects params" eq "$(request GET '/stats?x=1')" 400
check "bad UTF-8 query ok" eq "$(request GET '/search?q=%FF%FE%C3')" 200
huge=$(python3 -c "print('x' * 9000)")
status=$(request GET "/search?q=$huge")
check "huge URI rejected (4xx)" bash -c "[[ $status -ge 400 && $status -lt 500 ]]"

# write API: auth
check "PUT without token 401" eq "$(request PUT /articles/w-1 -d '{"title":"x"}')" 401
check "PUT with wrong token 401" eq "$(request PUT /articles/w-1 -H 'Authorization: Bearer wrong' -d '{"title":"x"}')" 401
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
check "PUT adds 201" eq "$(request PUT /articles/w-1 "${auth[@]}" \
  -d '{"title":"Zeppelin über dem Bodensee","body":"Ein Luftschiff kreuzt über Friedrichshafen.","date":"2024-05-01","source":"test"}')" 201
check "PUT result" json_true "$work/body" "d == {'id': 'w-1', 'result': 'added'}"
check "PUT is visible at once" eq "$(request GET '/search?q=Luftschiff')" 200
check "new article found" json_true "$work/body" "[h['id'] for h in d['hits']] == ['w-1']"
check "PUT again replaces 200" eq "$(request PUT /articles/w-1 "${auth[@]}" -d '{"id":"w-1","title":"Zeppelin","body":"Luftschiff"}')" 200
check "PUT id mismatch 400" eq "$(request PUT /articles/w-1 "${auth[@]}" -d '{"id":"other"}')" 400
check "names id" json_true "$work/body" "d['parameter'] == 'id'"
check "PUT bad JSON 400" eq "$(request PUT /articles/w-2 "${auth[@]}" -d '{"title":')" 400
check "PUT bad date 400" eq "$(request PUT /articles/w-2 "${auth[@]}" -d '{"date":"gestern"}')" 400
check "PUT wrong type names field" eq "$(request PUT /articles/w-2 "${auth[@]}" -d '{"title":5}')" 400
check "names title" json_true "$work/body" "d['parameter'] == 'title'"
printf '{"id":"b-1","title":"Segelflug","body":"Segelflieger über der Alb"}\n\n{"id":"b-2","title":"Gliding","body":"Gliders over the moors"}\nnot json\n{"title":"no id"}\n' >"$work/batch.jsonl"
check "POST batch 200" eq "$(request POST /articles "${auth[@]}" --data-binary "@$work/batch.jsonl")" 200
check "POST counts and rejections" json_true "$work/body" \
  "d['added'] == 2 and d['replaced'] == 0 and [r['line'] for r in d['rejected']] == [4, 5] and d['rejected'][1]['field'] == 'id'"
check "POST empty 400" eq "$(request POST /articles "${auth[@]}" --data-binary '')" 400
python3 -c "print('{\"id\":\"big\",\"body\":\"' + 'x' * 70000 + '\"}')" >"$work/big.json"
check "body over --max-body 413" eq "$(request PUT /articles/big "${auth[@]}" --data-binary "@$work/big.json")" 413
check "DELETE without token 401" eq "$(request DELETE /articles/b-1)" 401
check "DELETE 200" eq "$(request DELETE /articles/b-1 "${auth[@]}")" 200
check "DELETE again 404" eq "$(request DELETE /articles/b-1 "${auth[@]}")" 404
check "deleted is gone" eq "$(request GET /articles/b-1)" 404
# ids with '/' (HTML pages indexed from folders: "de/text/calc/merge"),
# sent encoded (%2F, as the search page does) or as-is
check "PUT id with slashes 201" eq "$(request PUT /articles/help%2Fde%2Fzeppelin "${auth[@]}" \
  -d '{"title":"Zeppelin-Hilfe","body":"Wie man ein Luftschiff landet."}')" 201
check "GET id with %2F 200" eq "$(request GET /articles/help%2Fde%2Fzeppelin)" 200
check "the whole id" json_true "$work/body" "d['id'] == 'help/de/zeppelin'"
check "GET id with / 200" eq "$(request GET /articles/help/de/zeppelin)" 200
check "related of id with / 200" eq "$(request GET '/articles/help%2Fde%2Fzeppelin/related?size=3')" 200
check "DELETE id with / 200" eq "$(request DELETE /articles/help%2Fde%2Fzeppelin "${auth[@]}")" 200

# live reopen: `archivar index` runs while clients search; every request
# succeeds and the new articles appear without a restart
python3 - "$work/more.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(3000):
        out.write(json.dumps({"id": f"live-{i}", "title": f"Windkraft Bericht {i}",
                              "body": f"Neue Windräder an der Küste, Nummer {i}.",
                              "date": "2023-06-01", "lang": "de"}) + "\n")
PY
(for _ in $(seq 150); do
   curl -s -o /dev/null -w '%{http_code}\n' "$base/search?q=Windkraft&facets=year&snippet=80"
 done >"$work/during" ) &
searcher_loop=$!
"$ARCHIVAR" index -q --batch 500 --db "$db" "$work/more.jsonl" 2>"$work/index.err"
check "archivar index runs beside the server" eq $? 0
wait "$searcher_loop"
check "no errors while indexing" bash -c "sort -u '$work/during' | tr -d '\n' | grep -qx 200"
check "search after index 200" eq "$(request GET '/search?q=Windkraft')" 200
check "new articles visible without restart" json_true "$work/body" "d['total']['lower'] == 3000 and d['hits'][0]['id'].startswith('live-')"
check "stats see them" bash -c "[[ \$(curl -s '$base/stats' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"articles\"])') -eq 3009 ]]"
# The warmer built the revision at start and, polling, one of the index's
# commits at least (within a few seconds: sanitized builds are slow).
warmed=0
for _ in $(seq 100); do
  warmed=$(curl -s "$base/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["warm_up"]["revisions"])')
  ((warmed >= 2)) && break
  sleep 0.1
done
check "warm-up followed the commits" bash -c "((${warmed:-0} >= 2))"

# concurrency: parallel clients, the server stays up
for _ in $(seq 8); do
  (for _ in $(seq 20); do curl -s -o /dev/null -w '%{http_code}\n' "$base/search?q=Wind*&size=5"; done) &
done >"$work/parallel"
wait $(jobs -p | grep -v "^$server_pid\$") 2>/dev/null
check "parallel searches all 200" bash -c "[[ \$(grep -c '^200$' '$work/parallel') -eq 160 ]]"
check "server still healthy" eq "$(request GET /healthz)" 200

# access log with latency; the token never appears in it
check "access log line" grep -qE '^127\.0\.0\.1 GET /search\?q=M%C3%BCnze.* 200 [0-9]+ [0-9.]+ms$' "$work/log"
check "token not logged" bash -c "! grep -qF '$token' '$work/log'"

# write API is off without --token
timeout 60 "$ARCHIVAR" serve --db "$db" --listen 127.0.0.1:0 >"$work/out2" 2>/dev/null &
ro_pid=$!
for _ in $(seq 100); do grep -q 'http://' "$work/out2" 2>/dev/null && break; sleep 0.1; done
ro_port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/out2" | head -1 | cut -d: -f2)
check "facets on the request's thread as beside it" eq "$(curl -s "http://127.0.0.1:$ro_port/search?q=M%C3%BCnze&facets=lang,year,source&size=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["facets"])')" "$(curl -s "$base/search?q=M%C3%BCnze&facets=lang,year,source&size=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["facets"])')"
check "without --token writes are 403" eq "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" -d '{}' "http://127.0.0.1:$ro_port/articles/x")" 403
kill "$ro_pid"; wait "$ro_pid" 2>/dev/null
check "SIGTERM stops the server cleanly" eq $? 0

# bad command lines
"$ARCHIVAR" serve --db "$work/missing.db" --listen 127.0.0.1:0 >/dev/null 2>"$work/err"
check "missing index exits 1" eq $? 1
"$ARCHIVAR" serve --db "$db" --listen nonsense >/dev/null 2>"$work/err"
check "bad --listen exits 2" eq $? 2
"$ARCHIVAR" serve --db "$db" --listen 127.0.0.1:0 --token short >/dev/null 2>"$work/err"
check "short token exits 2" eq $? 2

finish
