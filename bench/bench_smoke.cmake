# The load benchmark's smoke run (issue #6), so the harness cannot rot: bench/run.sh --smoke drives
# every scenario for 1 s against this build's kehu on 2,000 generated customers (SQLite; set
# BENCH_DBS="sqlite postgresql" to add a throwaway PostgreSQL) and fails unless each one ran with
# requests and no errors. No speed thresholds. The server listens on port 0 (a free port), so the
# test cannot collide with others; it runs alone (RUN_SERIAL) because 64 connections would slow
# the tests next to it. Report: <build>/bench-smoke/latest.md.
add_test(NAME bench_smoke COMMAND bash ${PROJECT_SOURCE_DIR}/bench/run.sh --smoke ${CMAKE_BINARY_DIR})
set_tests_properties(bench_smoke PROPERTIES
  LABELS "bench"
  RUN_SERIAL TRUE
  TIMEOUT 180
  ENVIRONMENT "BENCH_OUT=${CMAKE_BINARY_DIR}/bench-smoke")

# The report's verdicts on a made-up run (bench/lib/report_test.py): no server, under a second.
add_test(NAME bench_report COMMAND python3 ${PROJECT_SOURCE_DIR}/bench/lib/report_test.py)
set_tests_properties(bench_report PROPERTIES LABELS "bench")
