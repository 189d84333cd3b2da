# Sourced by scripts/test.sh: installs the npm packages the CDISC checks use (ajv and
# ajv-formats, tests/cdisc) when they are missing or their lock file changed.
(
  cd tests/cdisc
  stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    echo "test: installing the CDISC checks' npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
)
