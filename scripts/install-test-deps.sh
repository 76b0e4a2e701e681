#!/usr/bin/env bash
# Installs the Debian packages peerget's test suite drives as real-tool oracles and fixture builders.
# Idempotent: does nothing (and prints nothing) when every package is already installed.
# Works on a fresh Debian 12 with only JDK 17 and Maven; needs root only when something is missing.
#
# To add a tool, append its Debian package to PACKAGES with a comment saying which tests need it.
set -euo pipefail

PACKAGES=(
  dpkg-dev               # dpkg-deb, dpkg-scanpackages: build .deb fixtures
  apt-utils              # apt-ftparchive: Packages/Release for the apt fixture repository
  apt                    # apt-get/apt-cache: oracle that the fixture repository is valid
  gnupg                  # gpg: throwaway signing keys, InRelease/Release.gpg, repomd.xml.asc
  gpgv                   # gpgv: signature checks in tests
  rpm                    # rpmbuild, rpmsign, rpmkeys: build and sign RPM fixtures
  createrepo-c           # createrepo_c: yum repodata
  debian-archive-keyring # verifies the real bookworm Release files in the corpus
  libsolv-tools          # testsolv: resolver oracle
  python3-solv           # libsolv with RPM semantics: installability oracle of CentOsArchiveCheckTest
  dose-distcheck         # dose-distcheck: installability oracle for the whole bookworm index
  xz-utils               # xz: Packages.xz
  zstd                   # zstd: corpus metadata
  groff-base             # groff: GeneratedDocsTest renders the man pages and fails on warnings
  transmission-cli       # transmission-show: independent reader of the torrents TorrentCreator writes
  busybox-static         # /bin/busybox: the shell of ThrowawayRoot, so maintainer scripts run in a chrooted root
  opentracker            # HTTP tracker on 127.0.0.1: EngineInteropTest finds peers through it alone
  aria2                  # aria2c seeding a TorrentCreator torrent: EngineInteropTest interop
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-test-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-test-deps: run as root (or: sudo $0), or install them with:" >&2
  echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "install-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
