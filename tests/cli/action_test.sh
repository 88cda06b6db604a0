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

# working-directory: cfglint runs from the repository root, so annotations, summary links and SARIF
# locations carry the subfolder (GitHub resolves them against the repository root).
run_action "$SRC/fixtures" INPUT_WORKING_DIRECTORY=examples INPUT_PATH=django-channels-celery && fail "working-directory: expected findings"
expect_contains "$T/runner/log" "::error file=examples/django-channels-celery/compose.yaml,line=14"
expect_contains "$T/runner/summary" "(https://github.com/acme/shop/blob/0123abc/examples/django-channels-celery/compose.yaml#L14)"
checks=$((checks + 1))
python3 - "$(output sarif-file)" <<'PY' || fail "SARIF locations under working-directory"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert "examples/django-channels-celery/compose.yaml" in uris, sorted(uris)[:5]
PY

# The build cache key changes when the action's code changes.
( cd "$T" && rm -rf keyrepo && mkdir -p keyrepo/scripts keyrepo/src && cp "$SRC/scripts/action-cache-key.sh" keyrepo/scripts/ &&
  cp "$SRC/CMakeLists.txt" keyrepo/ && cp -r "$SRC/rules" "$SRC/cmake" keyrepo/ && echo "int a;" >keyrepo/src/a.cpp )
key() { : >"$T/key.out"; GITHUB_OUTPUT="$T/key.out" RUNNER_OS=Linux RUNNER_ARCH=X64 bash "$T/keyrepo/scripts/action-cache-key.sh" && cat "$T/key.out"; }
k1=$(key); echo "int b;" >"$T/keyrepo/src/a.cpp"; k2=$(key)
checks=$((checks + 1)); [[ $k1 == key=cfglint-build-Linux-X64-* && $k1 != "$k2" ]] || fail "cache key does not follow the sources: $k1 / $k2"

# A cached build restored on a fresh runner: the binary's libraries are installed (not rebuilt).
( cd "$T" && rm -rf cache && mkdir -p cache/scripts cache/build cache/bin && cp "$SRC/scripts/action-build.sh" cache/scripts/ )
cat >"$T/cache/build/cfglint" <<'SH'
#!/bin/sh
[ -e "$(dirname "$0")/../libs-installed" ] || { echo "error while loading shared libraries: libfyaml.so.0" >&2; exit 127; }
echo "cfglint 0.1.0 (cached)"
SH
cat >"$T/cache/bin/apt-get" <<'SH'
#!/bin/sh
echo "apt-get $*" >>"$LOG"
case "$*" in *install*libfyaml-dev*) touch "$MARK";; esac
case "$*" in *cmake*) echo "would rebuild" >>"$LOG";; esac
SH
printf '#!/bin/sh
exec "$@"
' >"$T/cache/bin/sudo"
chmod +x "$T/cache/build/cfglint" "$T/cache/bin/apt-get" "$T/cache/bin/sudo"
: >"$T/cache/out"
PATH="$T/cache/bin:$PATH" LOG="$T/cache/apt.log" MARK="$T/cache/libs-installed" GITHUB_OUTPUT="$T/cache/out" \
  bash "$T/cache/scripts/action-build.sh" >"$T/cache/step.log" 2>&1 || fail "cached build step: $(cat "$T/cache/step.log")"
expect_contains "$T/cache/step.log" "using cached build"
expect_contains "$T/cache/out" "binary=$T/cache/build/cfglint"
expect_not_contains "$T/cache/apt.log" "would rebuild"

# SARIF upload: skipped with a notice on fork pull requests and Dependabot, never failing the job.
upload() { : >"$T/up.out"; env GITHUB_OUTPUT="$T/up.out" "$@" bash "$SRC/scripts/action-upload-check.sh" >"$T/up.log"; }
upload HEAD_REPO=someone/shop THIS_REPO=acme/shop ACTOR=someone
expect_contains "$T/up.out" "upload=false"
expect_contains "$T/up.log" "::notice title=cfglint::SARIF upload skipped"
upload HEAD_REPO= THIS_REPO=acme/shop ACTOR="dependabot[bot]"
expect_contains "$T/up.out" "upload=false"
upload HEAD_REPO=acme/shop THIS_REPO=acme/shop ACTOR=dev
expect_contains "$T/up.out" "upload=true"

# action.yml is a valid action (a real validator) and cfglint finds nothing in it.
checks=$((checks + 1))
"$SRC/scripts/action-validate" "$SRC/action.yml" >"$T/validate.log" 2>&1 || fail "action-validator: $(head -c 400 "$T/validate.log")"
expect_exit 0 -- "$CFGLINT" check "$SRC/action.yml"

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
