#include "archivar/version.hpp"

namespace archivar {

const char* version() noexcept { return ARCHIVAR_VERSION; }

}  // namespace archivar
