#include "analysis/text_analyzer.hpp"

#include <algorithm>

namespace archivar::analysis {

Stemmer* TextAnalyzer::stemmer_for(std::string_view lang) {
  if (lang.empty()) return nullptr;
  auto found = stemmers_.find(lang);
  if (found == stemmers_.end()) {
    std::unique_ptr<Stemmer> stemmer;
    if (Stemmer::supports(lang)) stemmer = std::make_unique<Stemmer>(lang);
    found = stemmers_.emplace(std::string(lang), std::move(stemmer)).first;
  }
  return found->second.get();
}

bool TextAnalyzer::can_stem(std::string_view lang) { return stemmer_for(lang) != nullptr; }

std::string_view TextAnalyzer::stem(std::string_view term, std::string_view lang) {
  Stemmer* stemmer = stemmer_for(lang);
  return stemmer == nullptr ? term : stemmer->stem(term);
}

bool TextAnalyzer::fold(std::string_view term, std::string_view lang, std::string& out) {
  return options_.fold_spellings && folder_.fold(term, lang, out);
}

const std::vector<std::string>& TextAnalyzer::compound_parts(std::string_view term,
                                                             std::string_view lang) {
  static const std::vector<std::string> kNoParts;
  if (!options_.decompound_german || lang != "de") return kNoParts;
  if (!decompounder_) decompounder_ = std::make_unique<Decompounder>();
  return decompounder_->split(term);
}

std::uint32_t TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                    std::uint32_t first_position,
                                    const std::function<void(const Token&)>& sink) {
  return analyze(text, lang, first_position, sink, {});
}

void TextAnalyzer::enable_word_cache(std::size_t words_per_language) {
  word_cache_limit_ = words_per_language;
  word_caches_.clear();
}

WordCache* TextAnalyzer::word_cache_for(std::string_view lang) {
  if (word_cache_limit_ == 0) return nullptr;
  auto found = word_caches_.find(lang);
  if (found == word_caches_.end()) {
    found = word_caches_.emplace(std::string(lang), WordCache(word_cache_limit_)).first;
  }
  return &found->second;
}

void TextAnalyzer::analyze_word(std::string_view raw, std::string_view lang, Stemmer* stemmer,
                                AnalyzedWord& out) {
  out.extras.clear();
  normalizer_.normalize(raw, out.term);
  out.dropped = out.term.empty() || out.term.size() > kMaxTermBytes;
  if (out.dropped) {
    out.stem.clear();
    return;
  }
  out.stem.assign(stemmer != nullptr ? stemmer->stem(out.term) : std::string_view());
  if (fold(out.term, lang, folded_)) {
    const std::string_view folded_stem = stemmer != nullptr ? stemmer->stem(folded_) : folded_;
    if (folded_stem != out.stem) {
      out.extras.push_back({TokenKind::variant, folded_, std::string(folded_stem)});
    }
  }
  for (const std::string& part : compound_parts(out.term, lang)) {
    const std::string_view part_stem = stemmer != nullptr ? stemmer->stem(part) : part;
    // Readings of one compound share parts ("strasse", "strassen"): one
    // token per stem, and none repeating the word's own stem.
    const bool repeated =
        part_stem == out.stem ||
        std::any_of(out.extras.begin(), out.extras.end(), [&](const AnalyzedWord::Extra& extra) {
          return extra.kind == TokenKind::compound_part && extra.stem == part_stem;
        });
    if (!repeated) out.extras.push_back({TokenKind::compound_part, part, std::string(part_stem)});
  }
}

std::uint32_t TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                    std::uint32_t first_position,
                                    const std::function<void(const Token&)>& sink,
                                    const std::function<bool(std::size_t, std::size_t)>& deep) {
  Stemmer* stemmer = stemmer_for(lang);
  WordCache* cache = word_cache_for(lang);
  std::uint32_t position = first_position;
  Token token;
  AnalyzedWord scratch;
  tokenizer_.for_each_word(text, [&](std::size_t begin, std::size_t end) {
    const std::string_view raw = text.substr(begin, end - begin);
    token.begin = begin;
    token.end = end;
    token.same_position = false;
    token.kind = TokenKind::word;
    if (deep && !deep(begin, end)) {
      // Just the word token, with an empty stem.
      normalizer_.normalize(raw, token.term);
      if (token.term.empty() || token.term.size() > kMaxTermBytes) return;
      token.stem.clear();
      token.position = position++;
      sink(token);
      return;
    }
    token.position = position;
    if (emit_word(raw, lang, stemmer, cache, token, scratch, sink)) ++position;
  });
  return position;
}

bool TextAnalyzer::emit_word(std::string_view raw, std::string_view lang, Stemmer* stemmer,
                             WordCache* cache, Token& token, AnalyzedWord& scratch,
                             const std::function<void(const Token&)>& sink) {
  const AnalyzedWord* word = cache != nullptr ? cache->find(raw) : nullptr;
  if (word == nullptr) {
    analyze_word(raw, lang, stemmer, scratch);
    word = cache != nullptr ? &cache->insert(raw, scratch) : &scratch;
  }
  if (word->dropped) return false;
  token.term = word->term;
  token.stem = word->stem;
  sink(token);
  // Further tokens at the same position reuse `token`: offsets and
  // position stay those of the word.
  token.same_position = true;
  for (const AnalyzedWord::Extra& extra : word->extras) {
    token.term = extra.term;
    token.stem = extra.stem;
    token.kind = extra.kind;
    sink(token);
  }
  return true;
}

void TextAnalyzer::analyze_words_at(std::string_view text, std::string_view lang,
                                    const std::vector<std::size_t>& offsets,
                                    const std::function<void(const Token&)>& sink) {
  Stemmer* stemmer = stemmer_for(lang);
  WordCache* cache = word_cache_for(lang);
  Token token;
  AnalyzedWord scratch;
  tokenizer_.for_each_word_at(text, offsets, [&](std::size_t begin, std::size_t end) {
    token.begin = begin;
    token.end = end;
    token.same_position = false;
    token.kind = TokenKind::word;
    token.position = 0;
    emit_word(text.substr(begin, end - begin), lang, stemmer, cache, token, scratch, sink);
  });
}

std::vector<Token> TextAnalyzer::analyze(std::string_view text, std::string_view lang) {
  std::vector<Token> tokens;
  analyze(text, lang, 1, [&](const Token& token) { tokens.push_back(token); });
  return tokens;
}

}  // namespace archivar::analysis
