#!/usr/bin/env bash
# Remote shards end to end: three xapian-tcpsrv processes on loopback serve
# the shards of a set built from our fixtures; searches through them must
# equal one local index; then one server is stopped and the fault behaviour
# checked (fail fast naming the shard, --allow-partial, a server dying
# between two queries of one process, an unresponsive server and timeouts).
# Needs $ARCHIVAR, $FIXTURES, $COMPARE (scripts/shard_compare.py).
# Exit 77 (ctest: skipped) when xapian-tcpsrv is not installed.
set -uo pipefail

if ! command -v xapian-tcpsrv >/dev/null; then
  echo "SKIP: xapian-tcpsrv not found (Debian package xapian-tools, scripts/setup-debian.sh)"
  exit 77
fi

source "$(dirname "$0")/lib.sh"
pids=()
stop_servers() {
  # Each server leads its own process group (setsid): signal the group,
  # continue it in case it was stopped, and wait for it.
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null
    kill -CONT -- "-$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null
  done
  [[ -n "${coproc_pid:-}" ]] && kill "$coproc_pid" 2>/dev/null
}
on_exit stop_servers

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for_port() {  # the server accepts connections (up to 10 s)
  for _ in $(seq 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null &&
      return 0
    sleep 0.1
  done
  return 1
}

inputs=("$FIXTURES/serve/articles.jsonl" "$FIXTURES/cli/news.jsonl" "$FIXTURES/cli/wire.jsonl")
"$ARCHIVAR" index -q --db "$work/one" "${inputs[@]}" 2>/dev/null
"$ARCHIVAR" index -q --shards 3 --db "$work/local" "${inputs[@]}" 2>"$work/err"
check "index --shards 3 builds a set" contains "$work/local/XAPIANDB" "auto shard-2"

# Serve each shard on its own loopback port, in its own process group.
ports=()
for k in 0 1 2; do
  port=$(free_port)
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$work/local/shard-$k" \
    >"$work/tcpsrv-$k.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do check "xapian-tcpsrv listens on $port" wait_for_port "$port"; done
mkdir "$work/remote"
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" >"$work/remote/XAPIANDB"

# Same answers: every title word and title of the fixtures as a query, and
# each title as a question (the adjacent-pair rerank reads positions
# through the remote shards).
python3 - "${inputs[@]}" >"$work/queries.txt" <<'PY'
import json, sys
queries = set()
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        title = json.loads(line)["title"]
        queries.add(title)
        queries.update(title.split())
        queries.add(f"Was ist {title}?")
print("\n".join(sorted(queries)))
PY
for db in one local remote; do
  "$ARCHIVAR" search --db "$work/$db" --queries "$work/queries.txt" --json --size 20 \
    --facet lang --facet year >"$work/$db.jsonl" 2>"$work/$db.err"
done
check "searched $(wc -l <"$work/queries.txt") queries remotely" exit_is "$(wc -l <"$work/remote.jsonl")" "$(wc -l <"$work/queries.txt")"
python3 "$COMPARE" "$work/one.jsonl" "$work/local.jsonl" "$work/remote.jsonl" >"$work/compare" 2>&1
check "1 index, 3 local, 3 remote shards: identical top-10" exit_is $? 0
cat "$work/compare"
python3 - "$work/one.jsonl" "$work/remote.jsonl" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
sys.exit(0 if all(x["facets"] == y["facets"] for x, y in zip(a, b)) else 1)
PY
check "remote facets (lang, year) equal one index's" exit_is $? 0

"$ARCHIVAR" get --db "$work/remote" de-1 >"$work/out" 2>&1
check "get through remote shards" contains "$work/out" "Köln"
"$ARCHIVAR" stats --db "$work/remote" >"$work/out" 2>&1
check "stats through remote shards" contains "$work/out" "shards:          3"
"$ARCHIVAR" shard status --db "$work/remote" >"$work/status" 2>&1
check "shard status: all up (exit 0)" exit_is $? 0
check "shard status lists shard 2/3" contains "$work/status" "shard 2/3 (remote 127.0.0.1:${ports[2]})"

# One process, a server dying between two of its queries: with
# --allow-partial the second answer names the missing shard.
coproc searcher { "$ARCHIVAR" search --db "$work/remote" --queries - --json --allow-partial 2>/dev/null; }
coproc_pid=$searcher_PID
echo "Bahn" >&"${searcher[1]}"
read -r -t 30 first <&"${searcher[0]}"
kill -TERM -- "-${pids[1]}"
for _ in $(seq 50); do kill -0 "${pids[1]}" 2>/dev/null || break; sleep 0.1; done
echo "Bahn" >&"${searcher[1]}"
read -r -t 30 second <&"${searcher[0]}"
exec {searcher[1]}>&-
check "first answer complete" python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit('missing_shards' in d)" "${first:-{\}}"
check "answer after a server died names it" python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['missing_shards'] == ['shard 1/3 (remote 127.0.0.1:${ports[1]})'] else 1)" "${second:-{\}}"

# archivar serve over the remote set, partial: answers without shard 1
# (down now) and says so in its JSON.
if command -v curl >/dev/null; then
  timeout 120 "$ARCHIVAR" serve --db "$work/remote" --allow-partial --remote-timeout 2000 \
    --connect-timeout 2000 --listen 127.0.0.1:0 >"$work/serve.out" 2>/dev/null &
  serve_pid=$!
  for _ in $(seq 100); do grep -q '127\.0\.0\.1:[0-9]' "$work/serve.out" && break; sleep 0.1; done
  serve_port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -1 | cut -d: -f2)
  curl -s "http://127.0.0.1:$serve_port/search?q=Bahn" >"$work/serve.json"
  check "serve --allow-partial answers without the down shard" contains "$work/serve.json" "\"missing_shards\":[\"shard 1/3"
  kill "$serve_pid" 2>/dev/null
  wait "$serve_pid" 2>/dev/null
fi

# Shard 1 is down: fail with its name, or answer from the others.
timeout 60 "$ARCHIVAR" search --db "$work/remote" --connect-timeout 2000 Bahn >"$work/out" 2>"$work/err"
check "down shard: search fails (exit 1)" exit_is $? 1
check "down shard: error names it" contains "$work/err" "shard 1/3 (remote 127.0.0.1:${ports[1]})"
timeout 60 "$ARCHIVAR" search --db "$work/remote" --allow-partial --json Bahn >"$work/out" 2>"$work/err"
check "--allow-partial answers (exit 0)" exit_is $? 0
check "--allow-partial warns on stderr" contains "$work/err" "answering without shard 1/3"
check "--allow-partial --json lists missing_shards" contains "$work/out" "\"missing_shards\":[\"shard 1/3"
"$ARCHIVAR" shard status --db "$work/remote" >"$work/status" 2>&1
check "shard status: exit 1 with a shard down" exit_is $? 1
check "shard status marks it DOWN" contains "$work/status" "DOWN"

# An unresponsive server (stopped, its socket still accepting): the
# timeout ends the wait instead of hanging.
kill -STOP -- "-${pids[2]}"
timeout 60 "$ARCHIVAR" search --db "$work/remote" --remote-timeout 500 --connect-timeout 500 \
  --allow-partial --json Bahn >"$work/out" 2>"$work/err"
check "stopped server + timeout: answers from the last shard" exit_is $? 0
check "stopped server is reported missing" contains "$work/out" "shard 2/3 (remote 127.0.0.1:${ports[2]})"
kill -CONT -- "-${pids[2]}"

# Operations on the local set (README "Running on several machines").
same_as_one() {  # same_as_one SET: identical top-10 to the single index
  "$ARCHIVAR" search --db "$1" --queries "$work/queries.txt" --json --size 20 \
    --facet lang --facet year >"$work/ops.jsonl" 2>/dev/null &&
    python3 "$COMPARE" "$work/one.jsonl" "$work/ops.jsonl" >/dev/null
}
# Rebuild shard 1 in place: an empty shard 1 tagged for a 3-shard set (from
# a scratch set given no articles), swapped in, then refilled from the
# sources with --only-shard 1 (the writer sees the other shards, so
# near-duplicates still cluster across shards).
shard1_articles() {
  "$ARCHIVAR" shard status --db "$work/local" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[1]["articles"])'
}
before=$(shard1_articles)
"$ARCHIVAR" index -q --shards 3 --db "$work/empty" /dev/null 2>/dev/null
mv "$work/local/shard-1" "$work/shard-1.old"
mv "$work/empty/shard-1" "$work/local/shard-1"
"$ARCHIVAR" index -q --only-shard 1 --db "$work/local" "${inputs[@]}" 2>"$work/err"
check "rebuild: refilling shard 1 succeeds" exit_is $? 0
check "rebuilt shard 1 holds its $before articles again" exit_is "$(shard1_articles)" "$before"
check "rebuilt shard 1: set answers like one index" same_as_one "$work/local"
# Compact every shard with xapian-compact (no writer running) and swap in.
for k in 0 1 2; do
  xapian-compact "$work/local/shard-$k" "$work/local/shard-$k.compact" >/dev/null &&
    mv "$work/local/shard-$k" "$work/shard-$k.uncompacted" &&
    mv "$work/local/shard-$k.compact" "$work/local/shard-$k"
done
check "compacted shards: set answers like one index" same_as_one "$work/local"
# Add a shard: re-route every article into a new set of 4 (serial, so
# near-duplicates cluster across shards), then swap sets.
"$ARCHIVAR" index -q --shards 4 --db "$work/four" "${inputs[@]}" 2>/dev/null
check "4-shard set answers like one index" same_as_one "$work/four"

# Writing through remote shards served by `xapian-tcpsrv --writable`: the
# same additions and deletion as on the single index give the same answers.
wports=()
for k in 0 1 2; do
  port=$(free_port)
  setsid xapian-tcpsrv --quiet --writable --interface 127.0.0.1 --port "$port" \
    "$work/local/shard-$k" >"$work/tcpsrv-w$k.log" 2>&1 &
  pids+=($!)
  wports+=("$port")
done
for port in "${wports[@]}"; do wait_for_port "$port"; done
mkdir "$work/remote-w"
printf 'remote 127.0.0.1:%s\n' "${wports[@]}" >"$work/remote-w/XAPIANDB"
"$ARCHIVAR" index -q --db "$work/remote-w" "$FIXTURES/ingest/articles.jsonl" 2>/dev/null
"$ARCHIVAR" delete --db "$work/remote-w" de-1 >/dev/null 2>&1
check "delete through writable remote shards" exit_is $? 0
"$ARCHIVAR" index -q --db "$work/one" "$FIXTURES/ingest/articles.jsonl" 2>/dev/null
"$ARCHIVAR" delete --db "$work/one" de-1 >/dev/null 2>&1
"$ARCHIVAR" get --db "$work/remote-w" de-1 >/dev/null 2>&1
check "deleted article is gone" exit_is $? 4
"$ARCHIVAR" search --db "$work/one" --queries "$work/queries.txt" --json --size 20 \
  --facet lang --facet year >"$work/one.jsonl" 2>/dev/null
check "writes through remote shards: set answers like one index" same_as_one "$work/remote-w"

finish
