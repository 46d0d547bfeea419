#!/usr/bin/env bash
# Disk full and read-only index (issue 7, part 6). On a small tmpfs made
# here (needs root; otherwise SKIP, exit 77):
#  - `archivar index` fills the disk: it exits 1 naming the index path and
#    "no space left on device"; the index still opens with exactly the
#    committed batches (ids and every field compared with the input,
#    tests/committed_prefix.py), searches work, a retry loses nothing;
#  - `archivar compact` on the full disk: exit 1, no copy left, index as it
#    was;
#  - a new index built in parallel shards on the full disk fails the same
#    way and leaves no folder behind;
#  - once the tmpfs is grown, re-running the input completes it;
#  - remounted read-only: index, delete and creating a new index exit 1
#    saying the file system is read-only; search and get still work;
#  - chmod a-w on the index folder, as an unprivileged user (root ignores
#    permissions): exit 1, "permission denied", nothing lost.
# Needs $ARCHIVAR, python3, mount/umount; setpriv for the chmod case.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
skip() {
  echo "SKIP $1"
  exit 77
}

batch=20
mnt="$work/mnt"
mkdir "$mnt"
[[ $(id -u) -eq 0 ]] || skip "mounting a size-limited tmpfs needs root"
mount -t tmpfs -o size=2m,mode=0755 tmpfs "$mnt" 2>"$work/mount.err" ||
  skip "cannot mount a tmpfs here: $(cat "$work/mount.err")"
on_exit "umount '$mnt' 2>/dev/null || umount -l '$mnt'"

# ~1.2 MB of real text, more than its index fits into 2 MiB.
python3 "$here/make_articles.py" 600 "$work/articles.jsonl" --max-body 3000 >/dev/null
total=$(wc -l <"$work/articles.jsonl")
db="$mnt/news.db"
# A word of the first article: searches on the damaged disk must find it.
word=$(python3 -c 'import json, re, sys
body = json.loads(open(sys.argv[1], encoding="utf-8").readline())["body"]
print(max(re.findall(r"[^\W\d_]{6,}", body), key=len))' "$work/articles.jsonl")
prefix() { python3 "$here/committed_prefix.py" "$ARCHIVAR" "$1" "$work/articles.jsonl" "$batch" "${@:2}"; }

# 1. The disk fills up during indexing.
"$ARCHIVAR" index --db "$db" -q --batch "$batch" "$work/articles.jsonl" 2>"$work/err"
check "index on a full disk exits 1" exit_is $? 1
check "the error names the index path" contains "$work/err" "$db"
check "the error says no space left on device" contains "$work/err" "no space left on device"
echo "     ($(head -c 300 "$work/err"))"
prefix "$db" >"$work/n" 2>&1
check "index holds exactly the committed batches: $(cat "$work/n")" exit_is $? 0
committed=$(cat "$work/n")
check "some batches were committed, not all" test "$committed" -gt 0 -a "$committed" -lt "$total"
"$ARCHIVAR" search --db "$db" --json "$word" >"$work/search.json"
check "search works on the full disk ($word)" json_true "$work/search.json" "len(d['hits']) > 0"

"$ARCHIVAR" index --db "$db" -q --batch "$batch" "$work/articles.jsonl" 2>"$work/err"
check "a retry on the full disk exits 1" exit_is $? 1
prefix "$db" >"$work/n" 2>&1
check "the retry lost nothing ($(cat "$work/n") articles)" test "$(cat "$work/n")" -ge "$committed"

# 1b. Compaction needs room for a second copy: on the full disk it fails,
# removes its partial copy and leaves the index as it was.
before=$(cat "$work/n")
"$ARCHIVAR" compact --db "$db" 2>"$work/err"
check "compact on a full disk exits 1" exit_is $? 1
check "its error says no space left on device" contains "$work/err" "no space left on device"
check "it leaves no copy beside the index" bash -c "! ls -d '$db'.compact-* 2>/dev/null | grep -q ."
prefix "$db" >"$work/n" 2>&1
check "the index is as before ($(cat "$work/n") articles)" test "$(cat "$work/n")" -eq "$before"

# 2. A new index in parallel shards on the full disk.
"$ARCHIVAR" index --db "$mnt/par.db" -q --threads 2 "$work/articles.jsonl" 2>"$work/err"
check "parallel build on a full disk exits 1" exit_is $? 1
check "its error says no space left on device" contains "$work/err" "no space left on device"
check "it leaves no index folder or scratch behind" \
  bash -c "! ls -d '$mnt'/par.db* 2>/dev/null | grep -q ."

# 3. More space: the same input completes, every article once.
mount -o remount,size=32m "$mnt"
"$ARCHIVAR" index --db "$db" -q --batch "$batch" "$work/articles.jsonl" 2>"$work/err"
check "with space again the re-run exits 0" exit_is $? 0
prefix "$db" --all >"$work/n" 2>&1
check "every article present once, equal to its input" exit_is $? 0

# 4. Read-only file system.
head -n 5 "$work/articles.jsonl" | sed 's/"id": *"a0/"id": "ro-a0/' >"$work/more.jsonl"
mount -o remount,ro "$mnt"
"$ARCHIVAR" index --db "$db" -q "$work/more.jsonl" 2>"$work/err"
check "index into a read-only index exits 1" exit_is $? 1
check "the error names the path" contains "$work/err" "$db"
check "the error says read-only, not 'locked by another writer'" \
  bash -c "grep -q 'read-only' '$work/err' && ! grep -q 'another writer' '$work/err'"
echo "     ($(head -c 300 "$work/err"))"
"$ARCHIVAR" delete --db "$db" a000001 2>"$work/err" >/dev/null
check "delete on a read-only index exits 1" exit_is $? 1
check "delete says read-only" contains "$work/err" "read-only"
"$ARCHIVAR" index --db "$mnt/new.db" -q "$work/more.jsonl" 2>"$work/err"
check "a new index on a read-only disk exits 1" exit_is $? 1
check "its error names the path and says read-only" \
  bash -c "grep -q '$mnt/new.db' '$work/err' && grep -q 'read-only' '$work/err'"
prefix "$db" --all >"$work/n" 2>&1
check "read-only: nothing lost ($(cat "$work/n") articles)" exit_is $? 0
"$ARCHIVAR" search --db "$db" --json "$word" >"$work/search.json"
check "read-only: search works" json_true "$work/search.json" "len(d['hits']) > 0"
"$ARCHIVAR" get --db "$db" a000001 >/dev/null
check "read-only: get works" exit_is $? 0
mount -o remount,rw "$mnt"

# 5. chmod a-w, as an unprivileged user (root would ignore the mode).
if command -v setpriv >/dev/null; then
  chmod 0755 "$work"
  chmod -R a+rX "$db" && chmod -R a-w "$db"
  as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
  as_nobody "$ARCHIVAR" index --db "$db" -q "$work/more.jsonl" 2>"$work/err"
  check "chmod a-w: index exits 1" exit_is $? 1
  check "chmod a-w: the error names the path, permission denied" \
    bash -c "grep -q '$db' '$work/err' && grep -q 'permission denied' '$work/err'"
  echo "     ($(head -c 300 "$work/err"))"
  as_nobody "$ARCHIVAR" search --db "$db" --json "$word" >"$work/search.json"
  check "chmod a-w: search works" json_true "$work/search.json" "len(d['hits']) > 0"
  prefix "$db" --all >"$work/n" 2>&1
  check "chmod a-w: nothing lost" exit_is $? 0
else
  echo "skip chmod case: setpriv not found"
fi

finish
