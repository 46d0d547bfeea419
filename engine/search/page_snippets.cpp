#include "search/page_snippets.hpp"

#include <algorithm>
#include <utility>

#include "index/stored_fields.hpp"

namespace archivar::search {

PageSnippets::PageSnippets(std::vector<Hit> hits, const SnippetOptions& options,
                           const QueryPhrases* phrases, const std::vector<std::string>* prefixes)
    : hits_(std::move(hits)),
      options_(options),
      phrases_(phrases),
      prefixes_(prefixes),
      snippets_(hits_.size()),
      titles_(hits_.size()),
      built_(hits_.size(), 0) {}

void PageSnippets::build_unclaimed(Xapian::Database& db, index::BodyDecompressor& bodies,
                                   SnippetBuilder& builder) {
  for (;;) {
    const std::size_t index = next_.fetch_add(1, std::memory_order_relaxed);
    if (index >= hits_.size()) return;
    build(index, db, bodies, builder);
  }
}

void PageSnippets::build_missing(Xapian::Database& db, index::BodyDecompressor& bodies,
                                 SnippetBuilder& builder) {
  for (std::size_t index = 0; index < hits_.size(); ++index) {
    if (!built_[index]) build(index, db, bodies, builder);
  }
}

void PageSnippets::build(std::size_t index, Xapian::Database& db, index::BodyDecompressor& bodies,
                         SnippetBuilder& builder) {
  const Hit& hit = hits_[index];
  // The docid comes from the ranked match, so the article exists: without
  // DOC_ASSUME_VALID Xapian would first read its length (one more B-tree
  // look-up, a 32 KB block, per hit).
  const std::string data = db.get_document(hit.docid, Xapian::DOC_ASSUME_VALID).get_data();
  std::string decoded;  // a version-1 or compressed record's body
  const std::string_view body = index::body_view(data, decoded, &bodies);
  const std::string_view text = body.empty() ? hit.title : body;
  snippets_[index] =
      builder.build(text, hit.lang, *hit.terms, options_, hit.weights, phrases_, prefixes_);
  titles_[index] =
      builder.build(hit.title, hit.lang, *hit.terms, title_snippet_options(options_, hit.title),
                    hit.weights, phrases_, prefixes_);
  built_[index] = 1;
}

SnippetOptions title_snippet_options(SnippetOptions options, std::string_view title) {
  options.length = std::max<std::size_t>(title.size(), 1);
  options.analyze_whole_text = true;
  return options;
}

}  // namespace archivar::search
