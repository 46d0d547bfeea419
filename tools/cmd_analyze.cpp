// archivar analyze: the token stream the index and queries see, for debugging.
#include <cstdio>
#include <iostream>

#include "archivar/analyzer.hpp"
#include "command.hpp"

namespace archivar::cli {

int run_analyze(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string lang;
  options.add_options()("lang", po::value(&lang), "language (de, en, ...); detected when omitted")(
      "text", po::value<std::vector<std::string>>()->required(), "the text (words are joined)");
  po::positional_options_description positional;
  positional.add("text", -1);
  po::variables_map vm;
  if (!parse_options("analyze", "[--lang L] TEXT", args, options, positional, vm)) return kOk;
  std::string text;
  for (const std::string& part : vm["text"].as<std::vector<std::string>>()) {
    if (!text.empty()) text += ' ';
    text += part;
  }
  Analyzer analyzer;
  if (lang.empty()) {
    lang = analyzer.detect_language(text);
    std::printf("language: %s (detected)\n", lang.empty() ? "unknown" : lang.c_str());
  } else {
    std::printf("language: %s\n", lang.c_str());
  }
  std::printf("%4s  %-24s %-20s %s\n", "pos", "term", "stem", "bytes  original");
  for (const Token& token : analyzer.analyze(text, lang)) {
    const std::string original = text.substr(token.begin, token.end - token.begin);
    std::printf("%4u%s %-24s %-20s %zu-%zu  %s\n", token.position, token.same_position ? "=" : " ",
                token.term.c_str(), token.stem.c_str(), token.begin, token.end, original.c_str());
  }
  return kOk;
}

}  // namespace archivar::cli
