// Bytes on disk of an index folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <system_error>

namespace archivar::index {

// Sum of the sizes of the regular files under `path` (recursively); files
// that vanish or cannot be read while walking count 0. Cost: one stat per
// file.
inline std::uint64_t folder_size(const std::filesystem::path& path) {
  std::error_code error;
  std::uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(path, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::error_code entry_error;
    if (it->is_regular_file(entry_error)) {
      const std::uintmax_t size = it->file_size(entry_error);
      if (!entry_error) total += size;
    }
  }
  return total;
}

}  // namespace archivar::index
