#!/usr/bin/env bash
# The main job: set up, build, and analyse the reference scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
scenario=scenarios/ukraine-ceasefire-2025.yaml
build/truce validate "$scenario"
build/truce show "$scenario"
build/truce forecast "$scenario"
build/truce space "$scenario"
build/truce simulate "$scenario" --months 36 --runs 10000 --seed 1
mkdir -p out
build/truce report "$scenario" -o out/ukraine-ceasefire-2025.html --pdf out/ukraine-ceasefire-2025.pdf
echo
echo "Report written to $(pwd)/out/ukraine-ceasefire-2025.html (and .pdf beside it)."
