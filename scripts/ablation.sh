#!/usr/bin/env bash
# Ablation of the German/English analysis steps on every judged set of
# ../shared/data (or DATA_DIR): each row turns one step off (at index time,
# or --title-weight 0 at query time) and prints MRR@10 / nDCG@10 per set as
# a Markdown table. Usage: bash scripts/ablation.sh [DATA_DIR] > table.md
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
judged="$data/judged"
[[ -d $judged ]] || { echo "no judged sets at $judged" >&2; exit 1; }
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target archivar_cli >/dev/null
archivar=build/tools/archivar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sets=(de_xquad_dev en_xquad_dev de_mlqa_val de_xglue_qam_traindev en_cran en_cacm en_cisi en_med)
metric() {  # metric DB SET EVAL_OPTIONS...: MRR@10 for one-answer sets, nDCG@10 for classic ones
  local db=$1 set=$2
  shift 2
  local column=3
  [[ $set == en_cran || $set == en_cacm || $set == en_cisi || $set == en_med ]] && column=5
  "$archivar" eval --db "$db" "$@" "$judged/$set" | awk -v c=$column 'NR == 2 { print $c }'
}
row() {  # row LABEL "INDEX OPTIONS" "EVAL OPTIONS"
  local label=$1 index_options=$2 eval_options=$3 line="| $1 |"
  rm -rf "$work"/*.db
  # shellcheck disable=SC2086
  "$archivar" index -q $index_options --db "$work/xquad.db" \
    "$judged/de_xquad_dev/corpus.jsonl" "$judged/en_xquad_dev/corpus.jsonl" 2>/dev/null
  for set in "${sets[@]}"; do
    local db="$work/$set.db"
    [[ $set == *_xquad_dev ]] && db="$work/xquad.db"
    # shellcheck disable=SC2086
    [[ -d $db ]] || "$archivar" index -q $index_options --db "$db" "$judged/$set/corpus.jsonl" 2>/dev/null
    # shellcheck disable=SC2086
    line+=" $(metric "$db" "$set" $eval_options) |"
  done
  echo "$line"
}

header="| configuration |"
for set in "${sets[@]}"; do header+=" $set |"; done
echo "$header"
echo "|---|---|---|---|---|---|---|---|---|"
row "all steps (default)" "" ""
row "no title weight" "" "--title-weight 0"
row "no cleaning" "--no-clean" ""
row "no spelling folding" "--no-fold" ""
row "no decompounding" "--no-decompound" ""
row "no folding, no decompounding" "--no-fold --no-decompound" ""
