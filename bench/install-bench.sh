#!/usr/bin/env bash
# Benchmark: `peerget install -y` of a 100-package set into a fresh root from a loopback repository, side by side
# with `apt-get install -y` (Debian packages) and `dnf install -y --installroot` (RPM packages) against the same
# repositories. Target from issue #5: no slower than apt/dnf. Not a test: it prints Markdown tables.
#
# The packages are generated (bench/install-bench-gen.py: a realistic dependency graph of 100 packages, 20 kB to
# 6 MB, about 105 MB in all) and built with the real tools: dpkg-deb (xz) + apt-ftparchive + gpg for a signed apt
# repository; rpmbuild (zstd) + rpmsign + createrepo_c + gpg for a signed yum repository. nginx serves both on
# 127.0.0.1. Each repository exists twice over the same files: plain, and with its torrent published by
# `peerget mirror torrent` (a tracker: opentracker on 127.0.0.1). Before the timed runs, SEEDERS peerget clients
# per format install the same set from the torrent repository and keep seeding it.
#
# Variants, each run in a fresh root, interleaved run by run:
#   apt           apt-get update; apt-get install -y LEAVES                 (apt root, dpkg --root)
#   peerget-http  peerget update; peerget install -y LEAVES                 (plain repository: no swarm)
#   peerget-swarm peerget update; peerget install -y LEAVES                 (torrent repository, seeders up;
#                 the client seeds afterwards as by default, and is stopped with `peerget seed stop` after the run)
#   dnf           dnf makecache; dnf install -y LEAVES                     (--installroot, gpgcheck+repo_gpgcheck)
#   and the same two peerget variants against the yum repositories.
#
# usage: bench/install-bench.sh [-n RUNS] [-p SEEDERS] [-f FORMATS] [-k KEEPDIR] [-j] [-B LAUNCHER]
#   -n RUNS     timed runs of each variant (default 3)
#   -p SEEDERS  seeding peerget clients per format for the swarm variants (default 2)
#   -f FORMATS  "deb rpm" (default), "deb" or "rpm"
#   -k KEEPDIR  work in KEEPDIR and keep it (repositories, logs of every run); the packages and repositories
#               are reused by the next run with the same KEEPDIR when the generator has not changed
#   -j          also record a JFR profile of each peerget install (KEEPDIR/runs/VARIANT.N/install.jfr, with -k)
#   -B LAUNCHER also run the no-swarm peerget variants with another build's launcher (another checkout's
#               ./peerget, e.g. an older commit), interleaved with this one: a before/after on the same load
# PEERGET_UNDER_TEST=/path/to/other/checkout/peerget runs that build instead of this checkout's.
set -euo pipefail
RUNS=3
SEEDERS=2
FORMATS="deb rpm"
KEEP=
JFR=
BASE=
while getopts "n:p:f:k:jB:h" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    p) SEEDERS=$OPTARG ;;
    f) FORMATS=$OPTARG ;;
    k) KEEP=$OPTARG ;;
    j) JFR=1 ;;
    B) BASE=$OPTARG ;;
    *) sed -n '2,30p' "$0"; exit 2 ;;
  esac
done
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/.." && pwd)
# PEERGET_UNDER_TEST: another checkout's launcher (e.g. an older commit), for before/after comparisons.
PEERGET=${PEERGET_UNDER_TEST:-$PROJECT_DIR/peerget}
# shellcheck source=../scripts/lib/loopback.sh
. "$PROJECT_DIR/scripts/lib/loopback.sh"
log() { echo "bench: $*" >&2; }

ensure_bench_tools() {
  ensure_loopback_tools
  local missing=()
  [ -x /usr/bin/time ] || missing+=(time)
  command -v rpmbuild >/dev/null || missing+=(rpm)
  command -v createrepo_c >/dev/null || missing+=(createrepo-c)
  command -v python3 >/dev/null || missing+=(python3)
  command -v dnf >/dev/null || missing+=(dnf)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; }
  fi
}
ensure_bench_tools
[ "$(id -u)" = 0 ] || { echo "bench: run as root (dpkg/rpm into throwaway roots, the _peerget seeding user)" >&2; exit 2; }

if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"; WORK=$(cd "$KEEP" && pwd)
else
  WORK=$(mktemp -d /tmp/peerget-ibench.XXXXXX)
fi
chmod 755 "$WORK"   # apt's _apt and peerget's _peerget (the seeding daemons) must reach into it
SEED_ROOTS=()
cleanup() {
  local r
  for r in "${SEED_ROOTS[@]}"; do
    [ -d "$r" ] && "$PEERGET" --root "$r" seed stop >/dev/null 2>&1 || true
  done
  [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "${TRACKER_PID:-}" ] && kill "$TRACKER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -d "$WORK/gnupg" ] && gpgconf --homedir "$WORK/gnupg" --kill all >/dev/null 2>&1 || true
  # Anything still running from the work dir was started by this script (a seeding daemon that did not stop).
  local pid left=
  for pid in $(pgrep -f -- "$WORK/" || true); do
    case "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" in *install-bench*|"") continue ;; esac
    left+=" $pid"; kill "$pid" 2>/dev/null || true
  done
  [ -z "$left" ] || log "killed leftover processes:$left"
  if [ -z "$KEEP" ]; then rm -rf "$WORK"; else rm -rf "$WORK/runs"/*/root "$WORK"/seed-*; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
# Packages and repositories
# ---------------------------------------------------------------------------------------------------------------
M=$WORK/mirror
GEN=$WORK/gen
export GNUPGHOME=$WORK/gnupg
# Repositories kept with -k are reused while the generator and this recipe version are unchanged.
BUILD_RECIPE=1
stamp_of_build=$( (cat "$BENCH_DIR/install-bench-gen.py"; echo "$BUILD_RECIPE") | sha256sum | cut -c1-16)

build_repositories() {
  rm -rf "$GEN" "$M" "$GNUPGHOME" "$WORK/keys" "$WORK/rpmbuild"
  mkdir -p "$GEN" "$M" "$WORK/keys"
  mkdir -m 700 "$GNUPGHOME"
  export SOURCE_DATE_EPOCH=1704067200
  log "generating the package set (bench/install-bench-gen.py)"
  python3 "$BENCH_DIR/install-bench-gen.py" "$GEN"
  gpg --batch --pinentry-mode loopback --passphrase '' \
    --quick-generate-key "peerget install bench <bench@127.0.0.1>" rsa3072 sign never 2>/dev/null
  FPR=$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
  gpg --batch --export "$FPR" >"$WORK/keys/repo.gpg"
  gpg --batch --armor --export "$FPR" >"$WORK/keys/repo.asc"
  echo "$FPR" >"$WORK/keys/fingerprint"

  log "building 100 .deb packages (dpkg-deb -Zxz)"
  local pool=$M/deb/pool/main/i
  mkdir -p "$pool"
  local d
  for d in "$GEN"/deb/*; do cp -al "$GEN/payload/$(basename "$d")/." "$d/"; done
  # shellcheck disable=SC2016
  printf '%s\n' "$GEN"/deb/* | xargs -P "$(nproc)" -I{} sh -c '
    n=$(basename "$1"); a=$(awk "/^Architecture:/ {print \$2}" "$1/DEBIAN/control")
    mkdir -p "$2/$n" && dpkg-deb --root-owner-group -Zxz -b "$1" "$2/$n/${n}_1.0-1_$a.deb" >/dev/null' _ {} "$pool"
  local dist=$M/deb/dists/stable
  mkdir -p "$dist/main/binary-amd64"
  (cd "$M/deb" && apt-ftparchive packages pool/main) >"$dist/main/binary-amd64/Packages"
  gzip -9kn "$dist/main/binary-amd64/Packages"
  xz -6k "$dist/main/binary-amd64/Packages"
  apt-ftparchive -o APT::FTPArchive::Release::Origin=peerget-install-bench \
    -o APT::FTPArchive::Release::Suite=stable -o APT::FTPArchive::Release::Codename=stable \
    -o APT::FTPArchive::Release::Components=main -o APT::FTPArchive::Release::Architectures=amd64 \
    release "$dist" >"$WORK/Release"
  mv "$WORK/Release" "$dist/Release"
  gpg --batch --yes --local-user "$FPR" --digest-algo SHA512 --clearsign -o "$dist/InRelease" "$dist/Release"
  gpg --batch --yes --local-user "$FPR" --digest-algo SHA512 -abs -o "$dist/Release.gpg" "$dist/Release"

  log "building 100 .rpm packages (rpmbuild, zstd payload as Fedora), signing them (rpmsign)"
  mkdir -p "$M/rpm/Packages" "$WORK/rpmbuild"
  # Two rpmbuild processes, each with half of the spec files (one rpmbuild per spec costs its start-up 100 times).
  ls "$GEN"/rpm/*.spec | awk -v n="$(nproc)" '{ print > ("'"$WORK"'/rpmbuild/specs." NR % n) }'
  local f pids=()
  for f in "$WORK"/rpmbuild/specs.*; do
    # shellcheck disable=SC2046
    rpmbuild -bb --nodeps --quiet --define "_topdir $WORK/rpmbuild/top.${f##*.}" \
      --define "_rpmdir $M/rpm/Packages" --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
      --define "debug_package %{nil}" --define "__os_install_post %{nil}" --define "_binary_payload w19T.zstdio" \
      --define "_buildhost bench.peerget.invalid" $(cat "$f") >"$f.log" 2>&1 &
    pids+=($!)
  done
  for f in "${pids[@]}"; do wait "$f" || { cat "$WORK"/rpmbuild/specs.*.log >&2; return 1; }; done
  rpmsign --addsign --define "__gpg /usr/bin/gpg" --define "_gpg_name $FPR" \
    --define "_gpg_sign_cmd_extra_args --batch --pinentry-mode loopback --passphrase ''" \
    "$M"/rpm/Packages/*.rpm >"$WORK/rpmsign.log" 2>&1 || { cat "$WORK/rpmsign.log" >&2; return 1; }
  createrepo_c --quiet --no-database --checksum sha256 "$M/rpm"
  gpg --batch --yes --local-user "$FPR" --digest-algo SHA512 --detach-sign --armor \
    -o "$M/rpm/repodata/repomd.xml.asc" "$M/rpm/repodata/repomd.xml"
  rm -rf "$WORK/rpmbuild" "$GEN/deb" "$GEN/rpm" "$GEN/payload"
  [ "$(ls "$M"/rpm/Packages/*.rpm | wc -l)" = 100 ] && [ "$(find "$M/deb/pool" -name '*.deb' | wc -l)" = 100 ] ||
    { echo "bench: expected 100 packages of each format" >&2; return 1; }
  echo "$stamp_of_build" >"$M/.built"
}

if [ -f "$M/.built" ] && [ "$(cat "$M/.built")" = "$stamp_of_build" ] && [ -f "$WORK/keys/fingerprint" ]; then
  log "reusing the repositories in $M"
  FPR=$(cat "$WORK/keys/fingerprint")
else
  build_repositories
fi
LEAVES=$(tr '\n' ' ' <"$GEN/leaves")
deb_bytes=$(find "$M/deb/pool" -name '*.deb' -printf '%s\n' | awk '{s += $1} END {print s}')
rpm_bytes=$(find "$M/rpm/Packages" -name '*.rpm' -printf '%s\n' | awk '{s += $1} END {print s}')
deb_min_max=$(find "$M/deb/pool" -name '*.deb' -printf '%s\n' | sort -n | sed -n '1p;$p' | tr '\n' ' ')
installed_bytes=$(awk -F'\t' 'NR > 1 {s += $5} END {print s}' "$GEN/graph.tsv")
files_total=$(awk -F'\t' 'NR > 1 {s += $4} END {print s}' "$GEN/graph.tsv")

# The torrent twins: the same package files (hard links), their own indexes, the torrent published by peerget.
"$PEERGET" --version >/dev/null   # build (and train the CDS archive) outside the timing
TRACKER_PORT=$(free_port)
rm -rf "$M/deb-swarm" "$M/rpm-swarm"
mkdir -p "$M/deb-swarm" "$M/rpm-swarm"
cp -al "$M/deb/pool" "$M/deb-swarm/pool"; cp -a "$M/deb/dists" "$M/deb-swarm/dists"
cp -al "$M/rpm/Packages" "$M/rpm-swarm/Packages"; cp -a "$M/rpm/repodata" "$M/rpm-swarm/repodata"
for r in deb-swarm rpm-swarm; do
  "$PEERGET" mirror torrent "$M/$r" --tracker "http://127.0.0.1:$TRACKER_PORT/announce" --sign-key "$FPR" \
    --gpg-homedir "$GNUPGHOME" >"$WORK/mirror-torrent-$r.log" 2>&1 ||
    { cat "$WORK/mirror-torrent-$r.log" >&2; exit 1; }
done
info_hash() { transmission-show "$1" | awk '/Hash( v1)?:/ && !h {h = $NF} END {print h}'; }
hash_deb=$(info_hash "$M/deb-swarm/dists/stable/peerget.torrent")
hash_rpm=$(info_hash "$(ls "$M"/rpm-swarm/repodata/*-peerget.torrent)")
start_nginx "$M" "$WORK"
start_opentracker "$WORK" "$TRACKER_PORT" "$hash_deb" "$hash_rpm"
URL=http://127.0.0.1:$NGINX_PORT
log "mirror $URL (nginx $NGINX_PID), tracker $TRACKER_URL, torrents deb $hash_deb rpm $hash_rpm, work dir $WORK"

# ---------------------------------------------------------------------------------------------------------------
# Roots
# ---------------------------------------------------------------------------------------------------------------
# peerget root: REPO is deb, deb-swarm, rpm or rpm-swarm; EXTRA goes into peerget.conf.
make_peerget_root() {
  local root=$1 repo=$2 extra=$3
  case $repo in
    deb*) make_client "$root" "$URL/$repo" "$WORK/keys/repo.gpg" "$extra" ;;
    rpm*)
      mkdir -p "$root/etc/yum.repos.d" "$root/etc/pki/rpm-gpg" "$root/etc/peerget"
      cp "$WORK/keys/repo.asc" "$root/etc/pki/rpm-gpg/RPM-GPG-KEY-bench"
      printf '[bench]\nname=peerget install bench\nbaseurl=%s\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=%s\n' \
        "$URL/$repo" "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-bench" >"$root/etc/yum.repos.d/bench.repo"
      printf '[main]\narchitecture = amd64\ndht = false\nlocal_peer_discovery = false\n%s\n' "$extra" \
        >"$root/etc/peerget/peerget.conf" ;;
  esac
}

# apt root, after bench/common.sh's make_apt_root: APT_CONFIG keeps the host's apt.conf.d out; apt's dpkg gets
# --root and --log (without --log dpkg 1.21 logs to the host's /var/log/dpkg.log). The admin dir is the root's.
make_apt_root() {
  local t=$1
  mkdir -p "$t/etc/apt/apt.conf.d" "$t/etc/apt/preferences.d" "$t/etc/apt/trusted.gpg.d" "$t/etc/apt/keys" \
    "$t/var/lib/apt/lists/partial" "$t/var/cache/apt/archives/partial" "$t/var/lib/dpkg/info" \
    "$t/var/lib/dpkg/updates" "$t/var/log/apt"
  : >"$t/var/lib/dpkg/status"
  cp "$WORK/keys/repo.gpg" "$t/etc/apt/keys/repo.gpg"
  echo "deb [signed-by=$t/etc/apt/keys/repo.gpg] $URL/deb stable main" >"$t/etc/apt/sources.list"
  printf 'Dir "%s/";\nDir::Etc::Parts "%s/etc/apt/apt.conf.d";\nDir::Etc::Main "%s/etc/apt/apt.conf";\n' \
    "$t" "$t" "$t" >"$t/apt.conf"
}
apt_args() {
  local t=$1
  echo -q -o "Dir=$t/" -o "Dir::State::status=$t/var/lib/dpkg/status" -o APT::Architecture=amd64 \
    -o APT::Architectures=amd64 -o Acquire::Languages=none -o Debug::NoLocking=1 \
    -o "DPkg::Options::=--root=$t" -o "DPkg::Options::=--log=$t/var/log/dpkg.log"
}

# dnf root: the repository file and dnf.conf inside the root (dnf looks there first with --installroot); the key
# path is the host's (dnf reads gpgkey= relative to the host and imports the key into the root's rpmdb).
make_dnf_root() {
  local t=$1
  mkdir -p "$t/etc/yum.repos.d" "$t/etc/dnf"
  cp /etc/dnf/dnf.conf "$t/etc/dnf/dnf.conf"
  printf '[bench]\nname=peerget install bench\nbaseurl=%s\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=%s\n' \
    "$URL/rpm" "file://$WORK/keys/repo.asc" >"$t/etc/yum.repos.d/bench.repo"
}
dnf_args() {
  local t=$1
  echo -y --installroot="$t" --releasever=12 --config="$t/etc/dnf/dnf.conf" --setopt=reposdir="$t/etc/yum.repos.d"
}

# ---------------------------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------------------------
stamp() { local l; while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done; }

# timed_stamped OUT CMD...: runs CMD with every output line stamped (OUT.log: "epoch line"), its start and end
# (OUT.span) and /usr/bin/time's "wall user sys maxrss_kb" (OUT.time). Fails when CMD fails.
timed_stamped() {
  local out=$1; shift
  local t0 t1 rc
  t0=$EPOCHREALTIME
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$out.time" "$@" 2>&1 | stamp >"$out.log"
  rc=${PIPESTATUS[0]}
  set -e
  t1=$EPOCHREALTIME
  echo "$t0 $t1" >"$out.span"
  if [ "$rc" != 0 ]; then
    log "command failed (exit $rc): $*"
    tail -30 "$out.log" >&2
    return 1
  fi
}

# phases KIND OUT: "resolve fetch verify tool finish total" in seconds, from the stamped output of an install.
#   resolve: start of the process to the end of the plan (process start-up, reading metadata, resolving)
#   fetch:   to the end of the download (apt, peerget: every file checked against the signed index as it comes)
#   verify:  to the first dpkg/rpm run (peerget: RPM signatures, history; dnf: signatures, key import, rpm's
#            transaction check and test)
#   tool:    dpkg/rpm runs (dnf: rpm's transaction including its verify pass)
#   finish:  to the end of the process (peerget: marks, the seeding hand-off)
phases() {
  local kind=$1 out=$2 t0 t1
  read -r t0 t1 <"$out.span"
  awk -v kind="$kind" -v t0="$t0" -v t1="$t1" '
    { t = $1; line = substr($0, length($1) + 2) }
    kind == "peerget" {
      if (line ~ /^After this operation|^Need to get/) plan = t
      if (line ~ /^Fetched /) fetched = t
      if (line ~ /^D: running / && !tool) tool = t
      if (line ~ /^D: .* exited with /) toolend = t
    }
    kind == "apt" {
      if (line ~ /^After this operation|^Need to get/) plan = t
      if (line ~ /^Fetched /) fetched = t
      if (line ~ /^(Selecting previously|Preparing to unpack)/ && !tool) tool = t
      if (line ~ /^(Setting up|Unpacking|Processing triggers)/) toolend = t
    }
    kind == "dnf" {
      if (line ~ /^Downloading Packages:/) plan = t
      if (line ~ /^Total  /) fetched = t
      if (line ~ /^Running transaction$/) tool = t
      if (line ~ /^ *Verifying  /) toolend = t
    }
    END {
      if (!plan || !fetched || !tool || !toolend) { print "bench: missing phase markers in " FILENAME > "/dev/stderr"; exit 1 }
      printf "%.3f %.3f %.3f %.3f %.3f %.3f\n", plan - t0, fetched - plan, tool - fetched, toolend - tool, t1 - toolend, t1 - t0
    }' "$out.log"
}

installed_count() {   # installed_count FORMAT ROOT [DBPATH]
  case $1 in
    deb) dpkg-query --admindir="$2/var/lib/dpkg" -W -f='${db:Status-Status}\n' 'ib-*' 2>/dev/null | grep -c '^installed$' ;;
    rpm) rpm --root "$2" --dbpath "${3:-/var/lib/rpm}" -qa 'ib-*' 2>/dev/null | wc -l ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------------
# Seeders: peerget clients that installed the set from the torrent repository and keep seeding it
# ---------------------------------------------------------------------------------------------------------------
for fmt in $FORMATS; do
  for i in $(seq 1 "$SEEDERS"); do
    r=$WORK/seed-$fmt-$i
    rm -rf "$r"
    SEED_ROOTS+=("$r")
    make_peerget_root "$r" "$fmt-swarm" "listen_interfaces = 127.0.0.1:$(free_port)
seed_ratio = 1000
seed_time = 10h"
    log "seeder $fmt-$i: update + install -y (fetches from the mirror and/or the seeders before it)"
    "$PEERGET" --root "$r" update >"$r.update.log" 2>&1 || { cat "$r.update.log" >&2; exit 1; }
    "$PEERGET" --debug --root "$r" install -y $LEAVES >"$r.install.log" 2>&1 || { tail -30 "$r.install.log" >&2; exit 1; }
    grep '^Fetched' "$r.install.log" | sed "s/^/bench: seeder $fmt-$i: /" >&2
    "$PEERGET" --root "$r" seed status >"$r.seed-status" 2>&1 || true
    grep -qi "seeding\|running" "$r.seed-status" || { log "seeder $fmt-$i is not seeding:"; cat "$r.seed-status" >&2; exit 1; }
  done
done

# ---------------------------------------------------------------------------------------------------------------
# Timed runs
# ---------------------------------------------------------------------------------------------------------------
RES=$WORK/runs
mkdir -p "$RES"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
VARIANTS=()
for fmt in $FORMATS; do
  case $fmt in
    deb) VARIANTS+=(deb-apt deb-peerget-http deb-peerget-swarm) ;;
    rpm) VARIANTS+=(rpm-dnf rpm-peerget-http rpm-peerget-swarm) ;;
  esac
  [ -z "$BASE" ] || VARIANTS+=("$fmt-base-http")
done
for v in "${VARIANTS[@]}"; do : >"$RES/$v.results"; done

run_variant() {   # run_variant VARIANT RUN
  local v=$1 i=$2 dir=$RES/$1.$2
  local root=$dir/root kind before after count
  rm -rf "$dir"; mkdir -p "$dir"
  sync
  before=$(mirror_bytes "$WORK" '\.(deb|rpm)$')
  case $v in
    deb-apt)
      kind=apt
      make_apt_root "$root"
      local args; read -r -a args <<<"$(apt_args "$root")"
      APT_CONFIG=$root/apt.conf timed_stamped "$dir/update" apt-get "${args[@]}" update
      APT_CONFIG=$root/apt.conf timed_stamped "$dir/install" apt-get "${args[@]}" install -y $LEAVES
      count=$(installed_count deb "$root") ;;
    rpm-dnf)
      kind=dnf
      make_dnf_root "$root"
      local args; read -r -a args <<<"$(dnf_args "$root")"
      # Python buffers its output in a pipe: unbuffered, the stamps show when dnf printed each line.
      PYTHONUNBUFFERED=1 timed_stamped "$dir/update" dnf "${args[@]}" makecache
      PYTHONUNBUFFERED=1 timed_stamped "$dir/install" dnf "${args[@]}" install $LEAVES
      # Debian's rpm keeps its database in ~/.rpmdb, so dnf (librpm) puts it at ROOT/root/.rpmdb.
      count=$(installed_count rpm "$root" /root/.rpmdb) ;;
    *-peerget-http|*-peerget-swarm|*-base-http)
      kind=peerget
      local pg=$PEERGET
      [ "${v#*-}" = base-http ] && pg=$BASE
      local fmt=${v%%-*} repo=${v%%-*} extra="listen_interfaces = 127.0.0.1:0"
      [ "${v##*-}" = swarm ] && repo=$fmt-swarm
      make_peerget_root "$root" "$repo" "$extra"
      [ "${v##*-}" = swarm ] && SEED_ROOTS+=("$root")
      timed_stamped "$dir/update" "$pg" --root "$root" update
      local jfr=()
      [ -z "$JFR" ] || jfr=(env "PEERGET_JAVA_OPTS=-XX:StartFlightRecording=filename=$dir/install.jfr,settings=profile")
      timed_stamped "$dir/install" "${jfr[@]}" "$pg" --debug --root "$root" install -y $LEAVES
      count=$(installed_count "$fmt" "$root")
      if [ "${v##*-}" = swarm ]; then
        "$PEERGET" --root "$root" seed stop >"$dir/seed-stop.log" 2>&1 || true
      fi ;;
  esac
  after=$(mirror_bytes "$WORK" '\.(deb|rpm)$')
  [ "$count" = 100 ] || { log "$v run $i: $count packages installed, not 100 (see $dir)"; exit 1; }
  local u i_wall i_user i_sys i_rss ph
  u=$(awk '{print $1}' <<<"$(tail -1 "$dir/update.time")")
  read -r i_wall i_user i_sys i_rss <<<"$(tail -1 "$dir/install.time")"
  ph=$(phases "$kind" "$dir/install")
  # update_s resolve fetch verify tool finish install_total  cpu_s rss_mb mirror_mb
  echo "$u $ph $(awk -v a="$i_user" -v b="$i_sys" 'BEGIN {printf "%.2f", a + b}') $((i_rss / 1024)) \
$(awk -v b="$((after - before))" 'BEGIN {printf "%.1f", b / 1e6}')" >>"$RES/$v.results"
  log "$v run $i: update ${u}s, install $(awk '{print $6}' <<<"$ph")s (phases $ph), $(grep -h '^[0-9.]* Fetched' "$dir/install.log" | cut -d' ' -f2- || true)"
  rm -rf "$root"
}

for i in $(seq 1 "$RUNS"); do
  for v in "${VARIANTS[@]}"; do
    run_variant "$v" "$i"
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------------
median_col() {   # median_col FILE COLUMN
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR] = $1} END {n = NR; if (n % 2) printf "%.2f", a[(n + 1) / 2]; else printf "%.2f", (a[n / 2] + a[n / 2 + 1]) / 2}'
}
label() {
  case $1 in
    deb-apt) echo "apt-get update; apt-get install -y" ;;
    deb-peerget-http) echo "peerget update; peerget install -y (no swarm)" ;;
    deb-peerget-swarm) echo "peerget update; peerget install -y (swarm, $SEEDERS seeder$([ "$SEEDERS" = 1 ] || echo s))" ;;
    rpm-dnf) echo "dnf makecache; dnf install -y" ;;
    rpm-peerget-http) echo "peerget update; peerget install -y (no swarm)" ;;
    rpm-peerget-swarm) echo "peerget update; peerget install -y (swarm, $SEEDERS seeder$([ "$SEEDERS" = 1 ] || echo s))" ;;
    *-base-http) echo "the same, no swarm, with -B $(cd "$(dirname "$BASE")" && git rev-parse --short HEAD 2>/dev/null || echo "$BASE")" ;;
  esac
}
echo
echo "### install -y of 100 packages into a fresh root, $RUNS runs each (medians, seconds)"
echo
echo "Package set: 100 packages, $files_total files, $((installed_bytes / 1000000)) MB installed; .deb files $((deb_bytes / 1000000)) MB (xz, $(awk '{printf "%d kB to %.1f MB", $1 / 1000, $2 / 1e6}' <<<"$deb_min_max")), .rpm files $((rpm_bytes / 1000000)) MB (zstd)."
echo
echo "| format | commands | update | resolve | fetch | verify | dpkg/rpm | finish | install | install ratio | update + install | total ratio | install CPU s | install peak RSS MB | mirror MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for v in "${VARIANTS[@]}"; do
  f=$RES/$v.results
  awk '{print $1 + $7}' "$f" >"$f.total"
  base=$RES/${v%%-*}-$( [ "${v%%-*}" = deb ] && echo apt || echo dnf ).results
  awk '{print $1 + $7}' "$base" >"$base.total.tmp"
  ratio=$(awk -v a="$(median_col "$f.total" 1)" -v b="$(median_col "$base.total.tmp" 1)" 'BEGIN {printf "%.2f", a / b}')
  iratio=$(awk -v a="$(median_col "$f" 7)" -v b="$(median_col "$base" 7)" 'BEGIN {printf "%.2f", a / b}')
  echo "| ${v%%-*} | $(label "$v") | $(median_col "$f" 1) | $(median_col "$f" 2) | $(median_col "$f" 3) | $(median_col "$f" 4) | $(median_col "$f" 5) | $(median_col "$f" 6) | $(median_col "$f" 7) | $iratio | $(median_col "$f.total" 1) | $ratio | $(median_col "$f" 8) | $(median_col "$f" 9) | $(median_col "$f" 10) |"
done
echo
echo "load average at start / end: $LOAD_START / $LOAD_END; $(nproc) CPUs; $(java -version 2>&1 | head -1); $(apt-get --version | head -1); dnf $(dnf --version 2>/dev/null | head -1); $(rpm --version); $(dpkg --version | head -1 | sed 's/.*version \([^ ]*\).*/dpkg \1/')"
echo
echo "raw, per run (update, resolve, fetch, verify, dpkg/rpm, finish, install, install CPU s, peak RSS MB, mirror MB):"
for v in "${VARIANTS[@]}"; do
  echo "- $v: $(tr '\n' ';' <"$RES/$v.results" | sed 's/;$//; s/;/; /g')"
done
