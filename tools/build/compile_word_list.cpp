// Build step: compile_word_list RAW_LIST OUTPUT STARTS_OUTPUT. Writes the
// sorted, normalized word list (see engine/analysis/word_list_compiler.hpp)
// and its entries' byte offsets (compiled_entry_starts: uint32 in this
// machine's byte order, so the build and the library must share one) that
// CMake embeds into the library; an unreadable input or output fails the
// build with a message naming the file.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "analysis/word_list_compiler.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: compile_word_list RAW_LIST OUTPUT STARTS_OUTPUT\n");
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
    const std::vector<std::uint32_t> starts = archivar::analysis::compiled_entry_starts(compiled);
    const auto write = [](const char* path, const char* data, std::size_t size) {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(data, static_cast<std::streamsize>(size));
      out.close();
      if (!out) std::fprintf(stderr, "compile_word_list: cannot write %s\n", path);
      return static_cast<bool>(out);
    };
    if (!write(argv[2], compiled.data(), compiled.size()) ||
        !write(argv[3], reinterpret_cast<const char*>(starts.data()),
               starts.size() * sizeof(std::uint32_t))) {
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compile_word_list: %s\n", e.what());
    return 1;
  }
  return 0;
}
