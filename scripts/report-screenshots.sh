#!/usr/bin/env bash
# Regenerates the pictures docs/report.md shows: page one of the reference report's PDF and
# its agreement-space chart as the browser draws it. Needs what scripts/setup-report.sh
# installs (Chromium, poppler-utils, the npm packages) and a built truce (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/truce report scenarios/ukraine-ceasefire-2025.yaml -o "$work/report.html" --pdf "$work/report.pdf" --no-store
mkdir -p docs/images
# Page one, as printed (A4 at 80 dpi).
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/report.pdf" docs/images/report-page-one
# The browser check screenshots every chart; the space chart is the one with the package squares.
node tests/report/browser_check.mjs "$work/report.html" "$work/shot.png" >/dev/null
space_chart=$(awk '/<section id="analysis-space"/ { found = 1 } found && match($0, /id="chart-[0-9]+"/) {
  print substr($0, RSTART + 4, RLENGTH - 5); exit }' "$work/report.html")
cp "$work/shot-$space_chart.png" docs/images/report-space-chart.png
echo "wrote docs/images/report-page-one.png and docs/images/report-space-chart.png"
