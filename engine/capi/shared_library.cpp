// libarchivar.so is the static library `archivar` linked whole (see
// cmake/ArchivarPackage.cmake); CMake wants one source file of its own for
// the shared library target, and this is it. Nothing is defined here.
