#include "index/database_errors.hpp"

#include "archivar/errors.hpp"

namespace archivar::index {

void throw_translated(const Xapian::Error& error, std::string_view what) {
  std::string message(what);
  message += ": ";
  // Xapian::Error is not polymorphic in 1.4; its type name tells the class.
  const std::string_view type = error.get_type();
  if (type == "DatabaseLockError") {
    throw DatabaseError(message + "the index is locked by another writer (" +
                        error.get_msg() + ")");
  }
  if (type == "DatabaseNotFoundError") {
    throw DatabaseError(message + "no index there (" + error.get_msg() + ")");
  }
  message += error.get_type();
  message += ": ";
  message += error.get_msg();
  if (const char* detail = error.get_error_string(); detail != nullptr && *detail != '\0') {
    message += " (";
    message += detail;
    message += ")";
  }
  if (type == "InvalidArgumentError") throw InvalidArgumentError(message);
  if (type == "AssertionError" || type == "InvalidOperationError" ||
      type == "UnimplementedError") {
    throw LogicError(message);
  }
  throw DatabaseError(message);
}

}  // namespace archivar::index
