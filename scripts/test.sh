#!/usr/bin/env bash
# The whole test suite: installs the Debian tools the tests drive (dpkg, apt, rpm, createrepo_c, gpg...)
# when missing, then builds every module and runs every test with Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-test-deps.sh
exec mvn -B -ntp verify "$@"
