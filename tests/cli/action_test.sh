#!/usr/bin/env bash
# The GitHub Action's logic, run locally with a simulated Actions environment.
source "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
VALIDATE=${SARIF_VALIDATE:-$SRC/../shared/tools/sarif-validate}

run_action() {  # run_action WORKSPACE [VAR=value...]
  local ws=$1; shift
  rm -rf "$T/runner" && mkdir -p "$T/runner"
  : >"$T/runner/output"; : >"$T/runner/summary"
  env -i PATH="$PATH" HOME="$HOME" CFGLINT_BIN="$CFGLINT" GITHUB_WORKSPACE="$ws" RUNNER_TEMP="$T/runner" \
    GITHUB_OUTPUT="$T/runner/output" GITHUB_STEP_SUMMARY="$T/runner/summary" GITHUB_REPOSITORY=acme/shop \
    GITHUB_SHA=0123abc GITHUB_SERVER_URL=https://github.com "$@" bash "$SRC/scripts/action-run.sh" >"$T/runner/log" 2>&1
}
output() { grep "^$1=" "$T/runner/output" | tail -1 | cut -d= -f2-; }

# A broken project: fails with exit 1, annotations, outputs, summary, valid SARIF.
checks=$((checks + 1))
run_action "$SRC/fixtures/examples" INPUT_PATH=django-channels-celery && fail "broken fixture: expected a failing step"
[[ $(output exit-code) == 1 ]] || fail "exit-code output: $(output exit-code)"
want=$(grep -cv '^#' "$SRC/fixtures/examples/django-channels-celery/expected.txt")
want_errors=$("$CFGLINT" check "$SRC/fixtures/examples/django-channels-celery" -q --no-color | grep -c ': error\[')
[[ $(output findings) == "$want" ]] || fail "findings output: $(output findings), expected $want"
[[ $(output errors) == "$want_errors" ]] || fail "errors output: $(output errors), expected $want_errors"
sarif=$(output sarif-file)
[[ -s $sarif ]] || fail "sarif-file output does not name a written file: $sarif"
expect_contains "$T/runner/log" "::error file=django-channels-celery/compose.yaml,line=14"
expect_contains "$T/runner/summary" "| CFG303 | \`healthcheck-exec-one-string\` | error | 1 |"
expect_contains "$T/runner/summary" "[django-channels-celery/compose.yaml:14](https://github.com/acme/shop/blob/0123abc/django-channels-celery/compose.yaml#L14)"
if [[ -x $VALIDATE ]]; then
  checks=$((checks + 1)); line=$("$VALIDATE" "$sarif") || fail "action SARIF: $line"
fi

# fail-on never: same findings, green step.
run_action "$SRC/fixtures/examples" INPUT_PATH=django-channels-celery INPUT_FAIL_ON=never || fail "fail-on never should pass"
[[ $(output findings) == "$want" ]] || fail "fail-on never findings: $(output findings)"

# A clean project passes with zero findings.
run_action "$SRC/fixtures/rules/CFG303" INPUT_PATH=negative || fail "clean fixture should pass: $(cat "$T/runner/log")"
[[ $(output findings) == 0 ]] || fail "clean findings: $(output findings)"
expect_contains "$T/runner/summary" "No problems found"

# Inputs cannot inject shell.
rm -f "$T/pwned"
run_action "$SRC/fixtures/rules/CFG303" INPUT_PATH=negative "INPUT_EXTRA_ARGS=--select CFG303;touch $T/pwned \$(touch $T/pwned)" && true
checks=$((checks + 1)); [[ ! -e $T/pwned ]] || fail "extra-args executed shell"
run_action "$SRC/fixtures/rules/CFG303" "INPUT_PATH=negative \$(touch $T/pwned)" && true
checks=$((checks + 1)); [[ ! -e $T/pwned ]] || fail "path executed shell"

# Bad input is exit 2 with a message.
run_action "$SRC/fixtures/rules/CFG303" INPUT_PATH=negative INPUT_FAIL_ON=sometimes; rc=$?
checks=$((checks + 1)); [[ $rc == 2 ]] || fail "bad fail-on: exit $rc"
run_action "$SRC/fixtures" INPUT_WORKING_DIRECTORY=no-such-dir; rc=$?
checks=$((checks + 1)); [[ $rc == 2 ]] || fail "bad working-directory: exit $rc"

# action.yml never expands an input inside a run: script.
checks=$((checks + 1))
python3 - "$SRC/action.yml" <<'PY' || fail "action.yml expands inputs inside run:"
import re, sys
text = open(sys.argv[1]).read()
blocks = re.findall(r"^\s+run: (\|\n(?:\s{8,}.*\n)+|.*)$", text, re.M)
assert blocks, "no run: steps found"
for b in blocks:
    assert "${{" not in b, b
PY
finish
