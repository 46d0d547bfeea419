// libFuzzer target: the SnippetBuilder (passage locator scan, layout units,
// ICU around hits, composing) on any bytes. Input: byte 0 picks the
// language and the options (snippet length, HTML escaping, whole-text
// analysis, the whole chain on every word, the query as a quoted phrase),
// the bytes up to the first newline are the query (its terms and Z-stems,
// as QueryBuilder makes them; quoted: its words' terms as one phrase;
// ending in '*': its words are wildcard prefixes too),
// the rest the text. Contract checked: never throws, never crashes; valid
// UTF-8 text gives a valid UTF-8 snippet and highlighted title; a snippet
// is never longer than its text with every byte escaped and every byte
// marked; the words after the query's first word in the text (search-box
// completions) are non-empty, and valid UTF-8 from valid text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "index/schema.hpp"
#include "ingest/utf8_check.hpp"
#include "search/next_words.hpp"
#include "search/snippet_builder.hpp"

namespace {

archivar::search::QueryTerms terms_of(archivar::analysis::TextAnalyzer& analyzer,
                                      std::string_view query, std::string_view lang) {
  archivar::search::QueryTerms terms;
  for (const archivar::Token& token : analyzer.analyze(query, lang)) {
    terms.insert(token.term);
    if (!token.stem.empty()) terms.insert(std::string(archivar::schema::kStem) + token.stem);
  }
  return terms;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One per process: they keep ICU/Snowball state and scratch buffers.
  static archivar::analysis::TextAnalyzer analyzer;
  static archivar::search::SnippetBuilder builder(analyzer);
  static constexpr std::string_view kLanguages[] = {"de", "en", "", "zh"};
  static constexpr std::size_t kLengths[] = {1, 7, 40, 200};
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string_view lang = kLanguages[flags & 3];
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t newline = input.find('\n');
  const std::string_view query = input.substr(0, newline);
  const std::string_view text =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  archivar::search::SnippetOptions options;
  options.length = kLengths[(flags >> 2) & 3];
  options.escape_html = (flags & 16) != 0;
  options.analyze_whole_text = (flags & 32) != 0;
  options.every_word_fully = (flags & 64) != 0;
  const archivar::search::QueryTerms terms = terms_of(analyzer, query, lang);
  archivar::search::QueryPhrases phrases;
  if ((flags & 128) != 0) {
    std::vector<std::string> words;
    for (const archivar::Token& token : analyzer.analyze(query, lang)) {
      if (token.kind == archivar::TokenKind::word) words.push_back(token.term);
    }
    if (words.size() >= 2) {
      phrases.in_phrases.insert(words.begin(), words.end());
      phrases.phrase_only = phrases.in_phrases;
      std::vector<archivar::search::PhrasePosition> positions;
      for (std::string& word : words) positions.push_back({std::move(word)});
      phrases.phrases.push_back(std::move(positions));
    }
  }
  // A query ending in '*': its words are wildcard prefixes too.
  std::vector<std::string> prefixes;
  if (!query.empty() && query.back() == '*') {
    for (const archivar::Token& token : analyzer.analyze(query, lang)) {
      if (token.kind == archivar::TokenKind::word) prefixes.push_back(token.term);
    }
  }
  archivar::search::QueryTerms marked = terms;
  marked.insert(prefixes.begin(), prefixes.end());
  const std::string snippet =
      builder.build(text, lang, marked, options, nullptr, &phrases, &prefixes);
  options.analyze_whole_text = true;
  const std::string title =
      builder.build(text.substr(0, 300), lang, marked, options, nullptr, &phrases, &prefixes);
  const bool valid = archivar::ingest::is_valid_utf8(text);
  if (valid &&
      (!archivar::ingest::is_valid_utf8(snippet) || !archivar::ingest::is_valid_utf8(title))) {
    std::abort();
  }
  // "&quot;" is the longest escape; a marker pair (« ») and a space per
  // byte at most; two ellipses with their spaces.
  const std::size_t bound = text.size() * (6 + 4 + 1) + 2 * 4;
  if (snippet.size() > bound) std::abort();
  // Search-box completions read the words after a query word in the text
  // (search/next_words.hpp): non-empty words, valid UTF-8 from valid text.
  for (const archivar::Token& token : analyzer.analyze(query, lang)) {
    if (token.kind != archivar::TokenKind::word) continue;
    std::vector<std::string> followers;
    archivar::search::followers_in_text(
        text,
        archivar::search::spellings_of(query.substr(token.begin, token.end - token.begin),
                                       token.term),
        analyzer, followers);
    for (const std::string& follower : followers) {
      if (follower.empty() || (valid && !archivar::ingest::is_valid_utf8(follower))) std::abort();
    }
    break;  // the first word is enough
  }
  return 0;
}
