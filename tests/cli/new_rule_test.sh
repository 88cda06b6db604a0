#!/usr/bin/env bash
# scripts/new-rule: scaffolds a rule's data, check, fixtures and registration; the check compiles; it
# refuses an id or name in use and malformed arguments. (The TODOs it writes make rules_test fail until
# they are filled in: a scaffold cannot land unfinished.)
source "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$T/scripts" "$T/src/checks" "$T/fixtures/rules"
cp "$SRC/scripts/new-rule" "$T/scripts/"; cp -r "$SRC/rules" "$T/"; cp "$SRC/src/checks/registry.cpp" "$T/src/checks/"

expect_exit 0 -- "$T/scripts/new-rule" CFG399 containers volume-hides-virtualenv error "A bind mount hides the virtualenv the image installed"
for f in rules/CFG399-volume-hides-virtualenv.toml src/checks/containers/volume_hides_virtualenv.h \
         src/checks/containers/volume_hides_virtualenv.cpp fixtures/rules/CFG399/positive/expected.txt fixtures/rules/CFG399/negative/expected.txt; do
  checks=$((checks + 1)); [[ -s $T/$f ]] || fail "not created: $f"
done
expect_contains "$T/src/checks/registry.cpp" '#include "checks/containers/volume_hides_virtualenv.h"'
expect_contains "$T/src/checks/registry.cpp" "t.push_back(volume_hides_virtualenv_template());"
expect_contains "$T/rules/CFG399-volume-hides-virtualenv.toml" 'template = "volume-hides-virtualenv"'
expect_exit 0 -- python3 -c 'import sys, tomllib; r = tomllib.load(open(sys.argv[1], "rb")); assert r["severity"] == "error", r' \
  "$T/rules/CFG399-volume-hides-virtualenv.toml"
expect_exit 0 -- g++ -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I"$T/src" -I"$SRC/src" "$T/src/checks/containers/volume_hides_virtualenv.cpp"
expect_exit 0 -- g++ -std=c++20 -fsyntax-only -I"$T/src" -I"$SRC/src" "$T/src/checks/registry.cpp"

expect_exit 1 -- "$T/scripts/new-rule" CFG399 containers other-name error "x"          # id in use
expect_exit 1 -- "$T/scripts/new-rule" CFG398 containers volume-hides-virtualenv error "x"  # name in use
expect_exit 1 -- "$T/scripts/new-rule" CFG398 nowhere some-name error "x"
expect_exit 1 -- "$T/scripts/new-rule" CFG398 containers Some_Name error "x"
expect_exit 1 -- "$T/scripts/new-rule" CFG398 containers some-name fatal "x"
finish
