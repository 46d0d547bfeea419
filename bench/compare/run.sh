#!/usr/bin/env bash
# The peer comparison, one command: builds archivar_compare, prepares a corpus
# subset and the query set for each size, then runs each engine in turn
# (index, then queries) on the same files in this one run, and writes the
# ratio table to bench/results/compare.md (plus compare.png when gnuplot is
# installed and more than one size was run).
#
# usage: bash bench/compare/run.sh [N ...]    (default: 20000 articles)
# env:   ARCHIVAR_DATA   shared data folder (default: ../shared/data)
#        BUILD_DIR       build folder (default: build)
#        ENGINES         engines in order (default: every engine built, see
#                        `archivar_compare engines`; clucene needs libclucene-dev)
#        WORK            scratch folder (default: a new temp folder, removed)
#        OUT             report (default: bench/results/compare.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
sizes=("$@")
((${#sizes[@]})) || sizes=(20000)
data=${ARCHIVAR_DATA:-$root/../shared/data}
build=${BUILD_DIR:-build}
out=${OUT:-bench/results/compare.md}

cmake -S . -B "$build" -G Ninja -DARCHIVAR_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target archivar_compare -j "$(nproc)"
compare="$build/bench/compare/archivar_compare"
engines=(${ENGINES:-$("$compare" engines)})

if [[ -n ${WORK:-} ]]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/archivar-compare.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

results=()
for n in "${sizes[@]}"; do
  dir="$work/$n"
  python3 bench/compare/prepare.py "$n" "$dir" "$data"
  : >"$dir/results.jsonl"
  for engine in "${engines[@]}"; do
    echo "compare: $n articles, $engine: indexing" >&2
    "$compare" index "$engine" "$dir/$engine.db" "$dir/subset.jsonl" | tee -a "$dir/results.jsonl"
    if [[ $engine == xapian || $engine == archivar ]] && command -v xapian-compact >/dev/null; then
      xapian-compact "$dir/$engine.db" "$dir/$engine.compact" >/dev/null
      echo "{\"engine\": \"$engine\", \"phase\": \"compact\", \"index_bytes\": $(du -sb "$dir/$engine.compact" | cut -f1)}" |
        tee -a "$dir/results.jsonl"
      rm -rf "$dir/$engine.compact"
    fi
    echo "compare: $n articles, $engine: querying" >&2
    "$compare" query "$engine" "$dir/$engine.db" "$dir/queries.tsv" "$dir/$engine.top10.tsv" |
      tee -a "$dir/results.jsonl"
  done
  results+=("$dir")
done

python3 bench/compare/report.py "$out" "${results[@]}"
echo "compare: wrote $out" >&2
