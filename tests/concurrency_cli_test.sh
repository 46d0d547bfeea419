#!/usr/bin/env bash
# Readers during writes, with processes: `archivar search`, `get` and `stats`
# run again and again while `archivar index` (small batches, so many
# commits) fills the same index; every one must succeed. A second writer
# (`index`, `delete`) must fail at once with exit 1 and say the index is
# locked. Needs $ARCHIVAR and python3.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
writer=""
on_exit '[[ -n $writer ]] && kill "$writer" 2>/dev/null'
db="$work/news.db"

python3 "$here/make_articles.py" 1500 "$work/articles.jsonl" >/dev/null
head -n 50 "$work/articles.jsonl" >"$work/first.jsonl"
"$ARCHIVAR" index --db "$db" -q "$work/first.jsonl" 2>/dev/null
check "initial index" test $? -eq 0

"$ARCHIVAR" index --db "$db" -q --batch 10 "$work/articles.jsonl" 2>"$work/writer.err" &
writer=$!

reads=0
read_failures=0
lock_errors=0
lock_unclear=0
round=0
while kill -0 "$writer" 2>/dev/null; do
  round=$((round + 1))
  if ! "$ARCHIVAR" search --db "$db" --json 'Regierung OR government' >"$work/out" 2>"$work/err"; then
    read_failures=$((read_failures + 1)); echo "search failed: $(cat "$work/err")"
  fi
  if ! "$ARCHIVAR" get --db "$db" --json a000001 a000050 >/dev/null 2>"$work/err"; then
    read_failures=$((read_failures + 1)); echo "get failed: $(cat "$work/err")"
  fi
  if ! "$ARCHIVAR" stats --db "$db" --json >/dev/null 2>"$work/err"; then
    read_failures=$((read_failures + 1)); echo "stats failed: $(cat "$work/err")"
  fi
  reads=$((reads + 3))
  if ((round % 4 == 1)); then
    # A second writer while the first holds the lock: exit 1, clear message.
    "$ARCHIVAR" index --db "$db" -q "$work/first.jsonl" 2>"$work/err2"
    code=$?
    if kill -0 "$writer" 2>/dev/null || [[ $code -ne 0 ]]; then
      if [[ $code -eq 1 ]] && grep -q "locked by another writer" "$work/err2"; then
        lock_errors=$((lock_errors + 1))
      elif [[ $code -ne 0 ]]; then
        lock_unclear=$((lock_unclear + 1)); echo "second writer: exit $code: $(cat "$work/err2")"
      fi
    fi
    "$ARCHIVAR" delete --db "$db" a000002 2>"$work/err2" >/dev/null
    code=$?
    if [[ $code -ne 0 && $code -ne 4 ]] && ! { [[ $code -eq 1 ]] && grep -q "locked" "$work/err2"; }; then
      lock_unclear=$((lock_unclear + 1)); echo "delete: exit $code: $(cat "$work/err2")"
    fi
  fi
done
wait "$writer"
code=$?
writer=""
check "writer finished (exit $code)" test "$code" -eq 0
check "$reads CLI reads during the writes, none failed" test "$read_failures" -eq 0
check "second writers got 'locked' with exit 1 ($lock_errors times)" test "$lock_errors" -ge 1
check "no second writer failed in another way" test "$lock_unclear" -eq 0
"$ARCHIVAR" stats --db "$db" --json >"$work/stats.json"
# a000002 may have been deleted by a delete that came after the writer had
# passed it; everything else is there.
check "index holds the input" json_true "$work/stats.json" "d['articles'] in (1499, 1500)"

# A truncated .gz input: exit 1 naming file and line; the whole lines before
# the cut are committed, the index stays readable.
head -n 300 "$work/articles.jsonl" | gzip -c >"$work/whole.jsonl.gz"
head -c $(($(stat -c %s "$work/whole.jsonl.gz") / 2)) "$work/whole.jsonl.gz" >"$work/cut.jsonl.gz"
"$ARCHIVAR" index --db "$work/cut.db" -q "$work/cut.jsonl.gz" 2>"$work/err"
check "truncated gzip exits 1" test $? -eq 1
check "truncated gzip is named with its line" grep -q "cut.jsonl.gz:[0-9]*: truncated gzip stream" "$work/err"
"$ARCHIVAR" stats --db "$work/cut.db" --json >"$work/stats.json"
check "lines before the cut are committed" json_true "$work/stats.json" "0 < d['articles'] < 300"

finish
