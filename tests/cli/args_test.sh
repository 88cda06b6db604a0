#!/usr/bin/env bash
# The command line as users of ruff, hadolint and eslint type it: options and paths in any order,
# --opt=value, repeated and comma-separated lists, `--`, `-` with --stdin-filename, explicit inputs
# that cannot be analysed, one project root whatever folder is named.
source "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 1
EX=fixtures/examples/django-channels-celery
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

# Options before the path: each list option takes one value per occurrence.
expect_exit 1 -- "$CFGLINT" check --format json "$EX"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['summary']['errors'] > 0" "$(out)" || fail "--format json PATH"
expect_exit 1 -- "$CFGLINT" check --format=json "$EX"
expect_contains "$(out)" '"version": 1'
expect_exit 1 -- "$CFGLINT" check -f github "$EX"
expect_contains "$(out)" "::error file=$EX/compose.yaml,line=14"
expect_exit 1 -- "$CFGLINT" check --format sarif -o "$T/out.sarif" "$EX"
expect_contains "$T/out.sarif" '"version": "2.1.0"'
expect_exit 1 -- "$CFGLINT" check --select CFG303 "$EX/compose.yaml" -q
expect_contains "$(out)" "error[CFG303"
expect_not_contains "$(out)" "CFG301"
# repeated and comma-separated lists, and file names after them (pre-commit appends files to args)
expect_exit 1 -- "$CFGLINT" check --select CFG303,CFG301 --select CFG201 -q "$EX"
expect_contains "$(out)" "CFG201"
expect_contains "$(out)" "CFG301"
expect_not_contains "$(out)" "CFG302"
expect_exit 0 -- "$CFGLINT" check --ignore CFG1 --ignore CFG2,CFG3 "$EX/compose.yaml" "$EX/Dockerfile"
expect_exit 1 -- "$CFGLINT" check --ignore CFG311 -- "$EX"
expect_not_contains "$(out)" "CFG311"

# Version, unknown commands, rules/explain with -f
expect_exit 0 -- "$CFGLINT" -V
grep -qE '^cfglint [0-9]+\.[0-9]+\.[0-9]+ \([0-9a-f]{7,}|unknown\)' "$(out)" || fail "-V prints version and commit: $(cat "$(out)")"
expect_exit 2 -- "$CFGLINT" chekc .
expect_contains "$(err)" "unknown command \`chekc\`"
expect_exit 0 -- "$CFGLINT" rules -f json
expect_contains "$(out)" '"CFG303"'
expect_exit 0 -- "$CFGLINT" explain -f markdown CFG303
expect_exit 2 -- "$CFGLINT" check -j 100000 "$EX"

# Standard input, checked as the file it names inside its project
expect_exit 1 -- bash -c "\"$CFGLINT\" check -q --stdin-filename $EX/compose.yaml - < $EX/compose.yaml"
expect_contains "$(out)" "$EX/compose.yaml:14:13: error[CFG303"
printf 'services:\n  web:\n    image: app:1\n' >"$T/clean.yaml"
expect_exit 0 -- bash -c "\"$CFGLINT\" check -q --select CFG303 --stdin-filename $EX/compose.yaml - < $T/clean.yaml"
expect_exit 2 -- "$CFGLINT" check -
expect_contains "$(err)" "--stdin-filename"

# Explicit inputs are never skipped silently
mkfifo "$T/fifo.yaml"
expect_exit 2 -- "$CFGLINT" check "$T/fifo.yaml"
expect_contains "$(err)" "not a regular file"
echo "services: {}" >"$T/locked.yaml"; chmod 000 "$T/locked.yaml"
if [[ $(id -u) != 0 ]]; then
  expect_exit 2 -- "$CFGLINT" check "$T/locked.yaml"
fi
echo "hello" >"$T/README.md"
expect_exit 0 -- "$CFGLINT" check "$T/README.md"
expect_contains "$(err)" "not a kind of file cfglint reads"
mkdir -p "$T/empty"
expect_exit 0 -- "$CFGLINT" check "$T/empty"
expect_contains "$(err)" "no files analysed"

# One project root: a subfolder reports the same findings for itself as the whole project does,
# with paths relative to the working folder.
"$CFGLINT" check -q --no-color "$EX" | grep "^$EX/gymapp/" | sort >"$T/whole.txt"
"$CFGLINT" check -q --no-color "$EX/gymapp" | grep -v '^Found' | sort >"$T/sub.txt"
[[ -s $T/whole.txt ]] && cmp -s "$T/whole.txt" "$T/sub.txt" || fail "check $EX/gymapp differs from check $EX: $(diff "$T/whole.txt" "$T/sub.txt" | head -5)"
checks=$((checks + 1))
(cd "$EX/gymapp" && "$CFGLINT" check -q --no-color .) | grep -v '^Found' | sed 's|^|'"$EX"'/gymapp/|' | sort >"$T/below.txt"
cmp -s "$T/whole.txt" "$T/below.txt" || fail "run from the subfolder differs: $(diff "$T/whole.txt" "$T/below.txt" | head -5)"
checks=$((checks + 1))
(cd "$EX/gymapp" && "$CFGLINT" check -q --no-color ..) >"$T/above.txt"
grep -q '^\.\./compose.yaml:14:13: error\[CFG303' "$T/above.txt" || fail "paths above the working folder are ../-relative: $(head -2 "$T/above.txt")"
checks=$((checks + 1))
# Findings about absent settings concern the module as a whole: no line, a fingerprint that survives a
# docstring added on top, suppressed only by ignore-file.
cp -r "$EX" "$T/ex"
expect_exit 0 -- "$CFGLINT" baseline -o "$T/ex.baseline" "$T/ex"
printf '"""Settings of the gym app."""\n' | cat - "$T/ex/gymapp/settings.py" >"$T/s.py" && mv "$T/s.py" "$T/ex/gymapp/settings.py"
expect_exit 0 -- "$CFGLINT" check --baseline "$T/ex.baseline" --select CFG113 "$T/ex"
expect_exit 1 -- "$CFGLINT" check -q --fail-on warning --select CFG113 "$T/ex"
grep -q "gymapp/settings.py: warning\[CFG113\]" "$(out)" || fail "whole-file finding has no line: $(head -1 "$(out)")"
checks=$((checks + 1))
printf '# %s: ignore[CFG113] a line comment does not cover the whole module\n' cfglint >>"$T/ex/gymapp/settings.py"
expect_exit 1 -- "$CFGLINT" check -q --fail-on warning --select CFG113,CFG002 "$T/ex"
printf '# %s: ignore-file[CFG113] HSTS is set by the proxy\n' cfglint >>"$T/ex/gymapp/settings.py"
expect_exit 0 -- "$CFGLINT" check -q --fail-on warning --select CFG113 "$T/ex"

# cfglint checks itself: clean, its fixtures excluded by its own .cfglint.toml; a fixture named on the
# command line is still analysed (as ruff does), unless --force-exclude (what the pre-commit hook passes).
expect_exit 0 -- "$CFGLINT" check --no-color "$SRC"
expect_contains "$(out)" "No problems found"
expect_exit 1 -- "$CFGLINT" check -q fixtures/rules/CFG303/positive
expect_contains "$(out)" "error[CFG303"
expect_exit 0 -- "$CFGLINT" check -q --force-exclude fixtures/rules/CFG303/positive/compose.yaml
expect_contains "$(err)" "is excluded by"
finish
