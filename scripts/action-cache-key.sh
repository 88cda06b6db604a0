#!/usr/bin/env bash
# GitHub Action step: the build cache key, which changes whenever the action's code changes: the commit
# of the action's checkout when it is a git checkout, else a hash of the files the build reads.
# (hashFiles() only sees the workspace, never the action's own folder.)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=$(git rev-parse HEAD 2>/dev/null || true)
if [[ -z $rev ]]; then
  rev=$(find CMakeLists.txt cmake src rules -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-40)
fi
echo "key=cfglint-build-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-$rev" >>"${GITHUB_OUTPUT:?}"
