// Real articles in bulk for tests: the first articles of corpus files in
// ../shared/data/corpora (ARCHIVAR_SHARED_DATA, set by tests/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <vector>

#include "archivar/article.hpp"
#include "archivar/article_reader.hpp"
#include "archivar/index.hpp"

namespace archivar::testing_support {

// Adds the first `per_file` readable articles of each named corpus file to
// `index` (not committed); rejected lines are skipped.
inline void add_corpus_articles(Index& index, std::initializer_list<const char*> files,
                                int per_file) {
  const std::filesystem::path corpora = std::filesystem::path(ARCHIVAR_SHARED_DATA) / "corpora";
  for (const char* name : files) {
    ArticleReader reader(corpora / name);
    Article article;
    Rejection rejection;
    for (int taken = 0; taken < per_file;) {
      const auto status = reader.next(article, rejection);
      if (status == ArticleReader::Status::end) break;
      if (status == ArticleReader::Status::article) {
        (void)index.add(article);
        ++taken;
      }
    }
  }
}

// The first `limit` readable articles of `file` (rejected lines skipped);
// none when the file is missing (../shared/data not there).
inline std::vector<Article> read_articles(const std::filesystem::path& file, std::size_t limit) {
  std::vector<Article> articles;
  if (!std::filesystem::exists(file)) return articles;
  ArticleReader reader(file);
  Article article;
  Rejection rejection;
  while (articles.size() < limit) {
    const auto status = reader.next(article, rejection);
    if (status == ArticleReader::Status::end) break;
    if (status == ArticleReader::Status::article) articles.push_back(article);
  }
  return articles;
}

}  // namespace archivar::testing_support
