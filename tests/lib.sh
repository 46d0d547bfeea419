# Shared helpers of the shell tests (cli_test.sh, serve_test.sh,
# concurrency_cli_test.sh, disk_full_test.sh, remote_shards_test.sh). Source it after
# `set -uo pipefail`:
#
#   source "$(dirname "$0")/lib.sh"
#
# It creates $work, a fresh temporary folder removed at exit, and runs the
# commands registered with `on_exit` first (newest first: stop a server,
# unmount a filesystem, ...). Checks count into $checks and $failures;
# `finish` prints the summary line ctest shows and returns non-zero when a
# check failed, so it is the script's last command.

checks=0
failures=0
work=$(mktemp -d)
exit_hooks=()

on_exit() {  # on_exit COMMAND-STRING: run at exit, before $work is removed
  exit_hooks=("$1" "${exit_hooks[@]}")
}
run_exit_hooks() {
  local hook
  for hook in "${exit_hooks[@]}"; do eval "$hook"; done
  rm -rf "$work"
}
trap run_exit_hooks EXIT
trap 'exit 129' HUP INT TERM  # so a killed test still runs its exit hooks

check() {  # check NAME CONDITION-COMMAND...: one line "ok   NAME" or "FAIL NAME"
  local name=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    failures=$((failures + 1))
  fi
}

exit_is() { [[ $1 -eq $2 ]]; }          # exit_is ACTUAL EXPECTED (numbers)
eq() { [[ $1 == "$2" ]]; }              # eq ACTUAL EXPECTED (strings)
contains() { grep -qF -- "$2" "$1"; }   # contains FILE TEXT
# json_true FILE EXPRESSION: the Python EXPRESSION over `d` (the file's JSON) is true.
json_true() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$1" "$2"
}

finish() {  # the summary line; status 0 when every check passed
  echo "$((checks - failures)) passed, $failures failed"
  ((failures == 0))
}
