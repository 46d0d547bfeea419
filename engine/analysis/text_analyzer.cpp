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

std::uint32_t TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                    std::uint32_t first_position,
                                    const std::function<void(const Token&)>& sink,
                                    const std::function<bool(std::size_t, std::size_t)>& deep) {
  Stemmer* stemmer = stemmer_for(lang);
  std::uint32_t position = first_position;
  Token token;
  std::string word;
  std::string word_stem;
  std::string folded;
  std::vector<std::string> part_stems;
  tokenizer_.for_each_word(text, [&](std::size_t begin, std::size_t end) {
    normalizer_.normalize(text.substr(begin, end - begin), word);
    if (word.empty() || word.size() > kMaxTermBytes) return;
    const bool full = !deep || deep(begin, end);
    word_stem.assign(stemmer != nullptr && full ? stemmer->stem(word) : std::string_view());
    token.term = word;
    token.stem = word_stem;
    token.begin = begin;
    token.end = end;
    token.position = position++;
    token.same_position = false;
    token.kind = TokenKind::word;
    sink(token);
    // Further tokens at the same position reuse `token`: offsets and
    // position stay those of the word.
    token.same_position = true;
    if (!full) return;
    if (fold(word, lang, folded)) {
      const std::string_view folded_stem = stemmer != nullptr ? stemmer->stem(folded) : folded;
      if (folded_stem != word_stem) {
        token.stem.assign(folded_stem);
        token.term = folded;
        token.kind = TokenKind::variant;
        sink(token);
      }
    }
    part_stems.clear();
    for (const std::string& part : compound_parts(word, lang)) {
      const std::string_view part_stem = stemmer != nullptr ? stemmer->stem(part) : part;
      // Readings of one compound share parts ("strasse", "strassen"): one
      // token per stem, and none repeating the word's own stem.
      if (part_stem == word_stem ||
          std::find(part_stems.begin(), part_stems.end(), part_stem) != part_stems.end()) {
        continue;
      }
      part_stems.emplace_back(part_stem);
      token.term = part;
      token.stem.assign(part_stem);
      token.kind = TokenKind::compound_part;
      sink(token);
    }
  });
  return position;
}

std::vector<Token> TextAnalyzer::analyze(std::string_view text, std::string_view lang) {
  std::vector<Token> tokens;
  analyze(text, lang, 1, [&](const Token& token) { tokens.push_back(token); });
  return tokens;
}

}  // namespace archivar::analysis
