#!/usr/bin/env bash
# Builds and runs three consumers of an installed archivar outside the
# source tree: C++ (CMake find_package), C (pkg-config) and Python (import
# archivar). Each indexes articles.tsv, runs queries.txt and prints the top
# 10; the outputs must be identical.
# Usage: run_all.sh PREFIX WORK_DIR   (PREFIX from `cmake --install ... --prefix PREFIX`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(cd "$1" && pwd)
work=$2
python=${PYTHON:-python3}
rm -rf "$work"
mkdir -p "$work"

pc=$(find "$prefix" -name archivar.pc -path '*/pkgconfig/*' | head -n 1)
[[ -n $pc ]] || { echo "run_all: no archivar.pc under $prefix" >&2; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir archivar)

# C++: a CMake project that knows nothing but the prefix.
cmake -S "$here" -B "$work/cpp-build" -G "${CMAKE_GENERATOR:-Ninja}" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$work/cpp-build" --target consumer_cpp >/dev/null
"$work/cpp-build/consumer_cpp" "$here/articles.tsv" "$here/queries.txt" "$work/cpp.db" >"$work/cpp.txt"

# C: plain cc with pkg-config, as a Makefile-based site would do.
cc -std=c11 -Wall -Wextra -Wpedantic -Werror $(pkg-config --cflags archivar) \
  "$here/consumer.c" -o "$work/consumer_c" $(pkg-config --libs archivar) -Wl,-rpath,"$libdir"
"$work/consumer_c" "$here/articles.tsv" "$here/queries.txt" "$work/c.db" >"$work/c.txt"

# Python: the installed package, which finds the installed library itself.
PYTHONPATH=$(dirname "$(find "$prefix" -name __init__.py -path '*/archivar/*' | head -n 1)")/.. \
  "$python" "$here/consumer.py" "$here/articles.tsv" "$here/queries.txt" "$work/py.db" >"$work/py.txt"

queries=$(grep -c '^query: ' "$work/cpp.txt")
hits=$(grep -c '^[0-9]' "$work/cpp.txt")
if [[ $queries -ne $(grep -c . "$here/queries.txt") || $hits -lt 30 ]]; then
  echo "run_all: expected every query with hits, got $queries queries and $hits hits" >&2
  cat "$work/cpp.txt" >&2
  exit 1
fi
diff -u "$work/cpp.txt" "$work/c.txt"
diff -u "$work/cpp.txt" "$work/py.txt"
echo "run_all: C++, C and Python print the same top 10 for $queries queries ($hits hits)"
