#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: set up, build, index a real
# German and English text collection from Debian's own packages (fortunes-de
# and fortunes: ~34,000 human-written German and English texts, languages
# not labelled), and run a few searches on it.
# Usage: bash scripts/demo.sh [WORK_DIR]   (default: ./out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-out/demo}

bash scripts/setup-debian.sh
if ! dpkg-query -W -f='${Status}' fortunes-de fortunes 2>/dev/null | grep -vq "install ok installed" &&
   [[ -d /usr/share/games/fortunes/de ]]; then
  :
else
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fortunes-de fortunes
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)" --target archivar_cli
archivar=build/tools/archivar

mkdir -p "$work"
python3 scripts/fortunes_to_jsonl.py /usr/share/games/fortunes /usr/share/games/fortunes/de \
  > "$work/fortunes.jsonl"
rm -rf "$work/fortunes.db"
"$archivar" index --db "$work/fortunes.db" "$work/fortunes.jsonl"
"$archivar" stats --db "$work/fortunes.db"

search() {
  echo
  echo "\$ archivar search $*"
  "$archivar" search --db "$work/fortunes.db" "$@"
}
search 'Mathematikprofessor Fahrrad'
search 'Häuser'                       # German stemming: finds Haus, Hauses
search --lang en 'computer programmers'
search '"Linux is"'
search --json --size 3 'Liebe OR love'
