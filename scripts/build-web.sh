#!/usr/bin/env bash
# Builds the web page into web/dist with npm (installs its packages when the lock file
# changed or they are missing). Needs Node.js and npm, which scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "build-web: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run build --silent
