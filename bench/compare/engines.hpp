// The engines the comparison drives, behind one small interface. Each adapter
// is what a user of that engine would write from its documentation, with
// default settings; the differences that matter are stated per adapter.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "archivar/article.hpp"

namespace archivar::compare {

// The kinds of queries the comparison runs (same words for every engine;
// each engine writes them in its own syntax).
enum class QueryKind { single, two_or, two_and, phrase, real };

struct BenchQuery {
  QueryKind kind = QueryKind::single;
  std::string kind_name;           // as in the queries file
  std::string lang;                // language of the text the query came from
  std::string text;                // lower-cased; words separated by one space
  std::vector<std::string> words;  // `text` split into words (letters, digits, non-ASCII)
};

// Writes one index. Not thread-safe.
class Writer {
 public:
  virtual ~Writer() = default;
  virtual void add(const Article& article) = 0;
  virtual void finish() = 0;  // commit; the index is complete afterwards
};

// Reads one index; one per thread.
class Reader {
 public:
  virtual ~Reader() = default;
  // Ids of the top 10 by the engine's BM25.
  virtual std::vector<std::string> search(const BenchQuery& query) = 0;
};

// `snippet_length` > 0: each search also builds a snippet of about that many
// characters of every hit's body with the query's words highlighted, the
// engine's own way (archivar: SearchRequest::snippet_length; raw Xapian:
// MSet::snippet with the query language's stemmer, default flags). Only
// these two engines offer it.
std::unique_ptr<Writer> archivar_writer(const std::filesystem::path& db);
std::unique_ptr<Reader> archivar_reader(const std::filesystem::path& db,
                                        std::size_t snippet_length = 0);
std::unique_ptr<Writer> xapian_writer(const std::filesystem::path& db);
std::unique_ptr<Reader> xapian_reader(const std::filesystem::path& db,
                                      std::size_t snippet_length = 0);
std::unique_ptr<Writer> fts5_writer(const std::filesystem::path& db);
std::unique_ptr<Reader> fts5_reader(const std::filesystem::path& db);
// Built only when CLucene was found at configure time (ARCHIVAR_COMPARE_CLUCENE).
std::unique_ptr<Writer> clucene_writer(const std::filesystem::path& db);
std::unique_ptr<Reader> clucene_reader(const std::filesystem::path& db);

}  // namespace archivar::compare
