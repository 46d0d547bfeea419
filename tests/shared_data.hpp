// Data sets of ../shared/data (ARCHIVAR_SHARED_DATA, set by
// tests/CMakeLists.txt) that more than one test file reads.
#pragma once

#include <filesystem>

namespace archivar::testing_support {

// The en_med judged set: medical abstracts (corpus.jsonl) and topic
// descriptions (queries.jsonl).
inline const std::filesystem::path kEnMed =
    std::filesystem::path(ARCHIVAR_SHARED_DATA) / "judged/en_med";

}  // namespace archivar::testing_support
