#!/usr/bin/env bash
# Installs what `truce report` and its browser test need, only where something is missing.
# Safe to run again:
#   - Debian's chromium (prints the PDF; the browser test drives it) and poppler-utils
#     (pdftoppm, to look at a PDF's pages as pictures);
#   - the npm packages in package-lock.json (vega, vega-lite, vega-embed: inlined into every
#     report; playwright-core: drives Chromium in tests/report/browser_check.mjs), with
#     `npm ci`, skipped when node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(chromium poppler-utils nodejs npm)
missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node from another source (e.g. nodesource's nodejs bundles npm) counts as installed.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if ((${#missing[@]})); then
  echo "setup-report: installing ${missing[*]}"
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when node_modules is missing or older than the lock file (npm writes
# node_modules/.package-lock.json on every install).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   [ ! -f node_modules/vega/build/vega.min.js ]; then
  echo "setup-report: npm ci (vega, vega-lite, vega-embed, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi
