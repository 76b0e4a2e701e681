#!/usr/bin/python3
"""libsolv's tools/installcheck.c algorithm over rpm-md repositories, with RPM semantics.

Debian's libsolv is built for Debian (DEBIAN defined): /usr/bin/installcheck then compares versions with
dpkg's rules (so "Requires: foo = 1.0" does not match foo-1.0-3.el9) and treats "all", not "noarch", as the
architecture-independent class, so it cannot judge an RPM repository. testsolv can switch the pool to RPM
("system x86_64 rpm") but rebuilds the whole pool's provides for every job, about 40 ms each, ten minutes
for AppStream. The Python binding of the same libsolv lets us set DISTTYPE_RPM and run installcheck's loop.

Usage: rpm_installcheck.py ARCH CHECKED_PRIMARY [--nocheck PRIMARY[:FILELISTS]]...
Prints "name<TAB>evr<TAB>arch" for every package of CHECKED_PRIMARY that cannot be installed into an empty
system, where ARCH and noarch packages of all repositories may be used. Unlike installcheck on an RPM
distribution it does not also install "rpm" with every package: we ask about an empty system.
"""
import sys

import solv


def open_file(path):
    f = solv.xfopen(path)
    if f is None:  # the binding would pass NULL on to libsolv and crash
        raise SystemExit("cannot open " + path)
    return f


def load(pool, name, spec):
    repo = pool.add_repo(name)
    primary, _, filelists = spec.partition(":")
    repo.add_rpmmd(open_file(primary), None, 0)
    if filelists:
        # As dnf loads filelists: extend the solvables primary created, matched by pkgid.
        repo.add_rpmmd(open_file(filelists), None, solv.Repo.REPO_EXTEND_SOLVABLES)
    repo.internalize()
    return repo


def main(argv):
    arch, checked_spec = argv[1], argv[2]
    pool = solv.Pool()
    pool.setdisttype(solv.Pool.DISTTYPE_RPM)
    pool.setarch(arch)
    checked = load(pool, "checked", checked_spec)
    nocheck = False
    for i, spec in enumerate(argv[3:]):
        if spec == "--nocheck":
            nocheck = True
            continue
        if not nocheck:
            raise SystemExit("only one checked repository is supported")
        load(pool, "nocheck%d" % i, spec)
    pool.addfileprovides()
    pool.createwhatprovides()

    # libsolv's x86_64 policy also admits i686 and older; keep only ARCH and noarch, like peerget's check.
    # A lock on packages that are not installed keeps them out, as installcheck's own archlock does.
    foreign = [s.id for s in pool.solvables_iter() if s.arch not in (arch, "noarch")]
    locks = [pool.Job(solv.Job.SOLVER_LOCK | solv.Job.SOLVER_SOLVABLE_ONE_OF, pool.towhatprovides(foreign))] \
        if foreign else []

    def solver():
        s = pool.Solver()
        s.set_flag(solv.Solver.SOLVER_FLAG_IGNORE_RECOMMENDED, 1)
        return s

    candidates = [s for s in checked.solvables_iter() if s.arch in (arch, "noarch")]
    # installcheck's pruning: install every candidate weakly; those that end up installed are installable.
    while candidates:
        sv = solver()
        sv.solve(locks + [pool.Job(solv.Job.SOLVER_INSTALL | solv.Job.SOLVER_SOLVABLE | solv.Job.SOLVER_WEAK,
                                   s.id) for s in candidates])
        installed = {s.id for s in sv.transaction().newsolvables()}
        remaining = [s for s in candidates if s.id not in installed]
        if len(remaining) == len(candidates):
            break
        candidates = remaining
    for s in candidates:
        problems = solver().solve(locks + [pool.Job(solv.Job.SOLVER_INSTALL | solv.Job.SOLVER_SOLVABLE, s.id)])
        if problems:
            print("%s\t%s\t%s" % (s.name, s.evr, s.arch))


if __name__ == "__main__":
    main(sys.argv)
