// Reads lines from a plain or gzip-compressed file (zlib detects which).
//
// Cost: streaming, 256 KiB zlib buffer; memory bounded by max_line_bytes.
// Thread-safety: one reader per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace archivar::ingest {

class LineReader {
 public:
  enum class Status { line, too_long, end };

  // Throws InputError naming the file if it cannot be opened.
  LineReader(const std::filesystem::path& file, std::size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line without its '\n' (and '\r'). Status::too_long means
  // the line exceeded max_line_bytes; it was skipped and `line` is empty.
  // Throws InputError "file:line: ..." on a read error or a truncated gzip
  // stream. A final line without '\n' is returned as a line.
  Status next(std::string& line);

  [[nodiscard]] std::uint64_t line_number() const noexcept { return line_number_; }

  // Bytes of the file (compressed, for gzip) consumed so far: for progress.
  [[nodiscard]] std::uint64_t file_offset() const noexcept;

 private:
  void* gz_ = nullptr;  // gzFile; void* keeps zlib.h out of this header
  std::string path_;
  std::size_t max_line_bytes_;
  std::uint64_t line_number_ = 0;
};

}  // namespace archivar::ingest
