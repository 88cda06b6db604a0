#!/usr/bin/env python3
"""Precision of cfglint on real repositories, against a verdict file.

    bench/realworld/run.py [--mirrors DIR] [--work DIR] [--cfglint BIN] [--repos FILE] [--verdicts FILE]
                           [--only REPO] [--new]

For each `repo<TAB>commit` of repos.tsv it extracts that commit from a fetched bare mirror
(DIR/owner+name/repo, as the search tool's `fetch` lays them out) with ../shared/tools/git-extract, runs
`cfglint check --format json` on it and matches every error and warning with the verdicts
(verdicts.tsv: repo, rule, file glob, lines or *, verdict, cause). It prints, per rule, how many findings
were judged TP, FP, DEB (depends on how it is deployed) and how many are not judged yet (NEW), the
precision of errors and warnings, and every TP verdict that is no longer reported (a regression).
`--new` lists the unjudged findings so they can be read and judged.

Not part of CI: CI cannot fetch repositories. Numbers, not assertions.
"""
import argparse, collections, fnmatch, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def extract(mirrors, work, repo, commit):
    out = os.path.join(work, repo.replace("/", "+"))
    stamp = os.path.join(out, ".cfglint-realworld-commit")
    if os.path.exists(stamp) and open(stamp).read().strip() == commit:
        return out
    gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(gitdir, ".git")):  # some snapshots are clones with a work tree
        gitdir = os.path.join(gitdir, ".git")
    if not os.path.isdir(gitdir):
        return None
    subprocess.run(["rm", "-rf", out], check=True)
    os.makedirs(out)
    tool = os.path.join(ROOT, "..", "shared", "tools", "git-extract")
    subprocess.run([tool, gitdir, out, commit], check=True, stderr=subprocess.DEVNULL)
    # A marker so the project root is the repository, as in a checkout.
    os.makedirs(os.path.join(out, ".git"), exist_ok=True)
    with open(stamp, "w") as f:
        f.write(commit + "\n")
    return out


def run_cfglint(binary, folder):
    p = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", "."], cwd=folder,
                       capture_output=True, text=True, errors="replace")
    if p.returncode not in (0, 1):
        return None, p.stderr.strip()[:300]
    return json.loads(p.stdout), None


def verdict_for(verdicts, repo, finding):
    for v in verdicts:
        vrepo, rule, glob, lines, verdict, cause = (v + [""] * 6)[:6]
        if vrepo != repo or rule != finding["id"]:
            continue
        if not fnmatch.fnmatchcase(finding["file"], glob):
            continue
        line = finding["range"]["start"]["line"] if finding.get("range") else 0
        # a finding about a file as a whole (range null) matches a verdict written for line 1 or 0
        wanted = lines.split(",")
        if lines not in ("*", "") and str(line) not in wanted and not (line == 0 and ("1" in wanted or "0" in wanted)):
            continue
        return v
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirrors", default="/work/.mirror")
    ap.add_argument("--work", default="/tmp/cfglint-realworld")
    ap.add_argument("--cfglint", default=os.path.join(ROOT, "build", "cfglint"))
    ap.add_argument("--repos", default=os.path.join(HERE, "repos.tsv"))
    ap.add_argument("--verdicts", default=os.path.join(HERE, "verdicts.tsv"))
    ap.add_argument("--only")
    ap.add_argument("--new", action="store_true", help="list findings without a verdict")
    ap.add_argument("--all", action="store_true", help="also count notes")
    a = ap.parse_args()
    binary = os.path.abspath(a.cfglint)
    verdicts = read_tsv(a.verdicts)
    table = collections.defaultdict(collections.Counter)
    by_sev = collections.defaultdict(collections.Counter)
    seen_verdicts = set()
    ran = set()  # the repositories this run read: a verdict of another one is not missed
    unjudged = []
    skipped = []
    for row in read_tsv(a.repos):
        repo, commit = row[0], row[1]
        if a.only and a.only not in repo:
            continue
        folder = extract(a.mirrors, a.work, repo, commit)
        if folder is None:
            skipped.append(f"{repo}: no mirror")
            continue
        ran.add(repo)
        report, err = run_cfglint(binary, folder)
        if report is None:
            skipped.append(f"{repo}: cfglint failed: {err}")
            table["(crash)"]["FP"] += 1
            continue
        for f in report["findings"]:
            if f.get("suppressed"):
                continue
            v = verdict_for(verdicts, repo, f)
            if v:
                seen_verdicts.add(tuple(v))
            if f["severity"] == "note" and not a.all:
                continue
            kind = v[4] if v else "NEW"
            table[f["id"]][kind] += 1
            by_sev[f["severity"]][kind] += 1
            if not v:
                line = f["range"]["start"]["line"] if f.get("range") else 0
                unjudged.append(f"{repo}\t{f['id']}\t{f['file']}\t{line}\t{f['severity']}\t{f['message'][:220]}")
    print(f"{'rule':10} {'total':>6} {'TP':>5} {'FP':>5} {'DEB':>5} {'NEW':>5}")
    for rule in sorted(table):
        c = table[rule]
        print(f"{rule:10} {sum(c.values()):6} {c['TP']:5} {c['FP']:5} {c['DEB']:5} {c['NEW']:5}")
    for sev in ("error", "warning", "note"):
        c = by_sev.get(sev)
        if not c:
            continue
        judged = c["TP"] + c["FP"] + c["DEB"]
        prec = f"{100.0 * c['TP'] / judged:.0f} %" if judged else "-"
        print(f"{sev:8}: {sum(c.values())} findings, TP {c['TP']} FP {c['FP']} DEB {c['DEB']} NEW {c['NEW']};"
              f" precision of judged {prec}")
    missed = [v for v in verdicts if v[4] == "TP" and tuple(v) not in seen_verdicts and v[0] in ran]
    for v in missed:
        print("MISSED TP:", "\t".join(v[:4]))
    for s in skipped:
        print("SKIPPED:", s)
    if a.new:
        print("\n# unjudged findings")
        for u in unjudged:
            print(u)


if __name__ == "__main__":
    sys.exit(main())
