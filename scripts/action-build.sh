#!/usr/bin/env bash
# GitHub Action step: build cfglint from the action's own checkout (cached by actions/cache).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x build/cfglint ]] && build/cfglint --version >/dev/null 2>&1; then
  echo "cfglint: using cached build ($(build/cfglint --version))"
  exit 0
fi
# Build dependencies only: Debian/Ubuntu packages.
sudo_cmd=""
[[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  cmake ninja-build pkg-config g++ libtomlplusplus-dev nlohmann-json3-dev libre2-dev libcli11-dev libfyaml-dev >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCFGLINT_TESTS=OFF >/dev/null
cmake --build build --target cfglint
