#!/usr/bin/env bash
# Before/after comparison on a busy machine: runs `apt-get update`, `peerget update` of a BASE checkout and of
# this checkout interleaved (apt, base, this, apt, ...) against one loopback mirror, then the same for the
# query commands, so that the load of other processes affects both builds alike. Prints medians and mins.
#
# usage: bench/compare-bench.sh -b BASE_CHECKOUT [-n RUNS]
#   BASE_CHECKOUT  another built checkout of peerget (e.g. a copy of the code before a change), with ./peerget
set -euo pipefail
RUNS=5
BASE=
while getopts "n:b:h" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    b) BASE=$OPTARG ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
  esac
done
[ -n "$BASE" ] && [ -x "$BASE/peerget" ] || { sed -n '2,8p' "$0"; exit 2; }
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools
WORK=$(mktemp -d /tmp/peerget-compare.XXXXXX)
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

make_mirror "$WORK/mirror"
start_server "$WORK/mirror" "$WORK"
make_apt_root "$WORK/apt"
make_peerget_root "$WORK/base"
make_peerget_root "$WORK/this"
read -r -a APT_ARGS <<<"$(apt_args "$WORK/apt")"
export APT_CONFIG=$WORK/apt/apt.conf
"$BASE/peerget" --version >/dev/null
"$PEERGET" --version >/dev/null
R=$WORK/res
mkdir -p "$R"
for i in $(seq 1 "$RUNS"); do
  log "update run $i/$RUNS"
  apt_clean_state "$WORK/apt"; sync
  timed "$R/u.apt" apt-get -q "${APT_ARGS[@]}" update
  peerget_clean_state "$WORK/base"; sync
  timed "$R/u.base" "$BASE/peerget" --root "$WORK/base" -o architecture=amd64 update
  peerget_clean_state "$WORK/this"; sync
  timed "$R/u.this" "$PEERGET" --root "$WORK/this" -o architecture=amd64 update
done
QUERIES=("search hello" "show hello" "policy bash" "list lib*")
for q in "${QUERIES[@]}"; do
  k=${q%% *}
  # shellcheck disable=SC2086
  "$BASE/peerget" --root "$WORK/base" -o architecture=amd64 $q >/dev/null
  # shellcheck disable=SC2086
  "$PEERGET" --root "$WORK/this" -o architecture=amd64 $q >/dev/null
  for i in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    timed "$R/q.$k.base" "$BASE/peerget" --root "$WORK/base" -o architecture=amd64 $q
    # shellcheck disable=SC2086
    timed "$R/q.$k.this" "$PEERGET" --root "$WORK/this" -o architecture=amd64 $q
  done
done
cmp <("$BASE/peerget" --root "$WORK/base" -o architecture=amd64 list 'lib*') \
    <("$PEERGET" --root "$WORK/this" -o architecture=amd64 list 'lib*') >/dev/null ||
  log "WARNING: list 'lib*' output differs between base and this checkout"
echo "| command | base median s | base min | this median s | this min | base CPU s | this CPU s |"
echo "|---|---|---|---|---|---|---|"
row() {
  local name=$1 b=$2 t=$3
  read -r bm bmin _ _ bc <<<"$(stats "$b")"
  read -r tm tmin _ _ tc <<<"$(stats "$t")"
  echo "| $name | $bm | $bmin | $tm | $tmin | $bc | $tc |"
}
read -r am amin _ _ ac <<<"$(stats "$R/u.apt")"
echo "| apt-get update (reference) | $am | $amin | | | $ac | |"
row "peerget update" "$R/u.base" "$R/u.this"
for q in "${QUERIES[@]}"; do row "peerget $q" "$R/q.${q%% *}.base" "$R/q.${q%% *}.this"; done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
