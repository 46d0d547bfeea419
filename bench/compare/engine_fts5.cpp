// SQLite FTS5 (Debian's libsqlite3) with the "snowball" tokenizer: one table
// fts5(id UNINDEXED, title, body), default settings (no 'optimize' merge),
// inserts in transactions of 10,000 rows like Xapian's flush threshold.
// Queries: every word quoted (so no word is read as syntax), words OR-ed,
// implicitly AND-ed or quoted together as a phrase; the query's language
// stems it (as for the Xapian baseline); ORDER BY rank (bm25) LIMIT 10.
#include <sqlite3.h>

#include <stdexcept>

#include "engines.hpp"
#include "fts5_snowball_tokenizer.hpp"

namespace archivar::compare {

namespace {

constexpr int kRowsPerTransaction = 10000;

class Connection {
 public:
  Connection(const std::filesystem::path& file, int flags) {
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("sqlite: cannot open " + file.string() + ": " + message);
    }
    register_snowball_tokenizer(db_, &language_);
  }
  ~Connection() {
    for (sqlite3_stmt* statement : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(std::string("sqlite: ") + sql + ": " + message);
    }
  }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite: ") + sql + ": " + sqlite3_errmsg(db_));
    }
    statements_.push_back(statement);
    return statement;
  }
  void check(int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
      throw std::runtime_error(std::string("sqlite: ") + what + ": " + sqlite3_errmsg(db_));
    }
  }
  SnowballLanguage& language() { return language_; }

 private:
  SnowballLanguage language_;  // read by the tokenizer; lives until the connection is closed
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

std::filesystem::path db_file(const std::filesystem::path& dir) { return dir / "fts5.sqlite"; }

class Fts5Writer final : public Writer {
 public:
  explicit Fts5Writer(const std::filesystem::path& dir)
      : connection_((std::filesystem::create_directories(dir), db_file(dir)),
                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
    connection_.exec("DROP TABLE IF EXISTS docs");
    connection_.exec(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
        "tokenize='snowball')");
    insert_ = connection_.prepare("INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)");
    connection_.exec("BEGIN");
  }

  void add(const Article& article) override {
    connection_.language().lang = article.lang;
    sqlite3_bind_text(insert_, 1, article.id.data(), static_cast<int>(article.id.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert_, 2, article.title.data(), static_cast<int>(article.title.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(insert_, 3, article.body.data(), static_cast<int>(article.body.size()),
                      SQLITE_STATIC);
    connection_.check(sqlite3_step(insert_), "insert");
    sqlite3_reset(insert_);
    if (++pending_ == kRowsPerTransaction) {
      connection_.exec("COMMIT");
      connection_.exec("BEGIN");
      pending_ = 0;
    }
  }

  void finish() override { connection_.exec("COMMIT"); }

 private:
  Connection connection_;
  sqlite3_stmt* insert_ = nullptr;
  int pending_ = 0;
};

std::string quoted(const std::string& word) {
  std::string out = "\"";
  for (char c : word) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

class Fts5Reader final : public Reader {
 public:
  explicit Fts5Reader(const std::filesystem::path& dir)
      : connection_(db_file(dir), SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX) {
    select_ = connection_.prepare("SELECT id FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10");
  }

  std::vector<std::string> search(const BenchQuery& query) override {
    std::string match;
    if (query.kind == QueryKind::phrase) {
      match = quoted(query.text);
    } else {
      const char* join = query.kind == QueryKind::two_and ? " " : " OR ";
      for (const std::string& word : query.words) {
        if (!match.empty()) match += join;
        match += quoted(word);
      }
    }
    std::vector<std::string> ids;
    if (match.empty()) return ids;
    connection_.language().lang = query.lang;
    sqlite3_bind_text(select_, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(select_)) == SQLITE_ROW) {
      ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(select_, 0)),
                       static_cast<std::size_t>(sqlite3_column_bytes(select_, 0)));
    }
    sqlite3_reset(select_);
    connection_.check(rc, "match");
    return ids;
  }

 private:
  Connection connection_;
  sqlite3_stmt* select_ = nullptr;
};

}  // namespace

std::unique_ptr<Writer> fts5_writer(const std::filesystem::path& db) {
  return std::make_unique<Fts5Writer>(db);
}
std::unique_ptr<Reader> fts5_reader(const std::filesystem::path& db) {
  return std::make_unique<Fts5Reader>(db);
}

}  // namespace archivar::compare
