// libFuzzer target: the analysis chain (archivar::Analyzer: ICU word
// breaking, NFKC case folding, Snowball stemming, CLD2 detection) on any
// bytes. The first input byte picks the language. Contract checked: never
// throws, never crashes; tokens lie inside the text in order, with
// non-empty terms and positions that never go back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "archivar/analyzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static archivar::Analyzer analyzer;  // one per process: it keeps ICU/Snowball state
  static constexpr std::string_view kLanguages[] = {"de", "en", "", "fr", "xx"};
  if (size == 0) return 0;
  const std::string_view lang = kLanguages[data[0] % 5];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto tokens = analyzer.analyze(text, lang);
  std::uint32_t position = 0;
  for (const archivar::Token& token : tokens) {
    if (token.term.empty() || token.begin >= token.end || token.end > text.size()) std::abort();
    if (token.position < position || token.position == 0) std::abort();
    position = token.position;
  }
  (void)analyzer.detect_language(text);
  return 0;
}
