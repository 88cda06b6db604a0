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
# The validator takes seconds per call: bundle the per-fixture runs, unchanged, into logs of at most 20
# runs each (GitHub's limit per upload), so every fixture's run is validated in a handful of calls.
mkdir -p "$T/bundles"
python3 - "$T" <<'PY'
import glob, json, os, sys
t = sys.argv[1]
logs = sorted(f for f in glob.glob(os.path.join(t, "*.sarif")) if not f.endswith("all.sarif"))
for i in range(0, len(logs), 20):
    first = json.load(open(logs[i]))
    first["runs"] = [json.load(open(f))["runs"][0] for f in logs[i:i + 20]]
    json.dump(first, open(os.path.join(t, "bundles", f"bundle{i // 20}.sarif"), "w"))
PY
for f in "$T"/bundles/*.sarif "$T/all.sarif"; do
  checks=$((checks + 1))
  line=$("$VALIDATE" "$f") || fail "$line"
done
echo "validated $n fixture runs in $(ls "$T"/bundles | wc -l) bundles, and one combined log"
finish
