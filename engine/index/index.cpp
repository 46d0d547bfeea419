// Public Index (writer): a pimpl handle over a Xapian WritableDatabase.
#include "archivar/index.hpp"

#include <xapian.h>

#include <filesystem>
#include <string>

#include "analysis/language_detector.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/errors.hpp"
#include "index/database_errors.hpp"
#include "index/document_builder.hpp"
#include "index/schema.hpp"
#include "ingest/json_record.hpp"

namespace archivar {

namespace {

// "de-DE", "DE", "de_AT" → "de".
std::string normalize_language_code(std::string_view lang) {
  std::string code;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    code.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return code;
}

void check_schema_version(Xapian::WritableDatabase& db, const std::string& path) {
  const std::string key(schema::kSchemaVersionKey);
  const std::string stored = db.get_metadata(key);
  const std::string ours = std::to_string(schema::kSchemaVersion);
  if (stored.empty()) {
    if (db.get_doccount() != 0) {
      throw DatabaseError("index at " + path + " was not written by archivar (no schema version)");
    }
    db.set_metadata(key, ours);
  } else if (stored != ours) {
    throw DatabaseError("index at " + path + " has schema version " + stored +
                        ", this archivar reads version " + ours + "; re-index the articles");
  }
}

// True if `path` is a folder left by a creation of a glass database that was
// interrupted (e.g. SIGKILL) before its first commit: no "iamglass" version
// file, and nothing but the files glass writes while creating. Such a folder
// holds no committed data, and Xapian refuses to open it ("no index there").
bool is_interrupted_creation(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) return false;
  if (std::filesystem::exists(path / "iamglass", error) || error) return false;
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    const std::string name = entry.path().filename().string();
    const bool glass_file = name == "flintlock" || name.ends_with(".glass") ||
                            name.ends_with(".tmp") || name.starts_with("iamglass");
    if (!glass_file) return false;
  }
  return !error;
}

}  // namespace

class Index::Impl {
 public:
  Impl(const std::filesystem::path& path, IndexOptions options)
      : path_(path.string()), options_(options), builder_(analyzer_) {
    index::translate_xapian_errors("opening index " + path_ + " for writing", [&] {
      int action = options_.create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
      // Found by tests/crash_test.py: a kill during creation left a folder
      // every later run refused. Start it afresh (Xapian still takes the
      // write lock first, so a live writer is not overwritten).
      if (options_.create && is_interrupted_creation(path)) action = Xapian::DB_CREATE_OR_OVERWRITE;
      db_ = Xapian::WritableDatabase(path_, action | Xapian::DB_BACKEND_GLASS);
      check_schema_version(db_, path_);
    });
  }

  AddResult add(const Article& original) {
    if (original.id.empty()) throw InvalidArgumentError("article id is empty");
    if (original.id.size() > schema::kMaxIdBytes) {
      throw InvalidArgumentError("article id longer than " + std::to_string(schema::kMaxIdBytes) +
                                 " bytes: " + original.id.substr(0, 40) + "...");
    }
    Article article = original;
    if (!article.date.empty() && !ingest::normalize_iso_date(original.date, article.date)) {
      throw InvalidArgumentError("article " + original.id + ": date '" + original.date +
                                 "' is not ISO 8601 (YYYY-MM-DD)");
    }
    article.lang = normalize_language_code(article.lang);
    if (article.lang.empty()) {
      article.lang = analysis::detect_language(article.title + "\n" + article.body);
    }
    Xapian::Document document = builder_.build(article);
    const std::string id_term = std::string(schema::kId) + article.id;
    AddResult result = AddResult::added;
    index::translate_xapian_errors("adding article " + article.id + " to " + path_, [&] {
      if (db_.term_exists(id_term)) result = AddResult::replaced;
      db_.replace_document(id_term, document);
    });
    count_change();
    return result;
  }

  bool remove(std::string_view id) {
    if (id.empty()) throw InvalidArgumentError("article id is empty");
    const std::string id_term = std::string(schema::kId) + std::string(id);
    bool existed = false;
    index::translate_xapian_errors("deleting article " + std::string(id) + " from " + path_, [&] {
      existed = db_.term_exists(id_term);
      if (existed) db_.delete_document(id_term);
    });
    if (existed) count_change();
    return existed;
  }

  void commit() {
    index::translate_xapian_errors("committing to index " + path_, [&] { db_.commit(); });
    pending_ = 0;
  }

  std::uint64_t size() const {
    return index::translate_xapian_errors("counting articles in " + path_,
                                          [&] { return db_.get_doccount(); });
  }

  ~Impl() {
    try {
      if (pending_ > 0) db_.commit();
    } catch (...) {
      // Destructors must not throw; the uncommitted changes are lost, the
      // last commit stays intact (call commit() to see the error).
    }
  }

 private:
  void count_change() {
    ++pending_;
    if (options_.commit_every != 0 && pending_ >= options_.commit_every) commit();
  }

  std::string path_;
  IndexOptions options_;
  analysis::TextAnalyzer analyzer_;
  index::DocumentBuilder builder_;
  Xapian::WritableDatabase db_;
  std::uint32_t pending_ = 0;
};

Index::Index(const std::filesystem::path& path, IndexOptions options)
    : impl_(std::make_unique<Impl>(path, options)) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

AddResult Index::add(const Article& article) { return impl_->add(article); }
bool Index::remove(std::string_view id) { return impl_->remove(id); }
void Index::commit() { impl_->commit(); }
std::uint64_t Index::size() const { return impl_->size(); }

}  // namespace archivar
