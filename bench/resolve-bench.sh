#!/usr/bin/env bash
# Benchmark: whole-process planning (nothing downloaded) of large targets on the full Debian bookworm main/amd64
# index, peerget side by side with apt-get. Each is timed twice: `-s install`, which also simulates dpkg's runs
# (ordering every package; its Inst lines give the package count), and `--assume-no install`, which resolves,
# prints the plan and the summary and stops: the fair measure of resolving, and the ratio the table gives.
# Both start from the same state: an EMPTY dpkg
# status (a fresh chroot before debootstrap), so each installs the target's whole dependency closure.
# The index is served by a loopback nginx mirror (common.sh); both roots are updated once, outside the timing.
# Runs are interleaved (apt, peerget, apt, ...) so drift of the machine affects both alike; one untimed
# warm-up run of each first (page cache). Not a test: it prints a Markdown table and keeps the plans.
#
# usage: bench/resolve-bench.sh [-n RUNS] [-s STATEDIR] [-t "T1 T2 ..."] [-P]
#   -n RUNS      timed runs of each command (default 5)
#   -s STATEDIR  keep the mirror and both updated roots in STATEDIR and reuse them next time
#   -t TARGETS   targets (default: task-gnome-desktop libreoffice texlive-full kde-full gimp)
#   -P           peerget only (quick iteration while profiling)
set -euo pipefail
RUNS=5
STATE=
TARGETS="task-gnome-desktop libreoffice texlive-full kde-full gimp"
PG_ONLY=
while getopts "n:s:t:Ph" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    s) STATE=$OPTARG ;;
    t) TARGETS=$OPTARG ;;
    P) PG_ONLY=1 ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools

if [ -n "$STATE" ]; then
  mkdir -p "$STATE"; WORK=$(cd "$STATE" && pwd)
else
  WORK=$(mktemp -d /tmp/peerget-rbench.XXXXXX)
fi
cleanup() {
  stop_server
  [ -n "$STATE" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

APT_ROOT=$WORK/apt
PG_ROOT=$WORK/pg
PG_OPTS=(-o architecture=amd64)
export APT_CONFIG=$APT_ROOT/apt.conf
# The roots are updated again when the store's schema changed since (peerget refuses a store of another schema).
SCHEMA=$(sed -n 's/.*public static final int VERSION = \([0-9]*\);.*/\1/p' \
  "$PROJECT_DIR/cache/src/main/java/dev/peerget/cache/internal/Schema.java")
if [ "$(cat "$WORK/updated" 2>/dev/null)" != "schema $SCHEMA" ]; then
  rm -rf "$WORK/mirror" "$APT_ROOT" "$PG_ROOT"
  make_mirror "$WORK/mirror"
  start_server "$WORK/mirror" "$WORK"
  make_apt_root "$APT_ROOT"          # its status file is empty
  make_peerget_root "$PG_ROOT"
  mkdir -p "$PG_ROOT/var/lib/dpkg"
  : >"$PG_ROOT/var/lib/dpkg/status"  # the same empty dpkg status
  read -r -a APT_ARGS <<<"$(apt_args "$APT_ROOT")"
  log "updating both roots once from http://127.0.0.1:$PORT/"
  apt-get -q "${APT_ARGS[@]}" update >/dev/null
  "$PEERGET" --root "$PG_ROOT" "${PG_OPTS[@]}" update >/dev/null
  stop_server
  echo "schema $SCHEMA" >"$WORK/updated"
else
  read -r -a APT_ARGS <<<"$(apt_args "$APT_ROOT")"
fi
# Build when stale, outside the timing. The launcher's class-data-sharing archive records the classes of the
# first run after a build, so that run is a resolve, not --version.
first=${TARGETS%% *}
"$PEERGET" --root "$PG_ROOT" "${PG_OPTS[@]}" install -s "$first" >/dev/null 2>&1

RES=$WORK/rresults
rm -rf "$RES"; mkdir -p "$RES"
# apt-get --assume-no answers "no" and exits 1 after printing the plan; the wrapper makes that success.
printf '#!/bin/sh\napt-get "$@"\n[ $? -le 1 ]\n' >"$WORK/apt-resolve-only"
chmod +x "$WORK/apt-resolve-only"
# peerget's --assume-no does the same (plan, "Abort.", exit 1); its -s also orders the dpkg runs, as apt-get -s does.
printf '#!/bin/sh\n"$@"\n[ $? -le 1 ]\n' >"$WORK/resolve-only"
chmod +x "$WORK/resolve-only"
declare -a KEYS=() CMDS=()
for t in $TARGETS; do
  for mode in rec norec; do
    flag=; [ "$mode" = norec ] && flag=--no-install-recommends
    if [ -z "$PG_ONLY" ]; then
      KEYS+=("apt.$t.$mode"); CMDS+=("apt-get -q ${APT_ARGS[*]} $flag -s install $t")
      KEYS+=("aptr.$t.$mode"); CMDS+=("$WORK/apt-resolve-only -q ${APT_ARGS[*]} $flag --assume-no install $t")
    fi
    KEYS+=("pgs.$t.$mode"); CMDS+=("$PEERGET --root $PG_ROOT ${PG_OPTS[*]} install -s $flag $t")
    KEYS+=("pg.$t.$mode"); CMDS+=("$WORK/resolve-only $PEERGET --root $PG_ROOT ${PG_OPTS[*]} install --assume-no $flag $t")
  done
done

for k in "${!CMDS[@]}"; do
  # shellcheck disable=SC2086
  ${CMDS[$k]} >"$RES/${KEYS[$k]}.plan" 2>&1 || { echo "bench: failed: ${CMDS[$k]}" >&2; tail "$RES/${KEYS[$k]}.plan" >&2; exit 1; }
  : >"$RES/${KEYS[$k]}.t"
done
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$RUNS"); do
  log "run $i/$RUNS"
  for k in "${!CMDS[@]}"; do
    # shellcheck disable=SC2086
    timed "$RES/${KEYS[$k]}.t" ${CMDS[$k]}
  done
done

# Packages a plan installs: apt's and peerget's -s both print one "Inst" line per package.
insts() { grep -c '^Inst ' "$1" || true; }
summary() { grep -m1 'newly installed' "$1" | sed 's/ and / /; s/\.$//' || true; }

echo
echo "### install -s on bookworm main/amd64 (63,440 packages), empty dpkg status, $RUNS runs each, whole process"
echo
echo "| target | recommends | apt-get -s wall s | peerget -s wall s | apt-get --assume-no wall s | peerget --assume-no wall s (min–max) | peerget / apt --assume-no | peerget CPU s | apt RSS MB | peerget RSS MB | apt packages | peerget packages |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for t in $TARGETS; do
  for mode in rec norec; do
    p=$RES/pgs.$t.$mode
    read -r g_med g_min g_max g_rss g_cpu <<<"$(stats "$RES/pg.$t.$mode.t")"
    read -r s_med _ <<<"$(stats "$p.t")"
    if [ -z "$PG_ONLY" ]; then
      a=$RES/apt.$t.$mode
      read -r a_med a_min a_max a_rss a_cpu <<<"$(stats "$a.t")"
      read -r r_med r_min r_max r_rss r_cpu <<<"$(stats "$RES/aptr.$t.$mode.t")"
      ratio=$(awk -v a="$g_med" -v b="$r_med" 'BEGIN{printf "%.2f", a/b}')
      echo "| $t | $mode | $a_med | $s_med | $r_med | $g_med ($g_min–$g_max) | $ratio | $g_cpu | $a_rss | $g_rss | $(insts "$a.plan") | $(insts "$p.plan") |"
    else
      echo "| $t | $mode | – | $s_med | – | $g_med ($g_min–$g_max) | – | $g_cpu | – | $g_rss | – | $(insts "$p.plan") |"
    fi
  done
done
echo
echo "load average at start / end: $LOAD_START / $(cut -d' ' -f1-3 /proc/loadavg); plans kept in $RES (*.plan)"
