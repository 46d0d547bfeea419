// Symbol visibility for the archivar library: the library is built with
// hidden visibility and exports only what carries ARCHIVAR_EXPORT.
#pragma once

#if defined(_WIN32)
#define ARCHIVAR_EXPORT
#else
#define ARCHIVAR_EXPORT __attribute__((visibility("default")))
#endif
