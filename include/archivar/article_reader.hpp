// ArticleReader: reads articles from files the way `archivar index` does.
//
// Formats, chosen by file name:
//   *.jsonl, *.ndjson, *.json (one JSON object per line), each optionally
//   gzip-compressed (*.gz): fields id (required, string or integer), title,
//   body, url, date (ISO 8601: YYYY-MM-DD, optionally with a time part),
//   lang, author, tags (array of strings or one string), source; unknown
//   fields are ignored, null means absent.
//   *.html, *.htm (optionally *.gz): one HTML page, one article; the id is the
//   file name without extension. Text comes from the <article>, <main> or
//   <body> without scripts, styles, navigation, header, footer, asides,
//   forms and comments; title from og:title, <title> or the first <h1>;
//   lang from <html lang>; date from article:published_time, <meta
//   name="date"> or <time datetime>; url from <link rel="canonical">;
//   author from <meta name="author">. Broken markup is parsed leniently
//   (HTML5 rules); a page without text is a Rejection.
//   anything else: a plain-text file holding one article, the first line is
//   the title, the rest the body; the id is the file name without extension.
//
// A bad record (not JSON, no id, a field of the wrong type, invalid UTF-8,
// a bad date, a line over the size limit) is reported as a Rejection and
// skipped; reading goes on with the next line. A file that cannot be read at
// all, or a gzip stream that ends early, throws InputError naming the file
// (and line).
//
// Cost: streams the file; memory is bounded by the longest line.
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "archivar/article.hpp"
#include "archivar/export.hpp"

namespace archivar {

// Why a record was skipped, and where it is.
// ARCHIVAR_EXPORT: message() is defined in the library.
struct ARCHIVAR_EXPORT Rejection {
  std::string file;        // path as given to the reader
  std::uint64_t line = 0;  // 1-based line number of the bad line (1 for an empty file)
  std::string field;       // offending field ("id", "date", ...), empty if the whole line is bad
  std::string reason;      // human-readable cause

  // "file:line: field 'date': reason" (the field part only when known).
  [[nodiscard]] std::string message() const;
};

struct ArticleReaderOptions {
  std::size_t max_line_bytes = 64u << 20;  // longer lines are rejected, not read into memory
};

class ARCHIVAR_EXPORT ArticleReader {
 public:
  enum class Status { article, rejected, end };

  // Opens `file`; throws InputError if it cannot be opened.
  explicit ArticleReader(const std::filesystem::path& file, ArticleReaderOptions options = {});
  ~ArticleReader();
  ArticleReader(const ArticleReader&) = delete;
  ArticleReader& operator=(const ArticleReader&) = delete;
  ArticleReader(ArticleReader&&) noexcept;
  ArticleReader& operator=(ArticleReader&&) noexcept;

  // Reads the next record. On Status::article `article` holds it, on
  // Status::rejected `rejection` says why; Status::end means the file is done.
  // Throws InputError if the file breaks mid-way (I/O error, truncated gzip).
  Status next(Article& article, Rejection& rejection);

  // Number of the line last read (1-based; 0 before the first).
  [[nodiscard]] std::uint64_t line() const noexcept;

  // Bytes of the file consumed so far (of the compressed file for gzip;
  // read ahead in 256 KiB blocks): compare with the file size for progress.
  [[nodiscard]] std::uint64_t bytes_read() const noexcept;

  // True for names ArticleReader reads as JSON Lines (see above).
  [[nodiscard]] static bool is_json_lines(const std::filesystem::path& file);

  // True for names ArticleReader reads as one HTML page (see above).
  [[nodiscard]] static bool is_html(const std::filesystem::path& file);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace archivar
