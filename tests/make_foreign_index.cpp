// Writes an index that claims to come from an incompatible archivar: one
// document and schema version 999 in the "archivar.schema" metadata. The
// C API and Python tests check that opening it fails with a clear error.
// Usage: make_foreign_index DIR
#include <xapian.h>

#include <exception>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_foreign_index DIR\n";
    return 2;
  }
  try {
    std::filesystem::remove_all(argv[1]);
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    Xapian::Document document;
    document.add_boolean_term("Qfuture-1");
    document.add_term("zukunft");
    db.add_document(document);
    db.set_metadata("archivar.schema", "999");
    db.commit();
  } catch (const std::exception& e) {
    std::cerr << "make_foreign_index: " << e.what() << "\n";
    return 1;
  } catch (const Xapian::Error& e) {
    std::cerr << "make_foreign_index: " << e.get_description() << "\n";
    return 1;
  }
  return 0;
}
