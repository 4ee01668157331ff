#!/usr/bin/env bash
# A/B comparison on one existing data set: each variant (a kehu binary and its serve flags) is
# started in turn on the same database, logged in as the rep and the admin, and run through the
# health baseline and the given scenarios with wrk exactly as bench/run.sh does. Rounds interleave
# the variants (A B A B …) so that the machine's drift hits each alike. Prints one table: req/s,
# p50, p99, errors and the ratio to the health baseline of the same server run.
#
#   bench/ab.sh --db URL [--seconds 6] [--scenarios "get_by_id list"] [--actors "rep admin"]
#               [--rounds 1] [--pristine FILE] NAME=BINARY[,FLAG,FLAG…] …
#
#   bench/ab.sh --db sqlite:/data/kehu.db base=/tmp/kehu-old new=build/kehu,--workers,8
#
# The database must have been filled by `kehu generate` (rep bench002, admin password of
# bench/run.sh). Creates and patches change it, and the next variant's searches then find more
# (the rep's new customers match the search terms): with --pristine FILE (SQLite), a copy of FILE
# replaces the database before each run. Without it, each run gets its own create prefix (names
# stay unique for up to 4 runs of create on one data set). Results stay in a temporary directory
# printed at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

URL="" SECONDS_EACH=6 SCENARIOS="get_by_id list" ACTORS="rep admin" ROUNDS=1 PRISTINE="" VARIANTS=()
while [ $# -gt 0 ]; do
  case $1 in
    --db) URL=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --actors) ACTORS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --pristine) PRISTINE=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "ab: unknown option $1" >&2; exit 2 ;;
    *=*) VARIANTS+=("$1"); shift ;;
    *) echo "ab: a variant is NAME=BINARY[,FLAG…], got $1" >&2; exit 2 ;;
  esac
done
[ -n "$URL" ] && [ ${#VARIANTS[@]} -gt 0 ] || { sed -n '8,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
if [ -n "$PRISTINE" ] && [[ $URL != sqlite:* ]]; then echo "ab: --pristine needs a sqlite: URL" >&2; exit 2; fi
# The admin's patch sample leaves out the rep's customers, so the rep is prepared first.
ordered=""
for a in rep admin; do [[ " $ACTORS " == *" $a "* ]] && ordered+="${ordered:+ }$a"; done
if [ -z "$ordered" ] || [ "$ordered" = admin ] || [ "$(wc -w <<<"$ACTORS")" != "$(wc -w <<<"$ordered")" ]; then
  echo "ab: --actors is \"rep\" or \"rep admin\" (the admin needs the rep's id), got \"$ACTORS\"" >&2
  exit 2
fi
ACTORS=$ordered

THREADS=2 CONNECTIONS=64
ADMIN_PASSWORD=kehu-bench-admin-2026 BENCH_PASSWORD=kehu-bench-2026
TMP=$(mktemp -d /tmp/kehu-ab.XXXXXX)
source "$ROOT/bench/lib/lifecycle.sh"
trap db_cleanup EXIT
trap 'exit 130' INT TERM
log() { printf '[ab %s] %s\n' "$(date +%T)" "$*" >&2; }

# run_variant DIR SPEC RUN_NUMBER: one server of the variant, every actor and scenario.
run_variant() {
  local dir=$1 spec=$2 n=$3 actor rep_id="" s
  local -a parts
  IFS=, read -r -a parts <<<"${spec#*=}"
  KEHU=$(realpath "${parts[0]}")
  SERVE_ARGS=("${parts[@]:1}")
  mkdir -p "$dir"
  if [ -n "$PRISTINE" ]; then
    rm -f "${URL#sqlite:}-wal" "${URL#sqlite:}-shm"
    cp "$PRISTINE" "${URL#sqlite:}"
  fi
  server_start "$URL" "$dir"
  sampler_start "$SERVER_PID" "$dir/rss.log"
  for actor in $ACTORS; do
    if [ "$actor" = rep ]; then
      prepare "$dir" rep bench002 "$BENCH_PASSWORD" --create-prefix $(((2 * n + 1) % 10))
      rep_id=$(sed -nE 's/.*"userId": ([0-9]+).*/\1/p' "$dir/prepare-rep.json")
    else
      prepare "$dir" admin admin "$ADMIN_PASSWORD" --create-prefix $(((2 * n + 2) % 10)) \
        ${rep_id:+--exclude-owner "$rep_id"}
    fi
    for s in health $SCENARIOS; do
      run_wrk "$dir" "$actor" "$s"
      log "${spec%%=*} $actor $s: $(grep -oE 'Requests/sec: +[0-9.]+' "$dir/$actor-$s.wrk" || echo 'no result')"
      sleep 1
    done
  done
  sampler_stop
  server_stop
}

n=0
for round in $(seq 1 "$ROUNDS"); do
  for spec in "${VARIANTS[@]}"; do
    run_variant "$TMP/r$round-${spec%%=*}" "$spec" "$n"
    n=$((n + 1))
  done
done

python3 - "$ROOT/bench/lib" "$TMP" "$ACTORS" "health $SCENARIOS" <<'EOF'
import glob, os, sys
sys.path.insert(0, sys.argv[1])
from report import peak_mb, rss_samples, wrk_result as result  # the parsers make bench uses
tmp, actors, scenarios = sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
def anon_peak(d):
    return peak_mb(rss_samples(os.path.join(d, "rss.log")), 0, float("inf"), column=2) or 0
print("| variant | round | actor | scenario | req/s | p50 ms | p99 ms | errors | ratio | anon MB |")
print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
for actor in actors:
    for s in scenarios:
        for d in sorted(glob.glob(os.path.join(tmp, "r*-*"))):
            rnd, name = os.path.basename(d).split("-", 1)
            r, h = result(os.path.join(d, f"{actor}-{s}.wrk")), result(os.path.join(d, f"{actor}-health.wrk"))
            if not r:
                print(f"| {name} | {rnd[1:]} | {actor} | {s} | no result | | | | | |")
                continue
            rps = r["requests"] / (r["duration_us"] / 1e6)
            hrps = h["requests"] / (h["duration_us"] / 1e6) if h else 0
            errs = r["socket_errors"] + r["bad_status"]
            lat = r["latency_us"]
            print(f"| {name} | {rnd[1:]} | {actor} | {s} | {rps:,.0f} | {lat['p50']/1000:.2f} | "
                  f"{lat['p99']/1000:.2f} | {errs} | {rps / hrps if hrps else 0:.2f} | {anon_peak(d):.0f} |")
EOF
log "runs in $TMP"
