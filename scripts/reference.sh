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
