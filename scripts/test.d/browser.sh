# Sourced by scripts/test.sh: builds the web page and tells the browser tests where
# Debian's Chromium is. The tests drive it with playwright-core, headless.
if [ "${TRIALCORE_WITH_BROWSER:-1}" = 1 ]; then
  scripts/build-web.sh
  export TRIALCORE_CHROMIUM=${TRIALCORE_CHROMIUM:-/usr/bin/chromium}
  export TRIALCORE_WEB_ROOT=$PWD/web/dist
fi
