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
#                        `archivar_compare engines`; clucene needs libclucene-dev;
#                        plus lucene when javac and Lucene 8's jars are there)
#        WORK            scratch folder (default: a new temp folder, removed)
#        OUT             report (default: bench/results/compare.md)
#        ARCHIVAR_MALLOC jemalloc (default when the build found it: the archivar
#                        command links it, so archivar's runs preload it) or glibc
#        SNIPPET_LENGTH  raw Xapian and archivar also run the queries with a
#                        snippet of this many characters per hit (default 200;
#                        0 skips that pass)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
sizes=("$@")
((${#sizes[@]})) || sizes=(20000)
data=${ARCHIVAR_DATA:-$root/../shared/data}
build=${BUILD_DIR:-build}
out=${OUT:-bench/results/compare.md}
snippet_length=${SNIPPET_LENGTH:-200}

# Install step for the Java peer (Lucene 8): Debian's JDK and Lucene jars.
# Only as root and only when missing; without them the lucene column is left out.
lucene_jars() { ls /usr/share/java/lucene-{core,analyzers-common,queryparser}-8*.jar 2>/dev/null; }
if [[ $(lucene_jars | wc -l) -ne 3 || -z $(command -v javac) ]] && ((EUID == 0)); then
  echo "compare: installing openjdk-17-jdk-headless liblucene8-java for the Lucene 8 peer" >&2
  apt-get install -y -q openjdk-17-jdk-headless liblucene8-java >/dev/null || true
fi

cmake -S . -B "$build" -G Ninja -DARCHIVAR_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target archivar_compare -j "$(nproc)"
compare="$build/bench/compare/archivar_compare"
default_engines=$("$compare" engines)

# The Lucene 8 peer (bench/compare/lucene/LuceneCompare.java), compiled here.
lucene_cp=""
if [[ $(lucene_jars | wc -l) -eq 3 ]] && command -v javac >/dev/null; then
  classes="$build/bench/compare/lucene-classes"
  mkdir -p "$classes"
  lucene_cp="$classes:$(lucene_jars | paste -sd:)"
  javac -d "$classes" -cp "$lucene_cp" bench/compare/lucene/LuceneCompare.java
  default_engines="$default_engines lucene"
else
  echo "compare: no javac or Lucene 8 jars (liblucene8-java): lucene left out" >&2
fi
engines=(${ENGINES:-$default_engines})

# archivar's runs use the allocator the archivar command links (jemalloc when
# the build found it, tools/CMakeLists.txt); the peers keep glibc's malloc, as
# their own programs would.
archivar_preload=""
jemalloc=$(sed -n 's/^ARCHIVAR_JEMALLOC_LIBRARY:FILEPATH=//p' "$build/CMakeCache.txt")
if [[ ${ARCHIVAR_MALLOC:-jemalloc} == jemalloc && -n $jemalloc && -e $jemalloc ]]; then
  archivar_preload=$jemalloc
  echo "compare: archivar runs with jemalloc ($jemalloc), as the archivar command" >&2
else
  echo "compare: archivar runs with glibc's malloc" >&2
fi

# One engine, one phase, one JSON line: archivar_compare, or the Java peer.
run_engine() {
  local phase=$1 engine=$2
  shift 2
  if [[ $engine == lucene ]]; then
    java -cp "$lucene_cp" LuceneCompare "$phase" "$@"
  else
    if [[ $engine == archivar && -n $archivar_preload ]]; then
      LD_PRELOAD=$archivar_preload "$compare" "$phase" "$engine" "$@"
    else
      "$compare" "$phase" "$engine" "$@"
    fi
  fi
}

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
    run_engine index "$engine" "$dir/$engine.db" "$dir/subset.jsonl" | tee -a "$dir/results.jsonl"
    if [[ $engine == xapian || $engine == archivar ]] && command -v xapian-compact >/dev/null; then
      xapian-compact "$dir/$engine.db" "$dir/$engine.compact" >/dev/null
      echo "{\"engine\": \"$engine\", \"phase\": \"compact\", \"index_bytes\": $(du -sb "$dir/$engine.compact" | cut -f1)}" |
        tee -a "$dir/results.jsonl"
      rm -rf "$dir/$engine.compact"
    fi
    echo "compare: $n articles, $engine: querying" >&2
    run_engine query "$engine" "$dir/$engine.db" "$dir/queries.tsv" "$dir/$engine.top10.tsv" |
      tee -a "$dir/results.jsonl"
    if [[ $engine == xapian || $engine == archivar ]] && ((snippet_length > 0)); then
      echo "compare: $n articles, $engine: querying with snippets" >&2
      run_engine query-snippets "$engine" "$dir/$engine.db" "$dir/queries.tsv" "$snippet_length" |
        tee -a "$dir/results.jsonl"
    fi
  done
  results+=("$dir")
done

python3 bench/compare/report.py "$out" "${results[@]}"
echo "compare: wrote $out" >&2
