#!/usr/bin/env bash
# GitHub Action step: run cfglint, write annotations, SARIF, the job summary and step outputs.
# Every input arrives in an INPUT_* environment variable; none is ever evaluated as shell.
# Exit code: 0 clean (below fail-on), 1 findings at or above fail-on, 2 usage/configuration error.
set -uo pipefail
CFGLINT=${CFGLINT_BIN:-cfglint}
: "${GITHUB_OUTPUT:?}" "${GITHUB_STEP_SUMMARY:?}" "${RUNNER_TEMP:?}"
workdir=${INPUT_WORKING_DIRECTORY:-.}
fail_on=${INPUT_FAIL_ON:-error}
format=${INPUT_FORMAT:-text}
sarif=${INPUT_SARIF_FILE:-$RUNNER_TEMP/cfglint.sarif}
json=$RUNNER_TEMP/cfglint.json

# cfglint runs from the repository root, so annotations, summary links and SARIF locations are relative
# to it whatever working-directory is; the inputs' paths are relative to working-directory.
cd "${GITHUB_WORKSPACE:-.}" || exit 2
[[ -d $workdir ]] || { echo "::error::cfglint: working-directory '$workdir' does not exist"; exit 2; }
in_workdir() { if [[ $1 == /* || $workdir == . ]]; then echo "$1"; else echo "${workdir%/}/$1"; fi; }
[[ $sarif == /* ]] || sarif=$PWD/$(in_workdir "$sarif")

read -r -a given <<<"${INPUT_PATH:-.}"
paths=()
for p in "${given[@]}"; do paths+=("$(in_workdir "$p")"); done
read -r -a extra <<<"${INPUT_EXTRA_ARGS:-}"
args=(check --fail-on "$fail_on" --format sarif --output "$sarif" --format json --output "$json" --format github)
[[ -n ${INPUT_CONFIG:-} ]] && args+=(--config "$(in_workdir "$INPUT_CONFIG")")
case "$format" in
  none | "") ;;
  text | json | gitlab | junit) args+=(--format "$format" --output "$RUNNER_TEMP/cfglint.$format") ;;
  *) echo "::error::cfglint: format must be text, json, gitlab, junit or none, not '$format'"; exit 2 ;;
esac

"$CFGLINT" "${args[@]}" "${extra[@]}" -- "${paths[@]}"
rc=$?
[[ $format == text || $format == json || $format == gitlab || $format == junit ]] && [[ -f $RUNNER_TEMP/cfglint.$format ]] &&
  { # The log shows the repository's text: stop-commands keeps a hostile line from acting as a workflow command.
    token=cfglint-$RANDOM$RANDOM$RANDOM
    echo "::group::cfglint $format output"; echo "::stop-commands::$token"
    cat "$RUNNER_TEMP/cfglint.$format"; echo "::$token::"; echo "::endgroup::"; }

if [[ $rc -ge 2 ]]; then
  echo "::error::cfglint could not run (exit $rc); see the message above"
  { echo "exit-code=$rc"; echo "sarif-file="; echo "findings=0"; echo "errors=0"; } >>"$GITHUB_OUTPUT"
  exit "$rc"
fi

python3 - "$json" "$GITHUB_STEP_SUMMARY" "$GITHUB_OUTPUT" "$fail_on" <<'PY'
import json, os, sys
from collections import Counter
report = json.load(open(sys.argv[1]))
summary_path, output_path, fail_on = sys.argv[2], sys.argv[3], sys.argv[4]
active = [f for f in report["findings"] if not f["suppressed"]]
errors = sum(1 for f in active if f["severity"] == "error")
server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
repo, sha = os.environ.get("GITHUB_REPOSITORY", ""), os.environ.get("GITHUB_SHA", "")
def link(f):
    line = f["range"]["start"]["line"] if f.get("range") else None  # null: the file as a whole
    loc = f'{f["file"]}:{line}' if line else f["file"]
    if repo and sha and not f["file"].startswith("/"):
        return f'[{loc}]({server}/{repo}/blob/{sha}/{f["file"]}' + (f'#L{line})' if line else ')')
    return f"`{loc}`"
s = report["summary"]
lines = ["## cfglint", ""]
if not active:
    lines.append(f'No problems found in {s["files"]} file(s).')
else:
    lines.append(f'**{len(active)} finding(s)** in {s["files"]} file(s): {s["errors"]} error(s), {s["warnings"]} warning(s), '
                 f'{s["notes"]} note(s); {s["suppressed"]} suppressed. Failing on: `{fail_on}`.')
    lines += ["", "| Rule | Name | Severity | Count |", "|---|---|---|---|"]
    for (rid, name, sev), n in sorted(Counter((f["id"], f["name"], f["severity"]) for f in active).items()):
        lines.append(f"| {rid} | `{name}` | {sev} | {n} |")
    lines += ["", "### First findings", ""]
    for f in active[:20]:
        msg = f["message"].replace("|", "\\|")
        lines.append(f'- **{f["severity"]}** {link(f)} `{f["id"]}` {msg}')
    if len(active) > 20:
        lines.append(f"- ... and {len(active) - 20} more (see the annotations or code scanning)")
with open(summary_path, "a") as out:
    out.write("\n".join(lines) + "\n")
with open(output_path, "a") as out:
    out.write(f"findings={len(active)}\nerrors={errors}\n")
PY
{ echo "sarif-file=$sarif"; echo "exit-code=$rc"; } >>"$GITHUB_OUTPUT"
exit "$rc"
