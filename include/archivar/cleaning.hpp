// CleaningOptions: how article text is cleaned before analysis.
//
// Cleaning changes only what the index's terms come from; the stored article
// (Searcher::get, hit titles) keeps the text exactly as given. Cleaning is
// applied on every Index::add and is not recorded in the index: articles
// added with different options sit side by side, and queries are unaffected.
#pragma once

#include <string>
#include <vector>

namespace archivar {

struct CleaningOptions {
  // false: analyze title and body exactly as given (no rule below applies).
  bool enabled = true;
  // "Klick- durch" → "Klick-durch", "Stadtar-\nchiv" → "Stadtarchiv"; suspended
  // hyphens stay ("Ein- und Ausgang").
  bool rejoin_broken_words = true;
  // "Web 2. 0" → "Web 2.0", only right after a word of version_words.
  bool join_version_numbers = true;
  // A body line seen before in the body (compared with whitespace
  // collapsed) is analyzed once.
  bool drop_repeated_paragraphs = true;
  // Also drop a body line that repeats the title. Off by default: a body
  // opening with its headline is common, and counting the headline words
  // there too ranks better (en_cran nDCG@10 0.363 → 0.355 with it on).
  bool drop_title_repeat = false;
  // Body lines starting with one of these (case-insensitive, after leading
  // blanks; a prefix ending in a letter must end a word there) are not
  // analyzed.
  std::vector<std::string> boilerplate_prefixes = {
      "Related:",          "Read more:",      "See also:",
      "Lesen Sie auch:",   "Lesen Sie mehr:", "Mehr zum Thema",
      "Auch interessant:", "Weiterlesen:",    "Das könnte Sie auch interessieren:"};
  // Words after which "N. M" (one or two digits each) is a broken version
  // number ("Web 2. 0", "Industrie 4. 0"); compared case-insensitively (ASCII).
  std::vector<std::string> version_words = {
      "web", "industrie", "industry", "arbeit",  "version", "release", "html", "http",
      "usb", "bluetooth", "windows",  "android", "ios",     "python",  "php"};
};

}  // namespace archivar
