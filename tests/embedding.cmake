# Tests of archivar as a library other programs embed (issue 9): the public
# headers alone, the C API under AddressSanitizer, the installed package
# from a C++, a C and a Python consumer, and the Python binding.
enable_language(C)

# Each public header compiles on its own (C++20; archivar.h also as C11).
# Built by the test (not by default) so a broken header fails one test.
set(header_sources "")
foreach(header IN LISTS ARCHIVAR_PUBLIC_HEADERS)
  string(MAKE_C_IDENTIFIER "${header}" name)
  set(source "${CMAKE_CURRENT_BINARY_DIR}/header_check/${name}.cpp")
  file(CONFIGURE OUTPUT "${source}" CONTENT "#include <${header}>\n#include <${header}>\n")
  list(APPEND header_sources "${source}")
  if(header MATCHES "\\.h$")
    set(source "${CMAKE_CURRENT_BINARY_DIR}/header_check/${name}.c")
    file(CONFIGURE OUTPUT "${source}" CONTENT "#include <${header}>\nint archivar_header_check;\n")
    list(APPEND header_sources "${source}")
  endif()
endforeach()
add_library(archivar_header_check OBJECT EXCLUDE_FROM_ALL ${header_sources})
# Never a unity build (CMAKE_UNITY_BUILD, scripts/sanitize.sh): one source
# holding several headers would hide a header that compiles only after another.
set_target_properties(archivar_header_check PROPERTIES UNITY_BUILD OFF)
target_include_directories(archivar_header_check PRIVATE ${PROJECT_SOURCE_DIR}/include)
set_target_properties(archivar_header_check PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON
                                                       C_EXTENSIONS OFF)
target_compile_options(archivar_header_check PRIVATE -Wall -Wextra -Wpedantic -Werror
  $<$<COMPILE_LANGUAGE:CXX>:-Wshadow -Wconversion -Wnon-virtual-dtor -Wold-style-cast>)
add_test(NAME public_headers_compile_alone
  COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target archivar_header_check)

# The C API from C11 under AddressSanitizer + LeakSanitizer, linked to the
# shared library (so it also proves the C symbols are exported).
add_executable(make_foreign_index make_foreign_index.cpp)
target_link_libraries(make_foreign_index PRIVATE Xapian::Xapian archivar_warnings)
set(foreign_index "${CMAKE_CURRENT_BINARY_DIR}/foreign-schema.db")
add_test(NAME foreign_schema_index COMMAND make_foreign_index ${foreign_index})
set_tests_properties(foreign_schema_index PROPERTIES FIXTURES_SETUP foreign_index)

# The rest builds its own sanitizer flags (the C test) or loads the library
# into programs that are not instrumented (consumers, Python), so it runs in
# the normal build only; sanitizer builds (ARCHIVAR_SANITIZE) stop here.
if(NOT ARCHIVAR_SANITIZE STREQUAL "")
  return()
endif()

add_executable(capi_test capi_test.c)
set_target_properties(capi_test PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(capi_test PRIVATE -Wall -Wextra -Wpedantic -Wconversion
  $<$<BOOL:${ARCHIVAR_WERROR}>:-Werror> -fsanitize=address -fno-omit-frame-pointer)
target_link_options(capi_test PRIVATE -fsanitize=address)
target_link_libraries(capi_test PRIVATE archivar_shared)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/capi-work)
add_test(NAME capi_test_asan
  COMMAND capi_test ${CMAKE_CURRENT_BINARY_DIR}/capi-work ${foreign_index})
set_tests_properties(capi_test_asan PROPERTIES FIXTURES_REQUIRED foreign_index
  ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1")

# Install into a prefix inside the build folder; the consumers use only that.
set(test_prefix "${CMAKE_BINARY_DIR}/test-prefix")
add_test(NAME package_install
  COMMAND ${CMAKE_COMMAND} --install ${CMAKE_BINARY_DIR} --prefix ${test_prefix})
set_tests_properties(package_install PROPERTIES FIXTURES_SETUP installed_package)

# find_package(archivar) + archivar::archivar, the static library (so the
# Find modules and find_dependency calls of the package are exercised).
add_test(NAME consumer_static_build_and_test
  COMMAND ${CMAKE_CTEST_COMMAND}
    --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/consumer ${CMAKE_CURRENT_BINARY_DIR}/consumer-static
    --build-generator ${CMAKE_GENERATOR}
    --build-options -DCMAKE_PREFIX_PATH=${test_prefix} -Darchivar_USE_STATIC_LIBS=ON
                    -DCMAKE_BUILD_TYPE=RelWithDebInfo
    --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
set_tests_properties(consumer_static_build_and_test PROPERTIES FIXTURES_REQUIRED installed_package)

# A Python with pytest: Debian's (python3-pytest) if the first python3 on
# PATH has none (e.g. a pyenv one).
find_package(Python3 COMPONENTS Interpreter)
set(archivar_python "")
foreach(candidate IN ITEMS "${Python3_EXECUTABLE}" /usr/bin/python3)
  if(candidate AND NOT archivar_python)
    execute_process(COMMAND ${candidate} -c "import pytest" RESULT_VARIABLE no_pytest
                    OUTPUT_QUIET ERROR_QUIET)
    if(no_pytest EQUAL 0)
      set(archivar_python "${candidate}")
    endif()
  endif()
endforeach()
if(NOT archivar_python)
  message(WARNING "no python3 with pytest (apt-get install python3-pytest): "
                  "the Python binding is not tested")
else()
  # The three consumers (C++ via CMake, C via pkg-config, Python) index the
  # same articles and must print the same top 10.
  add_test(NAME consumers_print_the_same_top10
    COMMAND ${CMAKE_COMMAND} -E env PYTHON=${archivar_python} CMAKE_GENERATOR=${CMAKE_GENERATOR}
            bash ${CMAKE_CURRENT_SOURCE_DIR}/consumer/run_all.sh ${test_prefix}
                 ${CMAKE_CURRENT_BINARY_DIR}/consumers)
  set_tests_properties(consumers_print_the_same_top10 PROPERTIES FIXTURES_REQUIRED installed_package)

  add_test(NAME python_binding
    COMMAND ${CMAKE_COMMAND} -E env ARCHIVAR_LIBRARY=$<TARGET_FILE:archivar_shared>
            PYTHONPATH=${PROJECT_SOURCE_DIR}/python ARCHIVAR_FOREIGN_INDEX=${foreign_index}
            ${archivar_python} -m pytest -q -p no:cacheprovider ${PROJECT_SOURCE_DIR}/python/tests)
  set_tests_properties(python_binding PROPERTIES FIXTURES_REQUIRED foreign_index)
endif()
