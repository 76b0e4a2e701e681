#!/usr/bin/env bash
# peerget's main job on this machine: refresh the metadata of the repositories the system is configured
# with (apt sources and yum repos), verified, then query it and plan an installation (simulated, like
# apt-get -s). Builds peerget first when needed.
# Run as root: like apt-get update, it writes its state below /var/lib/peerget.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pkg=${1:-hello}
set -x
./peerget update
./peerget repolist
./peerget policy "$pkg"
./peerget search --names-only "$pkg"
./peerget install -s "$pkg"

# The pipeline end to end on loopback: a signed repository with its torrent, a mirror, a tracker and two
# clients; prints how many bytes came from peers and how many from the mirror.
scripts/demo.sh
