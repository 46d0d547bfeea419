// Public Index (writer): a pimpl handle over a Xapian WritableDatabase.
#include "archivar/index.hpp"

#include <xapian.h>

#include <filesystem>
#include <string>
#include <unordered_map>

#include "analysis/german_lexicon.hpp"
#include "analysis/language_detector.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/errors.hpp"
#include "index/database_errors.hpp"
#include "index/document_builder.hpp"
#include "index/near_duplicates.hpp"
#include "index/schema.hpp"
#include "ingest/json_record.hpp"
#include "ingest/text_cleaner.hpp"

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

// The analysis options of the index: stored at creation, read afterwards.
analysis::AnalysisOptions settle_analysis_options(Xapian::WritableDatabase& db,
                                                  const IndexOptions& requested) {
  const std::string key(schema::kAnalysisKey);
  const std::string stored = db.get_metadata(key);
  if (!stored.empty()) return analysis::AnalysisOptions::decode(stored);
  analysis::AnalysisOptions options;
  options.fold_spellings = requested.fold_spellings;
  options.decompound_german = requested.decompound_german;
  if (db.get_doccount() == 0) {
    db.set_metadata(key, options.encode());
    return options;
  }
  return analysis::AnalysisOptions::decode("");  // written before options were recorded
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
      : path_(path.string()),
        options_(options),
        cleaner_(options_.cleaning, &analysis::GermanLexicon::instance(),
                 &analysis::GermanLexicon::english()) {
    analysis::AnalysisOptions analysis_options;
    index::translate_xapian_errors("opening index " + path_ + " for writing", [&] {
      int action = options_.create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
      // Found by tests/crash_test.py: a kill during creation left a folder
      // every later run refused. Start it afresh (Xapian still takes the
      // write lock first, so a live writer is not overwritten).
      if (options_.create && is_interrupted_creation(path)) action = Xapian::DB_CREATE_OR_OVERWRITE;
      db_ = Xapian::WritableDatabase(path_, action | Xapian::DB_BACKEND_GLASS);
      check_schema_version(db_, path_);
      analysis_options = settle_analysis_options(db_, options_);
    });
    analyzer_ = std::make_unique<analysis::TextAnalyzer>(analysis_options);
    builder_ = std::make_unique<index::DocumentBuilder>(*analyzer_);
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
    // Terms come from the cleaned text; the document stores `article`.
    std::string clean_title = cleaner_.clean_title(article.title);
    std::string clean_body = cleaner_.clean_body(article.body, article.title);
    if (article.lang.empty()) {
      article.lang = analysis::detect_language(clean_title + "\n" + clean_body);
    }
    Article analyzed = article;  // every field but the cleaned title and body
    analyzed.title = std::move(clean_title);
    analyzed.body = std::move(clean_body);
    Xapian::Document document = builder_->build(analyzed, article);
    const std::string id_term = std::string(schema::kId) + article.id;
    AddResult result = AddResult::added;
    index::translate_xapian_errors("adding article " + article.id + " to " + path_, [&] {
      Xapian::docid self = 0;
      if (auto posting = db_.postlist_begin(id_term); posting != db_.postlist_end(id_term)) {
        self = *posting;
        result = AddResult::replaced;
      }
      index::assign_near_duplicate_cluster(db_, document, builder_->simhash(), self);
      db_.replace_document(id_term, document);
      if (options_.spelling && result == AddResult::added) add_spelling_words(document);
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
    index::translate_xapian_errors("committing to index " + path_, [&] {
      flush_spelling();
      db_.commit();
    });
    pending_ = 0;
  }

  std::uint64_t size() const {
    return index::translate_xapian_errors("counting articles in " + path_,
                                          [&] { return db_.get_doccount(); });
  }

  ~Impl() {
    try {
      if (pending_ > 0) {
        flush_spelling();
        db_.commit();
      }
    } catch (...) {
      // Destructors must not throw; the uncommitted changes are lost, the
      // last commit stays intact (call commit() to see the error).
    }
  }

 private:
  // Feeds the article's words to Xapian's spelling table, once per article
  // (so a word's frequency is its document frequency). Only plain words:
  // unprefixed terms of letters, 3 to 30 bytes. A replaced article's words
  // are not added again (its old words cannot be told apart), so the table
  // slightly over-counts words of edited articles; that only affects which
  // of two near candidates is suggested.
  void add_spelling_words(const Xapian::Document& document) {
    for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
      const std::string& term = *it;
      if (term.size() < 3 || term.size() > 30) continue;
      const auto first = static_cast<unsigned char>(term[0]);
      if (first >= 'A' && first <= 'Z') continue;  // a prefixed term (Z stems, Q id, ...)
      bool letters = true;
      for (const char c : term) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80 && (c < 'a' || c > 'z')) {
          letters = false;
          break;
        }
      }
      if (letters) ++pending_spelling_[term];
    }
  }

  // Hands the batch's word counts to Xapian: one add_spelling() per distinct
  // word instead of one per article and word (about 15 times fewer calls on
  // news text, which keeps the spelling table's cost small).
  void flush_spelling() {
    for (const auto& [word, count] : pending_spelling_) db_.add_spelling(word, count);
    pending_spelling_.clear();
  }

  void count_change() {
    ++pending_;
    if (options_.commit_every != 0 && pending_ >= options_.commit_every) commit();
  }

  std::string path_;
  IndexOptions options_;
  ingest::TextCleaner cleaner_;
  Xapian::WritableDatabase db_;
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
  std::unique_ptr<index::DocumentBuilder> builder_;
  std::uint32_t pending_ = 0;
  std::unordered_map<std::string, Xapian::termcount> pending_spelling_;  // until commit()
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
