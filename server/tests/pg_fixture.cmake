# The "pg" test fixture: one throwaway PostgreSQL 15 cluster per ctest run (see
# scripts/pg-test-cluster.sh). Tests that need it set FIXTURES_REQUIRED pg and read the cluster's
# URL from the file ${KEHU_PG_URL_FILE}, usually passed as ENVIRONMENT KEHU_TEST_PG_URL_FILE.
set(KEHU_PG_TEST_DIR ${CMAKE_BINARY_DIR}/pgtest)
set(KEHU_PG_URL_FILE ${KEHU_PG_TEST_DIR}/url)
set(KEHU_PG_CLUSTER_SCRIPT ${PROJECT_SOURCE_DIR}/scripts/pg-test-cluster.sh)

add_test(NAME pg_cluster_start COMMAND bash ${KEHU_PG_CLUSTER_SCRIPT} start ${KEHU_PG_TEST_DIR})
set_tests_properties(pg_cluster_start PROPERTIES FIXTURES_SETUP pg TIMEOUT 120)

add_test(NAME pg_cluster_stop COMMAND bash ${KEHU_PG_CLUSTER_SCRIPT} stop ${KEHU_PG_TEST_DIR})
set_tests_properties(pg_cluster_stop PROPERTIES FIXTURES_CLEANUP pg TIMEOUT 60)
