#!/usr/bin/env bash
# The store of `peerget update` alone (decompress + parse + MetadataStore.replaceRepository of bookworm's
# Packages.gz into a new database), in-JVM through bench/StoreBench.java with the launcher's JVM options (C1 only,
# serial GC), reporting the CPU time of the writer thread and of the index reader thread: figures that other load
# on the machine disturbs less than the wall time of a whole update. Not a test: prints a Markdown table.
#
# usage: bench/store-bench.sh [-n RUNS] [-b BASE_CHECKOUT] [-p "PAGE_SIZES"]
#   -n RUNS  cold loads per checkout, alternating with BASE when given (default 5)
#   -b BASE  another built checkout (./peerget run once), measured in turn with this one
#   -p SIZES also the writer alone (records parsed first, RUNS warm loads) with new databases of each page size
set -euo pipefail
RUNS=5
BASE=
PAGES=
while getopts "n:b:p:h" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    b) BASE=$OPTARG ;;
    p) PAGES=$OPTARG ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
WORK=$(mktemp -d /tmp/peerget-store.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
INDEX=$SRC/main/binary-amd64/Packages.gz
"$PEERGET" --version >/dev/null   # build when stale
[ -z "$BASE" ] || "$BASE/peerget" --version >/dev/null
trees=("$PROJECT_DIR")
[ -z "$BASE" ] || trees+=("$(cd "$BASE" && pwd)")

jvm() { # jvm TREE ARGS...: StoreBench with TREE's classes and the launcher's options
  local t=$1; shift
  local cp lib
  cp=$t/cli/target/peerget-cli-0.1.0-SNAPSHOT.jar:$(cat "$t/cli/target/launcher.classpath")
  lib=$(ls -d "$t"/cli/target/native/* 2>/dev/null | head -1)
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${lib:+-Dorg.sqlite.lib.path=$lib -Dorg.sqlite.lib.name=libsqlitejdbc.so} \
    -cp "$WORK/classes.$(basename "$t"):$cp" StoreBench "$@"
}
for t in "${trees[@]}"; do
  mkdir -p "$WORK/classes.$(basename "$t")"
  javac -d "$WORK/classes.$(basename "$t")" \
    -cp "$t/cli/target/peerget-cli-0.1.0-SNAPSHOT.jar:$(cat "$t/cli/target/launcher.classpath")" "$BENCH_DIR/StoreBench.java"
done
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$RUNS"); do
  for t in "${trees[@]}"; do
    jvm "$t" cold "$INDEX" "$WORK/store.db" | sed "s#^#$(basename "$t") #" >>"$WORK/cold"
  done
done
med() { sort -g | awk '{a[NR]=$1} END{printf "%.3f", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "### store alone, $RUNS cold loads each (in-JVM, C1 only), load average $LOAD_START → $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| checkout | median wall s | median writer CPU s | median reader CPU s |"
echo "|---|---|---|---|"
for t in "${trees[@]}"; do
  b=$(basename "$t")
  echo "| $t | $(awk -v b="$b" '$1==b{print $4}' "$WORK/cold" | med) | $(awk -v b="$b" '$1==b{print $6}' "$WORK/cold" | med) | $(awk -v b="$b" '$1==b{print $8}' "$WORK/cold" | med) |"
done
if [ -n "$PAGES" ]; then
  echo
  echo "writer alone (records parsed first), $RUNS warm loads per page size, this checkout:"
  echo
  for p in $PAGES; do
    line=$(jvm "$PROJECT_DIR" writer "$INDEX" "$WORK/writer.db" $((RUNS + 1)) "$p")
    echo "- page size $p: writer CPU median $(echo "${line#writer page "$p" }" | tr ' ' '\n' | med) s (${line#writer page "$p" })"
  done
fi
