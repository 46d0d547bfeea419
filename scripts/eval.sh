#!/usr/bin/env bash
# Ranking quality on the judged sets of ../shared/data (or DATA_DIR), with no
# language given to the engine. Builds the tool if needed; indexes into a
# temporary folder. Usage: bash scripts/eval.sh [DATA_DIR] [-- INDEX_OPTIONS...]
# e.g. bash scripts/eval.sh ../shared/data -- --no-decompound   (ablation)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
shift || true
[[ ${1:-} == -- ]] && shift
index_options=("$@")
judged="$data/judged"
[[ -d $judged ]] || { echo "no judged sets at $judged" >&2; exit 1; }
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target archivar_cli >/dev/null
archivar=build/tools/archivar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== de_xquad_dev + en_xquad_dev in one index"
"$archivar" index -q "${index_options[@]}" --db "$work/xquad.db" "$judged/de_xquad_dev/corpus.jsonl" "$judged/en_xquad_dev/corpus.jsonl"
"$archivar" eval --db "$work/xquad.db" "$judged/de_xquad_dev"
"$archivar" eval --db "$work/xquad.db" "$judged/en_xquad_dev"
for set in de_mlqa_val de_xglue_qam_traindev en_cran en_cacm en_cisi en_med; do
  [[ -d $judged/$set ]] || continue
  echo "== $set"
  "$archivar" index -q "${index_options[@]}" --db "$work/$set.db" "$judged/$set/corpus.jsonl"
  "$archivar" eval --db "$work/$set.db" "$judged/$set"
done
