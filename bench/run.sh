#!/usr/bin/env bash
# Kehu's load benchmark (issue #6): for each database, a fresh schema filled by `kehu generate`,
# `kehu serve` on a free loopback port, then every scenario of bench/scenarios/ driven by wrk
# (2 threads, 64 connections), logged in as a sales rep (visibility filter on) and as the admin.
# Writes bench/results/latest.{md,json} and a copy named by the UTC time; see bench/README.md.
#
#   bench/run.sh [BUILD_DIR] [--smoke]        (`make bench` runs it with BUILD_DIR=build)
#
# Environment: BENCH_CUSTOMERS (1000000), BENCH_CONTACTS (2 × customers), BENCH_USERS (200),
# BENCH_DEPARTMENTS (20), BENCH_SECONDS per scenario (20), BENCH_DBS ("sqlite postgresql"),
# BENCH_SCENARIOS (all), BENCH_OUT (bench/results), BENCH_STRICT=1 (exit 1 when a target is
# missed), BENCH_SMOKE=1 (same as --smoke), BENCH_IMPORT_ROWS (100000; 0 skips the CSV import),
# BENCH_PG_SHARED_BUFFERS (PostgreSQL's buffer cache: 2GB, the size of SQLite's memory map).
# Smoke mode checks that the harness works, not how fast: 2,000 customers, 1 s per scenario, every
# scenario must have run with requests and zero errors (exit 1 otherwise); report in BENCH_OUT
# (default BUILD_DIR/bench-smoke). Servers and clusters started here are stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

BUILD=build
SMOKE=${BENCH_SMOKE:-0}
for arg in "$@"; do
  case $arg in
    --smoke) SMOKE=1 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench: unknown option $arg" >&2; exit 2 ;;
    *) BUILD=$arg ;;
  esac
done
KEHU=$(cd "$BUILD" && pwd)/kehu
[ -x "$KEHU" ] || { echo "bench: no server binary at $KEHU (build it first)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench: wrk is not installed (scripts/install-deps.sh)" >&2; exit 2; }

ALL_SCENARIOS="get_by_id list list_full search_q2 search_q3 search_pinyin global_search page360 create patch"
if [ "$SMOKE" = 1 ]; then
  CUSTOMERS=${BENCH_CUSTOMERS:-2000}
  USERS=${BENCH_USERS:-10}  # ≈ 200 customers per user: enough distinct own ids for 64 PATCHers
  DEPARTMENTS=${BENCH_DEPARTMENTS:-2}
  SECONDS_EACH=${BENCH_SECONDS:-1}
  DBS=${BENCH_DBS:-sqlite}
  OUT=${BENCH_OUT:-$(cd "$BUILD" && pwd)/bench-smoke}
  PAUSE=0
  BENCH_IMPORT_ROWS=0
else
  CUSTOMERS=${BENCH_CUSTOMERS:-1000000}
  USERS=${BENCH_USERS:-200}
  DEPARTMENTS=${BENCH_DEPARTMENTS:-20}
  SECONDS_EACH=${BENCH_SECONDS:-20}
  DBS=${BENCH_DBS:-sqlite postgresql}
  OUT=${BENCH_OUT:-$ROOT/bench/results}
  PAUSE=${BENCH_PAUSE:-2}  # lets the server settle (WAL checkpoint after writes) between scenarios
  BENCH_IMPORT_ROWS=${BENCH_IMPORT_ROWS:-100000}
  export BENCH_PG_SHARED_BUFFERS=${BENCH_PG_SHARED_BUFFERS:-2GB}
fi
CONTACTS=${BENCH_CONTACTS:-$((CUSTOMERS * 2))}
SCENARIOS=${BENCH_SCENARIOS:-$ALL_SCENARIOS}
for s in $SCENARIOS; do
  [ -f "$ROOT/bench/scenarios/$s.lua" ] || { echo "bench: no scenario bench/scenarios/$s.lua" >&2; exit 2; }
done
THREADS=2
CONNECTIONS=64
ADMIN_PASSWORD=kehu-bench-admin-2026
BENCH_PASSWORD=kehu-bench-2026

TMP=$(mktemp -d /tmp/kehu-bench.XXXXXX)
RUN=$TMP/run
mkdir -p "$RUN" "$OUT"
source "$ROOT/bench/lib/lifecycle.sh"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# The generator (issue #6 item 1); without it, the demo data set (a few hundred customers).
# (grep without -q reads all of the help, so kehu never dies of SIGPIPE under pipefail.)
if "$KEHU" --help 2>/dev/null | grep -E '^ +generate( |$)' >/dev/null; then
  DATA=generate REP=bench002 REP_PASSWORD=$BENCH_PASSWORD
else
  echo "bench: this kehu has no 'generate' subcommand; using 'kehu demo' data instead" >&2
  DATA=demo REP=zhangwei REP_PASSWORD=kehu-demo-2026
fi

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# fill_db URL DIR: init + data; DIR/generate.json gets the generator's JSON line and the wall time.
fill_db() {
  local url=$1 dir=$2 t0 t1 line
  t0=$EPOCHREALTIME
  "$KEHU" init --db "$url" --admin-password "$ADMIN_PASSWORD" >"$dir/init.log" 2>&1 ||
    { cat "$dir/init.log" >&2; return 1; }
  t1=$EPOCHREALTIME
  if [ "$DATA" = generate ]; then
    "$KEHU" generate --db "$url" --customers "$CUSTOMERS" --contacts "$CONTACTS" --users "$USERS" \
      --departments "$DEPARTMENTS" --seed 1 --password "$BENCH_PASSWORD" >"$dir/generate.log" 2>&1 ||
      { cat "$dir/generate.log" >&2; return 1; }
    line=$(grep -E '^\{.*"customers"' "$dir/generate.log" | tail -1)
  else
    "$KEHU" demo --db "$url" >"$dir/generate.log" 2>&1 || { cat "$dir/generate.log" >&2; return 1; }
    line='{"demo":true}'
  fi
  printf '{"data":"%s","init_seconds":%s,"wall_seconds":%s,"line":%s}\n' "$DATA" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')" \
    "$(awk -v a="$t1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f", b-a}')" "${line:-null}" \
    >"$dir/generate.json"
}

# scenario DIR ACTOR NAME: one wrk run; its output and time window go to DIR.
scenario() {
  local dir=$1 actor=$2 name=$3 start
  start=$EPOCHREALTIME
  run_wrk "$dir" "$actor" "$name"
  printf '%s\t%s\t%s\t%s\n' "$actor" "$name" "$start" "$EPOCHREALTIME" >>"$dir/scenarios.tsv"
  log "  $actor $name: $(grep -oE 'Requests/sec: +[0-9.]+' "$dir/$actor-$name.wrk" || echo 'no result')"
  server_alive "$dir"
  [ "$PAUSE" = 0 ] || sleep "$PAUSE"
}

run_db() {
  local db=$1 dir=$RUN/$1 url rep_id
  mkdir -p "$dir"
  case $db in
    sqlite) url="sqlite:$TMP/sqlite/kehu.db"; mkdir -p "$TMP/sqlite" ;;
    postgresql) pg_start "$TMP/pg"; url=$PG_URL; pg_settings "$url" >"$dir/settings.txt" ;;
    *) echo "bench: unknown database $db (sqlite, postgresql)" >&2; return 1 ;;
  esac
  log "$db: init + $DATA ($CUSTOMERS customers, $CONTACTS contacts, $USERS users)"
  fill_db "$url" "$dir"
  log "$db: $(cat "$dir/generate.json")"
  server_start "$url" "$dir"
  sampler_start "$SERVER_PID" "$dir/rss.log"
  log "$db: serving at $SERVER_BASE (pid $SERVER_PID)"

  prepare "$dir" rep "$REP" "$REP_PASSWORD" --create-prefix 1
  rep_id=$(sed -nE 's/.*"userId": ([0-9]+).*/\1/p' "$dir/prepare-rep.json")
  scenario "$dir" rep health
  for s in $SCENARIOS; do scenario "$dir" rep "$s"; done
  prepare "$dir" admin admin "$ADMIN_PASSWORD" --create-prefix 2 --exclude-owner "$rep_id"
  for s in $SCENARIOS; do scenario "$dir" admin "$s"; done

  sampler_stop
  server_stop
  [ "$db" = postgresql ] && pg_stop
  # CSV import throughput on a fresh database of its own (issue #6: 1M rows in ≤ 60 s).
  if [ "${BENCH_IMPORT_ROWS:-0}" -gt 0 ]; then
    log "$db: import of $BENCH_IMPORT_ROWS customers from CSV"
    bash "$ROOT/bench/import.sh" -b "$(dirname "$KEHU")" -d "$db" "$BENCH_IMPORT_ROWS" >"$dir/import.json" ||
      log "$db: import bench failed"
    log "$db: $(cat "$dir/import.json")"
  fi
  return 0
}

started=$EPOCHREALTIME
# One database failing (say, its data set could not be generated) still leaves the others' report.
for db in $DBS; do
  set +e
  (trap db_cleanup EXIT; set -e; run_db "$db")
  rc=$?
  set -e
  [ $rc = 0 ] || { log "$db: failed (exit $rc); see above"; FAILED_DBS="${FAILED_DBS:-} $db"; }
done

report_args=(--run "$RUN" --out "$OUT" --dbs "$DBS" --scenarios "health $SCENARIOS"
  --customers "$CUSTOMERS" --contacts "$CONTACTS" --users "$USERS" --seconds "$SECONDS_EACH"
  --threads "$THREADS" --connections "$CONNECTIONS" --data "$DATA" --rep "$REP"
  --wall "$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.0f", b-a}')")
[ "$SMOKE" = 1 ] && report_args+=(--smoke)
[ "${BENCH_STRICT:-0}" = 1 ] && report_args+=(--strict)
python3 "$ROOT/bench/lib/report.py" "${report_args[@]}"
[ -z "${FAILED_DBS:-}" ] || { echo "bench: failed on:$FAILED_DBS" >&2; exit 1; }
