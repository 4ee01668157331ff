# Database backend conformance tests (kehu_db_tests): the same suite on SQLite and on PostgreSQL,
# plus PostgreSQL-only tests. The PostgreSQL cases need the "pg" fixture (pg_fixture.cmake).
file(GLOB KEHU_DB_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cc)
add_executable(kehu_db_tests ${KEHU_DB_TEST_SOURCES})
target_include_directories(kehu_db_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR})
# kehu_engine for jobs_pg_test.cc (the scheduler racing on one PostgreSQL from two "servers").
target_link_libraries(kehu_db_tests PRIVATE kehu_db kehu_engine GTest::gtest GTest::gtest_main)
gtest_discover_tests(kehu_db_tests DISCOVERY_MODE PRE_TEST
                     PROPERTIES FIXTURES_REQUIRED pg
                                ENVIRONMENT "KEHU_TEST_PG_URL_FILE=${KEHU_PG_URL_FILE}"
                                TIMEOUT 120)
