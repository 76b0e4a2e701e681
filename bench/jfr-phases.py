#!/usr/bin/env python3
"""Rough breakdown of a JFR recording of `peerget update` by phase.

usage: jfr-phases.py RECORDING.jfr

Reads jdk.ExecutionSample (Java code) and jdk.NativeMethodSample (threads in native code: zlib, SQLite, socket
reads) of every thread except idle ones (selector threads waiting in epoll, parked threads), puts each sample
in the first phase whose pattern matches a frame (innermost first for the low-level phases, then the caller
chain), and prints samples per phase with the time span in which they occurred. A rough profile: JFR samples
at most a few threads every period, so use it for proportions, not exact times.
"""
import json
import subprocess
import sys
from collections import Counter, defaultdict

# (phase, substrings of "Class.method"), checked in order against every frame from the innermost outwards;
# the first phase with a matching frame anywhere in the stack wins.
PHASES = [
    ("class loading / linking / jar verification", ["ClassLoader.", "java.util.jar.", "sun.security.util.ManifestDigester",
                                                    "SignatureFileVerifier", "jdk.internal.loader.", "java.lang.invoke.",
                                                    "LambdaForm", "InnerClassLambdaMetafactory", "ClassWriter"]),
    ("sqlite-jdbc native library extraction", ["SQLiteJDBCLoader"]),
    ("OpenPGP verify (BouncyCastle)", ["org.bouncycastle", "dev.peerget.repo.pgp"]),
    ("SHA-256 verify of the index", ["IndexFetcher.verify"]),
    ("HTTP download", ["HttpDownloader", "jdk.internal.net.http", "sun.nio.ch.SocketChannelImpl", "java.net.http"]),
    ("SQLite: FTS5 batch", ["PackageWriter.flush"]),  # refined below by statement
    ("SQLite: bind/add batch", ["org.sqlite.", "PackageWriter.add"]),
    ("relation encode (RelationCodec)", ["RelationCodec"]),
    ("gzip inflate", ["java.util.zip.Inflater", "GZIPInputStream"]),
    ("xz decode", ["org.tukaani.xz"]),
    ("relation parse (DebRelationParser)", ["DebRelationParser"]),
    ("Deb822Reader (stanza scan, UTF-8 decode)", ["Deb822Reader"]),
    ("Packages record building", ["PackagesIndexParser", "dev.peerget.model."]),
    ("SQLite: delete old / schema / open", ["MetadataStore", "Schema"]),
    ("picocli / CLI / output", ["picocli", "dev.peerget.cli"]),
    ("GC / JIT (VM threads)", []),
]
IDLE = ["EPoll.wait", "Object.wait", "Unsafe.park", "Thread.sleep", "ReferenceQueue", "Selector"]


def frame_name(f):
    m = f.get("method", {})
    t = m.get("type", {}).get("name", "?")
    return f"{t}.{m.get('name', '?')}"


def main():
    rec = sys.argv[1]
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                          "jdk.ExecutionSample,jdk.NativeMethodSample", rec],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    counts = Counter()
    span = defaultdict(lambda: [None, None])
    threads = Counter()
    total = 0
    t0 = None
    for e in events:
        v = e["values"]
        frames = [frame_name(f) for f in (v.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        if any(i in frames[0] for i in IDLE):
            continue
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        threads[thread] += 1
        phase = "other"
        for name, pats in PHASES:
            if pats and any(p in fr for fr in frames for p in pats):
                phase = name
                break
        if phase == "SQLite: FTS5 batch":
            # PackageWriter.flush executes every statement batch; split packages vs FTS by what it is doing.
            phase = "SQLite: executeBatch (packages/relations/provides/search)"
        counts[phase] += 1
        total += 1
        ts = v["startTime"]
        s = span[phase]
        s[0] = ts if s[0] is None or ts < s[0] else s[0]
        s[1] = ts if s[1] is None or ts > s[1] else s[1]
        t0 = ts if t0 is None or ts < t0 else t0
    print(f"{total} busy samples; threads: {dict(threads.most_common(5))}")
    print(f"{'phase':60} {'samples':>7} {'share':>6}  first..last sample")
    for phase, n in counts.most_common():
        a, b = span[phase]
        print(f"{phase:60} {n:7d} {100.0 * n / total:5.1f}%  {a[11:23]}..{b[11:23]}")


if __name__ == "__main__":
    main()
