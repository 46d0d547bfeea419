#include "search/term_cover.hpp"

#include <algorithm>

#include "index/schema.hpp"

namespace archivar::search {

std::vector<std::string> TermCover::operator()(const std::string& term) const {
  std::vector<std::string> cover;
  // A title word S<t> also adds t (search/title_boost_fold.hpp): t's cover.
  const std::string_view title(schema::kTitle);
  if (term.size() > title.size() && term.starts_with(title) &&
      !(term[title.size()] >= 'A' && term[title.size()] <= 'Z')) {
    return (*this)(term.substr(title.size()));
  }
  if (term.empty() || (term.front() >= 'A' && term.front() <= 'Z')) return cover;
  const std::string prefix(schema::kStem);
  for (const std::string& lang : languages_) {
    cover.push_back(prefix + std::string(analyzer_.stem(term, lang)));
  }
  if (!every_article_has_language_) cover.push_back(prefix + term);
  std::sort(cover.begin(), cover.end());
  cover.erase(std::unique(cover.begin(), cover.end()), cover.end());
  return cover;
}

}  // namespace archivar::search
