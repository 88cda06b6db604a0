#!/usr/bin/env bash
# Throughput and memory of `cfglint check` beside `cat` of the same files.
#   bench/run.sh [FOLDER...]     default: ../shared/corpus (if present) and a corpus made from fixtures/
# Prints files, MB, wall seconds, files/s, MB/s and peak RSS for each. Numbers, not assertions:
# speed is measured here, never by timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
CFGLINT=${CFGLINT:-build/cfglint}
[[ -x $CFGLINT ]] || { echo "build first: make build" >&2; exit 2; }
OUT=bench/out
mkdir -p "$OUT"

# A synthetic corpus: every fixture copied many times, so per-file overhead shows.
synthetic=$OUT/fixtures-x200
if [[ ! -d $synthetic ]]; then
  for i in $(seq 1 200); do mkdir -p "$synthetic/copy$i" && cp -r fixtures/. "$synthetic/copy$i/"; done
fi

# One-line files: minified JSON manifests and data, 1.4 and 2 MB on a single line. Every front-end must
# stay linear in its input (a column lookup once rescanned the whole line: 28 s for 1.36 MB).
oneline=$OUT/one-line
if [[ ! -d $oneline ]]; then
  mkdir -p "$oneline/.git"
  python3 - "$oneline" <<'PY'
import json, sys
d = sys.argv[1]
json.dump({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "big"},
           "data": {f"k{i}": "x" * 20 for i in range(40000)}}, open(f"{d}/configmap.json", "w"))
json.dump([{"a": i, "b": "y" * 10} for i in range(60000)], open(f"{d}/data.json", "w"))
PY
fi

# The scale case (issue 11: a monorepo-sized tree of Python and deployment files): real files copied
# until the tree has about 70,000 of them and 500 MB: 14 copies of the shared corpus (compose files,
# Dockerfiles, manifests of 20 public repositories) with Debian's Django beside it (real Python, one
# settings module), and 12 copies of CPython's standard library.
scale=$OUT/scale
if [[ ! -d $scale ]]; then
  python3 - "$scale" <<'PY'
import os, shutil, sys
out = sys.argv[1]
def copy_py(src, dst):
    for folder, _, names in os.walk(src):
        for n in names:
            if n.endswith(".py"):
                rel = os.path.relpath(os.path.join(folder, n), src)
                os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
                shutil.copyfile(os.path.join(folder, n), os.path.join(dst, rel))
for i in range(1, 15):
    if os.path.isdir("../shared/corpus"):
        shutil.copytree("../shared/corpus", f"{out}/copy{i}/corpus")
    if os.path.isdir("/usr/lib/python3/dist-packages/django"):
        copy_py("/usr/lib/python3/dist-packages/django", f"{out}/copy{i}/site/django")
for i in range(1, 13):
    lib = f"/usr/lib/python3.{sys.version_info.minor}"
    if os.path.isdir(lib):
        copy_py(lib, f"{out}/stdlib{i}")
os.makedirs(f"{out}/.git", exist_ok=True)
PY
fi

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  [[ -d ../shared/corpus ]] && targets+=(../shared/corpus)
  targets+=("$synthetic" "$oneline" "$scale")
fi

measure() {  # measure COMMAND... -> "wall_seconds peak_rss_kb" (GNU time: the peak of the process tree's largest member)
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true
  cat "$OUT/time.txt"
}

# The Python front-end alone, on CPython's standard library and Debian's Django (when present).
if [[ -x build/tests/pyfacts ]]; then
  find /usr/lib/python3.11 /usr/lib/python3/dist-packages/django -name '*.py' 2>/dev/null | sort | build/tests/pyfacts --bench
fi

printf "%-28s %-8s %7s %8s %9s %9s %9s %10s\n" target tool files MB wall_s files/s MB/s peak_MB
for t in "${targets[@]}"; do
  # the files cfglint reads (same discovery: ask cfglint itself via --format json stats is overkill; find by kind)
  list=$OUT/files.txt
  find "$t" -type f \( -name '*.yml' -o -name '*.yaml' -o -name 'Dockerfile*' -o -name '*.Dockerfile' -o -name '.env*' \
    -o -name '*.env' -o -name '*.py' -o -name '*.toml' -o -name '*.json' -o -name 'requirements*.txt' -o -name 'Containerfile*' \) \
    -not -path '*/node_modules/*' -not -path '*/.git/*' >"$list"
  files=$(wc -l <"$list")
  bytes=$(xargs -d '\n' cat <"$list" | wc -c)
  mb=$(python3 -c "print(f'{$bytes/1e6:.2f}')")
  # warm the page cache once so both tools read from memory
  xargs -d '\n' cat <"$list" >/dev/null
  read -r cat_wall cat_rss < <(measure bash -c "xargs -d '\n' cat <'$list' >/dev/null")
  # --root: each target is a project of its own, even inside this repository (whose .cfglint.toml excludes bench/out)
  read -r cl_wall cl_rss < <(measure "$CFGLINT" check --root "$t" "$t" --format json --output /dev/null --fail-on never)
  for row in "cat $cat_wall $cat_rss" "cfglint $cl_wall $cl_rss"; do
    read -r tool wall rss <<<"$row"
    python3 -c "
f,b,w,r=$files,$bytes,$wall,$rss
print(f'%-28s %-8s %7d %8.2f %9.3f %9.0f %9.1f %10.1f' % ('$(basename "$t")'[:28], '$tool', f, b/1e6, w, f/max(w,1e-9), b/1e6/max(w,1e-9), r/1024))"
  done
  python3 -c "print(f'  cfglint/cat wall ratio: {$cl_wall/max($cat_wall,1e-9):.1f}x')"
done
