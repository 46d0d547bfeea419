#include "analysis/text_analyzer.hpp"

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

std::uint32_t TextAnalyzer::analyze(std::string_view text, std::string_view lang,
                                    std::uint32_t first_position,
                                    const std::function<void(const Token&)>& sink) {
  Stemmer* stemmer = stemmer_for(lang);
  std::uint32_t position = first_position;
  Token token;
  tokenizer_.for_each_word(text, [&](std::size_t begin, std::size_t end) {
    normalizer_.normalize(text.substr(begin, end - begin), token.term);
    if (token.term.empty() || token.term.size() > kMaxTermBytes) return;
    if (stemmer != nullptr) {
      token.stem.assign(stemmer->stem(token.term));
    } else {
      token.stem.clear();
    }
    token.begin = begin;
    token.end = end;
    token.position = position++;
    token.same_position = false;
    sink(token);
  });
  return position;
}

std::vector<Token> TextAnalyzer::analyze(std::string_view text, std::string_view lang) {
  std::vector<Token> tokens;
  analyze(text, lang, 1, [&](const Token& token) { tokens.push_back(token); });
  return tokens;
}

}  // namespace archivar::analysis
