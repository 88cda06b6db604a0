#!/usr/bin/env python3
"""Runtime oracle for the import-before-app-ready fixtures: imports each listed module for real with
Debian's python3-django and checks that positives raise AppRegistryNotReady and negatives import cleanly,
so the fixtures cannot drift from what Django really does.

oracle.txt lines: DIR MODULE raises|imports SETTINGS   (DIR relative to the oracle file; MODULE a dotted
module, or a script path ending in .py; SETTINGS the DJANGO_SETTINGS_MODULE the deployment sets, as a
Dockerfile ENV or compose environment would). Prints `N passed, M failed`.
"""
import os
import subprocess
import sys

PYTHON = "/usr/bin/python3"  # Debian's, where python3-django lives


def main():
    root = sys.argv[1]
    cases = []
    for dirpath, _, files in os.walk(os.path.join(root, "fixtures")):
        if "oracle.txt" in files:
            with open(os.path.join(dirpath, "oracle.txt")) as fh:
                for line in fh:
                    line = line.split("#", 1)[0].split()
                    if len(line) == 4:
                        cases.append((os.path.abspath(os.path.join(dirpath, line[0])), line[1], line[2], line[3]))
    if not cases:
        print("no oracle cases found")
        return 1
    check = subprocess.run([PYTHON, "-c", "import django; print(django.get_version())"], capture_output=True, text=True)
    if check.returncode != 0:
        print("FAIL: Debian's python3-django is not installed (scripts/bootstrap installs it)")
        return 1
    passed = failed = 0
    for cwd, module, want, settings in sorted(cases):
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
        env["PYTHONPATH"] = cwd
        env["DJANGO_SETTINGS_MODULE"] = settings
        cmd = [PYTHON, module] if module.endswith(".py") else [PYTHON, "-c", f"import {module}"]
        r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
        raised = "AppRegistryNotReady" in r.stderr
        ok = raised if want == "raises" else (r.returncode == 0 and not raised)
        label = f"{os.path.relpath(cwd, root)} {module} {want}"
        if ok:
            passed += 1
            print(f"ok   {label}")
        else:
            failed += 1
            print(f"FAIL {label}: exit {r.returncode}\n{r.stderr[-800:]}")
    print(f"django {check.stdout.strip()}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
