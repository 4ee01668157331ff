# China's administrative divisions (GB/T 2260 style codes) generated at build time from the same
# npm package the UI's cascader uses (web/node_modules/element-china-area-data, installed by
# scripts/install-deps.sh). Sets KEHU_REGION_SOURCES for kehu_core.
set(KEHU_REGION_DATA ${CMAKE_SOURCE_DIR}/web/node_modules/element-china-area-data/dist/element-china-area-data.cjs
    CACHE FILEPATH "element-china-area-data's CommonJS bundle")
if(NOT EXISTS ${KEHU_REGION_DATA})
  message(FATAL_ERROR "${KEHU_REGION_DATA} not found: run scripts/install-deps.sh (npm ci in web/)")
endif()
find_program(KEHU_NODE node REQUIRED)

set(KEHU_REGIONS_CC ${CMAKE_CURRENT_BINARY_DIR}/generated/regions_data.cc)
set(KEHU_REGIONS_GEN ${CMAKE_CURRENT_LIST_DIR}/../tools/regions/gen_regions.mjs)
add_custom_command(
  OUTPUT ${KEHU_REGIONS_CC}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/generated
  COMMAND ${KEHU_NODE} ${KEHU_REGIONS_GEN} ${KEHU_REGION_DATA} ${KEHU_REGIONS_CC}
  DEPENDS ${KEHU_REGIONS_GEN} ${KEHU_REGION_DATA}
  COMMENT "Generating the region table from element-china-area-data"
  VERBATIM)

set(KEHU_REGION_SOURCES ${KEHU_REGIONS_CC})
