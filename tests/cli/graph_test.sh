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
# Findings name the edges of this graph they rest on (Finding::graph_edges): over every rule fixture, each
# edge a finding names is an edge `cfglint graph` prints for the same project, and the cross-file rules
# that read those links do name them.
expect_exit 0 -- python3 - "$CFGLINT" "$SRC/fixtures/rules" <<'PY'
import json, os, subprocess, sys
cfglint, root = sys.argv[1], sys.argv[2]
named, rules, missing = 0, set(), []
for rule in sorted(os.listdir(root)):
    for case in sorted(os.listdir(os.path.join(root, rule))):
        d = os.path.join(root, rule, case)
        run = lambda *a: subprocess.run([cfglint, *a, "--root", d, d], capture_output=True, text=True)
        findings = json.loads(run("check", "--format", "json", "--fail-on", "never").stdout)["findings"]
        if not any(f["graph_edges"] for f in findings):
            continue
        graph = json.loads(run("graph", "-f", "json").stdout)
        edges = {(e["from"], e["to"], e["label"]) for e in graph["edges"]}
        for f in findings:
            for e in f["graph_edges"]:
                named += 1
                rules.add(f["id"])
                if (e["from"], e["to"], e["label"]) not in edges:
                    missing.append(f'{rule}/{case}: {f["id"]} names {e} which the graph lacks')
assert not missing, "\n".join(missing)
want = {"CFG143", "CFG302", "CFG313", "CFG316", "CFG326", "CFG355"}
assert want <= rules, f"no graph edges from {sorted(want - rules)}"
print(named, "edges named by", len(rules), "rules, all in the graph")
PY

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
