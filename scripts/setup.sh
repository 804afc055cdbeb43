#!/usr/bin/env bash
# Installs what truce needs to build and test, from Debian's packages (and npm for the
# report's chart libraries), only where something is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  cmake g++ ninja-build ccache pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libgmp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libpugixml-dev librandom123-dev libssl-dev
  # the local explorer's HTTP server (truce serve, docs/serve.md)
  libcpp-httplib-dev
  clang libclang-rt-14-dev
  # MPI (optional at build; docs/scale.md): mpirun -np N truce ..., and its tests
  libopenmpi-dev openmpi-bin
  # the Python package (python/, docs/python.md) and its tests and example notebook
  pybind11-dev python3-dev python3-pybind11 python3-pandas python3-yaml python3-pytest
  python3-nbclient python3-nbformat python3-ipykernel python3-venv python3-pip python3-setuptools python3-wheel
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The report's chart libraries (npm) and Chromium (PDF, browser test).
scripts/setup-report.sh
