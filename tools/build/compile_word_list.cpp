// Build step: compile_word_list RAW_LIST OUTPUT. Writes the sorted,
// normalized word list (see engine/analysis/word_list_compiler.hpp) that
// CMake embeds into the library; an unreadable input or output fails the
// build with a message naming the file.
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>

#include "analysis/word_list_compiler.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: compile_word_list RAW_LIST OUTPUT\n");
    return 2;
  }
  try {
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "compile_word_list: cannot read %s\n", argv[1]);
      return 1;
    }
    const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string compiled = archivar::analysis::compile_word_list(raw);
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out.write(compiled.data(), static_cast<std::streamsize>(compiled.size()));
    out.close();
    if (!out) {
      std::fprintf(stderr, "compile_word_list: cannot write %s\n", argv[2]);
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compile_word_list: %s\n", e.what());
    return 1;
  }
  return 0;
}
