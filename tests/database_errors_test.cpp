// Translation of Xapian's exceptions (index/database_errors): the message
// says what was done on which index and leads with the cause an operator can
// act on (disk full, read-only file system, a live writer's lock).
#include "index/database_errors.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "archivar/errors.hpp"

namespace archivar::index {
namespace {

template <class XapianError>
std::string translated_message(const XapianError& error) {
  try {
    translate_xapian_errors("committing to index /srv/news.db", [&] { throw error; });
  } catch (const DatabaseError& translated) {
    return translated.what();
  }
  return "not a DatabaseError";
}

TEST(DatabaseErrors, DiskFullLeadsWithTheCause) {
  // As Xapian 1.4 glass words it when a block cannot be written.
  const std::string message = translated_message(Xapian::DatabaseError(
      "Modifications failed (DatabaseError: Error writing block 71 (No space left on device)), "
      "and couldn't open at the old revision"));
  EXPECT_EQ(message.find("committing to index /srv/news.db: no space left on device;"), 0u)
      << message;
  EXPECT_NE(message.find("the last commit stays readable"), std::string::npos) << message;
  EXPECT_NE(message.find("Error writing block 71"), std::string::npos) << message;
}

TEST(DatabaseErrors, CauseFromTheErrnoString) {
  const std::string message =
      translated_message(Xapian::DatabaseCreateError("/srv/news.db: mkdir failed", EROFS));
  EXPECT_NE(message.find("/srv/news.db: the file system is read-only"), std::string::npos)
      << message;
}

TEST(DatabaseErrors, ReadOnlyLockFileIsNotAnotherWriter) {
  const std::string message = translated_message(Xapian::DatabaseLockError(
      "Unable to get write lock on /srv/news.db: Couldn't open lockfile: Read-only file system"));
  EXPECT_EQ(message.find("another writer"), std::string::npos) << message;
  EXPECT_NE(message.find("cannot take the write lock: the file system is read-only"),
            std::string::npos)
      << message;
}

TEST(DatabaseErrors, LiveWriterIsNamedAsSuch) {
  const std::string message = translated_message(
      Xapian::DatabaseLockError("Unable to get write lock on /srv/news.db: already locked"));
  EXPECT_NE(message.find("/srv/news.db: the index is locked by another writer"), std::string::npos)
      << message;
}

TEST(DatabaseErrors, OtherErrorsKeepXapiansWords) {
  const std::string message =
      translated_message(Xapian::DatabaseCorruptError("Expected block 12 to be level 0"));
  EXPECT_NE(message.find("/srv/news.db: DatabaseCorruptError: Expected block 12 to be level 0"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace archivar::index
