// DocumentBuilder: Article + TextAnalyzer → Xapian::Document, per the schema.
//
// Title words are indexed as S-prefixed terms (with positions), ZS-prefixed
// stems (wdf 0: title: matching only) and, with kTitleWdf weight, as free text; body words as
// free text. The url is a U boolean term (index/terms.hpp). Free text gives each word an unstemmed
// term with its position and a Z-prefixed stem (the word itself when the
// language has no stemmer, so queries can always reach it through Z terms).
//
// Cost: one analysis pass over title and body; one hash lookup per stem
// token, one Xapian map insert per distinct stem. Thread-safety: uses the
// analyzer it was given; one builder per thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/text_analyzer.hpp"
#include "archivar/article.hpp"
#include "index/near_duplicates.hpp"

namespace archivar::index {

inline constexpr Xapian::termcount kTitleWdf = 2;

class DocumentBuilder {
 public:
  explicit DocumentBuilder(analysis::TextAnalyzer& analyzer) : analyzer_(analyzer) {}

  // `article.lang` must already be set (detected if needed); `article.date`
  // empty or YYYY-MM-DD. The terms come from `article`; the document data
  // stores `stored` (the text as given, when `article` holds cleaned text).
  [[nodiscard]] Xapian::Document build(const Article& article, const Article& stored);
  [[nodiscard]] Xapian::Document build(const Article& article) { return build(article, article); }

  // SimHash of the body words of the last document built (near_duplicates.hpp);
  // nullopt when the body is too short. The caller clusters with it.
  [[nodiscard]] std::optional<std::uint64_t> simhash() const { return simhash_; }

 private:
  // Adds prefix + normalized value; returns the normalized value, empty if
  // `value` was empty.
  std::string add_boolean(Xapian::Document& document, std::string_view prefix,
                          std::string_view value);

  analysis::TextAnalyzer& analyzer_;
  // Transparent hash: lookups by string_view build no std::string.
  struct TermHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };

  std::string term_;  // scratch buffer
  // Z and ZS terms of the document being built and their summed wdf.
  std::unordered_map<std::string, Xapian::termcount, TermHash, std::equal_to<>> stem_wdf_;
  std::optional<std::uint64_t> simhash_;
};

}  // namespace archivar::index
