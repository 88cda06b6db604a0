#!/usr/bin/env bash
# GitHub Action step: upload SARIF only where code scanning can accept it. A pull request from a fork and
# Dependabot's runs get a read-only token: skip with a notice instead of failing a clean run.
set -uo pipefail
: "${GITHUB_OUTPUT:?}"
why=""
if [[ -n ${HEAD_REPO:-} && ${HEAD_REPO} != "${THIS_REPO:-}" ]]; then
  why="the pull request comes from the fork ${HEAD_REPO}, whose token cannot write code scanning results"
elif [[ ${ACTOR:-} == "dependabot[bot]" ]]; then
  why="Dependabot runs with a read-only token"
fi
if [[ -n $why ]]; then
  echo "::notice title=cfglint::SARIF upload skipped: $why; the findings are in the annotations and the job summary"
  echo "upload=false" >>"$GITHUB_OUTPUT"
else
  echo "upload=true" >>"$GITHUB_OUTPUT"
fi
