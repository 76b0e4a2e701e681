# Shared helpers for the peerget benchmarks (sourced by update-bench.sh and query-bench.sh).
# Builds a loopback mirror of the real bookworm main/amd64 index from ../shared/corpus at run time
# (symlinks only: nothing from the corpus is copied into the project), serves it with Debian's nginx,
# and prepares an isolated apt root and a peerget root that both point at it.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/.." && pwd)
PEERGET=$PROJECT_DIR/peerget
# The corpus lives in shared/ beside the checkout; a worktree under /work/wt/ finds it at /work/shared.
CORPUS=${PEERGET_CORPUS:-}
if [ -z "$CORPUS" ]; then
  for c in "$PROJECT_DIR/../shared/corpus" "$PROJECT_DIR/../../shared/corpus" /work/shared/corpus; do
    if [ -d "$c/apt/debian-bookworm-fetched" ]; then CORPUS=$(cd "$c" && pwd); break; fi
  done
fi
[ -n "$CORPUS" ] || { echo "bench: cannot find shared/corpus (set PEERGET_CORPUS)" >&2; exit 2; }
SRC=$CORPUS/apt/debian-bookworm-fetched
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
XZ_HASH=9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5
EXPECTED_PACKAGES=63440

log() { echo "bench: $*" >&2; }

# Installs the Debian packages the bench needs (nginx-light as the HTTP server, time, the keyring).
ensure_tools() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  [ -x /usr/bin/time ] || missing+=(time)
  [ -f "$KEYRING" ] || missing+=(debian-archive-keyring)
  command -v apt-get >/dev/null || { echo "bench: apt-get is required" >&2; exit 2; }
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} with apt-get"
    # policy-rc.d keeps the package's service from starting on port 80.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; }
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

# make_mirror DIR: dists/bookworm/{InRelease,Release,Release.gpg} and main/binary-amd64/ with Packages.gz,
# Packages.xz and their by-hash names, all symlinks into the corpus.
make_mirror() {
  local m=$1/dists/bookworm
  local b=$m/main/binary-amd64
  mkdir -p "$b/by-hash/SHA256"
  local f
  for f in InRelease Release Release.gpg; do ln -s "$SRC/$f" "$m/$f"; done
  ln -s "$SRC/main/binary-amd64/Packages.gz" "$b/Packages.gz"
  ln -s "$SRC/main/binary-amd64/Release" "$b/Release"
  ln -s "$SRC/main/binary-amd64/by-hash/SHA256/$XZ_HASH" "$b/Packages.xz"
  ln -s "$SRC/main/binary-amd64/by-hash/SHA256/$XZ_HASH" "$b/by-hash/SHA256/$XZ_HASH"
  local gz_hash
  gz_hash=$(awk '/^SHA256:/{s=1;next} /^[^ ]/{s=0} s && $3=="main/binary-amd64/Packages.gz"{print $1}' "$SRC/Release")
  ln -s "$SRC/main/binary-amd64/Packages.gz" "$b/by-hash/SHA256/$gz_hash"
}

# start_server MIRROR WORKDIR: runs nginx in the foreground (as a child we can kill) on a free loopback port;
# sets PORT and SERVER_PID.
start_server() {
  local mirror=$1 work=$2
  mkdir -p "$work/nginx"
  # A free loopback port: one nothing answers on.
  PORT=
  local p
  for p in $(shuf -i 20000-60000 -n 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
  done
  [ -n "$PORT" ] || { echo "bench: no free port" >&2; exit 1; }
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  types { application/octet-stream gz xz; }
  default_type application/octet-stream;
  sendfile on;
  disable_symlinks off;
  server {
    listen 127.0.0.1:$PORT;
    root $mirror;
    autoindex off;
  }
}
EOF
  "$NGINX" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  SERVER_PID=$!
  local i
  for i in $(seq 1 50); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/dists/bookworm/Release" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench: nginx did not come up on port $PORT" >&2
  cat "$work/nginx/error.log" >&2 || true
  exit 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# make_apt_root DIR: an isolated apt root. APT_CONFIG keeps the host's /etc/apt/apt.conf.d out (a Docker
# image's docker-clean disables pkgcache.bin and docker-gzip-indexes keeps lists compressed), so apt runs
# with its defaults: lists stored decompressed and pkgcache.bin/srcpkgcache.bin built.
make_apt_root() {
  local t=$1
  mkdir -p "$t/etc/apt/apt.conf.d" "$t/etc/apt/trusted.gpg.d" "$t/etc/apt/preferences.d" \
    "$t/var/lib/apt/lists/partial" "$t/var/cache/apt/archives/partial" "$t/var/lib/dpkg"
  : >"$t/status"
  chmod 755 "$t" "$(dirname "$t")"   # apt's download methods run as _apt and must reach lists/partial
  echo "deb [signed-by=$KEYRING] http://127.0.0.1:$PORT/ bookworm main" >"$t/sources.list"
  cat >"$t/apt.conf" <<EOF
Dir "$t/";
Dir::Etc::Parts "$t/etc/apt/apt.conf.d";
Dir::Etc::Main "$t/etc/apt/apt.conf";
EOF
}

# The apt command line from the issue; APT_CONFIG=$t/apt.conf must be in the environment.
apt_args() {
  local t=$1
  echo -o "Dir=$t/" -o "Dir::State::status=$t/status" -o "Dir::Etc::SourceList=$t/sources.list" \
    -o Dir::Etc::SourceParts=/dev/null -o "Dir::Etc::Trusted=$t/etc/apt/trusted.gpg" \
    -o "Dir::Etc::TrustedParts=$t/etc/apt/trusted.gpg.d" -o APT::Architecture=amd64 \
    -o APT::Architectures=amd64 -o Acquire::Languages=none \
    -o Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false -o Debug::NoLocking=1 \
    -o Acquire::Check-Valid-Until=false
}

apt_clean_state() {
  local t=$1
  rm -rf "$t/var/lib/apt/lists" "$t/var/cache/apt"
  mkdir -p "$t/var/lib/apt/lists/partial" "$t/var/cache/apt/archives/partial"
}

# make_peerget_root DIR [extra sources options]: a root whose sources.list names the same mirror, with the
# keyring copied inside the root (Signed-By paths are resolved below --root).
make_peerget_root() {
  local r=$1
  mkdir -p "$r/etc/apt/sources.list.d" "$r/usr/share/keyrings"
  cp "$KEYRING" "$r/usr/share/keyrings/"
  echo "deb [signed-by=/usr/share/keyrings/$(basename "$KEYRING")] http://127.0.0.1:$PORT/ bookworm main" \
    >"$r/etc/apt/sources.list"
}

peerget_clean_state() {
  local r=$1
  rm -rf "$r/var"
}

# timed OUTFILE CMD...: runs CMD under /usr/bin/time, appends "wall_s peak_rss_kb user_s sys_s" to OUTFILE; the command's
# output goes to OUTFILE.log. Fails when the command fails.
timed() {
  local out=$1; shift
  local tf
  tf=$(mktemp)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >>"$out.log" 2>&1; then
    echo "bench: command failed: $*" >&2
    tail -20 "$out.log" >&2
    rm -f "$tf"
    return 1
  fi
  tail -1 "$tf" >>"$out"
  rm -f "$tf"
}

# stats FILE: "median min max medianRSS_MB medianCPU_s" of wall time (column 1), peak RSS (column 2, KB) and
# CPU time (user + sys, columns 3 and 4). CPU time is less sensitive to other load on the machine than wall time.
stats() {
  local f=$1
  med_of() { sort -g | awk '{a[NR]=$1} END{ n=NR; if (n%2) printf "%.2f\n", a[(n+1)/2]; else printf "%.2f\n", (a[n/2]+a[n/2+1])/2 }'; }
  local med min max rss cpu
  med=$(awk '{print $1}' "$f" | med_of)
  min=$(awk '{print $1}' "$f" | sort -g | head -1)
  max=$(awk '{print $1}' "$f" | sort -g | tail -1)
  rss=$(awk '{print $2/1024}' "$f" | med_of | awk '{printf "%.0f\n", $1}')
  cpu=$(awk '{print $3+$4}' "$f" | med_of)
  echo "$med $min $max $rss $cpu"
}

machine_info() {
  echo "- nproc: $(nproc)"
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- RAM: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "- JDK: $(java -version 2>&1 | head -2 | tail -1)"
  echo "- apt: $(apt-get --version | head -1)"
  echo "- HTTP server: $("$NGINX" -v 2>&1)"
}
