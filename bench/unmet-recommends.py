#!/usr/bin/env python3
"""Counts the Recommends each plan of resolve-bench.sh leaves unmet, apt's next to peerget's.

usage: bench/unmet-recommends.py RESULTS_DIR TARGET...   (RESULTS_DIR: STATEDIR/rresults of resolve-bench.sh -s)

Reads the corpus's bookworm Packages.gz (one build per name in main/amd64) and each `Inst` list: a recommendation
of a planned package is met when one of its alternatives is planned or provided by a planned package (versions
are not checked: a rough check, the same for both tools). A smaller plan that meets fewer recommendations than
apt's is not a better plan, so the table in docs/resolver-benchmarks.md reports both.
"""
import gzip
import os
import re
import sys

CORPUS = os.environ.get("PEERGET_CORPUS", "/work/shared/corpus")
PACKAGES = CORPUS + "/apt/debian-bookworm-fetched/main/binary-amd64/Packages.gz"


def stanzas(path):
    cur, key = {}, None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line == "\n":
                if "Package" in cur:
                    yield cur
                cur, key = {}, None
            elif line[0] in " \t":
                if key:
                    cur[key] += line.strip()
            else:
                key, _, value = line.partition(":")
                cur[key] = value.strip()
    if "Package" in cur:
        yield cur


def groups(field):
    """Alternatives of each comma-separated entry, names only."""
    return [[re.sub(r"[\s(\[].*", "", a.strip()).split(":")[0] for a in g.split("|")]
            for g in field.split(",") if g.strip()]


def unmet(plan, pkgs):
    provided = set(plan)
    for p in plan:
        for g in groups(pkgs.get(p, {}).get("Provides", "")):
            provided.update(g)
    return sorted(p + " -> " + " | ".join(g) for p in plan
                  for g in groups(pkgs.get(p, {}).get("Recommends", "")) if not any(a in provided for a in g))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    pkgs = {s["Package"]: s for s in stanzas(PACKAGES)}
    print("| target | apt packages | apt unmet recommends | peerget packages | peerget unmet recommends | unmet only by peerget |")
    print("|---|---|---|---|---|---|")
    for t in sys.argv[2:]:
        row = {}
        for tool in ("apt", "pg"):
            with open(f"{sys.argv[1]}/{tool}.{t}.rec.plan", encoding="utf-8") as f:
                plan = [line.split()[1] for line in f if line.startswith("Inst ")]
            row[tool] = (len(plan), unmet(plan, pkgs))
        only = sorted(set(row["pg"][1]) - set(row["apt"][1]))
        print(f"| {t} | {row['apt'][0]} | {len(row['apt'][1])} | {row['pg'][0]} | {len(row['pg'][1])} | "
              f"{len(only)}{': ' + '; '.join(only[:4]) if only else ''} |")


if __name__ == "__main__":
    main()
