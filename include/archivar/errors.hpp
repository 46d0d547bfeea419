// The two error families of archivar's public API.
//
// LogicError: the program misused the API (bad argument, wrong call order).
// RuntimeError: the data or environment is bad (corrupt or locked index,
// unreadable file, broken record). Xapian, ICU and Snowball errors are
// translated into these at the API boundary; nothing else escapes.
#pragma once

#include <stdexcept>
#include <string>

#include "archivar/export.hpp"

namespace archivar {

class ARCHIVAR_EXPORT LogicError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// An argument violated the documented contract (empty id, page 0, ...).
class ARCHIVAR_EXPORT InvalidArgumentError : public LogicError {
 public:
  using LogicError::LogicError;
};

class ARCHIVAR_EXPORT RuntimeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The index cannot be opened, read or written: missing, corrupt, locked by
// another writer, disk full, permission denied. The message names the path.
class ARCHIVAR_EXPORT DatabaseError : public RuntimeError {
 public:
  using RuntimeError::RuntimeError;
};

// An input file cannot be read as a whole (missing, unreadable, truncated
// gzip stream). Single bad records are not errors: see ArticleReader.
class ARCHIVAR_EXPORT InputError : public RuntimeError {
 public:
  using RuntimeError::RuntimeError;
};

}  // namespace archivar
