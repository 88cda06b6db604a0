#!/usr/bin/env bash
# The command line end to end: exit codes, formats, outputs, rules/explain.
source "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 1
EX=fixtures/examples/django-channels-celery
# how many findings the example expects (its expected.txt), and how many of them are errors
EX_FINDINGS=$(grep -cv '^#' "$EX/expected.txt")
EX_ERRORS=$("$CFGLINT" check "$EX" -q --no-color | grep -c ': error\[')
NEG=$SRC/fixtures/rules/CFG303/negative
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

expect_exit 0 -- "$CFGLINT" --version
expect_contains "$(out)" "cfglint "
expect_exit 1 -- "$CFGLINT" check "$EX" --no-color
expect_contains "$(out)" "compose.yaml:14:13: error[CFG303 healthcheck-exec-one-string]"
expect_contains "$(out)" "= help:"
expect_contains "$(out)" "Found "
expect_not_contains "$(out)" $'\x1b['
expect_exit 0 -- "$CFGLINT" check "$NEG"
expect_contains "$(out)" "No problems found"
expect_exit 0 -- "$CFGLINT" check "$EX" --fail-on never
expect_exit 0 -- "$CFGLINT" check "$EX" --ignore CFG1,CFG2,CFG3
expect_exit 1 -- "$CFGLINT" check "$EX" --select CFG303 -q
[[ $(wc -l <"$(out)") == 2 ]] || fail "--select CFG303 -q should print one finding and the summary"

# usage errors are exit 2 with a message
expect_exit 2 -- "$CFGLINT" check "$EX" --format yaml
expect_contains "$(err)" "unknown --format"
expect_exit 2 -- "$CFGLINT" check /no/such/path
expect_contains "$(err)" "no such file"
expect_exit 2 -- "$CFGLINT" check "$EX" --select NOPE
expect_exit 2 -- "$CFGLINT" check "$EX" --fail-on sometimes
expect_exit 2 -- "$CFGLINT" nosuchcommand
printf 'select = [\n' >"$T/bad.toml"
expect_exit 2 -- "$CFGLINT" check "$EX" --config "$T/bad.toml"
expect_contains "$(err)" "bad.toml:"

# several formats in one run
expect_exit 1 -- "$CFGLINT" check "$EX" --format json -o "$T/out.json" --format sarif -o "$T/out.sarif" --format github
expect_contains "$(out)" "::error file=fixtures/examples/django-channels-celery/compose.yaml,line=14,col=13"
expect_contains "$(out)" "title=CFG303 healthcheck-exec-one-string::"
python3 - "$T/out.json" "$T/out.sarif" "$EX_FINDINGS" "$EX_ERRORS" <<'PY' || fail "json/sarif structure"
import json, sys
j = json.load(open(sys.argv[1]))
n, errors = int(sys.argv[3]), int(sys.argv[4])
assert j["version"] == 1 and j["summary"]["errors"] == errors and len(j["findings"]) == n, (j["summary"], n, errors)
f = j["findings"][0]
for k in ("id", "name", "severity", "file", "range", "message", "help", "related", "suppressed", "fingerprint"):
    assert k in f, k
s = json.load(open(sys.argv[2]))
run = s["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "CFG303" in ids and len(ids) == len(set(ids))
res = run["results"]
assert len(res) == n
for r in res:
    assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert r["partialFingerprints"]
assert any("relatedLocations" in r for r in res)
PY
checks=$((checks + 1))

# --output belongs to the --format before it, wherever a stdout format sits
expect_exit 1 -- "$CFGLINT" check "$EX" --format sarif -o "$T/a.sarif" --format github --format json -o "$T/a.json"
expect_contains "$(out)" "::error file="
expect_contains "$T/a.json" '"version": 1'
expect_contains "$T/a.sarif" '"version": "2.1.0"'
expect_exit 1 -- "$CFGLINT" check "$EX" -o "$T/default.txt"
expect_contains "$T/default.txt" "error[CFG303"
expect_exit 2 -- "$CFGLINT" check "$EX" --format json --format github
expect_contains "$(err)" "only one --format can go to standard output"
expect_exit 2 -- "$CFGLINT" check "$EX" --format json -o "$T/x" -o "$T/y"
expect_exit 1 -- "$CFGLINT" check "$EX" --format junit
expect_contains "$(out)" '<testcase classname="cfglint" name="fixtures/examples/django-channels-celery/compose.yaml"'
expect_contains "$(out)" '<failure type="CFG303"'
# the file list JUnit needs is kept when JUnit goes to a file beside another format
expect_exit 1 -- "$CFGLINT" check "$EX" --format json --format junit -o "$T/j.xml"
expect_contains "$T/j.xml" '<testcase classname="cfglint" name="fixtures/examples/django-channels-celery/compose.yaml"'
expect_exit 1 -- "$CFGLINT" check "$EX" --format gitlab
python3 -c "import json; r=json.load(open('$(out)')); assert len(r)==$EX_FINDINGS and all(i['location']['lines']['begin']>0 and i['fingerprint'] and i['severity'] in ('critical','major','info') for i in r)" || fail "gitlab json"

# baseline: today's findings recorded, only new ones reported, fixed ones counted
cp -r "$EX" "$T/bl" && mkdir -p "$T/bl/.git"
expect_exit 0 -- "$CFGLINT" baseline "$T/bl" --output "$T/baseline.json"
expect_exit 0 -- "$CFGLINT" check "$T/bl" --baseline "$T/baseline.json"
printf '# a comment moves every line down
' | cat - "$T/bl/compose.yaml" >"$T/c" && mv "$T/c" "$T/bl/compose.yaml"
expect_exit 0 -- "$CFGLINT" check "$T/bl" --baseline "$T/baseline.json"
sed -i 's/condition: service_healthy/condition: service_started/' "$T/bl/compose.yaml"
printf 'FROM python:3.12
CMD ['x']
' >"$T/bl/worker.Dockerfile"
expect_exit 1 -- "$CFGLINT" check "$T/bl" --baseline "$T/baseline.json" --no-color -q
expect_contains "$(out)" "worker.Dockerfile:2:1: error[CFG304]"
expect_contains "$(out)" "1 finding(s) in the baseline no longer occur"
expect_not_contains "$(out)" "CFG303"
printf '{"nope": 1}' >"$T/bad-baseline.json"
expect_exit 2 -- "$CFGLINT" check "$T/bl" --baseline "$T/bad-baseline.json"
expect_contains "$(err)" "not a cfglint baseline"

# deterministic whatever --jobs
"$CFGLINT" check "$EX" --format json -j 1 >"$T/j1.json"
"$CFGLINT" check "$EX" --format json -j 7 >"$T/j7.json"
checks=$((checks + 1)); cmp -s "$T/j1.json" "$T/j7.json" || fail "output differs between -j 1 and -j 7"

# rules and explain come from the same data
expect_exit 0 -- "$CFGLINT" rules
expect_contains "$(out)" "CFG303    healthcheck-exec-one-string"
expect_exit 0 -- "$CFGLINT" rules --format json
python3 -c "import json,sys; r=json.load(open('$(out)')); assert all(x['summary'] and x['rationale'] for x in r)" || fail "rules json"
expect_exit 0 -- "$CFGLINT" explain healthcheck-exec-one-string
expect_contains "$(out)" "Why it fails:"
expect_exit 2 -- "$CFGLINT" explain CFG999

# colour only when asked for by a terminal; NO_COLOR wins
expect_exit 1 -- env NO_COLOR=1 "$CFGLINT" check "$EX"
expect_not_contains "$(out)" $'\x1b['

# pre-commit style: given one file, the whole project is read and only its findings are shown
cp -r "$EX" "$T/proj" && mkdir -p "$T/proj/.git"
expect_exit 1 -- "$CFGLINT" check "$T/proj/compose.yaml" --no-color -q
expect_contains "$(out)" "compose.yaml:19:7"
expect_exit 1 -- "$CFGLINT" check "$T/proj/Dockerfile" --no-color -q
expect_contains "$(out)" "Dockerfile:12:1: error[CFG306]"
expect_contains "$(out)" "compose.yaml:26:14: error[CFG308"  # its evidence runs through the Dockerfile
expect_not_contains "$(out)" "CFG303"
expect_exit 0 -- "$CFGLINT" check "$T/proj/manage.py" --no-color -q
finish
