// Public Analyzer: a pimpl handle over analysis::TextAnalyzer.
#include "archivar/analyzer.hpp"

#include "analysis/language_detector.hpp"
#include "analysis/text_analyzer.hpp"

namespace archivar {

class Analyzer::Impl {
 public:
  analysis::TextAnalyzer analyzer;
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::analyze(std::string_view text, std::string_view lang) {
  return impl_->analyzer.analyze(text, lang);
}

std::string Analyzer::detect_language(std::string_view text) const {
  return analysis::detect_language(text);
}

}  // namespace archivar
