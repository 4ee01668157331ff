# Pinyin table generated at build time from Unihan (Debian package unicode-data).
# Included by server/CMakeLists.txt; sets KEHU_PINYIN_SOURCES for kehu_core.
set(KEHU_UNIHAN_READINGS /usr/share/unicode/Unihan_Readings.txt.bz2
    CACHE FILEPATH "Unihan_Readings.txt.bz2 (Debian package unicode-data)")
if(NOT EXISTS ${KEHU_UNIHAN_READINGS})
  message(FATAL_ERROR "${KEHU_UNIHAN_READINGS} not found: apt-get install unicode-data")
endif()
find_program(KEHU_BZIP2 bzip2 REQUIRED)

# A host tool: it runs during the build, so it is never part of the server.
add_executable(kehu_pinyin_gen ${CMAKE_CURRENT_LIST_DIR}/../tools/pinyin/gen_pinyin_table.cc)

set(KEHU_PINYIN_TABLE_CC ${CMAKE_CURRENT_BINARY_DIR}/generated/pinyin_table.cc)
add_custom_command(
  OUTPUT ${KEHU_PINYIN_TABLE_CC}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/generated
  COMMAND kehu_pinyin_gen ${KEHU_BZIP2} ${KEHU_UNIHAN_READINGS} ${KEHU_PINYIN_TABLE_CC}
  DEPENDS kehu_pinyin_gen ${KEHU_UNIHAN_READINGS}
  COMMENT "Generating the pinyin table from Unihan"
  VERBATIM)

set(KEHU_PINYIN_SOURCES ${KEHU_PINYIN_TABLE_CC})
