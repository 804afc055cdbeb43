#!/usr/bin/env bash
# Sets up, builds, and runs every test (unit, integration, fuzz smoke) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DTRUCE_FUZZ=ON
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
