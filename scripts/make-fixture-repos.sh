#!/usr/bin/env bash
# Builds peerget's fixture repositories from scratch with the real Debian and RPM tools.
#
#   scripts/make-fixture-repos.sh [-v] OUTDIR
#
# OUTDIR must not exist or be empty. Prints nothing but errors unless -v. The package universe and the
# layout of OUTDIR are documented in scripts/fixture-repos.md; keep that file in step with this one.
# Java tests reach the result through dev.peerget.testing.FixtureRepos, which caches it under
# target/fixture-repos/ and rebuilds when this file changes.
#
# Tools: dpkg-deb, dpkg-scanpackages, apt-ftparchive, gpg, rpmbuild, rpmsign, createrepo_c, gzip, xz
# (scripts/install-test-deps.sh installs them).
set -euo pipefail

VERBOSE=0
if [[ "${1:-}" == "-v" ]]; then VERBOSE=1; shift; fi
if [[ $# -ne 1 ]]; then
  echo "usage: $0 [-v] OUTDIR" >&2
  exit 2
fi

STEP="start"
WORK=""
LOG=""
say() { if ((VERBOSE)); then echo "make-fixture-repos: $*" >&2; fi; }
step() { STEP="$1"; say "$STEP"; }
on_exit() {
  local rc=$?
  if ((rc != 0)); then
    echo "make-fixture-repos: FAILED in step: $STEP (exit $rc)" >&2
    if [[ -n "$LOG" && -s "$LOG" ]]; then
      echo "---- output of the failing step ----" >&2
      tail -n 60 "$LOG" >&2
    fi
  fi
  if [[ -n "$WORK" ]]; then
    # gpg-agent was started by gpg for our throwaway GNUPGHOME; stop it before deleting the home.
    gpgconf --homedir "$WORK/gnupg" --kill all >/dev/null 2>&1 || true
    rm -rf "$WORK"
  fi
}
trap on_exit EXIT

# run CMD...: runs a tool with its output in the step log (shown only on failure, or always with -v).
# Not for tools whose standard output is the product.
run() {
  if ((VERBOSE)); then
    "$@" 2>&1 | tee -a "$LOG" >&2
    return "${PIPESTATUS[0]}"
  fi
  "$@" >>"$LOG" 2>&1
}

step "checking tools"
missing=()
for tool in dpkg-deb dpkg-scanpackages apt-ftparchive gpg gpgconf rpmbuild rpmsign createrepo_c gzip xz md5sum; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "make-fixture-repos: missing tools: ${missing[*]}" >&2
  echo "make-fixture-repos: run scripts/install-test-deps.sh (as root) first" >&2
  exit 1
fi

OUT="$1"
if [[ -e "$OUT" && -n "$(ls -A "$OUT" 2>/dev/null)" ]]; then
  echo "make-fixture-repos: $OUT exists and is not empty" >&2
  exit 2
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pg-fixture.XXXXXX")"
LOG="$WORK/log"
: >"$LOG"

# Fixed timestamps make the .deb and .rpm files (not the signatures) reproducible: dpkg-deb and rpmbuild
# clamp file mtimes to SOURCE_DATE_EPOCH. 2024-01-01T00:00:00Z.
export SOURCE_DATE_EPOCH=1704067200
export LC_ALL=C TZ=UTC
umask 022

########################################################################################################
step "generating OpenPGP keys"
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
OTHERHOME="$WORK/gnupg-other"
mkdir -m 700 "$OTHERHOME"
# RSA 3072: accepted by apt's gpgv (sqv is not used on bookworm) and by RPM 4.18's internal OpenPGP parser.
run gpg --batch --pinentry-mode loopback --passphrase '' \
  --quick-gen-key 'peerget fixture repository <fixture@peerget.invalid>' rsa3072 sign never
run gpg --homedir "$OTHERHOME" --batch --pinentry-mode loopback --passphrase '' \
  --quick-gen-key 'peerget unrelated key <other@peerget.invalid>' rsa3072 sign never
FPR="$(gpg --batch --with-colons --list-secret-keys 2>>"$LOG" | awk -F: '$1 == "fpr" { print $10; exit }')"
[[ ${#FPR} -eq 40 ]] || { echo "no fingerprint found" >>"$LOG"; false; }
mkdir -p "$OUT/keys"
gpg --batch --armor --export "$FPR" 2>>"$LOG" >"$OUT/keys/repo.asc"
gpg --batch --export "$FPR" 2>>"$LOG" >"$OUT/keys/repo.gpg"
# The secret key too, so tests can sign a changed index (mirror torrent --sign-key) in a throwaway GNUPGHOME.
gpg --batch --pinentry-mode loopback --passphrase '' --armor --export-secret-keys "$FPR" 2>>"$LOG" \
  >"$OUT/keys/repo.secret.asc"
gpg --homedir "$OTHERHOME" --batch --armor --export 2>>"$LOG" >"$OUT/keys/other.asc"
gpg --homedir "$OTHERHOME" --batch --export 2>>"$LOG" >"$OUT/keys/other.gpg"
echo "$FPR" >"$OUT/keys/fingerprint"
gpgconf --homedir "$OTHERHOME" --kill all >/dev/null 2>&1 || true

########################################################################################################
# Debian packages. deb NAME VERSION ARCH COMPONENT [control fields...] builds pool/COMPONENT/p/NAME/...
# with one payload file /usr/share/pg-fixture/NAME/README and, for pg-data, data.txt.
APT="$OUT/apt"
DEBSRC="$WORK/deb"
mkdir -p "$APT" "$DEBSRC"

deb() {
  local name="$1" version="$2" arch="$3" component="$4"
  shift 4
  local root="$DEBSRC/${name}_${version}_${arch}"
  mkdir -p "$root/DEBIAN" "$root/usr/share/pg-fixture/$name"
  printf '%s %s (%s), a peerget test fixture.\n' "$name" "$version" "$arch" >"$root/usr/share/pg-fixture/$name/README"
  if [[ "$name" == "pg-data" ]]; then
    printf 'fixture data for %s\n' "$version" >"$root/usr/share/pg-fixture/$name/data.txt"
  fi
  local size
  size=$(du -sk --apparent-size "$root/usr" | cut -f1)
  {
    echo "Package: $name"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: peerget fixtures <fixture@peerget.invalid>"
    echo "Installed-Size: $size"
    [[ "$component" == "main" ]] && echo "Section: misc" || echo "Section: $component/misc"
    echo "Priority: optional"
    local field
    for field in "$@"; do echo "$field"; done
    echo "Description: peerget fixture package $name"
    echo " Built by scripts/make-fixture-repos.sh for peerget's tests. Installs one small"
    echo " file under /usr/share/pg-fixture/$name/."
  } >"$root/DEBIAN/control"
  (cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
  local first="${name:0:1}"
  # DEB_DEST overrides the pool directory (packages kept out of the indices, see installer/ below).
  local dest="${DEB_DEST:-$APT/pool/$component/$first/$name}"
  mkdir -p "$dest"
  run dpkg-deb --root-owner-group -Zxz --build "$root" "$dest/${name}_${version}_${arch}.deb"
}

step "building .deb packages"
deb pg-hello        1.0-1 amd64 main "Depends: pg-libgreet (>= 1.0), pg-data"
deb pg-libgreet     1.0-1 amd64 main
deb pg-libgreet     1.1-1 amd64 main
deb pg-data         1.0-1 all   main
deb pg-virtual-user 1.0-1 all   main "Depends: pg-mailer"
deb pg-mta-a        1.0-1 amd64 main "Provides: pg-mailer" "Conflicts: pg-mta-b"
deb pg-mta-b        2.0-1 amd64 contrib "Provides: pg-mailer (= 2.0)" "Conflicts: pg-mta-a"
deb pg-pre          1.0-1 amd64 main "Pre-Depends: pg-base"
deb pg-base         1.0-1 amd64 main "Essential: no"
deb pg-rec          1.0-1 all   main "Recommends: pg-extra" "Suggests: pg-data"
deb pg-extra        1.0-1 all   contrib
deb pg-breaker      1.0-1 amd64 main "Breaks: pg-hello (<< 2.0)"
deb pg-cyc-a        1.0-1 all   main "Depends: pg-cyc-b"
deb pg-cyc-b        1.0-1 all   contrib "Depends: pg-cyc-a"

# pg-script: maintainer scripts honour DPKG_ROOT (set by dpkg --root / --force-script-chrootless installs)
# so an install into a throwaway root leaves its marker there, not on the host.
SCRIPTROOT="$DEBSRC/pg-script-scripts"
mkdir -p "$SCRIPTROOT"
cat >"$SCRIPTROOT/postinst" <<'SH'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  mkdir -p "${DPKG_ROOT:-}/var/lib/pg-fixture"
  echo "pg-script postinst ran: $*" > "${DPKG_ROOT:-}/var/lib/pg-fixture/postinst-ran"
fi
SH
cat >"$SCRIPTROOT/postrm" <<'SH'
#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  rm -f "${DPKG_ROOT:-}/var/lib/pg-fixture/postinst-ran"
fi
SH
chmod 755 "$SCRIPTROOT/postinst" "$SCRIPTROOT/postrm"
# deb() packs whatever is in $DEBSRC/NAME_VERSION_ARCH, so stage the maintainer scripts there first.
mkdir -p "$DEBSRC/pg-script_1.0-1_all/DEBIAN"
cp "$SCRIPTROOT/postinst" "$SCRIPTROOT/postrm" "$DEBSRC/pg-script_1.0-1_all/DEBIAN/"
deb pg-script       1.0-1 all   main

# Packages for the installer's tests, written to installer/deb/ and listed in no index: a newer pg-hello
# and failing or slow maintainer scripts would change the universe every resolver and CLI test sees.
# Their scripts honour DPKG_ROOT like pg-script's, so they work chrooted and --force-script-chrootless.
step "building installer-only .deb packages"
INSTALLER="$OUT/installer"
extra_deb() { DEB_DEST="$INSTALLER/deb" deb "$@"; }
stage_script() { # stage_script NAME_VERSION_ARCH SCRIPT: stdin becomes DEBIAN/SCRIPT of that package
  mkdir -p "$DEBSRC/$1/DEBIAN"
  cat >"$DEBSRC/$1/DEBIAN/$2"
  chmod 755 "$DEBSRC/$1/DEBIAN/$2"
}
extra_deb pg-hello  2.0-1 amd64 main "Depends: pg-libgreet (>= 1.1), pg-data"
stage_script pg-fail_1.0-1_all postinst <<'SH'
#!/bin/sh
if [ "$1" = configure ]; then
  echo "pg-fail postinst: failing on purpose (peerget fixture)" >&2
  exit 1
fi
SH
extra_deb pg-fail   1.0-1 all   main
# pg-slow blocks in postinst while ${DPKG_ROOT}/var/lib/pg-fixture/slow-block exists (a test kills dpkg
# there); it announces that it is blocking by creating slow-started next to it.
stage_script pg-slow_1.0-1_all postinst <<'SH'
#!/bin/sh
set -e
dir="${DPKG_ROOT:-}/var/lib/pg-fixture"
if [ "$1" = configure ] && [ -e "$dir/slow-block" ]; then
  : > "$dir/slow-started"
  while [ -e "$dir/slow-block" ]; do sleep 1; done
fi
SH
extra_deb pg-slow   1.0-1 all   main
# pg-conf ships a conffile: remove keeps it (state config-files), purge deletes it.
mkdir -p "$DEBSRC/pg-conf_1.0-1_all/DEBIAN" "$DEBSRC/pg-conf_1.0-1_all/etc/pg-fixture"
echo "greeting = hello" >"$DEBSRC/pg-conf_1.0-1_all/etc/pg-fixture/pg-conf.conf"
echo "/etc/pg-fixture/pg-conf.conf" >"$DEBSRC/pg-conf_1.0-1_all/DEBIAN/conffiles"
extra_deb pg-conf   1.0-1 all   main

step "writing apt indices"
DIST="$APT/dists/stable"
for component in main contrib; do
  dir="$DIST/$component/binary-amd64"
  mkdir -p "$dir"
  # -m keeps every version of a package (pg-libgreet 1.0-1 and 1.1-1); -a amd64 also lists Architecture: all.
  (cd "$APT" && dpkg-scanpackages -m -a amd64 "pool/$component" 2>>"$LOG") >"$dir/Packages"
  gzip -9n -k "$dir/Packages"
  xz -6e -k "$dir/Packages"
done
grep -q '^Version: 1.0-1' <(awk '/^Package: pg-libgreet$/,/^$/' "$DIST/main/binary-amd64/Packages") \
  && grep -q '^Version: 1.1-1' <(awk '/^Package: pg-libgreet$/,/^$/' "$DIST/main/binary-amd64/Packages") \
  || { echo "Packages index lost a pg-libgreet version" >>"$LOG"; false; }

step "writing Release and signing it"
# Architectures lists only amd64: Architecture: all packages are in binary-amd64/Packages, as in most
# third-party repositories (apt only fetches binary-all/ when "all" is listed).
(cd "$DIST" && apt-ftparchive \
  -o APT::FTPArchive::DoByHash=true \
  -o APT::FTPArchive::Release::Origin=peerget-fixture \
  -o APT::FTPArchive::Release::Label=peerget-fixture \
  -o APT::FTPArchive::Release::Suite=stable \
  -o APT::FTPArchive::Release::Codename=stable \
  -o APT::FTPArchive::Release::Version=12.0 \
  -o APT::FTPArchive::Release::Architectures=amd64 \
  -o "APT::FTPArchive::Release::Components=main contrib" \
  -o "APT::FTPArchive::Release::Description=peerget fixture repository" \
  -o APT::FTPArchive::Release::ValidTime=315360000 \
  release . >"$WORK/Release" 2>>"$LOG")
mv "$WORK/Release" "$DIST/Release"
grep -q '^Acquire-By-Hash: yes' "$DIST/Release" || { echo "Release lacks Acquire-By-Hash" >>"$LOG"; false; }
grep -q '^Valid-Until:' "$DIST/Release" || { echo "Release lacks Valid-Until" >>"$LOG"; false; }
# With DoByHash, apt-ftparchive also copies every index to by-hash/SHA256/ and by-hash/SHA512/.
for component in main contrib; do
  for f in Packages Packages.gz Packages.xz; do
    file="$DIST/$component/binary-amd64/$f"
    [[ -f "$DIST/$component/binary-amd64/by-hash/SHA256/$(sha256sum "$file" | cut -d' ' -f1)" ]] \
      || { echo "no by-hash copy of $file" >>"$LOG"; false; }
  done
done
run gpg --batch --yes --local-user "$FPR" --digest-algo SHA512 --clearsign -o "$DIST/InRelease" "$DIST/Release"
run gpg --batch --yes --local-user "$FPR" --digest-algo SHA512 -abs -o "$DIST/Release.gpg" "$DIST/Release"
cp "$OUT/keys/repo.gpg" "$APT/peerget-fixture.gpg"

########################################################################################################
# RPM packages. spec NAME VERSION ARCH [preamble lines...] writes a spec installing
# /usr/share/pg-fixture/NAME/README (and data.txt for pg-data). Extra "%post"-style sections come from
# the variable SCRIPTLETS when set.
YUM="$OUT/yum"
TOP="$WORK/rpmbuild"
SPECS="$TOP/SPECS"
mkdir -p "$YUM/Packages" "$SPECS"

spec() {
  local name="$1" version="$2" arch="$3"
  shift 3
  local file="$SPECS/$name-$version.spec"
  {
    echo "Name: $name"
    echo "Version: $version"
    echo "Release: 1"
    echo "Summary: peerget fixture package $name"
    echo "License: MIT"
    echo "URL: https://peerget.invalid/fixtures"
    [[ "$arch" == "noarch" ]] && echo "BuildArch: noarch"
    local line
    for line in "$@"; do echo "$line"; done
    echo
    echo "%description"
    echo "Built by scripts/make-fixture-repos.sh for peerget's tests. Installs one small"
    echo "file under /usr/share/pg-fixture/$name/."
    echo
    echo "%install"
    echo "mkdir -p %{buildroot}/usr/share/pg-fixture/$name"
    echo "echo '$name $version-1 ($arch), a peerget test fixture.' > %{buildroot}/usr/share/pg-fixture/$name/README"
    [[ "$name" == "pg-data" ]] && echo "echo 'fixture data for $version' > %{buildroot}/usr/share/pg-fixture/$name/data.txt"
    echo
    echo "%files"
    echo "/usr/share/pg-fixture/$name"
    if [[ -n "${SCRIPTLETS:-}" ]]; then
      echo
      printf '%s\n' "$SCRIPTLETS"
    fi
  } >"$file"
}

step "writing RPM spec files"
spec pg-hello        1.0 x86_64 "Requires: pg-libgreet >= 1.0" \
  "Requires: /usr/share/pg-fixture/pg-data/data.txt" \
  "Obsoletes: pg-oldname < 2.0" "Provides: pg-oldname = 2.0"
spec pg-libgreet     1.0 x86_64
spec pg-libgreet     1.1 x86_64
spec pg-data         1.0 noarch
spec pg-oldname      1.0 noarch
spec pg-virtual-user 1.0 noarch "Requires: (pg-mta-a or pg-mta-b)" "Requires: pg-mailer"
spec pg-mta-a        1.0 x86_64 "Provides: pg-mailer" "Conflicts: pg-mta-b"
spec pg-mta-b        2.0 x86_64 "Provides: pg-mailer = 2.0" "Conflicts: pg-mta-a"
spec pg-pre          1.0 x86_64 "Requires(pre): pg-base"
spec pg-base         1.0 x86_64
spec pg-rec          1.0 noarch "Recommends: pg-extra" "Suggests: pg-data"
spec pg-extra        1.0 noarch "Supplements: pg-hello"
spec pg-breaker      1.0 x86_64 "Conflicts: pg-hello < 2.0"
spec pg-cyc-a        1.0 noarch "Requires: pg-cyc-b"
spec pg-cyc-b        1.0 noarch "Requires: pg-cyc-a"
# Lua scriptlets run inside rpm itself: no Requires(post): /bin/sh that nothing in the repository provides,
# and they work in an empty throwaway root. rpm --root chroots first, so the absolute path lands inside it.
SCRIPTLETS='%post -p <lua>
for _, d in ipairs({"/var", "/var/lib", "/var/lib/pg-fixture"}) do
  if not posix.stat(d) then posix.mkdir(d) end
end
local f = assert(io.open("/var/lib/pg-fixture/postinst-ran", "w"))
f:write("pg-script post ran: " .. tostring(arg[2]) .. "\n")
f:close()

%postun -p <lua>
if tonumber(arg[2]) == 0 then os.remove("/var/lib/pg-fixture/postinst-ran") end' \
spec pg-script       1.0 noarch

# Installer-only RPMs (see installer/deb above): written to installer/rpm/, in no repodata.
SPECS="$TOP/SPECS-installer"
mkdir -p "$SPECS"
spec pg-hello        2.0 x86_64 "Requires: pg-libgreet >= 1.1" \
  "Requires: /usr/share/pg-fixture/pg-data/data.txt" \
  "Obsoletes: pg-oldname < 2.0" "Provides: pg-oldname = 2.0"
SCRIPTLETS='%pre -p <lua>
error("pg-fail %pre: failing on purpose (peerget fixture)", 0)' \
spec pg-fail         1.0 noarch
# pg-slow blocks in %post while /var/lib/pg-fixture/slow-block exists in the root, after creating
# slow-started; a test kills rpm there during an upgrade from 1.0 to 2.0.
SLOW_POST='%post -p <lua>
local dir = "/var/lib/pg-fixture"
if posix.stat(dir .. "/slow-block") then
  local f = assert(io.open(dir .. "/slow-started", "w"))
  f:close()
  while posix.stat(dir .. "/slow-block") do posix.sleep(1) end
end'
SCRIPTLETS="$SLOW_POST" spec pg-slow 1.0 noarch
SCRIPTLETS="$SLOW_POST" spec pg-slow 2.0 noarch
SPECS="$TOP/SPECS"

step "building .rpm packages"
# One rpmbuild for all specs saves most of the start-up cost. No debuginfo (nothing to strip), no build
# dependency check (the host's rpmdb is empty on Debian), timestamps clamped for reproducibility.
run rpmbuild -bb --nodeps --quiet \
  --define "_topdir $TOP" \
  --define "_rpmdir $YUM/Packages" \
  --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "debug_package %{nil}" \
  --define "__os_install_post %{nil}" \
  --define "_buildhost fixture.peerget.invalid" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  "$SPECS"/*.spec
mkdir -p "$INSTALLER/rpm"
run rpmbuild -bb --nodeps --quiet \
  --define "_topdir $TOP" \
  --define "_rpmdir $INSTALLER/rpm" \
  --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "debug_package %{nil}" \
  --define "__os_install_post %{nil}" \
  --define "_buildhost fixture.peerget.invalid" \
  --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  "$TOP/SPECS-installer"/*.spec

step "signing .rpm packages"
# Debian's rpmsign looks for gpg2 by default; --batch keeps gpg from asking for anything.
run rpmsign --addsign \
  --define "__gpg /usr/bin/gpg" \
  --define "_gpg_name $FPR" \
  --define "_gpg_sign_cmd_extra_args --batch --pinentry-mode loopback --passphrase ''" \
  "$YUM"/Packages/*.rpm "$INSTALLER"/rpm/*.rpm

step "writing yum repodata"
run createrepo_c --quiet --general-compress-type=xz --revision "$SOURCE_DATE_EPOCH" --set-timestamp-to-revision \
  --checksum sha256 "$YUM"
run gpg --batch --yes --local-user "$FPR" --detach-sign --armor -o "$YUM/repodata/repomd.xml.asc" "$YUM/repodata/repomd.xml"
cp "$OUT/keys/repo.asc" "$YUM/RPM-GPG-KEY-peerget-fixture"

step "done"
say "fixture repositories written to $OUT"
