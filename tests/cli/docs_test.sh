#!/usr/bin/env bash
# The committed docs/ must be what scripts/gen-docs makes from rules/ today.
source "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
"$SRC/scripts/gen-docs" "$CFGLINT" "$T" || fail "gen-docs failed"
checks=$((checks + 1))
diff -ru "$SRC/docs/rules" "$T/rules" >"$T/diff" && diff -u "$SRC/docs/rules.md" "$T/rules.md" >>"$T/diff" ||
  fail "docs are stale: run scripts/gen-docs and commit ($(head -c 400 "$T/diff"))"
# every rule page says why it fails and how to fix it
for f in "$T"/rules/*.md; do
  expect_contains "$f" "## Why this fails at deploy time"
  expect_contains "$f" "## Fix"
  expect_contains "$f" "## Bad"
  expect_contains "$f" "## Good"
done
finish
