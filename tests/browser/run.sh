#!/usr/bin/env bash
# Browser test of the search page: installs playwright-core (npm ci) if
# needed, builds a small index from tests/fixtures/serve, and runs
# serve_page.test.mjs in Debian's headless Chromium (/usr/bin/chromium).
# Usage: ARCHIVAR=build/tools/archivar [OUT_DIR=dir] bash tests/browser/run.sh
# The screenshot goes to $OUT_DIR (default: a temp dir, printed at the end).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
archivar=$(realpath "${ARCHIVAR:-$here/../../build/tools/archivar}")
out_dir=${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/archivar-browser.XXXXXX")}
mkdir -p "$out_dir"

if [[ ! -x /usr/bin/chromium ]]; then
  echo "browser test: /usr/bin/chromium missing (bash scripts/setup-debian.sh installs it)" >&2
  exit 1
fi
if [[ ! -d $here/node_modules/playwright-core ]] ||
   [[ $here/package-lock.json -nt $here/node_modules/.package-lock.json ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$archivar" index -q --db "$work/articles.db" "$here/../fixtures/serve/articles.jsonl" 2>/dev/null
ARCHIVAR=$archivar DB=$work/articles.db OUT_DIR=$out_dir timeout 180 node "$here/serve_page.test.mjs"
echo "browser test: screenshot in $out_dir/search-page.png"
