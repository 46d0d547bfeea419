#include "analysis/word_list_compiler.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "analysis/normalizer.hpp"

namespace archivar::analysis {

namespace {

// The first code point of `line` is an upper-case letter (ASCII, or Ä Ö Ü).
bool starts_upper(std::string_view line) {
  if (line.empty()) return false;
  const auto c = static_cast<unsigned char>(line[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return line.starts_with("\xC3\x84") || line.starts_with("\xC3\x96") ||
         line.starts_with("\xC3\x9C");
}

// An acronym: at least two ASCII capitals and no lower-case ASCII letter.
bool is_acronym(std::string_view line) {
  std::size_t capitals = 0;
  for (const char c : line) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++capitals;
  }
  return capitals >= 2;
}

constexpr unsigned char kNoun = 1;
constexpr unsigned char kLower = 2;

}  // namespace

std::string compile_word_list(std::string_view raw_list) {
  const Normalizer normalizer;
  std::vector<std::pair<std::string, unsigned char>> entries;
  entries.reserve(raw_list.size() / 12);
  std::string word;
  for (std::size_t start = 0; start < raw_list.size();) {
    std::size_t stop = raw_list.find('\n', start);
    if (stop == std::string_view::npos) stop = raw_list.size();
    std::string_view line = raw_list.substr(start, stop - start);
    start = stop + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() < 3) continue;
    if (is_acronym(line)) continue;
    normalizer.normalize(line, word);
    // A word that normalizes to something with a separator would break the
    // line format; no Debian list has one, but skip rather than corrupt.
    if (word.empty() || word.find_first_of("\t\n") != std::string::npos) continue;
    entries.emplace_back(word, starts_upper(line) ? kNoun : kLower);
  }
  return compile_entries(std::move(entries));
}

std::string compile_entries(std::vector<std::pair<std::string, unsigned char>> entries) {
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (std::size_t i = 0; i < entries.size();) {
    unsigned char kinds = 0;
    std::size_t j = i;
    for (; j < entries.size() && entries[j].first == entries[i].first; ++j) {
      kinds |= entries[j].second;
    }
    out += entries[i].first;
    out += '\t';
    out += static_cast<char>('0' + kinds);
    out += '\n';
    i = j;
  }
  return out;
}

std::vector<std::uint32_t> compiled_entry_starts(std::string_view compiled) {
  if (compiled.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("compiled word list beyond 4 GiB");
  }
  std::vector<std::uint32_t> starts;
  for (std::size_t start = 0; start < compiled.size();) {
    starts.push_back(static_cast<std::uint32_t>(start));
    const std::size_t stop = compiled.find('\n', start);
    start = stop == std::string_view::npos ? compiled.size() : stop + 1;
  }
  starts.push_back(static_cast<std::uint32_t>(compiled.size()));
  return starts;
}

}  // namespace archivar::analysis
