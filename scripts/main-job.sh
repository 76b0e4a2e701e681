#!/usr/bin/env bash
# peerget's main job on this machine: refresh the metadata of the repositories the system is configured
# with (apt sources and yum repos), verified, then query it and plan an installation (simulated, like
# apt-get -s). Builds peerget first when needed.
# Run as root: like apt-get update, it writes its state below /var/lib/peerget.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pkg=${1:-hello}
host_failed=
(
  set -x
  ./peerget update
  ./peerget repolist
  ./peerget policy "$pkg"
  ./peerget search --names-only "$pkg"
  ./peerget install -s "$pkg"
) || host_failed=1

# The pipeline end to end on loopback: a signed repository with its torrent, a mirror, a tracker and two
# clients; prints how many bytes came from peers and how many from the mirror. It needs no network, so it
# runs even when the part above failed (a machine without access to its configured mirrors).
(set -x; scripts/demo.sh)
if [ -n "$host_failed" ]; then
  echo "main-job: the part against this machine's own repositories failed (see above); the loopback demo ran" >&2
  exit 1
fi
