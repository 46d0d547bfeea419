#include "query/prefix_backoff.hpp"

#include <algorithm>
#include <utility>

#include "query/utf8_length.hpp"

namespace archivar::query {

namespace {

bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset after the first `count` code points of `text` (text.size() if
// it has fewer).
std::size_t code_point_offset(std::string_view text, std::size_t count) noexcept {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < text.size(); ++i) {
    if (!is_continuation(text[i])) {
      if (seen == count) return i;
      ++seen;
    }
  }
  return text.size();
}

}  // namespace

std::vector<std::string> prefix_neighbours(const Xapian::Database& db, std::string_view stem_term,
                                           std::size_t prefix_size,
                                           const std::vector<std::string>& exclude,
                                           const PrefixBackoffOptions& options) {
  if (prefix_size > stem_term.size()) return {};
  const std::string_view stem = stem_term.substr(prefix_size);
  const std::size_t stem_length = utf8_length(stem);
  if (stem_length < options.min_stem || options.min_common == 0) return {};
  const std::size_t common_bytes = code_point_offset(stem, options.min_common);
  const std::string walk_prefix(stem_term.substr(0, prefix_size + common_bytes));
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  std::size_t walked = 0;
  for (auto it = db.allterms_begin(walk_prefix); it != db.allterms_end(walk_prefix); ++it) {
    if (++walked > options.max_walk) break;
    const std::string term = *it;
    const std::string_view other = std::string_view(term).substr(prefix_size);
    // The longest common prefix, on code-point boundaries.
    std::size_t common = 0;
    while (common < other.size() && common < stem.size() && other[common] == stem[common]) {
      ++common;
    }
    while (common > 0 && common < other.size() && is_continuation(other[common])) --common;
    if (utf8_length(stem.substr(common)) > options.max_rest ||
        utf8_length(other.substr(common)) > options.max_rest) {
      continue;
    }
    if (term == stem_term || std::find(exclude.begin(), exclude.end(), term) != exclude.end()) {
      continue;
    }
    found.emplace_back(it.get_termfreq(), term);
  }
  const std::size_t keep = std::min(found.size(), options.max_terms);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<std::string> terms;
  terms.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) terms.push_back(std::move(found[i].second));
  std::sort(terms.begin(), terms.end());
  return terms;
}

}  // namespace archivar::query
