#!/usr/bin/env bash
# Drives Debian's real pre-commit with `try-repo` against a throw-away repository.
# CFGLINT_HOOK_BUILD=1 makes the hook build cfglint from its own clone, as a new user's machine does;
# otherwise the hook uses the binary under test (CFGLINT_BIN).
source "$(dirname "$0")/lib.sh"
command -v pre-commit >/dev/null || { echo "FAIL: pre-commit is not installed (scripts/bootstrap)"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export PRE_COMMIT_HOME=$T/cache GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
[[ ${CFGLINT_HOOK_BUILD:-0} == 1 ]] || export CFGLINT_BIN=$CFGLINT

# The hook repository: this source tree as committed plus the working tree's changes (try-repo shadows them).
repo=$SRC
# The project under review.
P=$T/project
mkdir -p "$P" && cp -r "$SRC/fixtures/rules/CFG302/negative/." "$P/"
git -C "$P" init -q && git -C "$P" add -A && git -C "$P" commit -qm init

try() { (cd "$P" && pre-commit try-repo "$repo" cfglint "$@") >"$T/log" 2>&1; }

# A clean change passes.
printf '# reviewed\n' >>"$P/compose.yaml" && git -C "$P" add compose.yaml
checks=$((checks + 1)); try || fail "clean change failed: $(tail -20 "$T/log")"
expect_contains "$T/log" "Passed"
git -C "$P" commit -qm clean

# A change that breaks the deployment fails with cfglint's message.
sed -i 's/^  db:$/  db:\n    image: postgres:16\n    image: postgres:17/' "$P/compose.yaml"
git -C "$P" add compose.yaml
checks=$((checks + 1)); try && fail "breaking change passed: $(tail -20 "$T/log")"
expect_contains "$T/log" "error[CFG003 duplicate-key]"
git -C "$P" checkout -q -- . && git -C "$P" reset -q --hard

# Changing only the Dockerfile still surfaces the compose finding whose evidence runs through it.
sed -i '/^HEALTHCHECK/d' "$P/api/Dockerfile" && git -C "$P" add api/Dockerfile
checks=$((checks + 1)); try && fail "Dockerfile-only change passed: $(tail -20 "$T/log")"
expect_contains "$T/log" "error[CFG302 healthy-dependency-without-healthcheck]"
expect_contains "$T/log" "api/Dockerfile"
finish
