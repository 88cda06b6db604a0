#!/usr/bin/env python3
"""Runtime oracle for the django-deploy-check rules: runs Debian's Django `manage.py check --deploy` on
each fixture's settings and confirms that the check id cfglint reports statically is (positive) or is
not (negative) what Django itself reports.

deploy_oracle.txt: `security.W004 present|absent`, beside a settings.py. Prints `N passed, M failed`.
"""
import os
import subprocess
import sys

from oracle_fixtures import django_env, oracle_lines

PYTHON = "/usr/bin/python3"
RUN = ("import django, io, contextlib\n"
       "from django.core.management import call_command\n"
       "django.setup()\n"
       "out = io.StringIO()\n"
       "try:\n"
       "    call_command('check', deploy=True, stdout=out, stderr=out)\n"
       "except Exception as e:\n"
       "    out.write(str(e))\n"
       "print(out.getvalue())\n")


def main():
    root = sys.argv[1]
    passed = failed = 0
    for dirpath, check_id, want in oracle_lines(root, "deploy_oracle.txt"):
        env = django_env()
        env.update(PYTHONPATH=os.path.abspath(dirpath), DJANGO_SETTINGS_MODULE="settings")
        r = subprocess.run([PYTHON, "-c", RUN], cwd=dirpath, env=env, capture_output=True, text=True, timeout=120)
        present = check_id in r.stdout
        ok = present if want == "present" else (not present and r.returncode == 0)
        label = f"{os.path.relpath(dirpath, root)} {check_id} {want}"
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {label}\n{r.stdout[-1500:]}{r.stderr[-800:]}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
