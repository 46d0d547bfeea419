#!/usr/bin/env bash
# CI smoke run of the benchmarks, so they cannot rot: builds the bench
# targets, runs each Google Benchmark program for a moment on the built-in
# sample, and runs the peer comparison end to end on a tiny generated corpus.
# Numbers from this run mean nothing. Usage: bash bench/smoke.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

cmake -S . -B "$build" -G Ninja -DARCHIVAR_WERROR=ON -DARCHIVAR_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target analysis_bench index_bench search_bench archivar_compare

work=$(mktemp -d "${TMPDIR:-/tmp}/archivar-bench-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ARCHIVAR_BENCH_CORPUS=builtin
quick=(--benchmark_min_time=0.01 --benchmark_out_format=json)
"$build/bench/analysis_bench" "${quick[@]}" --benchmark_out="$work/analysis.json"
"$build/bench/index_bench" "${quick[@]}" --limit=100 --benchmark_out="$work/index.json"
"$build/bench/search_bench" "${quick[@]}" --limit=200 --benchmark_out="$work/search.json"

# The comparison on 48 generated articles and one query of each kind, with
# every engine built (CLucene only when libclucene-dev is installed).
python3 - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1]) / "tiny"
work.mkdir()
texts = {
    "de": ["Der Stadtrat beschließt neue Radwege in der Innenstadt",
           "Die Bundesbank rechnet mit steigenden Preisen für Energie",
           "Das Hochwasser an der Elbe geht langsam zurück"],
    "en": ["The city council approves new bike lanes downtown",
           "The central bank expects rising energy prices",
           "River levels fall slowly after the floods"],
}
with open(work / "subset.jsonl", "w", encoding="utf-8") as f:
    for i in range(48):
        lang = "de" if i % 2 else "en"
        body = " ".join(texts[lang][(i + k) % 3] + "." for k in range(3))
        f.write(json.dumps({"id": f"t{i}", "title": texts[lang][i % 3], "body": body,
                            "lang": lang, "date": "2020-01-01"}, ensure_ascii=False) + "\n")
queries = [("single", "de", "radwege"), ("or", "en", "bank floods"),
           ("and", "en", "river floods"), ("phrase", "de", "neue radwege"),
           ("real", "en", "what does the central bank expect?")]
with open(work / "queries.tsv", "w", encoding="utf-8") as f:
    for q in queries:
        f.write("\t".join(q) + "\n")
PY
tiny="$work/tiny"
: >"$tiny/results.jsonl"
for engine in $("$build/bench/compare/archivar_compare" engines); do
  "$build/bench/compare/archivar_compare" index "$engine" "$tiny/$engine.db" "$tiny/subset.jsonl" >>"$tiny/results.jsonl"
  "$build/bench/compare/archivar_compare" query "$engine" "$tiny/$engine.db" "$tiny/queries.tsv" \
    "$tiny/$engine.top10.tsv" >>"$tiny/results.jsonl"
  if [[ $engine == xapian || $engine == archivar ]]; then
    "$build/bench/compare/archivar_compare" query-snippets "$engine" "$tiny/$engine.db" \
      "$tiny/queries.tsv" 120 >>"$tiny/results.jsonl"
  fi
done
python3 bench/compare/report.py "$work/compare.md" "$tiny"
grep -q "query latency p50" "$work/compare.md"
grep -q "With snippets (120 characters" "$work/compare.md"
echo "bench smoke: ok"
