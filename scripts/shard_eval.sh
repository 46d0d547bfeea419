#!/usr/bin/env bash
# Shard sets on real data, on demand (README "Running on several machines"):
#  1. identical top-10 (ids, scores within 1e-9 relative) between one index,
#     3 local shards and 3 remote shards (xapian-tcpsrv on loopback), on every
#     query of the judged sets over the union of their corpora;
#  2. latency of the remote 3-shard search vs the local single index (same
#     run, same queries, one process each, best of 2 rounds);
#  3. indexing speed: one index (serial) vs 2 shards built in parallel.
# Usage: bash scripts/shard_eval.sh [BUILD_DIR] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
data=${2:-../shared/data}
archivar=$build/tools/archivar
judged=$data/judged
[[ -x $archivar ]] || { echo "no $archivar: build first" >&2; exit 1; }
[[ -d $judged ]] || { echo "no judged sets at $judged" >&2; exit 1; }
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv missing (apt-get install xapian-tools)" >&2; exit 1; }
sets=(en_cisi en_cran en_med en_cacm de_xquad_dev en_xquad_dev de_mlqa_val)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

# One corpus (ids prefixed with the set, so they stay unique) and all queries.
python3 - "$judged" "$work" "${sets[@]}" <<'PY'
import json, sys
judged, work, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(f"{work}/corpus.jsonl", "w") as corpus, open(f"{work}/queries.txt", "w") as queries:
    for name in sets:
        for line in open(f"{judged}/{name}/corpus.jsonl", encoding="utf-8"):
            record = json.loads(line)
            record["id"] = f"{name}/{record['id']}"
            corpus.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in open(f"{judged}/{name}/queries.jsonl", encoding="utf-8"):
            text = " ".join(json.loads(line)["text"].split())
            if text:
                queries.write(text + "\n")
PY
articles=$(wc -l <"$work/corpus.jsonl")
queries=$(wc -l <"$work/queries.txt")
echo "corpus: $articles articles from ${sets[*]}; $queries queries"

seconds() { python3 -c 'import time; print(time.monotonic())'; }
timed_index() {  # timed_index LABEL ARGS...
  local label=$1
  shift
  local t0 t1
  t0=$(seconds)
  "$archivar" index -q "$@" "$work/corpus.jsonl" 2>/dev/null
  t1=$(seconds)
  python3 -c "print(f'index $label: {$t1 - $t0:.1f} s, {$articles / ($t1 - $t0):.0f} articles/s')"
}
timed_index "one index, serial        " --db "$work/one"
timed_index "3 shards, serial         " --shards 3 --db "$work/local"
timed_index "2 shards, built in parallel" --shards 2 -j 2 --db "$work/two"

ports=()
for k in 0 1 2; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$work/local/shard-$k" >/dev/null 2>&1 &
  pids+=($!)
  ports+=("$port")
done
mkdir "$work/remote"
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" >"$work/remote/XAPIANDB"
for port in "${ports[@]}"; do
  for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.1
  done
done

declare -A best
for round in 1 2; do
  for db in one local remote; do
    t0=$(seconds)
    "$archivar" search --db "$work/$db" --queries "$work/queries.txt" --json --size 20 >"$work/$db.jsonl"
    t1=$(seconds)
    ms=$(python3 -c "print(f'{($t1 - $t0) * 1000 / $queries:.3f}')")
    if [[ -z ${best[$db]:-} ]] || python3 -c "import sys; sys.exit(0 if $ms < ${best[$db]} else 1)"; then
      best[$db]=$ms
    fi
  done
done
python3 scripts/shard_compare.py "$work/one.jsonl" "$work/local.jsonl" "$work/remote.jsonl"
status=$?
echo "search latency (mean over $queries queries, size 20, one process, best of 2):"
for db in one local remote; do echo "  $db: ${best[$db]} ms/query"; done
python3 -c "print(f'  remote 3 shards / local single index: {${best[remote]} / ${best[one]}:.2f}x')"
exit $status
