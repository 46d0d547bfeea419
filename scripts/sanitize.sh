#!/usr/bin/env bash
# Builds archivar with AddressSanitizer + UndefinedBehaviorSanitizer and with
# ThreadSanitizer (g++, each in its own build folder: build-asan, build-tsan)
# and runs the whole ctest suite under each. Any report fails the run.
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
  # TSan slows the single-threaded indexer most; its crash test only checks
  # that nothing races, so it kills fewer runs over fewer articles.
  # The command-line end-to-end tests (the CLI, a full disk, remote shards,
  # several CLI processes reading while one writes, SIGKILLs of the CLI) run
  # under ASan only: under TSan they took over half of its test seconds
  # (concurrency_cli 124 s, crash_safety 52 s of 814 on 2026-11-26), and the
  # races TSan finds are within one process, where the library,
  # BulkIndexer, serve_http and Concurrency.* tests run under TSan.
  exclude=()
  case $variant in
    asan) flags="address,undefined" ;;
    tsan) flags="thread"
      exclude=(-E '^(cli_end_to_end|disk_full|remote_shards|concurrency_cli|crash_safety)$')
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
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" "${exclude[@]}"
  echo "== sanitize: $variant clean (build $((built - start)) s, tests $((SECONDS - built)) s)"
done
