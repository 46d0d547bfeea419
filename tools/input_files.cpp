#include "input_files.hpp"

#include <algorithm>
#include <system_error>

#include "archivar/article_reader.hpp"

namespace archivar::cli {

namespace {

// `path` relative to `base` when it lies under it (no "..": a path outside
// is not under it); empty otherwise.
std::filesystem::path relative_under(const std::filesystem::path& path,
                                     const std::filesystem::path& base) {
  if (base.empty()) return {};
  std::error_code ec;
  const std::filesystem::path relative = std::filesystem::relative(
      std::filesystem::absolute(path, ec), std::filesystem::absolute(base, ec), ec);
  if (ec || relative.empty() || *relative.begin() == "..") return {};
  return relative;
}

// "de/text/a.html" → "de/text/a", "b.html.gz" → "b", like the reader's own
// id (a ".gz", then one extension dropped; a name that is all extension,
// ".txt", kept). Always '/' separators.
std::string id_from(const std::filesystem::path& relative) {
  std::filesystem::path without = relative;
  std::string extension = without.extension().string();
  for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (extension == ".gz") without.replace_extension();
  if (!without.stem().empty()) without.replace_extension();
  return without.empty() ? relative.generic_string() : without.generic_string();
}

InputFile describe(const std::filesystem::path& file, const std::filesystem::path& found_in,
                   const std::filesystem::path& root, const std::string& url_prefix) {
  InputFile input{file, {}, {}};
  if (ArticleReader::is_json_lines(file)) return input;
  std::filesystem::path relative = relative_under(file, root);
  if (relative.empty()) relative = relative_under(file, found_in);
  if (relative.empty()) relative = file.filename();
  input.id = id_from(relative);
  if (!url_prefix.empty()) input.url = url_prefix + relative.generic_string();
  return input;
}

}  // namespace

std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs,
                                     const std::filesystem::path& root,
                                     const std::string& url_prefix) {
  std::vector<InputFile> files;
  for (const std::string& input : inputs) {
    const std::filesystem::path path(input);
    if (!std::filesystem::is_directory(path)) {
      files.push_back(describe(path, {}, root, url_prefix));
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && !name.empty() && name[0] != '.') found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    for (const auto& file : found) files.push_back(describe(file, path, root, url_prefix));
  }
  return files;
}

}  // namespace archivar::cli
