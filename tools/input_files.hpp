// Which files does `archivar index` read, and what id and url does a file
// that holds one article (HTML page, plain text) get?
//
// A file named on the command line is read as given; a folder is expanded
// recursively (sorted, hidden files skipped) so runs are reproducible.
// A one-article file's id is its path without extension relative to the id
// root: `root` when given and the file lies under it, else the folder it was
// found in, else (a file named directly) just its name. So pages with the
// same name in different folders (de/text/a.html, en-US/text/a.html) keep
// different ids. With a `url_prefix`, such an article without a url of its
// own gets url_prefix + its relative path (with extension).
// JSON Lines files carry their own ids; neither applies to them.
//
// Cost: one directory walk per folder. Thread-safety: pure functions.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace archivar::cli {

struct InputFile {
  std::filesystem::path path;
  std::string id;   // for one-article files; empty: keep what the reader set
  std::string url;  // for one-article files without a url; empty: none
};

// Expands `inputs` (files and folders) into files with their ids and urls.
// A missing file is kept; it fails when it is opened, with its name.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs,
                                     const std::filesystem::path& root,
                                     const std::string& url_prefix);

}  // namespace archivar::cli
