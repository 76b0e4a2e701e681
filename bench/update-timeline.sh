#!/usr/bin/env bash
# A cheap timeline of one cold `peerget update` of the full bookworm main/amd64 index: the JVM's class-load log
# (-Xlog:class+load with uptime) tells when each stage's first class was loaded, which marks where the stage
# starts. Also optionally records a JFR profile (-j) and prints a breakdown by phase (bench/jfr-phases.py).
#
# usage: bench/update-timeline.sh [-j] [-x]    -j: also a JFR profile; -x: index_compression="xz gz"
set -euo pipefail
JFR=
XZ=
while getopts "jxh" opt; do
  case $opt in
    j) JFR=1 ;;
    x) XZ=1 ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools
WORK=$(mktemp -d /tmp/peerget-timeline.XXXXXX)
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
make_mirror "$WORK/mirror"
start_server "$WORK/mirror" "$WORK"
"$PEERGET" --version >/dev/null
R=$WORK/root
make_peerget_root "$R"
opts=(-o architecture=amd64)
[ -z "$XZ" ] || opts+=(-o 'index_compression=xz gz')

java_opts="-Xlog:class+load=info:file=$WORK/cl.log:uptime"
/usr/bin/time -f '%e %M %U %S' -o "$WORK/time" env PEERGET_JAVA_OPTS="$java_opts" \
  "$PEERGET" --root "$R" "${opts[@]}" update >"$WORK/out" 2>&1
read -r wall rss user sys <"$WORK/time"
first() { grep -m1 -F -- "$1" "$WORK/cl.log" | sed 's/^\[\([0-9.]*\)s\].*/\1/'; }
echo "### timeline of one cold \`peerget update\`${XZ:+ (xz gz)}: wall ${wall} s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}') s, peak RSS $((rss / 1024)) MB"
echo
echo "| JVM uptime s | first class loaded | marks |"
echo "|---|---|---|"
mark() { local t; t=$(first "$1"); [ -z "$t" ] || echo "| $t | \`$1\` | $2 |"; }
{
  mark "dev.peerget.cli.Main " "JVM booted, main() starts"
  mark "picocli.CommandLine " "command line parsing (picocli)"
  mark "dev.peerget.engine." "engine: settings, sources"
  mark "org.sqlite." "sqlite-jdbc: native library extracted and loaded, DB opened"
  mark "java.net.http.HttpClient " "HTTP client created"
  mark "dev.peerget.repo.pgp.SignatureVerifier " "InRelease downloaded; signature verification starts"
  mark "org.bouncycastle." "BouncyCastle loaded (signed jars are verified)"
  mark "dev.peerget.repo.deb.ReleaseFileParser " "signatures verified; Release parsed; index download + SHA-256 next"
  mark "dev.peerget.cache.internal.PackageWriter " "index fetched and verified; decompress + parse + insert starts"
  mark "dev.peerget.cache.internal.RelationCodec " "first package parsed"
  mark "picocli.CommandLine\$IExitCodeGenerator" "store committed, summary printed; then JVM exit"
} | sort -t'|' -k2 -g
echo "| $wall | (process ended) | /usr/bin/time wall clock, includes launcher script and JVM exit |"
echo
echo "classes loaded: $(wc -l <"$WORK/cl.log") ($(grep -c 'shared objects file' "$WORK/cl.log" || true) from the CDS archive)"

if [ -n "$JFR" ]; then
  rm -rf "$R/var"
  PEERGET_JAVA_OPTS="-XX:StartFlightRecording=filename=$WORK/u.jfr,settings=profile,jdk.ExecutionSample#period=2ms,jdk.NativeMethodSample#period=2ms" \
    "$PEERGET" --root "$R" "${opts[@]}" update >/dev/null 2>&1
  echo
  echo '```'
  python3 "$BENCH_DIR/jfr-phases.py" "$WORK/u.jfr"
  echo
  echo "top 25 innermost Java frames (jdk.ExecutionSample):"
  jfr print --events jdk.ExecutionSample "$WORK/u.jfr" | grep -A1 'stackTrace = \[' | grep -v -e 'stackTrace' -e '^--' |
    sed 's/line:.*//; s/^ *//' | sort | uniq -c | sort -rn | head -25
  echo '```'
fi
