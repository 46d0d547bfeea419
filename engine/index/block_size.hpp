// The B-tree block size of the databases an Index or BulkIndexer creates
// (IndexOptions::block_size), checked before anything is written.
#pragma once

#include <cstdint>
#include <string>

#include "archivar/errors.hpp"

namespace archivar::index {

// Throws InvalidArgumentError unless `block_size` is a power of two from
// 2,048 to 65,536, the sizes Xapian's glass backend supports (it would
// silently use its default for any other).
inline void check_block_size(std::uint32_t block_size) {
  if (block_size < 2048 || block_size > 65536 || (block_size & (block_size - 1)) != 0) {
    throw InvalidArgumentError("block size " + std::to_string(block_size) +
                               ": must be a power of two from 2048 to 65536");
  }
}

}  // namespace archivar::index
