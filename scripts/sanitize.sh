#!/usr/bin/env bash
# Builds archivar with AddressSanitizer + UndefinedBehaviorSanitizer and with
# ThreadSanitizer (g++, each in its own build folder: build-asan, build-tsan)
# and runs the tests under each: the whole suite under ASan+UBSan, the tests
# that start threads under TSan (see below). Any report fails the run.
# Usage: bash scripts/sanitize.sh [asan|tsan]...   (default: both)
# Env: JOBS (parallel compile jobs, default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${JOBS:-$(nproc)}
variants=("$@")
((${#variants[@]} > 0)) || variants=(asan tsan)

# Reports stop the program with an error exit; the crash test and the CLI
# tests run the real binary, which inherits these.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
# Sanitized code runs several times slower: fewer kills in the crash test
# (the normal build's run kills 50 + 15 times; here each recovery path is
# still taken several times: ~70 s of CI's ASan stage at 15 + 5) and a
# smaller "50 MB" article in the hostile-input test (unless set).
export ARCHIVAR_CRASH_KILLS=${ARCHIVAR_CRASH_KILLS:-8}
export ARCHIVAR_CRASH_COMPACT_KILLS=${ARCHIVAR_CRASH_COMPACT_KILLS:-3}
export ARCHIVAR_BIG_ARTICLE_MB=${ARCHIVAR_BIG_ARTICLE_MB:-8}
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/scripts/sanitizers/tsan.supp"

# Runs a unit-test program in-process, in $jobs gtest shards side by side:
# one process per test case (as ctest runs them) costs ~0.3 s of sanitizer
# start-up each, and suites' shared fixtures would be rebuilt per case.
run_unit_shards() {  # run_unit_shards PROGRAM
  local program=$1 pids=() status=0 i
  for ((i = 0; i < jobs; i++)); do
    GTEST_TOTAL_SHARDS=$jobs GTEST_SHARD_INDEX=$i "$program" --gtest_brief=1 \
      >"$program.shard$i.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      status=1
      echo "== sanitize: $program shard $i failed:"
      tail -n 80 "$program.shard$i.log"
    fi
  done
  return $status
}

for variant in "${variants[@]}"; do
  # TSan finds data races between threads, so it runs the tests that start
  # threads: the library's only threads are BulkIndexer's shard workers and
  # serve's connection and searcher pools. archivar_thread_tests holds the
  # unit tests that start them (BulkIndexer, Concurrency.* and CrashSafety.*
  # readers and writers, the parallel spelling build); serve_http drives
  # the multi-threaded server. Every other test is single-threaded (no race
  # to find) and runs under ASan+UBSan. The whole suite under TSan took 770 s
  # of CI's 30-minute budget (2026-11-26).
  case $variant in
    asan) flags="address,undefined" targets=(all) ;;
    tsan) flags="thread" targets=(archivar_thread_tests archivar_cli) ;;
    *) echo "sanitize.sh: unknown variant '$variant' (asan or tsan)" >&2; exit 2 ;;
  esac
  start=$SECONDS
  build_dir="build-$variant"
  echo "== sanitize: $variant ($flags) in $build_dir"
  # -g1: line tables for the reports' stack traces, ~30 % less compile time
  # than full debug information.
  # Unity build, 16 sources per unity file: each sanitized build is compiled
  # once from scratch, and a unity file parses the common headers (Xapian,
  # ICU, GoogleTest, the standard library) once for up to 16 sources. Clean
  # builds at -j2 on a shared 2-core machine (2026-11-30, alternating runs;
  # the busy machine's slowest left out): ASan+UBSan, all targets, 365-414 s
  # per source, 176-198 s at 8 per unity file, 155-187 s at 16; TSan's two
  # targets 134-160 s, 65-72 s, 51-56 s. scripts/test.sh keeps the
  # per-source build, so CI compiles the code both ways.
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 \
    -DARCHIVAR_WERROR=ON -DARCHIVAR_SANITIZE="$flags" >/dev/null
  cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"
  built=$SECONDS
  case $variant in
    asan)
      run_unit_shards "$build_dir/tests/archivar_tests"
      run_unit_shards "$build_dir/tests/archivar_thread_tests"
      # public_headers_compile_alone only compiles headers: nothing to sanitize.
      ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" -LE unit \
        -E '^public_headers_compile_alone$'
      ;;
    tsan)
      run_unit_shards "$build_dir/tests/archivar_thread_tests"
      ctest --test-dir "$build_dir" --output-on-failure -R '^serve_http$'
      ;;
  esac
  echo "== sanitize: $variant clean (build $((built - start)) s, tests $((SECONDS - built)) s)"
done
