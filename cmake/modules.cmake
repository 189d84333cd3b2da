# trialcore_module(NAME [DEPENDS module...] [LIBS target...] [EXTRA_SOURCES file...])
#
# Builds src/NAME/*.cc (less *_test.cc) into the static library trialcore_NAME, and
# src/NAME/*_test.cc into the test binary trialcore_NAME_tests, registered with CTest under
# the labels unit and NAME.
# A module whose folder has no sources yet is skipped, so the tree builds at every step.
include(${CMAKE_CURRENT_LIST_DIR}/test_labels.cmake)

# What test code needs beside GoogleTest: where the source tree is, for base/test_files.h
# (the protocols and the test data read by the tests and the trial's test helpers). Every
# test, fuzz target and test support library links it; the product never does.
add_library(trialcore_test_files INTERFACE)
target_compile_definitions(trialcore_test_files INTERFACE TRIALCORE_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

set(TRIALCORE_MODULE_TARGETS "" CACHE INTERNAL "")

function(trialcore_module name)
  cmake_parse_arguments(M "" "" "DEPENDS;LIBS;EXTRA_SOURCES" ${ARGN})
  set(dir ${CMAKE_SOURCE_DIR}/src/${name})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${dir}/*_test.cc)
  list(FILTER sources EXCLUDE REGEX "_test\\.cc$")
  if(NOT sources AND NOT M_EXTRA_SOURCES)
    return()
  endif()
  set(target trialcore_${name})
  add_library(${target} STATIC ${sources} ${M_EXTRA_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  foreach(dep IN LISTS M_DEPENDS)
    if(TARGET trialcore_${dep})
      target_link_libraries(${target} PUBLIC trialcore_${dep})
    endif()
  endforeach()
  target_link_libraries(${target} PUBLIC ${M_LIBS})
  if(NOT name STREQUAL "base")
    target_precompile_headers(${target} REUSE_FROM trialcore_base)
  else()
    target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <string> <vector> <optional> <variant>)
  endif()
  set(TRIALCORE_MODULE_TARGETS ${TRIALCORE_MODULE_TARGETS} ${target} CACHE INTERNAL "")

  if(tests)
    add_executable(${target}_tests ${tests})
    target_link_libraries(${target}_tests PRIVATE ${target} trialcore_test_files GTest::gtest_main GTest::gmock)
    gtest_discover_tests(${target}_tests DISCOVERY_TIMEOUT 60)
    trialcore_test_labels(${target}_tests unit ${name})
  endif()
endfunction()
