# FindXapian: Debian's xapian-config.cmake sets variables only, no imported
# target. This module wraps it (or a plain library search) as Xapian::Xapian.
find_path(Xapian_INCLUDE_DIR NAMES xapian.h)
find_library(Xapian_LIBRARY NAMES xapian)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Xapian REQUIRED_VARS Xapian_LIBRARY Xapian_INCLUDE_DIR)
if(Xapian_FOUND AND NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    IMPORTED_LOCATION "${Xapian_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Xapian_INCLUDE_DIR}")
endif()
mark_as_advanced(Xapian_INCLUDE_DIR Xapian_LIBRARY)
