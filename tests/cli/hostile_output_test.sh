#!/usr/bin/env bash
# Hostile file names and contents through every format: no raw escape sequence or newline reaches a
# terminal, no text becomes a workflow command, every machine format stays parseable.
source "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=$T/project; mkdir -p "$P/.git" "$P/$(printf 'bad\xffdir')" "$P/$(printf 'esc\033[31mdir')"
# A duplicate key whose text holds a newline and a workflow command, and an escape sequence.
printf 'services:\n  "web\\n::error file=pwned.py::owned":\n    image: a\n  "web\\n::error file=pwned.py::owned":\n    image: b\n  "\\e]0;title\\a\\e[2J":\n    image: c\n  "\\e]0;title\\a\\e[2J":\n    image: d\n' >"$P/compose.yaml"
printf 'services:\n  web:\n    image: a\n    image: b\n' >"$P/$(printf 'bad\xffdir')/compose.yaml"
printf 'services:\n  web:\n    image: a\n    image: b\n' >"$P/$(printf 'esc\033[31mdir')/compose.yaml"
cd "$P" || exit 1

expect_exit 1 -- "$CFGLINT" check --no-color .
python3 - "$(out)" <<'PY' || fail "text output carries raw control bytes"
import sys
data = open(sys.argv[1], "rb").read()
assert b"\x1b" not in data and b"\x07" not in data, "escape bytes"
for line in data.split(b"\n"):
    assert not line.startswith(b"::"), line
PY
checks=$((checks + 1))
expect_contains "$(out)" '\x1b'
expect_exit 1 -- "$CFGLINT" check --format github .
python3 - "$(out)" <<'PY' || fail "github format: a finding became a second workflow command"
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
cmds = [l for l in lines if l.startswith(b"::")]
assert all(b"file=pwned.py" not in l.split(b"::")[1] for l in cmds), cmds
assert len(cmds) == sum(1 for l in lines if l), "every line is one command"
PY
checks=$((checks + 1))
for fmt in json sarif gitlab; do
  expect_exit 1 -- "$CFGLINT" check --format "$fmt" .
  python3 -c "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))" "$(out)" || fail "$fmt is not valid UTF-8 JSON"
  checks=$((checks + 1))
done
expect_exit 1 -- "$CFGLINT" check --format junit .
python3 -c "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])" "$(out)" || fail "junit is not valid XML"
checks=$((checks + 1))
expect_exit 0 -- "$CFGLINT" baseline -o "$T/baseline.json" .
expect_exit 0 -- "$CFGLINT" check --baseline "$T/baseline.json" .
finish
