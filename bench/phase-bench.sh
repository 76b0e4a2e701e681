#!/usr/bin/env bash
# Where does `peerget update` spend its time? Times each phase of an update of the full bookworm main/amd64
# index in isolation, each in a fresh JVM (cold JIT, as in the real command) through peerget's own classes
# (bench/PhaseBench.java), plus the JVM start floor and the whole command. Not a test: prints a Markdown table.
#
# usage: bench/phase-bench.sh [-n RUNS]    (median of RUNS, default 3)
set -euo pipefail
RUNS=3
while getopts "n:h" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    *) sed -n '2,6p' "$0"; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools
WORK=$(mktemp -d /tmp/peerget-phase.XXXXXX)
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

make_mirror "$WORK/mirror"
start_server "$WORK/mirror" "$WORK"
"$PEERGET" --version >/dev/null   # build when stale
CP=$PROJECT_DIR/cli/target/peerget-cli-0.1.0-SNAPSHOT.jar:$(cat "$PROJECT_DIR/cli/target/launcher.classpath")
# Compile the harness once (source-launch would compile on every run).
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" "$BENCH_DIR/PhaseBench.java"
JOPTS=(-XX:+UseSerialGC -Xshare:auto -cp "$WORK/classes:$CP")
BASE=http://127.0.0.1:$PORT/dists/bookworm
GZ=$WORK/Packages.gz
XZ=$WORK/Packages.xz
gz_hash=$(awk '/^SHA256:/{s=1;next} /^[^ ]/{s=0} s && $3=="main/binary-amd64/Packages.gz"{print $1}' "$SRC/Release")

phase() { # phase NAME ARGS... -> seconds (median of RUNS) and the detail of the last run
  local name=$1; shift
  local f=$WORK/p.$name.$RANDOM
  local i line
  : >"$f"
  for i in $(seq 1 "$RUNS"); do
    line=$(java "${JOPTS[@]}" PhaseBench "$name" "$@")
    echo "$line" | awk '{print $2}' >>"$f"
  done
  echo "$(sort -g "$f" | awk -v n="$RUNS" '{a[NR]=$1} END{print a[int((n+1)/2)]}')|$(echo "$line" | cut -d' ' -f3-)"
}
whole() { # whole CMD... -> median wall seconds of the whole process
  local f=$WORK/w.$RANDOM i
  : >"$f"
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e' -o "$f.t" "$@" >/dev/null 2>&1
    cat "$f.t" >>"$f"
  done
  sort -g "$f" | awk -v n="$RUNS" '{a[NR]=$1} END{print a[int((n+1)/2)]}'
}

R=$WORK/root
make_peerget_root "$R"
upd_gz() { rm -rf "$R/var"; "$PEERGET" --root "$R" -o architecture=amd64 update; }
upd_xz() { rm -rf "$R/var"; "$PEERGET" --root "$R" -o architecture=amd64 -o 'index_compression=xz gz' update; }
export -f upd_gz upd_xz 2>/dev/null || true

rows=()
row() { rows+=("| $1 | ${2%%|*} | ${2#*|} |"); }
row "JVM start + picocli (\`peerget --version\`)" "$(whole "$PEERGET" --version)|whole process"
row "download InRelease (HttpDownloader, loopback)" "$(phase download "$BASE/InRelease" "$WORK/InRelease")"
row "verify InRelease (3 OpenPGP signatures, BouncyCastle)" "$(phase pgp "$WORK/InRelease" "$KEYRING")"
row "download Packages.gz 12.1 MB (HttpDownloader)" "$(phase download "$BASE/main/binary-amd64/by-hash/SHA256/$gz_hash" "$GZ")"
row "download Packages.xz 8.8 MB (HttpDownloader)" "$(phase download "$BASE/main/binary-amd64/by-hash/SHA256/$XZ_HASH" "$XZ")"
row "curl of Packages.gz (reference: loopback transfer cost)" "$(whole curl -s -o "$WORK/curl.gz" "$BASE/main/binary-amd64/Packages.gz")|whole process"
row "SHA-256 of Packages.gz (MessageDigest)" "$(phase sha256 "$GZ")"
row "gunzip Packages.gz → 50 MB (java.util.zip)" "$(phase decompress "$GZ")"
row "unxz Packages.xz → 50 MB (org.tukaani.xz)" "$(phase decompress "$XZ")"
row "reference: \`xz -dc Packages.xz\` (liblzma, whole process)" "$(whole xz -dc "$XZ")|whole process"
row "gunzip + parse to PackageRecords" "$(phase parse "$GZ")"
row "unxz + parse to PackageRecords" "$(phase parse "$XZ")"
row "gunzip + parse + store in SQLite (MetadataStore.replaceRepository, incl. the search table)" "$(phase store "$GZ" "$WORK/store.db")"
row "for comparison: an FTS5 index of the same text alone (what search used before schema 5)" "$(phase fts "$WORK/store.db" "$WORK/fts.db")"
row "**whole \`peerget update\` (gz)**" "$(whole bash -c "$(declare -f upd_gz); R=$R PEERGET=$PEERGET upd_gz")|whole process, cold state"
row "**whole \`peerget update\` (xz gz)**" "$(whole bash -c "$(declare -f upd_xz); R=$R PEERGET=$PEERGET upd_xz")|whole process, cold state"

echo
echo "### peerget update: time per phase (median of $RUNS, each phase in a fresh JVM; in-JVM time excludes JVM start)"
echo
echo "| phase | seconds | detail |"
echo "|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
