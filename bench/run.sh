#!/usr/bin/env bash
# First load scenarios (issue #6 grows this into the full suite): demo data on SQLite, logged in as
# admin, 64 connections, each scenario reported as requests/s and as a ratio to the /health floor
# measured in the same run. Usage: bench/run.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SECS=${2:-5}
OUT=bench/results
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT

"$BUILD/kehu" init --db "sqlite:$TMP/bench.db" --admin-password bench-password >/dev/null
"$BUILD/kehu" demo --db "sqlite:$TMP/bench.db" >/dev/null
"$BUILD/kehu" serve --db "sqlite:$TMP/bench.db" --listen 127.0.0.1:0 --log-level warn >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
for _ in $(seq 50); do grep -q listening "$TMP/out" && break; sleep 0.1; done
BASE=$(sed -nE 's/^listening on (http:\/\/[^ ]+)$/\1/p' "$TMP/out")
LOGIN=$(curl -s -c "$TMP/jar" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password"}' "$BASE/api/v1/auth/login")
CSRF=$(sed -E 's/.*"csrfToken":"([^"]+)".*/\1/' <<<"$LOGIN")
COOKIE="kehu_session=$(awk '$6=="kehu_session"{print $7}' "$TMP/jar")"

cat >"$TMP/auth.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
wrk.headers["X-CSRF-Token"] = "$CSRF"
LUA
run() {  # run NAME PATH
  local line
  line=$(wrk -t2 -c64 -d"${SECS}s" --latency -s "$TMP/auth.lua" "$BASE$2" 2>&1)
  local rps p50 p99 errs
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$line")
  p50=$(awk '$1=="50%"{print $2}' <<<"$line")
  p99=$(awk '$1=="99%"{print $2}' <<<"$line")
  errs=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' <<<"$line" | grep -oE '[0-9]+$' || echo 0)
  echo "$1|$rps|$p50|$p99|$errs"
}
{
  run health /api/v1/health
  run get_by_id /api/v1/customers/42
  run list_filtered "/api/v1/customers?category=partner&sort=name&pageSize=50"
  run search_2char "/api/v1/customers?q=%E7%A7%91%E6%8A%80"
  run global_search "/api/v1/search?q=%E7%BD%91%E8%81%94"
} >"$TMP/rows"
RSS=$(awk '/VmRSS/{print $2}' "/proc/$SERVER/status")
health=$(awk -F'|' '$1=="health"{print $2}' "$TMP/rows")
{
  echo "# Kehu bench $(date -u +%FT%TZ) — SQLite, demo data, 64 connections, ${SECS}s each"
  echo
  echo "| scenario | req/s | ratio to health | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|"
  while IFS='|' read -r name rps p50 p99 errs; do
    ratio=$(awk -v a="$rps" -v b="$health" 'BEGIN{printf "%.2f", (b>0)?a/b:0}')
    echo "| $name | $rps | $ratio | $p50 | $p99 | $errs |"
  done <"$TMP/rows"
  echo
  echo "Server RSS after the run: $((RSS / 1024)) MB"
} | tee "$OUT/latest.md"
awk -F'|' 'BEGIN{printf "["} NR>1{printf ","} {printf "{\"scenario\":\"%s\",\"rps\":%s,\"p50\":\"%s\",\"p99\":\"%s\",\"non2xx\":%s}", $1,$2,$3,$4,$5} END{print "]"}' "$TMP/rows" >"$OUT/latest.json"
# Fail when any scenario had errors: the smoke run in `make test` relies on this.
! awk -F'|' '$5>0{exit 1}' "$TMP/rows" && { echo "bench: some scenarios returned errors" >&2; exit 1; }
exit 0
