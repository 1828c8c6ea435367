#!/usr/bin/env bash
# Debian's Chromium for the /tv browser test (test/charts/tv-viewer.e2e-spec.ts), driven by
# playwright-core. Never `npx playwright install`: it downloads an unpinned browser build.
# Prints the path to export as CHROMIUM_PATH.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi
path="$(command -v chromium)"
"$path" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1 || "$path" --version
echo "CHROMIUM_PATH=$path"
