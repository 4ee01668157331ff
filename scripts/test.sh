#!/usr/bin/env bash
# Builds and runs every test suite; prints one summary. Usage: scripts/test.sh BUILD_DIR JOBS
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
JOBS=${2:-$(nproc)}
OUT=test-output
mkdir -p "$OUT"
start=$(date +%s)
declare -A result
failed=0

phase() {  # phase NAME COMMAND...: runs a phase, records its outcome
  local name=$1; shift
  echo "==== $name"
  if "$@"; then result[$name]=passed; else result[$name]=FAILED; failed=1; fi
}

phase build cmake --build "$BUILD" -j"$JOBS"
phase web-build bash -c 'cd web && npm run build --silent'
if [ "${result[build]}" = passed ]; then
  # ctest's own summary line ("100% tests passed, 0 tests failed out of N") counts every C++ test.
  phase server-tests bash -c "cd '$BUILD' && ctest -j$JOBS --output-on-failure --timeout 300 2>&1 | tee '../$OUT/ctest.log'; exit \${PIPESTATUS[0]}"
  phase web-tests bash -c 'cd web && npx vitest run 2>&1 | tee ../test-output/vitest.log; exit ${PIPESTATUS[0]}'
  if [ "${result[web-build]}" = passed ]; then
    phase browser-tests bash -c 'cd web && node e2e/run.mjs 2>&1 | tee ../test-output/e2e.log; exit ${PIPESTATUS[0]}'
  fi
fi

# Totals across suites, from each runner's own report.
ctest_line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$OUT/ctest.log" 2>/dev/null | tail -1)
c_total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$ctest_line"); c_failed=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$ctest_line")
# Vitest colours its summary; strip the escape codes before reading "Tests  62 passed (62)".
v_summary=$(sed -E 's/\x1b\[[0-9;]*m//g' "$OUT/vitest.log" 2>/dev/null | grep -E '^ *Tests ' | tail -1)
v_passed=$(grep -oE '[0-9]+ passed' <<<"$v_summary" | grep -oE '[0-9]+')
v_failed=$(grep -oE '[0-9]+ failed' <<<"$v_summary" | grep -oE '[0-9]+')
e_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/e2e.log" 2>/dev/null | tail -1)
e_passed=$(awk '{print $1}' <<<"$e_line"); e_failed=$(awk '{print $3}' <<<"$e_line" | tr -d ,)
passed=$(( ${c_total:-0} - ${c_failed:-0} + ${v_passed:-0} + ${e_passed:-0} ))
nfailed=$(( ${c_failed:-0} + ${v_failed:-0} + ${e_failed:-0} ))

echo
echo "==== summary ($(( $(date +%s) - start )) s)"
for k in build web-build server-tests web-tests browser-tests; do
  printf '  %-14s %s\n' "$k" "${result[$k]:-skipped}"
done
if [ $failed -ne 0 ] && [ $nfailed -eq 0 ]; then nfailed=1; fi
echo "$passed passed, $nfailed failed"
exit $failed
