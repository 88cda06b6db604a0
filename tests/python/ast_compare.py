#!/usr/bin/env python3
"""Proves cfglint's Python front-end against CPython's own `ast`.

For every .py file under the given folders (default: this Python's standard library and Debian's Django),
compares the module-level imports and bound names (assignments, def, class; walking into if/try/with/
for/while/match blocks but not into def or class bodies) that both produce, line by line.

Skip list: only files that Python itself cannot parse (decided by ast.parse, so the list cannot go stale).
Prints a summary line `N passed, M failed` and exits 1 on any difference.
"""
import ast
import os
import subprocess
import sys
import time
import warnings


def facts(tree):
    rows = []

    def targets(t, line):
        if isinstance(t, ast.Name):
            rows.append((line, f"assign {t.id}"))
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                targets(e, line)
        elif isinstance(t, ast.Starred):
            targets(t.value, line)

    def walk(body):
        for s in body:
            if isinstance(s, ast.Import):
                for a in s.names:
                    rows.append((s.lineno, f"import {a.name}" + (f" as {a.asname}" if a.asname else "")))
            elif isinstance(s, ast.ImportFrom):
                for a in s.names:
                    rows.append((s.lineno, f"from {s.level}:{s.module or ''} import {a.name}" + (f" as {a.asname}" if a.asname else "")))
            elif isinstance(s, ast.Assign):
                for t in s.targets:
                    targets(t, s.lineno)
            elif isinstance(s, (ast.AugAssign, ast.AnnAssign)):
                if isinstance(s.target, ast.Name):
                    rows.append((s.lineno, f"assign {s.target.id}"))
            elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
                rows.append((s.lineno, f"def {s.name}"))
            elif isinstance(s, ast.ClassDef):
                rows.append((s.lineno, f"class {s.name}"))
            elif isinstance(s, (ast.If, ast.For, ast.AsyncFor, ast.While)):
                walk(s.body)
                walk(s.orelse)
            elif isinstance(s, (ast.With, ast.AsyncWith)):
                walk(s.body)
            elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
                walk(s.body)
                for h in s.handlers:
                    walk(h.body)
                walk(s.orelse)
                walk(s.finalbody)
            elif type(s).__name__ == "Match":
                for c in s.cases:
                    walk(c.body)

    walk(tree.body)
    return [f"L{line} {text}" for line, text in rows]


def main():
    pyfacts = sys.argv[1]
    roots = sys.argv[2:] or [os.path.dirname(os.__file__), "/usr/lib/python3/dist-packages/django"]
    files = []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            files += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py")]
    expected, skipped = {}, []
    t0 = time.perf_counter()
    total_bytes = 0
    for f in files:
        try:
            with open(f, "rb") as fh:
                src = fh.read()
            total_bytes += len(src)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                expected[f] = facts(ast.parse(src, f))
        except (SyntaxError, ValueError, UnicodeDecodeError):
            skipped.append(f)
    t_ast = time.perf_counter() - t0
    checked = [f for f in files if f in expected]
    t0 = time.perf_counter()
    out = subprocess.run([pyfacts], input="\n".join(checked) + "\n", capture_output=True, text=True, errors="replace", check=True).stdout
    t_ours = time.perf_counter() - t0
    got, cur = {}, None
    for line in out.splitlines():
        if line.startswith("== "):
            cur = line[3:]
            got[cur] = []
        elif cur is not None:
            got[cur].append(line)
    passed = failed = 0
    for f in checked:
        ours = got.get(f, ["!! no output"])
        if ours == expected[f]:
            passed += 1
            continue
        failed += 1
        if failed <= 15:
            print(f"DIFF {f}")
            exp, our = expected[f], ours
            for i in range(max(len(exp), len(our))):
                a = exp[i] if i < len(exp) else "<none>"
                b = our[i] if i < len(our) else "<none>"
                if a != b:
                    print(f"   ast:     {a}\n   cfglint: {b}")
                    break
    print(f"skipped (Python cannot parse them): {len(skipped)}")
    for s in skipped:
        print(f"  skip {s}")
    mb = total_bytes / 1e6
    print(f"{len(checked)} files, {mb:.1f} MB: ast {t_ast:.2f}s ({mb / t_ast:.1f} MB/s incl. reading), cfglint {t_ours:.2f}s ({mb / t_ours:.1f} MB/s incl. process start)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
