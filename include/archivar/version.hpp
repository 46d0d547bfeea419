// Library version.
#pragma once

#include "archivar/export.hpp"

namespace archivar {

// "MAJOR.MINOR.PATCH" of the linked library.
ARCHIVAR_EXPORT const char* version() noexcept;

}  // namespace archivar
