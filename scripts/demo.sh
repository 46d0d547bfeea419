#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: set up, build, index a real
# German and English text collection from Debian's own packages (the
# LibreOffice help pages, libreoffice-help-de and libreoffice-help-en-us:
# 2 x ~2,560 HTML pages, <html lang> says the language), and run a few
# searches on it. The project ships none of this text; it is installed from
# the package registry.
# Ids are the page paths under the help root without .html
# ("de/text/scalc/guide/datapilot"); urls point at the same page on
# help.libreoffice.org.
# With --serve it ends by starting `archivar serve` on the demo index (the
# search page at http://127.0.0.1:8080/, Ctrl-C stops it); without, it
# prints that command and returns.
# Usage: bash scripts/demo.sh [--serve] [WORK_DIR]   (default: ./out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
serve=false
if [[ ${1:-} == --serve ]]; then serve=true; shift; fi
work=${1:-out/demo}
help_root=/usr/share/libreoffice/help

bash scripts/setup-debian.sh
help_packages=(libreoffice-help-de libreoffice-help-en-us)
if ! dpkg-query -W -f='${Status}\n' "${help_packages[@]}" 2>/dev/null | grep -c "install ok installed" |
     grep -qx 2; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  # Without recommends they pull in only libreoffice-common (and its small
  # dependencies), not the office suite.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${help_packages[@]}"
fi
version=$(dpkg-query -W -f='${Version}' libreoffice-help-de | sed -E 's/^[0-9]+://; s/^([0-9]+\.[0-9]+).*/\1/')

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)" --target archivar_cli
archivar=build/tools/archivar

mkdir -p "$work"
db="$work/libreoffice-help.db"
rm -rf "$db"
# Only the pages under */text/ (the folders also hold the help viewer's
# scripts). A few pages hold only pictures (screenshots lists): they are
# rejected as "no text in the HTML page", which is why exit 3 is expected.
# One run per help module, so the module is the articles' source (a facet
# on the search page); the first run creates the index.
modules=(scalc:Calc swriter:Writer simpress:Impress sdraw:Draw sdatabase:Base
         schart:Chart smath:Math sbasic:Basic shared:"All modules")
: >"$work/index.log"
for module in "${modules[@]}"; do
  folder=${module%%:*}
  status=0
  "$archivar" index --db "$db" -q --id-root "$help_root" --source "${module#*:}" \
    --url-prefix "https://help.libreoffice.org/$version/" \
    "$help_root/de/text/$folder" "$help_root/en-US/text/$folder" 2>>"$work/index.log" || status=$?
  if ((status != 0 && status != 3)); then cat "$work/index.log" >&2; exit "$status"; fi
done
echo "indexed: $(grep -c ': no text in the HTML page' "$work/index.log") picture-only pages rejected (see $work/index.log)"
"$archivar" stats --db "$db"

search() {
  echo
  echo "\$ archivar search $*"
  "$archivar" search --db "$db" --size 5 "$@"
}
search 'Tabelle einfügen'
search 'Seitenzahlen'                 # German stemming: Seitenzahl, Seitenzahlen
search 'Zellen verbinden'
search --lang en 'pivot table'
search '"conditional formatting"'          # a phrase

echo
if $serve; then
  echo "Starting the search page and JSON API: open http://127.0.0.1:8080/ (Ctrl-C stops it)"
  exec "$archivar" serve --db "$db" --listen 127.0.0.1:8080
fi
echo "Search page and JSON API: $archivar serve --db $db   (then open http://127.0.0.1:8080/)"
