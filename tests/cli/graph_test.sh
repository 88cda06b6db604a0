#!/usr/bin/env bash
# cfglint graph: the deployment model of the bundled example, as Mermaid and JSON, equals the reviewed
# snapshots in tests/cli/graph/ (regenerate them with the commands below after a deliberate change and
# read the diff); --service narrows it; DOT is well formed; hostile names cannot break out of a label.
source "$(dirname "$0")/lib.sh"
EXAMPLE="$SRC/fixtures/examples/django-channels-celery"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

expect_exit 0 -- "$CFGLINT" graph "$EXAMPLE"
checks=$((checks + 1)); diff -u "$SRC/tests/cli/graph/example.mmd" "$(out)" >&2 || fail "graph (mermaid) differs from tests/cli/graph/example.mmd"
expect_exit 0 -- "$CFGLINT" graph -f json "$EXAMPLE"
checks=$((checks + 1)); diff -u "$SRC/tests/cli/graph/example.json" "$(out)" >&2 || fail "graph (json) differs from tests/cli/graph/example.json"

# The links a finding rests on are there: who loads which settings, who connects to what.
expect_contains "$SRC/tests/cli/graph/example.mmd" '-->|loads|'
expect_contains "$SRC/tests/cli/graph/example.mmd" '-->|connects DATABASE_URL|'

expect_exit 0 -- "$CFGLINT" graph --service worker --format=json "$EXAMPLE"
cp "$(out)" "$T/worker.json"
expect_exit 0 -- python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
ids = {n["id"] for n in g["nodes"]}
assert any(i.endswith("#worker") for i in ids), ids
assert not any(i.endswith("#migrate") for i in ids), ids   # not linked to the worker
assert all(e["from"] in ids and e["to"] in ids for e in g["edges"])
' "$T/worker.json"
expect_exit 2 -- "$CFGLINT" graph --service no-such-service "$EXAMPLE"
expect_contains "$(err)" "no compose service or Kubernetes container is named \`no-such-service\`"

expect_exit 0 -- "$CFGLINT" graph -f dot "$EXAMPLE"
expect_contains "$(out)" "digraph deployment {"
checks=$((checks + 1)); [[ $(grep -c '^}' "$(out)") == 1 ]] || fail "dot output is not one closed graph"

# A service name with quotes, brackets and a newline stays inside its label: one line per node.
mkdir -p "$T/hostile/.git"
printf 'services:\n  "web\\"]\\n  evil[x]":\n    image: nginx:1.27\n' > "$T/hostile/compose.yaml"
expect_exit 0 -- "$CFGLINT" graph "$T/hostile"
expect_contains "$(out)" '#quot;'
checks=$((checks + 1)); [[ $(wc -l < "$(out)") == 4 ]] || fail "a hostile service name broke the Mermaid lines: $(cat "$(out)")"
finish
