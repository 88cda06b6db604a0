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
# The libraries cfglint links (the -dev packages pull the runtime ones, whatever the release calls them).
libs=(libtomlplusplus-dev nlohmann-json3-dev libre2-dev libcli11-dev libfyaml-dev)
apt_install() {
  local sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
runs() { [[ -x build/cfglint ]] && build/cfglint --version >/dev/null 2>&1; }
if [[ -x build/cfglint ]] && ! runs; then
  # A cached binary on a fresh runner: its shared libraries are not installed yet. Installing them takes
  # seconds; rebuilding takes minutes.
  echo "cfglint: installing the libraries the cached build needs"
  apt_install "${libs[@]}"
fi
if runs; then
  echo "cfglint: using cached build ($(build/cfglint --version))"
else
  apt_install cmake ninja-build pkg-config g++ "${libs[@]}"
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCFGLINT_TESTS=OFF >/dev/null
  cmake --build build --target cfglint
fi
if [[ -n ${INPUT_VERSION:-} && $(build/cfglint --version | awk '{print $2}') != "$INPUT_VERSION" ]]; then
  echo "::warning title=cfglint::version $INPUT_VERSION was asked for, but the action's checkout is $(build/cfglint --version); pin the action itself (uses: cfglint/cfglint@vX) to choose a version"
fi
echo "binary=$PWD/build/cfglint" >>"$out"
