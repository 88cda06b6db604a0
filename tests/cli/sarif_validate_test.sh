#!/usr/bin/env bash
# Every fixture's SARIF must pass Microsoft's SARIF multitool with GitHub's ingestion rules.
# Exit 77 (skipped) when the validator is not available (outside this workplace).
source "$(dirname "$0")/lib.sh"
VALIDATE=${SARIF_VALIDATE:-$SRC/../shared/tools/sarif-validate}
if [[ ! -x $VALIDATE ]]; then
  echo "SKIP: no SARIF validator at $VALIDATE"
  exit 77
fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
n=0
while IFS= read -r exp; do
  dir=$(dirname "$exp")
  name=$(echo "${dir#$SRC/fixtures/}" | tr '/' '_')
  (cd "$dir" && "$CFGLINT" check . --format sarif --output "$T/$name.sarif" --fail-on never)
  n=$((n + 1))
done < <(find "$SRC/fixtures" -name expected.txt | sort)
# one log with findings from many fixtures at once, as the action uploads
(cd "$SRC" && "$CFGLINT" check fixtures --format sarif --output "$T/all.sarif" --fail-on never)
for f in "$T"/*.sarif; do
  checks=$((checks + 1))
  line=$("$VALIDATE" "$f") || fail "$line"
done
echo "validated $n fixture logs and one combined log"
finish
