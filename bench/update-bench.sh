#!/usr/bin/env bash
# Benchmark: `peerget update` of the full Debian bookworm main/amd64 index (63,440 packages) from a loopback
# nginx mirror, side by side with `apt-get update` against the same mirror in an isolated apt root.
# Every run starts cold (state dirs deleted). Runs are interleaved (apt, peerget gz, peerget xz, apt, ...)
# so that drift of the machine affects all alike. Not a test: it prints a Markdown table.
#
# usage: bench/update-bench.sh [-n RUNS] [-k KEEPDIR]
#   -n RUNS     runs of each variant (default 5)
#   -k KEEPDIR  keep the work dir (mirror, roots with a full cache) at KEEPDIR for query-bench.sh
set -euo pipefail
RUNS=5
KEEP=
while getopts "n:k:h" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    k) KEEP=$OPTARG ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_tools

if [ -n "$KEEP" ]; then
  rm -rf "$KEEP"; mkdir -p "$KEEP"; WORK=$(cd "$KEEP" && pwd)
else
  WORK=$(mktemp -d /tmp/peerget-bench.XXXXXX)
fi
cleanup() {
  stop_server
  [ -n "$KEEP" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

make_mirror "$WORK/mirror"
start_server "$WORK/mirror" "$WORK"
log "mirror at http://127.0.0.1:$PORT/ (nginx pid $SERVER_PID), work dir $WORK"

APT_ROOT=$WORK/apt
PG_ROOT=$WORK/pg
PG_XZ_ROOT=$WORK/pg-xz
make_apt_root "$APT_ROOT"
make_peerget_root "$PG_ROOT"
make_peerget_root "$PG_XZ_ROOT"
# shellcheck disable=SC2046
read -r -a APT_ARGS <<<"$(apt_args "$APT_ROOT")"
export APT_CONFIG=$APT_ROOT/apt.conf
PG_OPTS=(-o architecture=amd64)

# Build peerget (and its class-data-sharing archive) outside the timed runs.
log "warming up peerget (build when stale)"
"$PEERGET" --version >/dev/null

RES=$WORK/results
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$RES"
: >"$RES/apt"; : >"$RES/pg-gz"; : >"$RES/pg-xz"
for i in $(seq 1 "$RUNS"); do
  log "run $i/$RUNS"
  apt_clean_state "$APT_ROOT"
  sync
  timed "$RES/apt" apt-get -q "${APT_ARGS[@]}" update
  peerget_clean_state "$PG_ROOT"
  sync
  timed "$RES/pg-gz" "$PEERGET" --root "$PG_ROOT" "${PG_OPTS[@]}" update
  peerget_clean_state "$PG_XZ_ROOT"
  sync
  timed "$RES/pg-xz" "$PEERGET" --root "$PG_XZ_ROOT" "${PG_OPTS[@]}" -o 'index_compression=xz gz' update
done

# --- checks: both really downloaded, verified and stored the full index ---
lists=$APT_ROOT/var/lib/apt/lists
pkgfile=$(ls "$lists"/*_dists_bookworm_main_binary-amd64_Packages* 2>/dev/null | head -1)
[ -n "$pkgfile" ] || { echo "bench: apt stored no Packages file in $lists" >&2; exit 1; }
[ -s "$APT_ROOT/var/cache/apt/pkgcache.bin" ] || { echo "bench: apt built no pkgcache.bin" >&2; exit 1; }
apt_count=$(grep -c '^Package: ' "$pkgfile")
apt_policy=$(apt-cache "${APT_ARGS[@]}" policy hello)
grep -q 'Candidate: 2\.' <<<"$apt_policy" || { echo "bench: apt-cache policy hello: $apt_policy" >&2; exit 1; }
apt_normal=$(apt-cache "${APT_ARGS[@]}" stats | awk '/Normal packages/{print $3}')
# repolist prints how many packages the last update stored for the repository.
pg_count() { "$PEERGET" --root "$1" "${PG_OPTS[@]}" repolist | awk 'NR>1{print $NF}' | head -1; }
pg_gz_count=$(pg_count "$PG_ROOT")
pg_xz_count=$(pg_count "$PG_XZ_ROOT")
pg_policy=$("$PEERGET" --root "$PG_ROOT" "${PG_OPTS[@]}" policy hello)
grep -q 'Candidate: 2\.' <<<"$pg_policy" || { echo "bench: peerget policy hello: $pg_policy" >&2; exit 1; }
# Which index did each fetch? (nginx access log)
fetched=$(awk '{print $7}' "$WORK/nginx/access.log" | sed 's#.*/##' | sort | uniq -c | sort -rn | tr '\n' ';')
log "apt Packages file: $(basename "$pkgfile") with $apt_count stanzas; apt-cache stats: $apt_normal normal packages"
log "peerget repolist: gz root $pg_gz_count, xz root $pg_xz_count packages"
log "requests served: $fetched"
for c in "$apt_count" "$pg_gz_count" "$pg_xz_count"; do
  [ "$c" -ge "$EXPECTED_PACKAGES" ] || { echo "bench: only $c packages stored (want $EXPECTED_PACKAGES)" >&2; exit 1; }
done

read -r a_med a_min a_max a_rss a_cpu <<<"$(stats "$RES/apt")"
read -r g_med g_min g_max g_rss g_cpu <<<"$(stats "$RES/pg-gz")"
read -r x_med x_min x_max x_rss x_cpu <<<"$(stats "$RES/pg-xz")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
cat <<EOF

### update, full bookworm main/amd64 ($EXPECTED_PACKAGES packages), $RUNS cold runs each

| command | median wall s | min | max | wall ratio to apt | median CPU s (user+sys) | median peak RSS MB |
|---|---|---|---|---|---|---|
| apt-get update (Packages.xz 8.8 MB, by-hash) | $a_med | $a_min | $a_max | 1.00 | $a_cpu | $a_rss |
| peerget update (default: Packages.gz 12.1 MB) | $g_med | $g_min | $g_max | $(ratio "$g_med" "$a_med") | $g_cpu | $g_rss |
| peerget update -o index_compression="xz gz" | $x_med | $x_min | $x_max | $(ratio "$x_med" "$a_med") | $x_cpu | $x_rss |

load average at start / end: $LOAD_START / $(cut -d' ' -f1-3 /proc/loadavg)

raw (wall s, peak RSS KB, user s, sys s):
- apt: $(tr '\n' ';' <"$RES/apt" | sed 's/;$//')
- peerget gz: $(tr '\n' ';' <"$RES/pg-gz" | sed 's/;$//')
- peerget xz: $(tr '\n' ';' <"$RES/pg-xz" | sed 's/;$//')

checks: apt lists file $(basename "$pkgfile") ($apt_count stanzas), pkgcache.bin $(stat -c %s "$APT_ROOT/var/cache/apt/pkgcache.bin") bytes;
apt-cache policy hello: candidate $(awk '/Candidate/{print $2}' <<<"$apt_policy");
peerget repolist: $pg_gz_count packages (gz root) / $pg_xz_count (xz root), policy hello: candidate $(awk '/Candidate/{print $2}' <<<"$pg_policy"); metadata.db $(stat -c %s "$PG_ROOT/var/lib/peerget/metadata.db" 2>/dev/null || echo '?') bytes
EOF
