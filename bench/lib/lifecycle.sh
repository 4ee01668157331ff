# shellcheck shell=bash
# Process lifecycle for bench/run.sh and bench/ab.sh (sourced): a throwaway PostgreSQL cluster, the
# kehu server on a free loopback port, and an RSS sampler; plus the two steps both scripts take
# against a running server (prepare an actor, one wrk run). Everything started here is recorded in
# globals so that bench_cleanup (run from run.sh's EXIT trap) stops exactly those processes and
# nothing else.
#
# Globals read: KEHU (binary), ROOT (repository), TMP (scratch directory); THREADS, CONNECTIONS and
# SECONDS_EACH for prepare and run_wrk.
# Globals set:  SERVER_PID, SERVER_BASE, SAMPLER_PID, PG_DIR, PG_URL (empty when not running).
# (Call the *_start functions directly, not in $(…): a subshell would lose these globals.)

SERVER_PID=""
SERVER_BASE=""
SAMPLER_PID=""
PG_DIR=""
PG_URL=""
PG_BIN=${KEHU_PG_BIN:-/usr/lib/postgresql/15/bin}

# pg_start DIR: starts a cluster with scripts/pg-test-cluster.sh (as the ctest fixture does) and
# sets PG_URL. That script turns durability off for tests; a benchmark compares durable commits
# (SQLite runs synchronous=FULL), so fsync, synchronous_commit and full_page_writes go back on.
# Its buffer cache is that script's 64 MB unless BENCH_PG_SHARED_BUFFERS says otherwise: 2 GB in a
# full run, SQLite's memory map (run.sh); a tuned server gets a quarter of the RAM.
pg_start() {
  PG_DIR=$1
  PG_URL=$(KEHU_PG_OPTIONS="${BENCH_PG_SHARED_BUFFERS:+-c shared_buffers=$BENCH_PG_SHARED_BUFFERS}" \
    bash "$ROOT/scripts/pg-test-cluster.sh" start "$PG_DIR")
  "$PG_BIN/psql" -qAtX -v ON_ERROR_STOP=1 "$PG_URL" \
    -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
    -c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
}

# pg_settings URL: the settings that matter for the figures, one "name=value" per line, as SHOW
# spells them ("64MB"; the setting and its unit side by side read "81928kB" for 8192 × 8kB).
pg_settings() {
  "$PG_BIN/psql" -qAtX "$1" -c "SELECT name || '=' || current_setting(name) FROM pg_settings
    WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes',
                   'shared_buffers', 'max_connections', 'lc_ctype') ORDER BY name"
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  bash "$ROOT/scripts/pg-test-cluster.sh" stop "$PG_DIR" || true
  PG_DIR="" PG_URL=""
}

# server_start DB_URL LOG_DIR: `kehu serve` on 127.0.0.1, port 0 (the kernel picks a free one),
# plus the flags in the array SERVE_ARGS if set; waits for its "listening on URL" line and sets
# SERVER_PID and SERVER_BASE.
server_start() {
  local url=$1 dir=$2
  "$KEHU" serve --db "$url" --listen 127.0.0.1:0 --log-level warn ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} \
    >"$dir/server.out" 2>"$dir/server.err" </dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    SERVER_BASE=$(sed -nE 's/^listening on (http:\/\/[^ ]+)$/\1/p' "$dir/server.out")
    [ -n "$SERVER_BASE" ] && return 0
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "bench: kehu serve exited during start-up:" >&2
      tail -20 "$dir/server.err" >&2
      SERVER_PID=""
      return 1
    fi
    sleep 0.1
  done
  echo "bench: kehu serve did not report its address within 60 s" >&2
  return 1
}

# prepare DIR ACTOR USER PASSWORD [prepare.py options]: logs in, collects ids, writes DIR/ACTOR.lua
# (and prepare.py's summary to DIR/prepare-ACTOR.json).
prepare() {
  local dir=$1 actor=$2 user=$3 password=$4
  shift 4
  python3 "$ROOT/bench/lib/prepare.py" --base "$SERVER_BASE" --user "$user" --password "$password" \
    --out "$dir/$actor.lua" --threads "$THREADS" "$@" >"$dir/prepare-$actor.json"
}

# run_wrk DIR ACTOR NAME: scenario NAME as ACTOR (DIR/ACTOR.lua) for SECONDS_EACH; wrk's output,
# with its BENCH_RESULT line, goes to DIR/ACTOR-NAME.wrk. A failed run leaves no result line.
run_wrk() {
  local dir=$1 actor=$2 name=$3
  BENCH_LUA_DIR="$ROOT/bench/scenarios" BENCH_DATA="$dir/$actor.lua" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 5s \
    -s "$ROOT/bench/scenarios/$name.lua" "$SERVER_BASE" >"$dir/$actor-$name.wrk" 2>&1 || true
}

# server_alive: fails (with the server's last log lines) when the server has died.
server_alive() {
  local dir=$1
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then return 0; fi
  echo "bench: the server is gone; last lines of its log:" >&2
  tail -20 "$dir/server.err" >&2
  return 1
}

# server_stop: SIGTERM, then SIGKILL if it has not finished within 15 s.
server_stop() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# sampler_start PID FILE: appends "epoch_seconds VmRSS_kB RssAnon_kB RssFile_kB" every 200 ms
# while PID lives. RssFile is file pages mapped into the process (SQLite's mmap of the database,
# counted once per mapping): page cache, which the RSS target leaves aside; RssAnon is the heap.
sampler_start() {
  local pid=$1 out=$2
  (
    local key value rss anon file
    while [ -r "/proc/$pid/status" ]; do
      rss="" anon="" file=""
      while read -r key value _; do
        case $key in
          VmRSS:) rss=$value ;;
          RssAnon:) anon=$value ;;
          RssFile:) file=$value; break ;;
        esac
      done <"/proc/$pid/status" 2>/dev/null || break
      [ -n "$rss" ] && echo "$EPOCHREALTIME $rss ${anon:-0} ${file:-0}"
      sleep 0.2
    done
  ) >>"$out" &
  SAMPLER_PID=$!
}

sampler_stop() {
  [ -n "$SAMPLER_PID" ] || return 0
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
}

# Stops what one database's run started (server, sampler, PostgreSQL cluster); keeps the results.
db_cleanup() {
  sampler_stop
  server_stop
  pg_stop
}

bench_cleanup() {
  db_cleanup
  [ -n "${TMP:-}" ] && rm -rf "$TMP"
}
