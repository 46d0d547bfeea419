// A few hand-written articles as an index, and the ids a query finds there:
// the setup of tests that search a handful of sentences.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"

namespace archivar::testing_support {

struct SmallArticle {
  SmallArticle(std::string id_, std::string body_, std::string title_ = {},
               std::string lang_ = "de")
      : id(std::move(id_)),
        body(std::move(body_)),
        title(std::move(title_)),
        lang(std::move(lang_)) {}
  std::string id;
  std::string body;
  std::string title;
  std::string lang;
};

// Writes (and commits) a new index of `articles` at `path`.
inline void write_small_index(const std::filesystem::path& path,
                              const std::vector<SmallArticle>& articles) {
  Index index(path);
  for (const SmallArticle& row : articles) {
    Article article;
    article.id = row.id;
    article.title = row.title;
    article.body = row.body;
    article.lang = row.lang;
    index.add(article);
  }
  index.commit();
}

// The ids of `query`'s first page (up to 100 hits), sorted.
inline std::vector<std::string> sorted_hit_ids(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.page_size = 100;
  std::vector<std::string> ids;
  for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace archivar::testing_support
