// SnippetBuilder: a short passage of an article around its best match for a
// query, with the matched words marked.
//
// The text is re-analyzed with the index's own TextAnalyzer (same tokens,
// same stems, byte offsets into the original text), so a word is marked
// exactly when the index would match it: when its unstemmed term or its
// Z-stem (the term itself for languages without a stemmer) is one of the
// query's Xapian terms. Tokens at the same position as their word
// (decompounded parts, variants) are marked by their own offsets. With
// the query's phrases (build()'s `phrases`), a term found only inside
// phrases matches only where one of its phrases stands whole: its words
// consecutive, nothing but separators (no letter or digit) between them,
// as the index's positions of the exact forms; elsewhere it is neither
// marked nor counted for the window. A word (not a part) whose exact
// form begins with one of build()'s wildcard prefixes matches that prefix.
//
// The passage is the window of at most `length` code points of the original
// text (from its first layout unit's start to its last unit's end) holding
// the distinct query terms of the highest summed weight (build()'s
// weights: idf; without them, the most distinct terms), then the most
// matches, the earliest on ties, with up to a third of the spare room as context before the first
// match. Layout units are the whitespace-separated chunks of the text
// without the punctuation at their edges ("Bund-Länder-Kommission" is one),
// or ICU's words where a chunk is longer than min(64, max(8, length / 2))
// code points (text without spaces: Chinese, Japanese; long URLs). The
// snippet starts and ends at unit boundaries (a single unit longer than
// `length` is kept whole), runs of whitespace become one space, and an
// ellipsis shows where text was cut. Without any match it is the start of
// the text.
//
// A text longer than twice `length` bytes is not analyzed whole: a
// PassageLocator scan (folded substrings of the query terms, no analysis)
// proposes up to three regions of about 1.5 × `length` code points around
// the best candidate windows, and the first region with a real match is
// analyzed and used as above (the best window inside it). The result equals
// the whole-text result whenever the best passage lies in the first region
// that holds a match, which is the rule for Latin-script text; without any
// match it is the start of the text, as before.
//
// Matches: where the scan's fold folds every letter of the text or region
// as the analysis does (PassageLocator::folds_as_analysis: Latin-1, CJK,
// ... but not Greek or Cyrillic capitals), every word that can match holds
// a scan hit, so only the words holding a hit are found (ICU's random
// access around each hit) and analyzed with the whole chain; elsewhere
// every word is broken and normalized, and the words holding a hit get the
// rest of the chain. A text that fits whole into the snippet, and whose
// letters the scan folds as the analysis does, is marked the same way, with
// no window to choose. The snippet is the same as with the whole chain on
// every word (tested on every word of German and English fixtures, whole
// and in pieces that fit, and on corpus articles).
//
// Cost: one fold and memmem scan of the text (long texts: one memmem per
// needle over the folded bytes, no ICU, no Snowball); then, in at most
// three regions of ~1.5 × `length` code points (or the short text), one
// pass that splits the units, plus ICU and the chain only around each
// scan hit (or, for texts the fold does not cover, word breaking and
// normalization of every word); O(units) for the window.
// Thread-safety: uses the analyzer it was given; one builder per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "search/passage_locator.hpp"
#include "search/query_phrases.hpp"

namespace archivar::search {

struct SnippetOptions {
  std::size_t length =
      200;  // code points of original text (words; adjacent punctuation may add a few)
  std::string open = "\u00AB";      // inserted before a matched word («)
  std::string close = "\u00BB";     // inserted after it (»)
  bool escape_html = false;         // escape & < > " ' in the text (not in the markers)
  std::string ellipsis = "\u2026";  // marks cut text at either end (…)
  // Analyze the whole text however long (titles; O(text) analysis per hit).
  bool analyze_whole_text = false;
  // Run the whole chain (stems, spellings, compound parts) on every word of
  // an analyzed text or region, not only on words holding a PassageLocator
  // hit (the reference the hit filter is tested against; slower).
  bool every_word_fully = false;
};

class SnippetBuilder {
 public:
  explicit SnippetBuilder(analysis::TextAnalyzer& analyzer) : analyzer_(analyzer) {}

  // The snippet of `text` analyzed as `lang`. Empty for empty text or
  // options.length == 0. `weights` (may be null: every term weighs
  // kUniformWeight): what a query term's presence in a window is worth
  // (search/snippet_terms.hpp gives inverse document frequencies); a window
  // scores the summed weights of its distinct terms.
  // `phrases` (may be null): the query's phrases; their phrase-only terms
  // are marked, and count for the window, only where the whole phrase
  // stands (consecutive words with nothing but spaces and punctuation
  // between them, as the index's positions). `prefixes` (may be null): the
  // query's wildcard prefixes (`bundesb*`: "bundesb"), each also one of
  // `query_terms` (the passage scan looks for it); a word whose exact form
  // begins with one matches it.
  [[nodiscard]] std::string build(std::string_view text, std::string_view lang,
                                  const QueryTerms& query_terms, const SnippetOptions& options,
                                  const TermWeights* weights = nullptr,
                                  const QueryPhrases* phrases = nullptr,
                                  const std::vector<std::string>* prefixes = nullptr);

 private:
  // A surface word (not a same-position token) of the analyzed region.
  struct Word {
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
    std::size_t char_begin = 0;  // code point offsets from the region's start
    std::size_t char_end = 0;
    int match = -1;  // id of the query term it matched (its own or a part's); -1: none
  };

  // Analyzes text[region) into words_ (the layout units), spans_ and
  // match_ids_; true if any word matched. The units are the region's
  // whitespace-separated chunks without the punctuation at their edges
  // (split_units), or ICU's words when a chunk is longer than
  // max_unit_chars(length) (text without spaces). Matches: with
  // `only_hits` and a region whose letters the scan folds as the analysis
  // does, only the words holding a locator hit are found (ICU's random
  // access) and analyzed; else the region is analyzed word by word, the
  // whole chain only for words holding a hit (`only_hits`) or for all.
  bool analyze_region(std::string_view text, TextRegion region, std::string_view lang,
                      const QueryTerms& query_terms, bool only_hits, std::size_t length);
  // words_ = the whitespace-separated chunks of text[region) without the
  // punctuation at their edges (chunks of punctuation alone are none);
  // false (words_ empty) if one has more than `max_chars` code points.
  bool split_units(std::string_view text, TextRegion region, std::size_t max_chars);
  // The spans of the matched words of a text that fits whole into the
  // snippet, analyzing only the words holding a locator hit (scan() ran on
  // `text`); words_ empty. Equals analyze_region's spans when only words
  // holding a hit can match.
  void mark_hit_words(std::string_view text, std::string_view lang, const QueryTerms& query_terms);
  // Calls sink(token, from) with the tokens (offsets from text[from]) of
  // the words of text[region) that hold a locator hit, with the whole
  // chain. Each whitespace-separated chunk holding hits is broken alone
  // (ICU's random access around each hit in it): ASCII whitespace always
  // separates ICU's words, so they are the words the whole text gives.
  void analyze_hit_words(std::string_view text, TextRegion region, std::string_view lang,
                         const std::function<void(const Token&, std::size_t)>& sink);
  // Drops the spans (and the words' matches) of phrase-only terms outside
  // an occurrence of one of their phrases (phrases_).
  void keep_phrase_matches(std::string_view text);
  // Size masks of the query terms and Z-stems for match_of.
  void prepare_matching(const QueryTerms& query_terms);
  // The id of the query term `token` matches (its term, else its stem as
  // a Z term), registered in match_ids_; kNoMatch (-1) if none.
  int match_of(const Token& token, const QueryTerms& query_terms);
  struct WindowScore {
    std::size_t first = 0;  // index into words_
    std::size_t distinct = 0;
    std::uint64_t weight = 0;  // the distinct terms' summed weights
    std::size_t matches = 0;
  };
  // Sets the code point offsets of words_ from the region's start; returns
  // the region's code points.
  std::size_t count_chars(std::string_view text, TextRegion region);
  // The best window of words_ (needs count_chars): the highest summed
  // weight of distinct terms (weights_), then most matches, then earliest;
  // starts at a matched word.
  [[nodiscard]] WindowScore best_window(std::size_t limit) const;
  // The snippet from the analyzed region: best window, cut, markers.
  // `chars_counted`: count_chars() already ran on this analysis (and
  // total_chars_ is its result).
  [[nodiscard]] std::string compose(std::string_view text, TextRegion region,
                                    const SnippetOptions& options, bool chars_counted = false);

  analysis::TextAnalyzer& analyzer_;
  const TermWeights* weights_ = nullptr;                // of the build() call running
  const QueryPhrases* phrases_ = nullptr;               // of the build() call running; null: none
  const std::vector<std::string>* prefixes_ = nullptr;  // of the build() call; null: none
  std::vector<std::vector<std::string>> phrase_words_;  // phrases_' typed words, for the locator
  PassageLocator locator_;
  std::vector<Word> words_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;  // byte ranges to mark
  struct SpanMatch {
    int id = -1;       // the query term matched (match_ids_)
    bool word = true;  // a word's own token, not a same-position one (part, variant)
  };
  std::vector<SpanMatch> span_matches_;                // of spans_, index by index
  std::map<std::string, int, std::less<>> match_ids_;  // matched query term → id
  // The analysis of the best region so far (swapped with the above).
  std::vector<Word> best_words_;
  std::vector<std::pair<std::size_t, std::size_t>> best_spans_;
  std::vector<SpanMatch> best_span_matches_;
  std::map<std::string, int, std::less<>> best_match_ids_;
  std::size_t total_chars_ = 0;       // of the region count_chars saw last
  std::size_t best_total_chars_ = 0;  // of the best region's analysis
  std::string scratch_;
  std::vector<std::size_t> hit_offsets_;  // a region's locator hits, from its start
  // Bit n (63: 63 or more) set when a query term, or a query Z-stem without
  // its prefix, has n bytes: most words skip both set lookups.
  std::uint64_t term_sizes_ = 0;
  std::uint64_t stem_sizes_ = 0;
};

}  // namespace archivar::search
