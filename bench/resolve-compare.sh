#!/usr/bin/env bash
# Before/after comparison of `install -s` on a busy machine: runs a BASE checkout's peerget and this checkout's
# alternately (base, this, base, ...) on the updated root that `resolve-bench.sh -s STATEDIR` keeps, so that the
# load of other processes affects both builds alike. Prints the median CPU time (user + sys, steadier than wall
# time under load), the median wall time and each plan's package count.
#
# usage: bench/resolve-compare.sh -b BASE_CHECKOUT -s STATEDIR [-n RUNS] [-t "T1 T2 ..."]
#   BASE_CHECKOUT  another checkout of peerget with ./peerget (e.g. `git archive OLD | tar -x -C DIR`)
#   STATEDIR       the state directory of an earlier `bench/resolve-bench.sh -s STATEDIR`
set -euo pipefail
RUNS=3
BASE=
STATE=
TARGETS="task-gnome-desktop libreoffice texlive-full kde-full gimp"
while getopts "b:s:n:t:h" opt; do
  case $opt in
    b) BASE=$OPTARG ;;
    s) STATE=$OPTARG ;;
    n) RUNS=$OPTARG ;;
    t) TARGETS=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
[ -n "$BASE" ] && [ -x "$BASE/peerget" ] && [ -f "$STATE/updated" ] || { sed -n '2,9p' "$0"; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$STATE" && pwd)/pg
OUT=$(mktemp -d /tmp/peerget-rcompare.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

# Build both when stale, outside the timing.
for dir in "$BASE" "$HERE"; do
  "$dir/peerget" --root "$ROOT" -o architecture=amd64 install -s hello >/dev/null 2>&1
done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  for t in $TARGETS; do
    for mode in rec norec; do
      flag=; [ "$mode" = norec ] && flag=--no-install-recommends
      for v in base this; do
        dir=$HERE; [ "$v" = base ] && dir=$BASE
        # shellcheck disable=SC2086
        /usr/bin/time -a -o "$OUT/$v.$t.$mode.t" -f '%e %U %S' "$dir/peerget" --root "$ROOT" -o architecture=amd64 \
          install -s $flag "$t" >"$OUT/$v.$t.$mode.plan" 2>/dev/null
      done
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { # FILE -> "cpu wall" medians
  awk '{print $2 + $3, $1}' "$1" | sort -g | awk '{c[NR] = $1; w[NR] = $2} END {m = int((NR + 1) / 2); printf "%.2f %.2f", c[m], w[m]}'
}
echo
echo "| target | recommends | before CPU s (wall) | after CPU s (wall) | CPU after / before | packages before → after |"
echo "|---|---|---|---|---|---|"
for t in $TARGETS; do
  for mode in rec norec; do
    read -r bc bw <<<"$(median "$OUT/base.$t.$mode.t")"
    read -r nc nw <<<"$(median "$OUT/this.$t.$mode.t")"
    echo "| $t | $mode | $bc ($bw) | $nc ($nw) | $(awk -v a="$nc" -v b="$bc" 'BEGIN {printf "%.2f", a / b}') |" \
      "$(grep -c '^Inst ' "$OUT/base.$t.$mode.plan" || true) → $(grep -c '^Inst ' "$OUT/this.$t.$mode.plan" || true) |"
  done
done
