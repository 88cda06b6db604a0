"""What the runtime oracles share: the fixture folders that carry an oracle file, and its lines.

An oracle file (deploy_oracle.txt, wait_oracle.txt) sits beside a fixture; each line is two words, what
to run and what Django must answer, with `#` comments.
"""
import os


def oracle_lines(root, filename):
    """Yields (fixture folder, first word, second word) for every line of every `filename` under fixtures/."""
    for dirpath, _, files in sorted(os.walk(os.path.join(root, "fixtures"))):
        if filename not in files:
            continue
        for line in open(os.path.join(dirpath, filename)):
            parts = line.split("#", 1)[0].split()
            if len(parts) == 2:
                yield dirpath, parts[0], parts[1]


def django_env():
    """The environment for Debian's Django: without a PYTHONPATH of the caller's."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
