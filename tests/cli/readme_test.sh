#!/usr/bin/env bash
# The README is the front door: its sample output is what the binary prints, its configuration examples
# load, and every `cfglint ...` command in its shell blocks runs (in a copy of the bundled example,
# placeholders filled in) without a usage error.
source "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cd "$SRC" || exit 1
python3 - "$SRC/README.md" "$T" <<'PY' || fail "could not extract the README's blocks"
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
out = sys.argv[2]
blocks = re.findall(r"```(\w*)\n(.*?)```", text, re.S)
sample = [b for lang, b in blocks if b.startswith("$ cfglint check ")]
open(os.path.join(out, "sample.txt"), "w").write(sample[0] if sample else "")
for i, (lang, b) in enumerate(blocks):
    if lang == "toml":
        open(os.path.join(out, f"config{i}.toml"), "w").write(b)
cmds = []
for lang, b in blocks:
    if lang != "sh":
        continue
    for line in b.splitlines():
        line = line.split("  #")[0].strip()
        if line.startswith("cfglint "):
            cmds.append(line)
open(os.path.join(out, "commands.txt"), "w").write("\n".join(cmds) + "\n")
PY

# 1. The sample output: every line of it appears in what the binary prints for that command.
cmd=$(head -1 "$T/sample.txt" | sed 's/^\$ //')
[[ -n $cmd ]] || fail "the README has no sample output block"
"$CFGLINT" ${cmd#cfglint } --no-color >"$T/actual.txt" 2>&1
tail -n +2 "$T/sample.txt" | grep -v '^\.\.\.$' | grep -v '^$' | while IFS= read -r line; do
  grep -qxF -- "$line" "$T/actual.txt" || { echo "FAIL: README sample line not in the output: $line" >&2; echo x >>"$T/sample-fail"; }
done
checks=$((checks + 1)); [[ ! -e $T/sample-fail ]] || fail "the README's sample output differs from the binary's"

# 2. Configuration examples load (user rules included) and `explain` knows the user rules.
for c in "$T"/config*.toml; do
  d=$(mktemp -d -p "$T"); cp "$c" "$d/.cfglint.toml"; mkdir -p "$d/cfglint-rules"
  expect_exit 0 -- "$CFGLINT" rules --config "$d/.cfglint.toml"
  if grep -q '^\[\[rule\]\]' "$c"; then
    for id in $(grep -o '^id = "[A-Z0-9]*"' "$c" | cut -d'"' -f2); do
      expect_exit 0 -- "$CFGLINT" explain "$id" --config "$d/.cfglint.toml"
      expect_exit 0 -- bash -c "\"$CFGLINT\" rules --config \"$d/.cfglint.toml\" | grep -q $id"
    done
  fi
done

# 3. Every cfglint command of the shell blocks runs in a copy of the example without a usage error.
cp -r fixtures/examples/django-channels-celery "$T/ex"
while IFS= read -r line; do
  [[ -n $line ]] || continue
  line=${line//\[OPTIONS\] /}; line=${line//\[PATH...\]/.}; line=${line//FILE/$T/out.file}
  line=${line#cfglint }
  ( cd "$T/ex" && eval "\"$CFGLINT\" $line" ) >/dev/null 2>"$T/cmd.err"
  rc=$?
  checks=$((checks + 1))
  [[ $rc == 0 || $rc == 1 ]] || fail "README command exits $rc: cfglint $line ($(head -c 200 "$T/cmd.err"))"
done <"$T/commands.txt"
finish
