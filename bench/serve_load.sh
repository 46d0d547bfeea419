#!/usr/bin/env bash
# Load on `archivar serve` with wrk: throughput, latency percentiles and
# errors for /search on loopback, first alone, then while `archivar index`
# adds new articles to the same index (the server must show them, with no
# errors). Writes bench/results/serve.md.
#
# Steps: a corpus of ARTICLES + EXTRA articles (bench/scale_corpus.py:
# round-robin over ARCHIVAR_DATA/corpora); a new index of the first
# ARTICLES (unless DB names an existing one); the request list
# (bench/serve_load/queries.py: judged queries + title words, half of them
# with the search page's snippet and facets); `archivar serve --threads
# SERVER_THREADS` on 127.0.0.1; `wrk -t2 -c8 -d DURATION --latency` with
# bench/serve_load/search.lua; then the same while `archivar index --batch
# 1000` adds the EXTRA articles, and a check that /stats counts them and the
# last one is served by /articles/{id}.
#
# usage: bash bench/serve_load.sh
# env:   ARCHIVAR_DATA   shared data folder (default: ../shared/data)
#        BUILD_DIR       build folder (default: build)
#        ARTICLES        articles in the index (default: 20000)
#        EXTRA           articles added during the second run (default: 10000)
#        DB              use this existing index instead of building one (the
#                        second run ADDS the EXTRA articles to it)
#        DURATION        wrk duration of each run (default: 30s)
#        SERVER_THREADS  archivar serve --threads (default: 2)
#        WORK            scratch folder (default: a new temp folder, removed)
#        OUT             report (default: bench/results/serve.md)
# Installs wrk (Debian package) if it is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=${ARCHIVAR_DATA:-$root/../shared/data}
build=${BUILD_DIR:-build}
articles=${ARTICLES:-20000}
extra=${EXTRA:-10000}
duration=${DURATION:-30s}
server_threads=${SERVER_THREADS:-2}
out=${OUT:-bench/results/serve.md}

if ! command -v wrk >/dev/null; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk
fi
cmake --build "$build" --target archivar_cli -j1 >/dev/null
archivar="$build/tools/archivar"
if [[ -n ${WORK:-} ]]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/archivar-serve-load.XXXXXX")
fi
server_pid=""
index_pid=""
cleanup() {
  [[ -n $index_pid ]] && kill "$index_pid" 2>/dev/null
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -z ${WORK:-} ]] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

echo "serve_load: corpus of $articles + $extra articles" >&2
python3 bench/scale_corpus.py "$((articles + extra))" "$work/all.jsonl.gz" "$data"
{ zcat "$work/all.jsonl.gz" || true; } | head -n "$articles" >"$work/base.jsonl"  # head closes the pipe
zcat "$work/all.jsonl.gz" | tail -n +"$((articles + 1))" >"$work/extra.jsonl"
last_extra_id=$(tail -n 1 "$work/extra.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
python3 bench/serve_load/queries.py "$work/base.jsonl" "$data/judged" "$work/requests.lua" >&2

db=${DB:-$work/db}
if [[ -z ${DB:-} ]]; then
  echo "serve_load: indexing $articles articles" >&2
  rm -rf "$db"
  "$archivar" index --db "$db" -q "$work/base.jsonl" 2>"$work/index-base.log" ||
    { cat "$work/index-base.log" >&2; exit 1; }
  tail -n 1 "$work/index-base.log" >&2
fi

"$archivar" serve --db "$db" --listen 127.0.0.1:0 --threads "$server_threads" \
  >"$work/serve.out" 2>"$work/access.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'http://' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://[0-9.:]*' "$work/serve.out" | head -n 1)
[[ -n $url ]] || { echo "serve_load: the server did not start" >&2; cat "$work/access.log" >&2; exit 1; }
articles_now() { curl -sf "$url/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])'; }
before=$(articles_now)
echo "serve_load: $url serves $before articles" >&2
if [[ -n $(curl -s -o /dev/null -w '%{http_code}' "$url/articles/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$last_extra_id")" | grep -x 200) ]]; then
  echo "serve_load: $db already holds the articles to add ($last_extra_id): use a new index" >&2
  exit 1
fi

run_wrk() {  # run_wrk NAME DURATION: one wrk run, output in $work/NAME.wrk
  REQUESTS_LUA="$work/requests.lua" wrk -t2 -c8 -d "$2" --latency \
    -s bench/serve_load/search.lua "$url" >"$work/$1.wrk" 2>&1
}
report_wrk() {  # report_wrk NAME
  cat "$work/$1.wrk" >&2
  grep '^serve_load:' "$work/$1.wrk" >"$work/$1.txt"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run_wrk alone "$duration"
report_wrk alone
load_alone=$(cut -d' ' -f1-3 /proc/loadavg)
alone_lines=$(wc -l <"$work/access.log")

# The second run lasts as long as the indexing (at least DURATION): wrk is
# started for an hour and stopped with SIGINT (it then reports as usual).
echo "serve_load: again while archivar index adds $extra articles" >&2
(sleep 20; cut -d' ' -f1-3 /proc/loadavg >"$work/load-during") &
REQUESTS_LUA="$work/requests.lua" wrk -t2 -c8 -d 3600s --latency \
  -s bench/serve_load/search.lua "$url" >"$work/indexing.wrk" 2>&1 &
wrk_pid=$!
sleep 1
index_start=$SECONDS
"$archivar" index --db "$db" -q --batch 1000 "$work/extra.jsonl" 2>"$work/index-extra.log" &
index_pid=$!
index_status=0
wait "$index_pid" || index_status=$?
index_pid=""
index_seconds=$((SECONDS - index_start))
remaining=$((${duration%s} - index_seconds))
((remaining > 0)) && sleep "$remaining"
kill -INT "$wrk_pid" 2>/dev/null || true
wait "$wrk_pid" || true
report_wrk indexing
if ((index_status != 0)); then cat "$work/index-extra.log" >&2; exit 1; fi
load_during=$(cat "$work/load-during" 2>/dev/null || echo "n/a")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
after=$(articles_now)
served=$(curl -s -o /dev/null -w '%{http_code}' "$url/articles/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$last_extra_id")")
tail -n 1 "$work/index-extra.log" >&2
server_errors=$(grep -cE ' 5[0-9]{2} [0-9]+ [0-9.]+ms$' "$work/access.log" || true)

mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" <<PY
import re, sys
work, out = sys.argv[1], sys.argv[2]
def fields(name):
    line = open(f"{work}/{name}.txt").read()
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
rows = []
for name, label in (("alone", "search only"), ("indexing", "while indexing $extra articles")):
    f = fields(name)
    errors = int(f["non2xx"] + f["connect"] + f["read"] + f["write"] + f["timeout"])
    rows.append(f"| {label} | {f['requests']:.0f} | {f['rps']:.0f} | {f['p50_us']/1000:.1f} | "
                f"{f['p90_us']/1000:.1f} | {f['p99_us']/1000:.1f} | {f['max_us']/1000:.0f} | "
                f"{int(f['non2xx'])} | {int(f['connect'] + f['read'] + f['write'] + f['timeout'])} |")
def server_side(lines):
    """p50/p99 ms the server logged for plain and page-like /search requests."""
    kinds = {"plain API search": [], "page search (snippet + facets)": []}
    for line in lines:
        m = re.search(r"GET (/search\S*) \d+ \d+ ([\d.]+)ms", line)
        if m:
            kinds["page search (snippet + facets)" if "snippet" in m.group(1) else "plain API search"].append(float(m.group(2)))
    parts = []
    for kind, values in kinds.items():
        values.sort()
        if values:
            parts.append(f"{kind}: p50 {values[len(values) // 2]:.1f} ms, p99 {values[int(len(values) * 0.99)]:.1f} ms")
    return "; ".join(parts)
log = open(f"{work}/access.log").read().splitlines()
alone_lines = int("$alone_lines")
with open(out, "w") as report:
    report.write(f"""# archivar serve under wrk (bench/serve_load.sh)

\`wrk -t2 -c8 -d$duration --latency\` against \`/search\` on 127.0.0.1, \`archivar serve --threads $server_threads\`,
index of $before articles (round-robin over \`corpora/*.jsonl.gz\`); requests cycle through
$(grep -c '^"' "$work/requests.lua") mixed real queries (judged-set questions and web queries, German and English,
plus sampled title words; every second one with the search page's snippet and facets).
Machine: $(nproc) cores **shared with other engineers' builds and tests**; load average (1/5/15 min)
before: $load_before, after the first run: $load_alone, 20 s into the second: $load_during, after it: $load_after.

| run | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
""")
    report.write("\n".join(rows) + "\n")
    report.write(f"""
Time the server logged per request kind (access log: from request parsed to response
ready, which includes waiting for one of the $server_threads Searchers, so it is most of wrk's latency):
- search only: {server_side(log[:alone_lines])}
- while indexing: {server_side(log[alone_lines:])}

Concurrent indexing: \`archivar index --batch 1000\` added $extra articles in ${index_seconds} s
(the second wrk run lasted from 1 s before its start until it ended, at least $duration); /stats then counted $after articles (before: $before);
\`/articles/$last_extra_id\` (the last one added) answered $served; 5xx in the access log: $server_errors.
""")
print(open(out).read())
PY
