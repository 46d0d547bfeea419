#!/usr/bin/env bash
# How index time, peak RSS, index size and query latency grow with the number
# of articles. For each N: a corpus of N articles (bench/scale_corpus.py:
# round-robin over ../shared/data/corpora, REPLICATED with new ids
# "<id>~rK" beyond the 171,211 real articles), `archivar index --threads T`
# into a new index, then archivar_compare's query phase (the peer
# comparison's query set for the first min(N, 20000) articles).
#
# usage: bash bench/scale.sh [N ...]        (default: 10000 100000)
# env:   ARCHIVAR_DATA  shared data folder (default: ../shared/data)
#        BUILD_DIR      build folder (default: build)
#        THREADS        archivar index --threads (default: 0 = one per core)
#        WORK           scratch folder (default: a new temp folder, removed)
#        OUT            report (default: bench/results/scale.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000)
data=${ARCHIVAR_DATA:-$root/../shared/data}
build=${BUILD_DIR:-build}
threads=${THREADS:-0}
out=${OUT:-bench/results/scale.md}

cmake --build "$build" --target archivar_cli archivar_compare -j1 >/dev/null
archivar="$build/tools/archivar"
compare="$build/bench/compare/archivar_compare"
if [[ -n ${WORK:-} ]]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/archivar-scale.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

mkdir -p "$(dirname "$out")"
{
  echo "# Scale: archivar index --threads $threads ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "Corpus: round-robin over \`corpora/*.jsonl.gz\`; beyond 171,211 articles replicated with new ids \`<id>~rK\`."
  echo "Queries: the peer comparison's 1,000 (real, single, or, and, phrase), top 10, single thread, after one warm-up pass."
  echo
  echo "| articles | index s | articles/s | peak RSS MiB | index MiB | bytes/article | query p50 µs | p95 µs | p99 µs |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$out"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  mkdir -p "$dir"
  python3 bench/scale_corpus.py "$n" "$dir/corpus.jsonl.gz" "$data"
  python3 bench/compare/prepare.py "$((n < 20000 ? n : 20000))" "$dir/q" "$data" >/dev/null
  rm -rf "$dir/db"
  echo "scale: $n articles: indexing" >&2
  "$archivar" index --db "$dir/db" --threads "$threads" "$dir/corpus.jsonl.gz" 2>"$dir/index.log" ||
    { cat "$dir/index.log" >&2; exit 1; }
  tail -1 "$dir/index.log" >&2
  echo "scale: $n articles: querying" >&2
  "$compare" query archivar "$dir/db" "$dir/q/queries.tsv" >"$dir/query.json"
  python3 - "$n" "$dir" >>"$out" <<'PY'
import json, re, subprocess, sys
n, d = int(sys.argv[1]), sys.argv[2]
summary = open(f"{d}/index.log").read().strip().splitlines()[-1]
secs = float(re.search(r"in ([0-9.]+) s", summary).group(1))
rss = float(re.search(r"peak RSS ([0-9.]+) MiB", summary).group(1))
size = int(subprocess.check_output(["du", "-sb", f"{d}/db"]).split()[0])
q = json.loads(open(f"{d}/query.json").read().strip().splitlines()[-1])
print(f"| {n:,} | {secs:.1f} | {n / secs:.0f} | {rss:.0f} | {size / 2**20:.1f} | {size / n:.0f} | "
      f"{q['p50_us']:.0f} | {q['p95_us']:.0f} | {q['p99_us']:.0f} |")
PY
  rm -rf "$dir/db" "$dir/corpus.jsonl.gz"
done
echo "scale: wrote $out" >&2
cat "$out"
