// SnippetBuilder: a short passage of an article around its best match for a
// query, with the matched words marked.
//
// The text is re-analyzed with the index's own TextAnalyzer (same tokens,
// same stems, byte offsets into the original text), so a word is marked
// exactly when the index would match it: when its unstemmed term or its
// Z-stem (the term itself for languages without a stemmer) is one of the
// query's Xapian terms. Tokens at the same position as their word
// (decompounded parts, variants) are marked by their own offsets.
//
// The passage is the window of at most `length` code points of the original
// text (from its first word's start to its last word's end) holding the most
// distinct query terms (then the most matches; the earliest on ties), with up
// to a third of the spare room as context before the first match. It
// starts and ends at word boundaries (a single word longer than `length` is
// kept whole), runs of whitespace become one space, and an ellipsis shows
// where text was cut. Without any match it is the start of the text.
//
// Cost: one analysis pass over the text plus O(tokens).
// Thread-safety: uses the analyzer it was given; one builder per thread.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "analysis/text_analyzer.hpp"

namespace archivar::search {

struct SnippetOptions {
  std::size_t length =
      200;  // code points of original text (words; adjacent punctuation may add a few)
  std::string open = "\u00AB";      // inserted before a matched word («)
  std::string close = "\u00BB";     // inserted after it (»)
  bool escape_html = false;         // escape & < > " ' in the text (not in the markers)
  std::string ellipsis = "\u2026";  // marks cut text at either end (…)
};

// Query terms as Xapian terms: unprefixed terms and "Z"-prefixed stems;
// others (filters, S title terms) are ignored.
using QueryTerms = std::set<std::string, std::less<>>;

class SnippetBuilder {
 public:
  explicit SnippetBuilder(analysis::TextAnalyzer& analyzer) : analyzer_(analyzer) {}

  // The snippet of `text` analyzed as `lang`. Empty for empty text or
  // options.length == 0.
  [[nodiscard]] std::string build(std::string_view text, std::string_view lang,
                                  const QueryTerms& query_terms, const SnippetOptions& options);

 private:
  analysis::TextAnalyzer& analyzer_;
  std::string scratch_;
};

}  // namespace archivar::search
