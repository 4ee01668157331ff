# HTTP-level API tests (server/tests/api): the real kehu binary on a loopback port, driven over
# HTTP with libcurl. Every test is registered twice: "<Suite>.<Test>.sqlite" and, when the pg
# fixture exists, "<Suite>.<Test>.postgresql" on a throwaway PostgreSQL cluster.
file(GLOB KEHU_API_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cc)
add_executable(kehu_api_tests ${KEHU_API_TEST_SOURCES})
target_link_libraries(kehu_api_tests PRIVATE kehu_engine Boost::json GTest::gtest GTest::gtest_main
                      CURL::libcurl PostgreSQL::PostgreSQL SQLite::SQLite3 Threads::Threads)
target_compile_definitions(kehu_api_tests PRIVATE KEHU_BINARY="${CMAKE_BINARY_DIR}/kehu")
# The tests run the binary, so building them builds it.
add_dependencies(kehu_api_tests kehu)

gtest_discover_tests(kehu_api_tests
  TEST_SUFFIX .sqlite
  TEST_LIST KEHU_API_TESTS_SQLITE
  DISCOVERY_MODE PRE_TEST
  PROPERTIES ENVIRONMENT "KEHU_TEST_DB=sqlite" TIMEOUT 120)

# pg_fixture.cmake (which defines KEHU_PG_URL_FILE and the "pg" fixture) is included after this
# file, so the PostgreSQL registration waits until the directory has been read. ENVIRONMENT takes
# one variable here because gtest_discover_tests splits "A=1;B=2" into separate properties.
function(kehu_register_api_tests_postgresql)
  if(DEFINED KEHU_PG_URL_FILE)
    gtest_discover_tests(kehu_api_tests
      TEST_SUFFIX .postgresql
      TEST_LIST KEHU_API_TESTS_POSTGRESQL
      DISCOVERY_MODE PRE_TEST
      PROPERTIES ENVIRONMENT "KEHU_TEST_DB=postgresql"
                 ENVIRONMENT_MODIFICATION "KEHU_TEST_PG_URL_FILE=set:${KEHU_PG_URL_FILE}"
                 FIXTURES_REQUIRED pg
                 TIMEOUT 180)
  endif()
endfunction()
cmake_language(DEFER CALL kehu_register_api_tests_postgresql)
