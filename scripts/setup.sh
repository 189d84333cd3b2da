#!/usr/bin/env bash
# Installs what trialcore needs to build and test on a fresh Debian 12 machine.
# Safe to run again: it installs only what is missing, and says so.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libboost-dev libsodium-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  # The sanitized build and the fuzz targets (scripts/build-sanitized.sh).
  clang-14 libclang-rt-14-dev llvm-14
  libreadstat-dev readstat
)
# The web page is built with npm. Node.js may come from elsewhere than Debian (its npm
# conflicts with Debian's): take what is there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# The browser tests drive Debian's Chromium; running the product does not need it.
[ "${TRIALCORE_WITH_BROWSER:-1}" = 1 ] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: every Debian package is present"
fi
