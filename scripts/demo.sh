#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: set up, build, index a real
# German and English text collection from Debian's own packages (fortunes-de
# and fortunes: ~34,000 human-written German and English texts, languages
# not labelled), and run a few searches on it.
# With --serve it ends by starting `archivar serve` on the demo index (the
# search page at http://127.0.0.1:8080/, Ctrl-C stops it); without, it
# prints that command and returns.
# Usage: bash scripts/demo.sh [--serve] [WORK_DIR]   (default: ./out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
serve=false
if [[ ${1:-} == --serve ]]; then serve=true; shift; fi
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

echo
if $serve; then
  echo "Starting the search page and JSON API: open http://127.0.0.1:8080/ (Ctrl-C stops it)"
  exec "$archivar" serve --db "$work/fortunes.db" --listen 127.0.0.1:8080
fi
echo "Search page and JSON API: $archivar serve --db $work/fortunes.db   (then open http://127.0.0.1:8080/)"
