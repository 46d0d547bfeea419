# Libraries, install rules and package files for programs that link archivar.
#
# Two libraries from one compile: `archivar` (static, the target the tools
# and tests link) is compiled position-independent, and `archivar_shared`
# (libarchivar.so.SOVERSION) is that archive linked whole into a shared
# object. Compared with an OBJECT library feeding both, this leaves the
# `archivar` target as it is, so a source or private dependency added to it
# reaches both libraries without further edits; compared with a second
# BUILD_SHARED_LIBS configure, nothing is compiled twice. Hidden visibility
# (set on `archivar`) makes the .so export exactly what carries
# ARCHIVAR_EXPORT (C++) or ARCHIVAR_C_API (C).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The C API lives in the library itself (both flavours).
target_sources(archivar PRIVATE engine/capi/archivar_c.cpp)
set_target_properties(archivar PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME archivar_static)

add_library(archivar_shared SHARED engine/capi/shared_library.cpp)
add_library(archivar::archivar_shared ALIAS archivar_shared)
target_include_directories(archivar_shared
  PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(archivar_shared PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,archivar>")
# --no-undefined: the .so must resolve everything against its own dependencies.
target_link_options(archivar_shared PRIVATE LINKER:--no-undefined)
set_target_properties(archivar_shared PROPERTIES
  OUTPUT_NAME archivar EXPORT_NAME archivar_shared
  CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})

# The public headers, one line each; tests/CMakeLists.txt compiles each on
# its own. A header missing here is still installed (install(DIRECTORY)),
# and configuring warns about it.
set(ARCHIVAR_PUBLIC_HEADERS
  archivar/analyzer.hpp archivar/archivar.hpp archivar/article.hpp
  archivar/article_reader.hpp archivar/bulk_indexer.hpp archivar/cleaning.hpp archivar/errors.hpp
  archivar/evaluation.hpp archivar/export.hpp archivar/index.hpp
  archivar/searcher.hpp archivar/shards.hpp archivar/version.hpp archivar/archivar.h)
file(GLOB _archivar_headers_on_disk RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/include
     ${CMAKE_CURRENT_SOURCE_DIR}/include/archivar/*.h ${CMAKE_CURRENT_SOURCE_DIR}/include/archivar/*.hpp)
foreach(header IN LISTS _archivar_headers_on_disk)
  if(NOT header IN_LIST ARCHIVAR_PUBLIC_HEADERS)
    message(WARNING "include/${header} is not in ARCHIVAR_PUBLIC_HEADERS (cmake/ArchivarPackage.cmake)")
  endif()
endforeach()

set(ARCHIVAR_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/archivar)
install(TARGETS archivar archivar_shared EXPORT archivarTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/archivar DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(EXPORT archivarTargets NAMESPACE archivar:: DESTINATION ${ARCHIVAR_CMAKE_DIR})
configure_package_config_file(cmake/archivarConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/archivarConfig.cmake INSTALL_DESTINATION ${ARCHIVAR_CMAKE_DIR})
# 0.x: a minor release may change the API, so only the same minor version matches.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/archivarConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
# The Find modules travel with the package: the static library's users need
# them to find Xapian, libstemmer, CLD2 and gumbo, which ship no CMake config.
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/archivarConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/archivarConfigVersion.cmake
  cmake/FindXapian.cmake cmake/FindStemmer.cmake cmake/FindCLD2.cmake cmake/FindGumbo.cmake
  DESTINATION ${ARCHIVAR_CMAKE_DIR})
# prefix is found from the .pc file's own place, so an installed tree can move.
file(RELATIVE_PATH ARCHIVAR_PC_TO_PREFIX "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
configure_file(cmake/archivar.pc.in ${CMAKE_CURRENT_BINARY_DIR}/archivar.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/archivar.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The Python binding (ctypes over the C API: pure Python, no build step).
set(ARCHIVAR_PYTHON_DIR lib/python3/dist-packages CACHE STRING
    "Where `cmake --install` puts the archivar Python package, relative to the prefix")
install(FILES python/archivar/__init__.py python/archivar/_capi.py
  DESTINATION ${ARCHIVAR_PYTHON_DIR}/archivar)
