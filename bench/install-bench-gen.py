#!/usr/bin/env python3
"""Generates the package set of bench/install-bench.sh: 100 packages with a realistic dependency graph.

usage: install-bench-gen.py OUTDIR [SEED] [SCALE]

Writes, deterministically for a given SEED (default 5) and SCALE (default 2.0, multiplies every file size):
  OUTDIR/payload/NAME/...        the files each package installs (binary-like libraries and executables, text)
  OUTDIR/deb/NAME/DEBIAN/control Debian control files (the payload is linked in by the shell script)
  OUTDIR/rpm/NAME.spec           RPM spec files whose %install copies OUTDIR/payload/NAME
  OUTDIR/leaves                  the packages nothing depends on: what the benchmark asks to install
  OUTDIR/graph.tsv               name, arch, layer, files, installed bytes, Pre-Depends, Depends (for the docs)

The graph, built from the bottom up:
  layer 0  9 foundation packages (a C library, zlib, tzdata, ...), some of them Pre-Depended on
  layer 1  20 shared libraries, each on 1-3 foundation packages
  layer 2  22 higher-level libraries on 1-4 packages below (preferential attachment: popular libraries collect
           more dependents, as libc6 and zlib1g do), two of them with a versioned virtual dependency
  chains   2 chains of 6 libraries each (a plugin stack: each needs the one before it)
  data     10 architecture-independent data packages (fonts, icons, docs) used by applications
  apps     27 applications on 2-6 libraries, their data package and sometimes a chain's top; 4 of them
           Pre-Depend on a foundation package (RPM: Requires(pre))
Every library is needed by at least one application, so installing the leaves installs all 100 packages.
File contents: libraries and executables are half random 4 KiB blocks, half repeated ones (compress ~2:1 like real
code); text files are words from a small vocabulary (compress ~4:1 like documentation).
"""
import hashlib
import os
import random
import sys

WORDS = ("the of package library data version install system file function value error memory buffer "
         "stream thread lock socket table index cache query parse format output input config option default "
         "signal process module object string number array pointer handle return status context").split()


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    scale = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    rng = random.Random(seed)
    pkgs = build_graph(rng)
    common_blocks = [rng.randbytes(4096) for _ in range(16)]
    for p in pkgs:
        write_payload(out, p, rng, common_blocks, scale)
        write_deb_control(out, p)
        write_spec(out, p)
    referenced = {d for p in pkgs for d, _ in p["depends"] + p["predepends"]}
    with open(os.path.join(out, "leaves"), "w") as f:
        for p in pkgs:
            if p["name"] not in referenced:
                f.write(p["name"] + "\n")
    with open(os.path.join(out, "graph.tsv"), "w") as f:
        f.write("name\tarch\tlayer\tfiles\tbytes\tpredepends\tdepends\n")
        for p in pkgs:
            f.write("\t".join([p["name"], p["arch"], p["layer"], str(len(p["files"])), str(p["bytes"]),
                               ", ".join(relation(d) for d in p["predepends"]),
                               ", ".join(relation(d) for d in p["depends"])]) + "\n")


def relation(dep):
    name, version = dep
    return name + (" (>= %s)" % version if version else "")


def log_uniform(rng, lo, hi):
    return int(lo * (hi / lo) ** rng.random())


def build_graph(rng):
    pkgs = []
    by_name = {}

    def add(name, layer, arch, size_range, nfiles_range, kind):
        p = {"name": name, "layer": layer, "arch": arch, "depends": [], "predepends": [], "provides": [],
             "size_range": size_range, "nfiles_range": nfiles_range, "kind": kind, "files": [], "bytes": 0}
        pkgs.append(p)
        by_name[name] = p
        return p

    foundation = ["ib-libc", "ib-libgcc", "ib-zlib", "ib-libffi", "ib-libpcre", "ib-libcrypt", "ib-libattr",
                  "ib-tzdata", "ib-base-files"]
    for n in foundation:
        data = n in ("ib-tzdata", "ib-base-files")
        add(n, "0", "all" if data else "amd64", (200_000, 3_000_000) if not data else (50_000, 1_500_000),
            (3, 12) if not data else (30, 120), "data" if data else "lib")
    by_name["ib-libgcc"]["depends"].append(("ib-libc", None))
    by_name["ib-zlib"]["depends"].append(("ib-libc", "1.0"))
    by_name["ib-libcrypt"]["depends"].append(("ib-libc", None))
    by_name["ib-libattr"]["depends"].append(("ib-libc", None))
    libs0 = [n for n in foundation if by_name[n]["kind"] == "lib"]

    # Preferential attachment: a package's weight is 1 + how often it is already depended on.
    indeg = {n: 0 for n in foundation}
    indeg["ib-libc"] = 4

    def pick(cands, k):
        chosen = []
        cands = list(cands)
        for _ in range(min(k, len(cands))):
            weights = [1 + 2 * indeg.get(c, 0) for c in cands]
            c = rng.choices(cands, weights)[0]
            cands.remove(c)
            chosen.append(c)
            indeg[c] = indeg.get(c, 0) + 1
        return chosen

    layer1 = ["ib-libssl", "ib-libxml", "ib-libjson", "ib-libpng", "ib-libjpeg", "ib-libsqlite", "ib-libicu",
              "ib-libbz2", "ib-liblzma", "ib-libuuid", "ib-libcap", "ib-libselinux", "ib-libexpat", "ib-libyaml",
              "ib-libgmp", "ib-libidn", "ib-libtasn", "ib-libunistring", "ib-libnettle", "ib-libreadline"]
    for n in layer1:
        p = add(n, "1", "amd64", (20_000, 4_000_000) if n != "ib-libicu" else (6_000_000, 6_000_001), (2, 10), "lib")
        p["depends"] = [(d, "1.0" if rng.random() < 0.3 else None) for d in pick(libs0, rng.randint(1, 3))]
    layer2 = ["ib-libcurl", "ib-libarchive", "ib-libgnutls", "ib-libfreetype", "ib-libfontconfig", "ib-libcairo",
              "ib-libpango", "ib-libglib", "ib-libgio", "ib-libdbus", "ib-libsystemd", "ib-libldap", "ib-libkrb5",
              "ib-libsasl", "ib-libssh", "ib-libpython", "ib-libperl", "ib-libtiff", "ib-libwebp", "ib-libxslt",
              "ib-libevent", "ib-libmagic"]
    for n in layer2:
        p = add(n, "2", "amd64", (50_000, 5_000_000), (3, 40), "lib")
        p["depends"] = [(d, "1.0" if rng.random() < 0.3 else None) for d in pick(libs0 + layer1, rng.randint(1, 4))]
    # A virtual package: two libraries need "ib-ssl-provider", which ib-libssl provides.
    by_name["ib-libssl"]["provides"].append("ib-ssl-provider")
    for n in ("ib-libcurl", "ib-libldap"):
        by_name[n]["depends"].append(("ib-ssl-provider", None))
        indeg["ib-libssl"] = indeg.get("ib-libssl", 0) + 1
    chains = []
    for c in ("gfx", "audio"):
        chain = ["ib-%s-core" % c] + ["ib-%s-plugin%d" % (c, i) for i in range(1, 6)]
        for i, n in enumerate(chain):
            p = add(n, "chain", "amd64", (10_000, 2_000_000), (2, 15), "lib")
            if i == 0:
                p["depends"] = [(d, None) for d in pick(layer1 + layer2, 3)]
            else:
                p["depends"] = [(chain[i - 1], "1.0")]
        chains.append(chain)
    data = ["ib-fonts-dejavu", "ib-icons-hicolor", "ib-icons-adwaita", "ib-sounds", "ib-doc-base", "ib-mime-data",
            "ib-locale-de", "ib-locale-fr", "ib-man-pages", "ib-help-html"]
    for n in data:
        add(n, "data", "all", (100_000, 8_000_000), (20, 250), "data")
    apps = ["ib-editor", "ib-browser", "ib-mailer", "ib-player", "ib-viewer", "ib-shell", "ib-calc", "ib-term",
            "ib-filemgr", "ib-archiver", "ib-backup", "ib-sync", "ib-chat", "ib-notes", "ib-paint", "ib-scanner",
            "ib-printer", "ib-monitor", "ib-netcfg", "ib-fwcfg", "ib-dbtool", "ib-httpd", "ib-ftpd", "ib-vcs",
            "ib-build", "ib-debugger", "ib-profiler"]
    data_users = {}
    for n in apps:
        p = add(n, "app", "amd64", (10_000, 4_000_000), (3, 60), "app")
        p["depends"] = [(d, "1.0" if rng.random() < 0.25 else None)
                        for d in pick(layer1 + layer2, rng.randint(2, 6))]
        if rng.random() < 0.5:
            d = rng.choice(data)
            p["depends"].append((d, None))
            data_users[d] = data_users.get(d, 0) + 1
    for n in ("ib-shell", "ib-backup", "ib-httpd", "ib-sync"):
        by_name[n]["predepends"].append((rng.choice(["ib-libc", "ib-libcrypt", "ib-libattr"]), None))
    by_name["ib-player"]["depends"].append((chains[1][-1], "1.0"))
    by_name["ib-viewer"]["depends"].append((chains[0][-1], None))
    by_name["ib-paint"]["depends"].append((chains[0][3], None))
    # Everything must be reachable from the applications: give unused packages a user.
    referenced = {d for p in pkgs for d, _ in p["depends"] + p["predepends"]}
    referenced.add("ib-libssl")
    for p in pkgs:
        if p["layer"] != "app" and p["name"] not in referenced:
            user = by_name[rng.choice(apps)]
            user["depends"].append((p["name"], None))
    base = by_name["ib-libc"]
    base["depends"].append(("ib-base-files", None))
    base["depends"].append(("ib-tzdata", None))
    return pkgs


def write_payload(out, p, rng, common, scale):
    name = p["name"]
    short = name[3:]
    root = os.path.join(out, "payload", name)
    total = int(log_uniform(rng, *p["size_range"]) * scale)
    nfiles = rng.randint(*p["nfiles_range"])
    files = []
    doc = "usr/share/doc/%s" % name
    files.append((doc + "/copyright", "text", 1500))
    files.append((doc + "/changelog.Debian", "text", rng.randint(500, 8000)))
    rest = max(1, nfiles - 2)
    if p["kind"] == "lib":
        main_size = int(total * 0.8)
        soname = short if short.startswith("lib") else "lib" + short
        files.append(("usr/lib/x86_64-linux-gnu/%s.so.1.0.0" % soname, "bin", main_size))
        for i in range(rest - 1):
            files.append(("usr/lib/x86_64-linux-gnu/%s/module%02d.so" % (short, i), "bin",
                          max(512, (total - main_size) // max(1, rest - 1))))
    elif p["kind"] == "app":
        main_size = int(total * 0.6)
        files.append(("usr/bin/%s" % short, "bin", main_size))
        for i in range(rest - 1):
            kind = "text" if i % 3 else "bin"
            sub = "usr/share/%s/%s" % (name, "res%02d.dat" % i if kind == "bin" else "help%02d.txt" % i)
            files.append((sub, kind, max(256, (total - main_size) // max(1, rest - 1))))
    else:
        for i in range(rest):
            kind = "bin" if name in ("ib-fonts-dejavu", "ib-sounds") else "text"
            files.append(("usr/share/%s/%03d/item%04d.%s" % (name, i % 10, i, "bin" if kind == "bin" else "txt"),
                          kind, max(128, total // rest)))
    for path, kind, size in files:
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(binary(rng, common, size) if kind == "bin" else text(rng, size))
        if path.startswith("usr/bin/"):
            os.chmod(full, 0o755)
        else:
            os.chmod(full, 0o644)
        p["files"].append(path)
        p["bytes"] += size


def binary(rng, common, size):
    blocks = []
    n = 0
    while n < size:
        b = rng.randbytes(4096) if rng.random() < 0.5 else common[rng.randrange(len(common))]
        blocks.append(b)
        n += len(b)
    return b"".join(blocks)[:size]


def text(rng, size):
    words = []
    n = 0
    line = 0
    while n < size:
        w = rng.choice(WORDS)
        line += len(w) + 1
        if line > 72:
            words.append("\n")
            line = 0
        words.append(w + " ")
        n += len(w) + 1
    return "".join(words).encode()[:size]


def write_deb_control(out, p):
    d = os.path.join(out, "deb", p["name"], "DEBIAN")
    os.makedirs(d, exist_ok=True)
    lines = ["Package: " + p["name"], "Version: 1.0-1", "Architecture: " + p["arch"],
             "Maintainer: peerget install bench <bench@127.0.0.1>",
             "Installed-Size: %d" % ((p["bytes"] + 1023) // 1024)]
    if p["predepends"]:
        lines.append("Pre-Depends: " + ", ".join(relation(x) for x in p["predepends"]))
    if p["depends"]:
        lines.append("Depends: " + ", ".join(relation(x) for x in p["depends"]))
    if p["provides"]:
        lines.append("Provides: " + ", ".join(p["provides"]))
    lines += ["Section: %s" % ("libs" if p["kind"] == "lib" else "misc"), "Priority: optional",
              "Description: peerget install benchmark package " + p["name"],
              " %d files, %d bytes; generated by bench/install-bench-gen.py." % (len(p["files"]), p["bytes"])]
    with open(os.path.join(d, "control"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(d, "md5sums"), "w") as f:
        for path in sorted(p["files"]):
            with open(os.path.join(out, "payload", p["name"], path), "rb") as g:
                f.write("%s  %s\n" % (hashlib.md5(g.read()).hexdigest(), path))


def write_spec(out, p):
    d = os.path.join(out, "rpm")
    os.makedirs(d, exist_ok=True)
    rpm_rel = lambda dep: dep[0] + (" >= %s" % dep[1] if dep[1] else "")
    lines = ["Name: " + p["name"], "Version: 1.0", "Release: 1",
             "Summary: peerget install benchmark package " + p["name"], "License: MIT",
             "URL: http://127.0.0.1/peerget-install-bench"]
    if p["arch"] == "all":
        lines.append("BuildArch: noarch")
    for dep in p["predepends"]:
        lines.append("Requires(pre): " + rpm_rel(dep))
    for dep in p["depends"]:
        lines.append("Requires: " + rpm_rel(dep))
    for prov in p["provides"]:
        lines.append("Provides: " + prov)
    # The payload is random data and text, not ELF: no automatic requires/provides, no stripping.
    lines += ["AutoReqProv: no", "", "%description",
              "%d files, %d bytes; generated by bench/install-bench-gen.py." % (len(p["files"]), p["bytes"]), "",
              "%install", "mkdir -p %{buildroot}", "cp -a %s/. %%{buildroot}/" %
              os.path.abspath(os.path.join(out, "payload", p["name"])), "", "%files"]
    dirs = sorted({os.path.dirname(f) for f in p["files"]})
    own = set()
    for dd in dirs:
        # Own the package's own directories, not shared ones like /usr/bin.
        parts = dd.split("/")
        for i in range(len(parts)):
            sub = "/".join(parts[:i + 1])
            if p["name"] in sub or p["name"][3:] in parts[i:i + 1]:
                own.add(sub)
    for dd in sorted(own):
        lines.append("%dir /" + dd)
    for f in sorted(p["files"]):
        lines.append("/" + f)
    with open(os.path.join(d, p["name"] + ".spec"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
