#!/usr/bin/env bash
# Packaging: `cmake --install` lays out the binary, the man page and completions for bash, zsh and fish;
# each works; `cpack -G DEB` builds a package whose dependencies are Debian 12's, and dpkg installs it
# into a clean root where it runs.
source "$(dirname "$0")/lib.sh"
BUILD=${BUILD:?set BUILD to the build folder}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
command -v cpack >/dev/null && command -v dpkg >/dev/null || { echo "cpack or dpkg missing: skipped"; exit 77; }

expect_exit 0 -- cmake --install "$BUILD" --prefix "$T/prefix"
P=$T/prefix
for f in bin/cfglint share/man/man1/cfglint.1 share/bash-completion/completions/cfglint share/zsh/vendor-completions/_cfglint \
         share/fish/vendor_completions.d/cfglint.fish; do
  checks=$((checks + 1)); [[ -s $P/$f ]] || fail "not installed: $f"
done
expect_exit 0 -- "$P/bin/cfglint" --version
expect_contains "$(out)" "cfglint "

# The man page renders without warnings and documents every command, option and rule.
expect_exit 0 -- groff -man -ww -z "$P/share/man/man1/cfglint.1"
checks=$((checks + 1)); [[ ! -s $(err) ]] || fail "groff warnings: $(head -c 300 "$(err)")"
MANWIDTH=120 man -l "$P/share/man/man1/cfglint.1" >"$T/man.txt" 2>/dev/null
for word in "cfglint check" "cfglint explain" "--fail-on" "--stdin-filename" "EXIT STATUS" "sarif"; do expect_contains "$T/man.txt" "$word"; done
for id in $("$P/bin/cfglint" rules --format json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))'); do
  checks=$((checks + 1)); grep -q "$id" "$T/man.txt" || fail "the man page lacks $id"
done

# bash: what a user gets after TAB.
complete_bash() { bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cfglint; echo "${COMPREPLY[*]}"' _ \
                  "$P/share/bash-completion/completions/cfglint" "$@"; }
checks=$((checks + 1)); [[ $(complete_bash cfglint check --format "") == "text json sarif github gitlab junit" ]] || fail "bash: --format values"
checks=$((checks + 1)); [[ $(complete_bash cfglint ch) == "check" ]] || fail "bash: commands"
checks=$((checks + 1)); [[ $(complete_bash cfglint check --fail) == "--fail-on" ]] || fail "bash: options"
checks=$((checks + 1)); [[ $(complete_bash cfglint explain CFG00) == "CFG001 CFG002 CFG003" ]] || fail "bash: rule ids"
checks=$((checks + 1)); [[ $(complete_bash cfglint check --select CFG31) == CFG31* ]] || fail "bash: --select rule ids"
# zsh and fish: parsed by the shells themselves; fish also answers a completion query.
if command -v zsh >/dev/null; then expect_exit 0 -- zsh -n "$P/share/zsh/vendor-completions/_cfglint"; fi
if command -v fish >/dev/null; then
  expect_exit 0 -- fish -n "$P/share/fish/vendor_completions.d/cfglint.fish"
  expect_exit 0 -- fish --no-config -c "source $P/share/fish/vendor_completions.d/cfglint.fish; complete -C 'cfglint check --format '"
  expect_contains "$(out)" "sarif"
  expect_exit 0 -- fish --no-config -c "source $P/share/fish/vendor_completions.d/cfglint.fish; complete -C 'cfglint '"
  expect_contains "$(out)" "explain"
fi

# The Debian package: dependencies that Debian 12 has, installed by dpkg into an empty root, and run there.
expect_exit 0 -- cpack --config "$BUILD/CPackConfig.cmake" -B "$T/pkg"
deb=$(ls "$T"/pkg/cfglint_*.deb 2>/dev/null | head -1)
checks=$((checks + 1)); [[ -n $deb ]] || { fail "cpack made no .deb"; finish; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
for dep in $(echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g'); do
  checks=$((checks + 1))
  dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed" || fail "Depends names $dep, which this Debian does not have installed"
done
R=$T/root; mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"; : >"$R/var/lib/dpkg/status"
# --force-depends: the empty root has no libraries registered; they are the host's (checked above).
expect_exit 0 -- dpkg --root="$R" --force-not-root --force-depends --force-script-chrootless -i "$deb"
expect_exit 0 -- dpkg --root="$R" -L cfglint
expect_contains "$(out)" "/usr/share/man/man1/cfglint.1"
expect_exit 0 -- "$R/usr/bin/cfglint" check --no-color "$SRC/fixtures/examples/django-channels-celery" --fail-on never
expect_contains "$(out)" "CFG"
finish
