#!/usr/bin/env bash
# peerget's loopback demo: a mirror publishes a signed repository with its torrent, two clients install the same
# packages into throwaway roots, and the second one gets them from the first one's seeding process instead of
# the mirror. Everything runs on 127.0.0.1: nginx as the mirror (its access log counts what it served),
# opentracker as the tracker, the real dpkg installing into the roots. Run as root (the seeding processes run
# as the unprivileged user _peerget, created on first use). Leaves nothing running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
here=$PWD
. scripts/lib/loopback.sh
ensure_loopback_tools

work=$(mktemp -d /tmp/peerget-demo.XXXXXX)
chmod 755 "$work"
cleanup() {
  for c in a b; do [ -d "$work/$c" ] && "$here/peerget" --root "$work/$c" seed stop >/dev/null 2>&1 || true; done
  [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "${TRACKER_PID:-}" ] && kill "$TRACKER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_repo_gpg_agent "$work/mirror"
  rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

say "mirror: a signed repository with a 12 MB application in three packages"
make_signed_repo "$work/mirror/demo" demo-app:1024:demo-lib,demo-data demo-lib:3072 demo-data:8192 demo-docs:4096
start_nginx "$work/mirror" "$work"
tracker_port=$(free_port)

say "mirror: peerget mirror torrent (publishes the torrent in the signed Release and signs it again)"
./peerget mirror torrent "$work/mirror/demo" --tracker "http://127.0.0.1:$tracker_port/announce" \
  --sign-key "$REPO_KEY_FPR" --gpg-homedir "$GNUPGHOME_REPO"
hash=$(transmission-show "$work/mirror/demo/dists/stable/peerget.torrent" | awk '/Hash:/ {print $2; exit}')
start_opentracker "$work" "$tracker_port" "$hash"
echo "torrent $hash, tracker $TRACKER_URL, mirror http://127.0.0.1:$NGINX_PORT/demo"

port_a=$(free_port)
make_client "$work/a" "http://127.0.0.1:$NGINX_PORT/demo" "$work/mirror/repo-key.gpg" \
  "listen_interfaces = 127.0.0.1:$port_a
swarm_wait = 1s
seed_time = 5m"
make_client "$work/b" "http://127.0.0.1:$NGINX_PORT/demo" "$work/mirror/repo-key.gpg" \
  "listen_interfaces = 127.0.0.1:0
swarm_wait = 5s
seed = off"

report() {   # report CLIENT OUTPUT_FILE MIRROR_BYTES_BEFORE
  local fetched
  fetched=$(grep '^Fetched' "$2" || echo "Fetched nothing")
  printf '%s: %s\n   mirror access log: %s bytes of packages served to %s\n' "$1" "$fetched" \
    "$(( $(mirror_bytes "$work") - $3 ))" "$1"
}

say "client A: update + install -y demo-app (nobody seeds yet: the mirror serves it)"
./peerget --root "$work/a" update
before=$(mirror_bytes "$work")
./peerget --root "$work/a" install -y demo-app | tee "$work/a.out"
report "client A" "$work/a.out" "$before" >"$work/a.report"
# A's seeding process starts detached; B asks the tracker who seeds, so let A's torrent be added and announced
# first (a few hundred ms; a client that finds nobody goes to the mirror at once).
for _ in $(seq 1 60); do
  ./peerget --root "$work/a" seed status --json 2>/dev/null | grep -q '"info_hash"' && break
  sleep 0.5
done
sleep 1
./peerget --root "$work/a" seed status

say "client B: update + install -y demo-app (peers from the tracker: A's seeding process)"
./peerget --root "$work/b" update
before=$(mirror_bytes "$work")
./peerget --root "$work/b" install -y demo-app | tee "$work/b.out"
report "client B" "$work/b.out" "$before" >"$work/b.report"

say "A's seeding process after B's install (it stops once it has uploaded as much as it fetched: seed_ratio 1.0)"
sleep 2
./peerget --root "$work/a" seed status
grep -E "seeding|done seeding|exits" "$work/a/var/lib/peerget/seed/run/daemon.log" | sed 's/^/  daemon.log: /'

say "result"
cat "$work/a.report" "$work/b.report"
dpkg-query --admindir="$work/b/var/lib/dpkg" -W -f='client B has ${Package} ${Version} ${db:Status-Status}\n' 'demo-*'
