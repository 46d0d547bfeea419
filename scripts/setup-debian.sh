#!/usr/bin/env bash
# Installs the Debian 12 packages archivar needs to build, test and run its
# demo. Safe to run again; needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libxapian-dev xapian-tools libicu-dev libstemmer-dev libcld2-dev libgumbo-dev
  libboost-program-options-dev nlohmann-json3-dev zlib1g-dev libzstd-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev libclucene-dev gnuplot-nox
  python3 python3-pytest python3-xapian wngerman wamerican
  libcpp-httplib-dev curl chromium
  clang libclang-rt-14-dev
)
# The browser test drives chromium with playwright-core from npm; use the
# machine's node/npm when there is one, else Debian's.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all build packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
