# trialcore_test_labels(TARGET label...)
#
# Gives every test that gtest_discover_tests found in TARGET the labels, so that
# `ctest -L store` runs one module's tests. gtest_discover_tests cannot carry a list in its
# PROPERTIES (CMake 3.25 writes "LABELS unit store" unquoted, and ctest keeps only "unit"):
# this adds a file ctest reads after the discovered tests, which labels them by their list.
function(trialcore_test_labels target)
  set(file ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
  file(WRITE ${file}
    "if(${target}_TESTS)\n"
    "  set_tests_properties(\${${target}_TESTS} PROPERTIES LABELS \"${ARGN}\")\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${file})
endfunction()
