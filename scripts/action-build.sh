#!/usr/bin/env bash
# GitHub Action step: the cfglint to run. With INPUT_VERSION, a cfglint on PATH that reports that version
# (a prebuilt package); otherwise the action's own checkout, built once and cached by actions/cache.
# Writes `binary=PATH` to the step outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${GITHUB_OUTPUT:-/dev/null}
if [[ -n ${INPUT_VERSION:-} ]] && command -v cfglint >/dev/null 2>&1; then
  have=$(cfglint --version | awk '{print $2}')
  if [[ $have == "$INPUT_VERSION" ]]; then
    echo "cfglint: using $(command -v cfglint) ($(cfglint --version))"
    echo "binary=$(command -v cfglint)" >>"$out"
    exit 0
  fi
  echo "cfglint: the cfglint on PATH is $have, not $INPUT_VERSION; building the action's checkout"
fi
if [[ -x build/cfglint ]] && build/cfglint --version >/dev/null 2>&1; then
  echo "cfglint: using cached build ($(build/cfglint --version))"
else
  # Build dependencies only: Debian/Ubuntu packages.
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    cmake ninja-build pkg-config g++ libtomlplusplus-dev nlohmann-json3-dev libre2-dev libcli11-dev libfyaml-dev >/dev/null
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCFGLINT_TESTS=OFF >/dev/null
  cmake --build build --target cfglint
fi
if [[ -n ${INPUT_VERSION:-} && $(build/cfglint --version | awk '{print $2}') != "$INPUT_VERSION" ]]; then
  echo "::warning title=cfglint::version $INPUT_VERSION was asked for, but the action's checkout is $(build/cfglint --version); pin the action itself (uses: cfglint/cfglint@vX) to choose a version"
fi
echo "binary=$PWD/build/cfglint" >>"$out"
