#!/usr/bin/env python3
"""Runtime oracle for CFG349 (wait-command-never-connects): runs each fixture's wait command with Debian's
Django against a database that cannot be opened (SQLite in a folder that does not exist) and confirms what
cfglint says statically: a command reported as never waiting returns at once; one that is not reported
reaches its sleep (it noticed the database is not there).

wait_oracle.txt beside the fixture: `path/to/command.py returns|waits`. Prints `N passed, M failed`.
"""
import os
import subprocess
import sys

from oracle_fixtures import django_env, oracle_lines

PYTHON = "/usr/bin/python3"
RUN = """
import importlib.util, sys, time
import django
from django.conf import settings
settings.configure(DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/nonexistent/cfglint/db.sqlite3"}},
                   INSTALLED_APPS=[])
django.setup()
class Slept(Exception):
    pass
def sleep(_seconds):
    raise Slept()
time.sleep = sleep
spec = importlib.util.spec_from_file_location("wait_command", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
try:
    module.Command().handle()
    print("returns")
except Slept:
    print("waits")
"""


def main():
    root = sys.argv[1]
    passed = failed = 0
    for dirpath, path, want in oracle_lines(root, "wait_oracle.txt"):
        r = subprocess.run([PYTHON, "-c", RUN, os.path.join(dirpath, path)], cwd=dirpath, env=django_env(), capture_output=True, text=True,
                           timeout=120)
        got = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "error: " + r.stderr.strip()[-300:]
        label = f"{os.path.relpath(dirpath, root)}/{path} {want}"
        if got == want:
            passed += 1
        else:
            failed += 1
            print(f"FAIL: {label}: Django's run says {got}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
