#include "fts5_snowball_tokenizer.hpp"

#include <libstemmer.h>

#include <stdexcept>

namespace archivar::compare {

namespace {

constexpr int kMaxWordBytes = 64;  // longer runs are cut (like Xapian's 64-byte limit)

struct Stemmers {
  sb_stemmer* german = sb_stemmer_new("german", "UTF_8");
  sb_stemmer* english = sb_stemmer_new("english", "UTF_8");
  ~Stemmers() {
    sb_stemmer_delete(german);
    sb_stemmer_delete(english);
  }
  Stemmers() = default;
  Stemmers(const Stemmers&) = delete;
  Stemmers& operator=(const Stemmers&) = delete;
};

struct Tokenizer {
  SnowballLanguage* language;
  Stemmers stemmers;
};

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

int create(void* user_data, const char** /*args*/, int /*nargs*/, Fts5Tokenizer** out) {
  auto* tokenizer = new Tokenizer{static_cast<SnowballLanguage*>(user_data), {}};
  if (tokenizer->stemmers.german == nullptr || tokenizer->stemmers.english == nullptr) {
    delete tokenizer;
    return SQLITE_ERROR;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* handle) { delete reinterpret_cast<Tokenizer*>(handle); }

int tokenize(Fts5Tokenizer* handle, void* context, int /*flags*/, const char* text, int length,
             int (*emit)(void*, int, const char*, int, int, int)) {
  auto* tokenizer = reinterpret_cast<Tokenizer*>(handle);
  const std::string& lang = tokenizer->language->lang;
  sb_stemmer* stemmer = lang == "de"   ? tokenizer->stemmers.german
                        : lang == "en" ? tokenizer->stemmers.english
                                       : nullptr;
  char word[kMaxWordBytes];
  int i = 0;
  while (i < length) {
    while (i < length && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const int begin = i;
    while (i < length && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == begin) break;
    int size = 0;
    for (int j = begin; j < i && size < kMaxWordBytes; ++j) {
      auto c = static_cast<unsigned char>(text[j]);
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<unsigned char>(c + 32);
      } else if (size > 0 && static_cast<unsigned char>(word[size - 1]) == 0xC3 && c >= 0x80 &&
                 c <= 0x9E && c != 0x97) {
        c = static_cast<unsigned char>(c + 32);  // À..Þ → à..þ (not ×)
      }
      word[size++] = static_cast<char>(c);
    }
    const char* term = word;
    int term_size = size;
    if (stemmer != nullptr) {
      const sb_symbol* stem =
          sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word), size);
      if (stem != nullptr) {
        term = reinterpret_cast<const char*>(stem);
        term_size = sb_stemmer_length(stemmer);
      }
    }
    const int rc = emit(context, 0, term, term_size, begin, i);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK) {
    return nullptr;
  }
  sqlite3_bind_pointer(statement, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  return api;
}

}  // namespace

void register_snowball_tokenizer(sqlite3* db, SnowballLanguage* language) {
  fts5_api* api = fts5_of(db);
  if (api == nullptr) throw std::runtime_error("SQLite was built without FTS5");
  static fts5_tokenizer methods{create, destroy, tokenize};
  if (api->xCreateTokenizer(api, "snowball", language, &methods, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot register the FTS5 tokenizer 'snowball'");
  }
}

}  // namespace archivar::compare
