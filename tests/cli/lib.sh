# Tiny assertion helpers for the CLI tests. Each test script ends with `finish`.
set -u
CFGLINT=${CFGLINT:?set CFGLINT to the binary}
SRC=${SRC:?set SRC to the source folder}
failures=0
checks=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_exit() {  # expect_exit CODE -- command...
  local want=$1; shift; [[ $1 == -- ]] && shift
  checks=$((checks + 1))
  "$@" >/tmp/cfglint-cli-out.$$ 2>/tmp/cfglint-cli-err.$$
  local got=$?
  [[ $got == "$want" ]] || fail "exit $got, expected $want: $*  (stderr: $(head -c 300 /tmp/cfglint-cli-err.$$))"
}
expect_contains() {  # expect_contains FILE TEXT
  checks=$((checks + 1))
  grep -qF -- "$2" "$1" || fail "$1 does not contain: $2"
}
expect_not_contains() {
  checks=$((checks + 1))
  ! grep -qF -- "$2" "$1" || fail "$1 contains: $2"
}
out() { echo /tmp/cfglint-cli-out.$$; }
err() { echo /tmp/cfglint-cli-err.$$; }
finish() {
  rm -f /tmp/cfglint-cli-out.$$ /tmp/cfglint-cli-err.$$
  echo "$checks checks, $failures failures"
  [[ $failures == 0 ]]
}
