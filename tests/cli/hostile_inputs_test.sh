#!/usr/bin/env bash
# Inputs built to crash, hang or exhaust a linter (each once did, see the fuzzing report): cfglint reports
# what it can, says what it did not analyse, and finishes. Every case runs under a memory cap (outside
# sanitizer builds) and a generous time cap that only an exponential blow-up would reach: a hang guard,
# not a speed test (bench/ measures speed).
source "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

run_capped() {  # run_capped DIR: cfglint on DIR, JSON into $T/out.json
  ( [[ -z ${SANITIZED:-} ]] && ulimit -v 1500000
    timeout 300 "$CFGLINT" check "$1" --format json --output "$T/out.json" --fail-on never -j 1 )
}
case_dir() { rm -rf "$T/p"; mkdir -p "$T/p/.git" "$T/p/app"; echo "$T/p"; }
expect_finishes() {  # expect_finishes NAME [TEXT the report must contain]
  checks=$((checks + 1))
  run_capped "$T/p" 2>"$T/err"
  local rc=$?
  [[ $rc == 0 ]] || { fail "$1: exit $rc ($(head -c 300 "$T/err"))"; return; }
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out.json" || fail "$1: the JSON report does not parse"
  [[ $# -lt 2 ]] || expect_contains "$T/out.json" "$2"
}
django_entry() {
  printf 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line()\n' >"$1/manage.py"
  : >"$1/app/__init__.py"
}

# `${A:}`: a colon with no operator, in a Dockerfile and in compose interpolation.
P=$(case_dir); printf 'ARG A=x\nFROM ${A:}\n' >"$P/Dockerfile"
printf 'services:\n  web:\n    image: "nginx:${TAG:}"\n' >"$P/compose.yaml"
expect_finishes "variable with a bare colon"

# Port numbers past any integer in a healthcheck URL and an nginx listen directive.
P=$(case_dir); mkdir -p "$P/nginx"
printf 'services:\n  web:\n    image: nginx\n    volumes: ["./nginx/site.conf:/etc/nginx/conf.d/default.conf"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:99999999999999999999/"]\n' >"$P/compose.yaml"
printf 'server {\n  listen 99999999999999999999;\n}\n' >"$P/nginx/site.conf"
expect_finishes "port overflow"

# Recursion: nested f-string format specs, a long elif chain (module and settings), deep parentheses.
P=$(case_dir); django_entry "$P"
python3 - "$P" <<'PY'
import sys
p = sys.argv[1]
open(p + "/app/fmt.py", "w").write('x = f"' + "{:" * 150000 + '"\n')
open(p + "/app/chain.py", "w").write("if a:\n pass\n" + "elif a:\n pass\n" * 30000)
open(p + "/app/settings.py", "w").write('import os\nSECRET_KEY = os.environ["K"]\na = os.environ.get("A")\nif a == "0":\n    DEBUG = True\n'
                                        + "".join(f'elif a == "{i}":\n    DEBUG = {i}\n' for i in range(1, 3000)))
open(p + "/app/parens.py", "w").write("x = " + "(" * 100000 + "1" + ")" * 100000 + "\n")
PY
expect_finishes "deep Python" "not analysed: an elif chain longer than"

# The settings evaluator: a value that doubles, calls that fan out, a list grown by 20,000 appends.
P=$(case_dir); django_entry "$P"
python3 - "$P" <<'PY'
import sys
p = sys.argv[1]
s = 'SECRET_KEY = "x"\nINSTALLED_APPS = []\nS = [1]\n' + "S = S + S\n" * 40 + 'T = "ab"\n' + "T = T + T\n" * 40
s += "X = []\ndef f0():\n    X.append(1)\n" + "".join(f"def f{i}():\n" + f"    f{i-1}()\n" * 16 for i in range(1, 10)) + "f9()\n"
s += "L = []\n" + "".join(f"L.append({i})\n" for i in range(20000))
open(p + "/app/settings.py", "w").write(s)
PY
expect_finishes "settings blow-ups"

# A Dockerfile of 4,000 chained stages; `**/` repeated in .gitignore over a deep tree; a comment line of
# 80,000 `#` and blanks (the suppression scanner).
P=$(case_dir)
python3 - "$P" <<'PY'
import os, sys
p = sys.argv[1]
open(p + "/Dockerfile", "w").write("FROM python:3.12 AS s0\nENV A0=0\n" + "".join(f"FROM s{i-1} AS s{i}\nENV A{i}={i}\n" for i in range(1, 4000)))
deep = p + "/a" * 30
os.makedirs(deep)
open(deep + "/.env", "w").write("A=1\n")
open(p + "/.gitignore", "w").write("**/" * 14 + "zz\n")
open(p + "/.env", "w").write("A=1\n" + "#" * 80000 + " " * 80000 + "\n")
PY
expect_finishes "stage chain, gitignore, long comment"

# One hostile file does not cost the others their findings: the duplicate key is still reported.
P=$(case_dir); django_entry "$P"
printf 'services:\n  web:\n    image: a\n    image: b\n' >"$P/compose.yaml"
printf 'x = "\\udc80 lone surrogate"\nS = [1]\n' >"$P/app/strings.py"
python3 -c 'import sys; open(sys.argv[1], "w").write("if a:\n pass\n" + "elif a:\n pass\n" * 30000)' "$P/app/chain.py"
expect_finishes "a hostile file among good ones" '"CFG003"'

finish
