#!/usr/bin/env bash
# Benchmark: whole-process wall time of peerget's read commands (search, show, policy, list) on the full
# bookworm main/amd64 cache, next to apt-cache on an apt root updated from the same mirror.
# Target from the issue: search and show <= 0.3 s each. Not a test: it prints a Markdown table.
#
# usage: bench/query-bench.sh [-n RUNS] [-s STATEDIR]
#   -n RUNS      runs of each command (default 7); one untimed warm-up run each first
#   -s STATEDIR  a work dir kept by `update-bench.sh -k STATEDIR` (its apt and pg roots are reused);
#                without it, a temp mirror is built and both roots are updated once first
set -euo pipefail
RUNS=7
STATE=
while getopts "n:s:h" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    s) STATE=$OPTARG ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools

if [ -n "$STATE" ]; then
  WORK=$(cd "$STATE" && pwd)
  [ -f "$WORK/pg/var/lib/peerget/metadata.db" ] && [ -f "$WORK/apt/apt.conf" ] ||
    { echo "bench: $STATE has no roots from update-bench.sh -k" >&2; exit 2; }
  OWN=
else
  WORK=$(mktemp -d /tmp/peerget-qbench.XXXXXX)
  OWN=1
fi
cleanup() {
  stop_server
  [ -z "$OWN" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

APT_ROOT=$WORK/apt
PG_ROOT=$WORK/pg
PG_OPTS=(-o architecture=amd64)
export APT_CONFIG=$APT_ROOT/apt.conf
if [ -n "$OWN" ]; then
  make_mirror "$WORK/mirror"
  start_server "$WORK/mirror" "$WORK"
  make_apt_root "$APT_ROOT"
  make_peerget_root "$PG_ROOT"
  read -r -a APT_ARGS <<<"$(apt_args "$APT_ROOT")"
  log "updating both roots once from http://127.0.0.1:$PORT/"
  apt-get -q "${APT_ARGS[@]}" update >/dev/null
  "$PEERGET" --root "$PG_ROOT" "${PG_OPTS[@]}" update >/dev/null
  stop_server
else
  read -r -a APT_ARGS <<<"$(apt_args "$APT_ROOT")"
fi
"$PEERGET" --version >/dev/null   # build when stale, outside the timing

RES=$WORK/qresults
rm -rf "$RES"; mkdir -p "$RES"
declare -a NAMES=() CMDS=()
add() { NAMES+=("$1"); CMDS+=("$2"); }
add "peerget search hello"   "$PEERGET --root $PG_ROOT ${PG_OPTS[*]} search hello"
add "apt-cache search hello" "apt-cache ${APT_ARGS[*]} search hello"
add "peerget show hello"     "$PEERGET --root $PG_ROOT ${PG_OPTS[*]} show hello"
add "apt-cache show hello"   "apt-cache ${APT_ARGS[*]} show hello"
add "peerget policy bash"    "$PEERGET --root $PG_ROOT ${PG_OPTS[*]} policy bash"
add "apt-cache policy bash"  "apt-cache ${APT_ARGS[*]} policy bash"
add "peerget list 'lib*'"    "$PEERGET --root $PG_ROOT ${PG_OPTS[*]} list lib*"
add "apt list 'lib*'"        "apt ${APT_ARGS[*]} list lib*"
add "java -version (JVM start floor)" "java -XX:+UseSerialGC -Xshare:auto -version"
# The same peerget show with sqlite-jdbc's native library pre-extracted (skips its per-run extraction to /tmp).
NATIVE=$WORK/sqlite-native
SQLITE_JAR=$(tr ':' '\n' <"$PROJECT_DIR/cli/target/launcher.classpath" | grep sqlite-jdbc | head -1)
mkdir -p "$NATIVE" && (cd "$NATIVE" && unzip -o -q "$SQLITE_JAR" 'org/sqlite/native/Linux/x86_64/libsqlitejdbc.so')
SQLITE_OPTS="-Dorg.sqlite.lib.path=$NATIVE/org/sqlite/native/Linux/x86_64 -Dorg.sqlite.lib.name=libsqlitejdbc.so"
printf '#!/bin/sh\nPEERGET_JAVA_OPTS="%s" exec %s "$@"\n' "$SQLITE_OPTS" "$PEERGET" >"$WORK/peerget-presqlite"
chmod +x "$WORK/peerget-presqlite"
add "peerget show hello, sqlite lib pre-extracted (experiment)" "$WORK/peerget-presqlite --root $PG_ROOT ${PG_OPTS[*]} show hello"

for k in "${!CMDS[@]}"; do
  # shellcheck disable=SC2086
  set -f; bash -c "${CMDS[$k]}" >"$RES/out.$k" 2>&1 || true; set +f   # warm-up (page cache), untimed
  : >"$RES/t.$k"
done
for i in $(seq 1 "$RUNS"); do
  for k in "${!CMDS[@]}"; do
    set -f
    # shellcheck disable=SC2086
    timed "$RES/t.$k" ${CMDS[$k]}
    set +f
  done
done

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "### queries on the full cache (63,440 packages), $RUNS warm runs each, whole process"
echo
echo "| command | median wall s | min | max | median CPU s | median peak RSS MB | output lines |"
echo "|---|---|---|---|---|---|---|"
for k in "${!CMDS[@]}"; do
  read -r med min max rss cpu <<<"$(stats "$RES/t.$k")"
  echo "| \`${NAMES[$k]}\` | $med | $min | $max | $cpu | $rss | $(grep -c . "$RES/out.$k" || true) |"
done
