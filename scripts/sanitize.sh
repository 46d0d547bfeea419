#!/usr/bin/env bash
# Builds archivar with AddressSanitizer + UndefinedBehaviorSanitizer and with
# ThreadSanitizer (g++, each in its own build folder: build-asan, build-tsan)
# and runs ctest under each: the whole suite under ASan+UBSan, the tests that
# start threads under TSan (see below). Any report fails the run.
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
# and a smaller "50 MB" article in the hostile-input test (unless set).
export ARCHIVAR_CRASH_KILLS=${ARCHIVAR_CRASH_KILLS:-15}
export ARCHIVAR_BIG_ARTICLE_MB=${ARCHIVAR_BIG_ARTICLE_MB:-8}
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/scripts/sanitizers/tsan.supp"

for variant in "${variants[@]}"; do
  # TSan finds data races between threads, so it runs the tests that start
  # threads: the library's only threads are BulkIndexer's shard workers and
  # serve's connection and searcher pools; Concurrency.* and CrashSafety.*
  # run readers and writers in threads, Spelling/BulkSpelling build in
  # parallel, serve_http drives the multi-threaded server. Every other test
  # is single-threaded (no race to find) and runs under ASan+UBSan. The
  # whole suite under TSan took 770 s of CI's 30-minute budget (2026-11-26).
  select=()
  case $variant in
    asan) flags="address,undefined" ;;
    tsan) flags="thread"
      select=(-R '^(BulkIndexer[.]|Stages/BulkIndexerInterrupted[.]|Concurrency[.]|CrashSafety[.]|BulkSpelling[.]|Spelling[.]|serve_http$)')
      ;;
    *) echo "sanitize.sh: unknown variant '$variant' (asan or tsan)" >&2; exit 2 ;;
  esac
  start=$SECONDS
  build_dir="build-$variant"
  echo "== sanitize: $variant ($flags) in $build_dir"
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DARCHIVAR_WERROR=ON -DARCHIVAR_SANITIZE="$flags" >/dev/null
  cmake --build "$build_dir" -j "$jobs"
  built=$SECONDS
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" "${select[@]}"
  echo "== sanitize: $variant clean (build $((built - start)) s, tests $((SECONDS - built)) s)"
done
