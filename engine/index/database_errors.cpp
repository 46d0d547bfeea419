#include "index/database_errors.hpp"

#include "archivar/errors.hpp"

namespace archivar::index {

namespace {

// The system errors an operator can act on, as strerror() spells them in
// Xapian's messages, with what archivar says about them. The first found in
// the message (or Xapian's errno string) leads the translated message, so
// "no space left on device" or "read-only file system" is the first thing
// read. Xapian commits are atomic: whatever failed, the last commit is
// intact and readers still see it; only the changes since are lost.
struct KnownCause {
  std::string_view strerror_text;
  std::string_view explanation;
};
constexpr KnownCause kKnownCauses[] = {
    {"No space left on device",
     "no space left on device; the changes since the last commit are lost, the last commit "
     "stays readable"},
    {"Disk quota exceeded",
     "disk quota exceeded; the changes since the last commit are lost, the last commit stays "
     "readable"},
    {"Read-only file system", "the file system is read-only; the index can only be searched"},
    {"Permission denied", "permission denied"},
};

const KnownCause* known_cause(const Xapian::Error& error) {
  const std::string& msg = error.get_msg();
  const char* detail = error.get_error_string();
  for (const KnownCause& cause : kKnownCauses) {
    if (msg.find(cause.strerror_text) != std::string::npos) return &cause;
    if (detail != nullptr &&
        std::string_view(detail).find(cause.strerror_text) != std::string::npos) {
      return &cause;
    }
  }
  return nullptr;
}

}  // namespace

void throw_translated(const Xapian::Error& error, std::string_view what) {
  std::string message(what);
  message += ": ";
  // Xapian::Error is not polymorphic in 1.4; its type name tells the class.
  const std::string_view type = error.get_type();
  const KnownCause* cause = known_cause(error);
  if (type == "DatabaseLockError") {
    // "already locked" is a live writer; anything else (a lock file that
    // cannot be created on a read-only or full disk) is not contention.
    if (error.get_msg().find("already locked") != std::string::npos || cause == nullptr) {
      throw DatabaseError(message + "the index is locked by another writer (" + error.get_msg() +
                          ")");
    }
    throw DatabaseError(message + "cannot take the write lock: " + std::string(cause->explanation) +
                        " (" + error.get_msg() + ")");
  }
  if (type == "DatabaseNotFoundError") {
    throw DatabaseError(message + "no index there (" + error.get_msg() + ")");
  }
  if (cause != nullptr) {
    message += cause->explanation;
    message += " (";
  }
  message += error.get_type();
  message += ": ";
  message += error.get_msg();
  if (const char* detail = error.get_error_string(); detail != nullptr && *detail != '\0') {
    message += " (";
    message += detail;
    message += ")";
  }
  if (cause != nullptr) message += ")";
  if (type == "InvalidArgumentError") throw InvalidArgumentError(message);
  if (type == "AssertionError" || type == "InvalidOperationError" || type == "UnimplementedError") {
    throw LogicError(message);
  }
  throw DatabaseError(message);
}

}  // namespace archivar::index
