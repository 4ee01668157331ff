#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests.
#
#   pg-test-cluster.sh start DIR   initdb + start on 127.0.0.1 at a free port; writes the URL
#                                  postgresql://postgres@127.0.0.1:PORT/postgres to DIR/url and
#                                  prints it. Reuses a cluster already running in DIR.
#   pg-test-cluster.sh stop DIR    stops it (immediate: the data is thrown away) and removes DIR.
#
# KEHU_PG_OPTIONS adds server options at start ("-c shared_buffers=2GB"; the bench sets it).
#
# Idempotent and non-interactive. PostgreSQL refuses to run as root, so as root the server runs as
# the `postgres` system user that the postgresql-15 package creates. Its data and sockets live in
# DIR, or in a private directory under /tmp when DIR is unusable for that (the postgres user cannot
# write it, or the socket path would exceed the 107-byte limit); DIR/rundir then points there.
set -euo pipefail

BIN=${KEHU_PG_BIN:-/usr/lib/postgresql/15/bin}
RUN_USER=postgres

die() { echo "pg-test-cluster: $*" >&2; exit 1; }

# Runs a command as the user that owns the cluster.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

# The directory holding data/ and the sockets: DIR itself or the one recorded in DIR/rundir.
run_dir() {
  local dir=$1
  if [ -f "$dir/rundir" ]; then cat "$dir/rundir"; else echo "$dir"; fi
}

is_running() {
  local data=$1
  [ -f "$data/postmaster.pid" ] && as_pg "$BIN/pg_ctl" status -D "$data" >/dev/null 2>&1
}

pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    # Skip ports something already listens on; the bind itself is still checked on start.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# Chooses where data and sockets go, creating it with the right owner.
prepare_run_dir() {
  local dir=$1 rundir=$1
  if [ "$(id -u)" -eq 0 ]; then
    chown "$RUN_USER:" "$dir"
  fi
  # ".s.PGSQL.NNNNN" adds 16 bytes to the socket directory.
  if ! as_pg test -w "$dir" || [ $((${#dir} + 16)) -gt 100 ]; then
    rundir=$(mktemp -d /tmp/kehu-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown "$RUN_USER:" "$rundir"
    echo "$rundir" >"$dir/rundir"
  fi
  echo "$rundir"
}

init_cluster() {
  local data=$1
  as_pg "$BIN/initdb" -D "$data" -U postgres --encoding=UTF8 --locale=C.UTF-8 --auth=trust \
    --no-sync >"$data.initdb.log" 2>&1 || { cat "$data.initdb.log" >&2; die "initdb failed"; }
  cat >>"$data/postgresql.conf" <<'EOF'
# kehu test cluster: throwaway data, so durability is off
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 64MB
log_min_messages = warning
EOF
}

# Starts the server on a free port, retrying on a port collision. Prints the port.
start_server() {
  local data=$1 rundir=$2 port
  for _ in $(seq 1 10); do
    port=$(pick_port)
    if as_pg "$BIN/pg_ctl" start -D "$data" -w -t 60 -l "$rundir/server.log" \
      -o "-p $port -k $rundir ${KEHU_PG_OPTIONS:-}" >/dev/null 2>&1; then
      echo "$port"
      return 0
    fi
    if ! grep -qiE "could not (create listen socket|bind)|address already in use" \
      "$rundir/server.log" 2>/dev/null; then
      cat "$rundir/server.log" >&2 || true
      die "postgres failed to start"
    fi
    as_pg "$BIN/pg_ctl" stop -D "$data" -m immediate >/dev/null 2>&1 || true
    : >"$rundir/server.log"
  done
  die "could not bind a free port after 10 attempts"
}

wait_ready() {
  local rundir=$1 port=$2
  for _ in $(seq 1 100); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres && return 0
    sleep 0.1
  done
  die "server on port $port did not become ready"
}

cmd_start() {
  local dir=$1 rundir data port url
  [ -x "$BIN/initdb" ] || die "PostgreSQL 15 binaries not found in $BIN (install postgresql-15)"
  if [ -f "$dir/url" ] && is_running "$(run_dir "$dir")/data"; then
    cat "$dir/url"
    return 0
  fi
  cmd_stop "$dir"  # leftovers of an earlier run that did not stop cleanly
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rundir=$(prepare_run_dir "$dir")
  data=$rundir/data
  init_cluster "$data"
  port=$(start_server "$data" "$rundir")
  wait_ready "$rundir" "$port"
  url="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url.tmp"
  mv "$dir/url.tmp" "$dir/url"
  echo "$url"
}

cmd_stop() {
  local dir=$1 rundir
  [ -d "$dir" ] || return 0
  rundir=$(run_dir "$dir")
  if [ -f "$rundir/data/postmaster.pid" ]; then
    as_pg "$BIN/pg_ctl" stop -D "$rundir/data" -m immediate -w >/dev/null 2>&1 || true
  fi
  [ "$rundir" != "$dir" ] && rm -rf "$rundir"
  rm -rf "$dir"
}

main() {
  [ $# -eq 2 ] || die "usage: $0 start|stop DIR"
  case "$1" in
    start) cmd_start "$2" ;;
    stop) cmd_stop "$2" ;;
    *) die "usage: $0 start|stop DIR" ;;
  esac
}

main "$@" </dev/null
