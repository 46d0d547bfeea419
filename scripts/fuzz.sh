#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang (ASan + UBSan, in
# build-fuzz) and runs each for SECONDS (default 25) from its seed corpus.
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
# Targets: json_record query_syntax analyzer html_reader snippet (default: all).
# CI (.ci/run) gives each 20 s; for a longer search on demand pass e.g. 600
# (new coverage accumulates in build-fuzz/corpus/, so runs build on each other).
# Env: JOBS (parallel compile jobs, default: nproc).
# Inputs found to crash are written to build-fuzz/crashes/TARGET/; copy each
# into fuzz/regressions/TARGET/ (the replay test runs them in every build)
# after fixing the bug. New coverage goes to build-fuzz/corpus/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-25}
shift || true
targets=("$@")
((${#targets[@]} > 0)) || targets=(json_record query_syntax analyzer html_reader snippet)
jobs=${JOBS:-$(nproc)}
build_dir=build-fuzz
clang=$(command -v clang++ || command -v clang++-14 || true)
if [[ -z $clang ]]; then
  echo "fuzz.sh: clang++ not found (bash scripts/setup-debian.sh installs it)" >&2
  exit 1
fi

start=$SECONDS
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DARCHIVAR_FUZZ=ON -DARCHIVAR_BUILD_TESTS=OFF \
  -DARCHIVAR_BUILD_TOOLS=OFF -DARCHIVAR_WERROR=ON \
  >/dev/null
cmake --build "$build_dir" -j "$jobs" --target "${targets[@]/#/fuzz_}"
echo "== fuzz: built in $((SECONDS - start)) s"

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The targets run side by side, one per core (each libFuzzer run is one
# process on one core): CI's five 12-s runs take 36 s of wall time on two
# cores instead of 60. Env FUZZ_PARALLEL overrides (1: one after another).
parallel=${FUZZ_PARALLEL:-$(nproc)}
run_target() {  # run_target TARGET: writes build-fuzz/fuzz_TARGET.{log,result}
  local target=$1
  local corpus="$build_dir/corpus/$target"
  local crashes="$build_dir/crashes/$target"
  local log="$build_dir/fuzz_$target.log"
  mkdir -p "$corpus" "$crashes"
  # New inputs go to the first (writable) corpus folder; the seeds and the
  # regressions in the tree are read only.
  if "$build_dir/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
      -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$crashes/" \
      "$corpus" "fuzz/corpus/$target" "fuzz/regressions/$target" >"$log" 2>&1; then
    echo clean >"$build_dir/fuzz_$target.result"
  else
    echo "FAILED (see $log and $crashes/)" >"$build_dir/fuzz_$target.result"
  fi
}
running=0
for target in "${targets[@]}"; do
  rm -f "$build_dir/fuzz_$target.result"
  run_target "$target" &
  running=$((running + 1))
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true
status=0
summary=()
for target in "${targets[@]}"; do
  log="$build_dir/fuzz_$target.log"
  result=$(cat "$build_dir/fuzz_$target.result" 2>/dev/null || echo "FAILED (no result; see $log)")
  if [[ $result != clean ]]; then
    status=1
    tail -n 40 "$log"
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  summary+=("fuzz $target: ${runs:-?} executions in ${seconds} s, $result")
done
printf '== %s\n' "${summary[@]}"
exit $status
