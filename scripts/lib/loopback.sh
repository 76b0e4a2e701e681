# Loopback infrastructure shared by scripts/demo.sh and bench/swarm-bench.sh (sourced, not run): a signed apt
# repository built with the real tools, nginx or lighttpd as the mirror (its access log counts the bytes it
# served), opentracker as the tracker, and throwaway client roots. Everything listens on 127.0.0.1 only.
# Needs: dpkg-deb apt-ftparchive gpg nginx opentracker curl (ensure_loopback_tools installs what is missing).

ensure_loopback_tools() {
  local missing=()
  command -v dpkg-deb >/dev/null || missing+=(dpkg)
  command -v apt-ftparchive >/dev/null || missing+=(apt-utils)
  command -v gpg >/dev/null || missing+=(gnupg)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v opentracker >/dev/null || missing+=(opentracker)
  command -v curl >/dev/null || missing+=(curl)
  command -v transmission-show >/dev/null || missing+=(transmission-cli)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; }
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

# free_port: a loopback TCP port nothing listens on.
free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free port" >&2
  return 1
}

# make_signed_repo DIR SPEC...: an apt repository (suite stable, component main, amd64) at DIR with one package
# per SPEC "name:size_kb[:depends]" whose payload is SIZE_KB of random data, signed by a new throwaway key in
# DIR/../gnupg. Sets REPO_KEY_FPR and GNUPGHOME_REPO; the public key is DIR/../repo-key.gpg.
# DEB_COMPRESS (default gzip) is dpkg-deb's -Z type; zstd builds random payloads about 30 times faster.
make_signed_repo() {
  local repo=$1; shift
  build_packages "$repo" "$@"
  index_signed_repo "$repo"
}

# build_packages DIR SPEC...: the .deb files of make_signed_repo, without the indexes (several may run at once
# on different SPECs of the same DIR).
build_packages() {
  local repo=$1; shift
  local work spec name size deps pkg
  work=$(dirname "$repo")
  for spec in "$@"; do
    IFS=: read -r name size deps <<<"$spec"
    pkg=$work/build/$name
    mkdir -p "$pkg/DEBIAN" "$pkg/usr/share/$name"
    head -c "$((size * 1024))" /dev/urandom >"$pkg/usr/share/$name/data.bin"
    {
      echo "Package: $name"
      echo "Version: 1.0-1"
      echo "Architecture: amd64"
      echo "Maintainer: peerget demo <demo@127.0.0.1>"
      echo "Installed-Size: $size"
      [ -n "$deps" ] && echo "Depends: $deps"
      echo "Section: misc"
      echo "Priority: optional"
      echo "Description: peerget loopback demo package $name"
      echo " $size kB of random data."
    } >"$pkg/DEBIAN/control"
    mkdir -p "$repo/pool/main/${name:0:1}/$name"
    dpkg-deb "-Z${DEB_COMPRESS:-gzip}" -z1 --root-owner-group -b "$pkg" \
      "$repo/pool/main/${name:0:1}/$name/${name}_1.0-1_amd64.deb" >/dev/null
    rm -rf "$pkg"
  done
}

# index_signed_repo DIR: Packages, Release, InRelease and Release.gpg for the .deb files under DIR/pool, signed
# by a new throwaway key (see make_signed_repo).
index_signed_repo() {
  local repo=$1
  local work
  work=$(dirname "$repo")
  GNUPGHOME_REPO=$work/gnupg
  mkdir -p -m 700 "$GNUPGHOME_REPO"
  gpg --homedir "$GNUPGHOME_REPO" --batch --pinentry-mode loopback --passphrase '' \
    --quick-generate-key "peerget demo mirror <demo@127.0.0.1>" rsa3072 sign never 2>/dev/null
  REPO_KEY_FPR=$(gpg --homedir "$GNUPGHOME_REPO" --batch --with-colons --list-secret-keys |
    awk -F: '$1 == "fpr" { print $10; exit }')
  gpg --homedir "$GNUPGHOME_REPO" --batch --export "$REPO_KEY_FPR" >"$work/repo-key.gpg"
  local dist=$repo/dists/stable
  mkdir -p "$dist/main/binary-amd64"
  (cd "$repo" && apt-ftparchive packages pool/main) >"$dist/main/binary-amd64/Packages"
  gzip -9kn "$dist/main/binary-amd64/Packages"
  apt-ftparchive -o APT::FTPArchive::Release::Origin=peerget-demo -o APT::FTPArchive::Release::Suite=stable \
    -o APT::FTPArchive::Release::Codename=stable -o APT::FTPArchive::Release::Components=main \
    -o APT::FTPArchive::Release::Architectures=amd64 release "$dist" >"$work/Release"
  mv "$work/Release" "$dist/Release"
  gpg --homedir "$GNUPGHOME_REPO" --batch --yes --local-user "$REPO_KEY_FPR" --clearsign -o "$dist/InRelease" "$dist/Release"
  gpg --homedir "$GNUPGHOME_REPO" --batch --yes --local-user "$REPO_KEY_FPR" -abs -o "$dist/Release.gpg" "$dist/Release"
}

# stop_repo_gpg_agent [DIR...]: stops the gpg-agent that signing started for each repository work directory
# (make_signed_repo leaves one running per GNUPGHOME).
stop_repo_gpg_agent() {
  local d
  for d in "$@"; do
    [ -d "$d/gnupg" ] && gpgconf --homedir "$d/gnupg" --kill gpg-agent 2>/dev/null || true
  done
}

# start_nginx DOCROOT WORK [KBYTES_PER_SECOND]: nginx on a free loopback port serving DOCROOT, each response
# limited to the given rate (0 or absent: no limit). Sets NGINX_PORT and NGINX_PID; the access log
# WORK/nginx/access.log has "URI STATUS BODY_BYTES" lines.
start_nginx() {
  local root=$1 work=$2 rate=${3:-0}
  mkdir -p "$work/nginx/tmp"
  NGINX_PORT=$(free_port)
  cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 256; }
http {
  log_format bytes '\$request_uri \$status \$body_bytes_sent';
  access_log $work/nginx/access.log bytes;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  default_type application/octet-stream;
  sendfile on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $root;
    limit_rate ${rate}k;
  }
}
CONF
  "$NGINX" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  NGINX_PID=$!
  local i
  for i in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/" 2>/dev/null && return 0
    curl -sS -o /dev/null "http://127.0.0.1:$NGINX_PORT/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nginx did not come up; $(cat "$work/nginx/error.log")" >&2
  return 1
}

# mirror_bytes WORK [PATTERN]: body bytes nginx served for URIs matching PATTERN (default: .deb files).
mirror_bytes() {
  local work=$1 pattern=${2:-\\.deb$}
  # %.0f, not %d: mawk (Debian's awk) clamps %d at 2^31 - 1, so past 2 GiB served every difference was 0.
  awk -v p="$pattern" '$1 ~ p { s += $3 } END { printf "%.0f\n", s }' "$work/nginx/access.log"
}

# start_lighttpd DOCROOT WORK [KBYTES_PER_SECOND]: lighttpd on a free loopback port serving DOCROOT, with
# server.kbytes-per-second: one limit shared by all connections together (0 or absent: no limit). nginx's
# limit_rate only limits each response. Sets LIGHTTPD_PORT and LIGHTTPD_PID; the access log
# WORK/lighttpd/access.log has "URI STATUS BODY_BYTES" lines (bytes actually sent, also for aborted responses),
# written about once a second (SIGHUP writes it at once). HTTP/1.1 only, like nginx and most mirrors: with
# HTTP/2 on, lighttpd accepts the h2c upgrade that Java's HttpClient asks for, peerget's http_connections then
# share one connection, and with the global limit one of its streams stalled for 30 s (docs/fetch-benchmarks.md).
start_lighttpd() {
  local root=$1 work=$2 rate=${3:-0}
  command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ] || {
    echo "installing lighttpd with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q lighttpd >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q lighttpd >&2; }
  }
  local lighttpd
  lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
  mkdir -p "$work/lighttpd"
  LIGHTTPD_PORT=$(free_port)
  cat >"$work/lighttpd/lighttpd.conf" <<CONF
server.document-root = "$root"
server.bind = "127.0.0.1"
server.port = $LIGHTTPD_PORT
server.modules = ( "mod_accesslog" )
server.errorlog = "$work/lighttpd/error.log"
server.pid-file = "$work/lighttpd/lighttpd.pid"
server.max-connections = 1024
server.kbytes-per-second = $rate
server.feature-flags = ( "server.h2proto" => "disable", "server.h2c" => "disable" )
accesslog.filename = "$work/lighttpd/access.log"
accesslog.format = "%U %>s %b"
mimetype.assign = ( "" => "application/octet-stream" )
CONF
  "$lighttpd" -D -f "$work/lighttpd/lighttpd.conf" &
  LIGHTTPD_PID=$!
  local i
  for i in $(seq 1 50); do
    curl -sS -o /dev/null "http://127.0.0.1:$LIGHTTPD_PORT/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "lighttpd did not come up; $(cat "$work/lighttpd/error.log")" >&2
  return 1
}

# log_bytes LOG [PATTERN [FROM_LINE]]: body bytes of the access log lines (nginx's or lighttpd's format above)
# whose URI matches PATTERN (default: .deb files), counting from line FROM_LINE (default 1).
log_bytes() {
  local log=$1 pattern=${2:-\\.deb$} from=${3:-1}
  awk -v p="$pattern" -v f="$from" 'NR >= f && $1 ~ p { s += $3 } END { printf "%d\n", s }' "$log"
}

# start_opentracker WORK PORT INFOHASH...: Debian's opentracker (built in whitelist mode) on 127.0.0.1:PORT,
# tracking only the given info hashes. Sets TRACKER_PID and TRACKER_URL.
start_opentracker() {
  local work=$1; TRACKER_PORT=$2; shift 2
  local home=$work/opentracker
  mkdir -p "$home"
  printf '%s\n' "$@" >"$home/whitelist.txt"
  chmod 755 "$home"; chmod 644 "$home/whitelist.txt"
  opentracker -i 127.0.0.1 -p "$TRACKER_PORT" -P "$TRACKER_PORT" -d "$home" -w whitelist.txt -u nobody \
    >"$work/opentracker.log" 2>&1 &
  TRACKER_PID=$!
  TRACKER_URL=http://127.0.0.1:$TRACKER_PORT/announce
  sleep 0.3
}

# make_client ROOT REPO_URL KEY EXTRA_CONF: a throwaway root whose only source is the loopback repository.
make_client() {
  local root=$1 url=$2 key=$3 extra=$4
  mkdir -p "$root/etc/apt/keys" "$root/etc/peerget"
  cp "$key" "$root/etc/apt/keys/repo.gpg"
  echo "deb [signed-by=/etc/apt/keys/repo.gpg] $url stable main" >"$root/etc/apt/sources.list"
  printf '[main]\narchitecture = amd64\ndht = false\nlocal_peer_discovery = false\n%s\n' "$extra" \
    >"$root/etc/peerget/peerget.conf"
}
