#!/usr/bin/env bash
# Times one CSV import of N generated customers through the HTTP API (POST /customers/import, then
# polling GET /imports/{id}) on a fresh database, and prints one JSON line:
#   {"db":"sqlite","rows":N,"created":N,"state":"done","seconds":S,"rowsPerSecond":R}
# The time runs from the upload to the import's end (parse, validation pass, write pass).
#
# Usage: bench/import.sh [-b BUILD_DIR] [-d sqlite|postgresql] [-k] N
#   -d postgresql starts a throwaway cluster (scripts/pg-test-cluster.sh) and stops it afterwards.
#   -k keeps the temporary directory (database, CSV, server log) and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build
DB=sqlite
KEEP=0
while getopts "b:d:k" opt; do
  case $opt in
    b) BUILD=$OPTARG ;;
    d) DB=$OPTARG ;;
    k) KEEP=1 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
N=${1:?usage: bench/import.sh [-b BUILD_DIR] [-d sqlite|postgresql] [-k] N}
ROOT=$PWD
TMP=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  [ "$DB" = postgresql ] && "$ROOT/scripts/pg-test-cluster.sh" stop "$TMP/pg" >/dev/null 2>&1 || true
  if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

case $DB in
  sqlite) URL="sqlite:$TMP/import.db" ;;
  postgresql)
    chmod 755 "$TMP"
    BASE_URL=$("$ROOT/scripts/pg-test-cluster.sh" start "$TMP/pg")
    PORT=$(sed -E 's/.*:([0-9]+)\/.*/\1/' <<<"$BASE_URL")
    psql -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
      -c "CREATE DATABASE kehu_import TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
    URL="postgresql://postgres@127.0.0.1:$PORT/kehu_import" ;;
  *) echo "unknown database $DB" >&2; exit 2 ;;
esac

/usr/bin/python3 bench/import/gen_customers.py "$N" >"$TMP/customers.csv"
"$BUILD/kehu" init --db "$URL" --admin-password bench-password >/dev/null
"$BUILD/kehu" serve --db "$URL" --listen 127.0.0.1:0 --log-level warn >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$TMP/out" && break; sleep 0.1; done
BASE=$(sed -nE 's/^listening on (http:\/\/[^ ]+)$/\1/p' "$TMP/out")
LOGIN=$(curl -s -c "$TMP/jar" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password"}' "$BASE/api/v1/auth/login")
CSRF=$(sed -E 's/.*"csrfToken":"([^"]+)".*/\1/' <<<"$LOGIN")

field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin).get('$1'))"; }
START=$(date +%s.%N)
ANSWER=$(curl -s -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: text/csv' \
  --data-binary @"$TMP/customers.csv" "$BASE/api/v1/customers/import?mode=create")
ID=$(field id <<<"$ANSWER")
STATE=$(field state <<<"$ANSWER")
while [ "$STATE" = running ]; do
  sleep 0.5
  ANSWER=$(curl -s -b "$TMP/jar" "$BASE/api/v1/imports/$ID")
  STATE=$(field state <<<"$ANSWER")
done
END=$(date +%s.%N)
CREATED=$(field created <<<"$ANSWER")
FAILURE=$(/usr/bin/python3 -c "import json,sys; a=json.load(sys.stdin); print(json.dumps(a.get('failure') or (a.get('errors') or [None])[0]))" <<<"$ANSWER")
awk -v db="$DB" -v n="$N" -v c="$CREATED" -v st="$STATE" -v s="$START" -v e="$END" -v f="$FAILURE" 'BEGIN {
  secs = e - s;
  printf "{\"db\":\"%s\",\"rows\":%d,\"created\":%s,\"state\":\"%s\",\"seconds\":%.2f,\"rowsPerSecond\":%.0f", db, n, c, st, secs, n / secs;
  if (st != "done") printf ",\"failure\":%s", f;
  print "}"
}'
[ "$STATE" = done ]
