#include "analysis/analysis_options.hpp"

namespace archivar::analysis {

std::string AnalysisOptions::encode() const {
  std::string text = "fold=";
  text += fold_spellings ? '1' : '0';
  text += ",decompound=";
  text += decompound_german ? '1' : '0';
  return text;
}

AnalysisOptions AnalysisOptions::decode(std::string_view text) {
  AnalysisOptions options;
  options.fold_spellings = false;
  options.decompound_german = false;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item == "fold=1") options.fold_spellings = true;
    if (item == "decompound=1") options.decompound_german = true;
  }
  return options;
}

}  // namespace archivar::analysis
