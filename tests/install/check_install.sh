#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds a consumer project against it
# (find_package(truce)), then runs it on the reference scenario.
set -euo pipefail
build="$1" source="$2" compiler="$3"
prefix="$build/install-check"
rm -rf "$prefix" "$build/consumer-check"
cmake --install "$build" --prefix "$prefix" >/dev/null
cmake -S "$source/tests/install/consumer" -B "$build/consumer-check" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER="$compiler" >/dev/null
cmake --build "$build/consumer-check" >/dev/null
"$build/consumer-check/consumer" "$source/scenarios/ukraine-ceasefire-2025.yaml"
