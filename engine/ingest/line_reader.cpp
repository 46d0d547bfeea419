#include "ingest/line_reader.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <string_view>
#include <system_error>

#include "archivar/errors.hpp"

namespace archivar::ingest {
namespace {

constexpr unsigned kZlibBufferBytes = 256u * 1024u;  // zlib's input buffer (output is twice that)
constexpr std::size_t kChunkBytes = 64u * 1024u;     // bytes asked of one gzgets() call

gzFile as_gz(void* handle) noexcept { return static_cast<gzFile>(handle); }

// Builds "path:line: reason".
InputError error_at(const std::string& path, std::uint64_t line, std::string_view reason) {
  std::string message = path;
  message += ':';
  message += std::to_string(line);
  message += ": ";
  message += reason;
  return InputError(message);
}

// zlib's error text is "path: reason"; returns the reason.
std::string_view zlib_reason(const char* text, const std::string& path) {
  std::string_view reason = text != nullptr ? text : "";
  if (reason.size() > path.size() + 2 && reason.substr(0, path.size()) == path &&
      reason.substr(path.size(), 2) == ": ") {
    reason.remove_prefix(path.size() + 2);
  }
  return reason.empty() ? std::string_view("zlib error") : reason;
}

// Throws if zlib reports a hard error (I/O error, corrupt data, out of memory).
// Z_BUF_ERROR ("unexpected end of file") is a truncated stream; zlib still
// hands out what it decompressed before it, so that is checked only once the
// data is used up (check_truncated).
void check_hard_error(gzFile gz, const std::string& path, std::uint64_t line) {
  int code = Z_OK;
  const char* text = gzerror(gz, &code);
  if (code == Z_OK || code == Z_BUF_ERROR) return;
  const std::string_view reason = zlib_reason(text, path);
  if (code == Z_ERRNO) throw error_at(path, line, "read error: " + std::string(reason));
  throw error_at(path, line, "cannot decompress: " + std::string(reason));
}

// Called when no more data comes: throws if the gzip stream ended early.
void check_truncated(gzFile gz, const std::string& path, std::uint64_t line) {
  int code = Z_OK;
  gzerror(gz, &code);
  if (code == Z_BUF_ERROR) {
    throw error_at(path, line, "truncated gzip stream (unexpected end of file)");
  }
  check_hard_error(gz, path, line);
}

// One gzgets() call into `dest` (capacity `room` + 1 for zlib's NUL).
// Returns the number of bytes read; gztell() counts them exactly, so NUL
// bytes inside the line do not cut it short. `newline` tells whether the
// chunk ends the line.
std::size_t read_chunk(gzFile gz, char* dest, std::size_t room, bool& newline) {
  const z_off_t before = gztell(gz);
  const char* got = gzgets(gz, dest, static_cast<int>(room + 1));
  newline = false;
  if (got == nullptr) return 0;
  const z_off_t after = gztell(gz);
  const auto count = static_cast<std::size_t>(after >= before ? after - before : 0);
  newline = count > 0 && dest[count - 1] == '\n';
  return count;
}

}  // namespace

LineReader::LineReader(const std::filesystem::path& file, std::size_t max_line_bytes)
    : path_(file.string()), max_line_bytes_(max_line_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError(path_ + ": cannot open: is a directory");
  }
  errno = 0;
  gzFile gz = gzopen(path_.c_str(), "rb");
  if (gz == nullptr) {
    const int saved = errno;
    throw InputError(path_ + ": cannot open: " +
                     (saved != 0 ? std::generic_category().message(saved) : "out of memory"));
  }
  gzbuffer(gz, kZlibBufferBytes);
  gz_ = gz;
}

std::uint64_t LineReader::file_offset() const noexcept {
  if (gz_ == nullptr) return 0;
  const z_off_t offset = gzoffset(as_gz(gz_));
  return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
}

LineReader::~LineReader() {
  if (gz_ != nullptr) gzclose_r(as_gz(gz_));
}

LineReader::Status LineReader::next(std::string& line) {
  gzFile gz = as_gz(gz_);
  line.clear();
  // Hold at most max_line_bytes_ of content plus "\r\n"; anything longer is
  // over the limit whatever follows.
  const std::size_t keep_limit = max_line_bytes_ > SIZE_MAX - 2 ? SIZE_MAX : max_line_bytes_ + 2;
  const std::uint64_t number = line_number_ + 1;

  bool newline = false;
  bool overflow = false;
  while (true) {
    const std::size_t room = std::min(kChunkBytes, keep_limit - line.size());
    if (room == 0) {
      overflow = true;
      break;
    }
    const std::size_t old_size = line.size();
    line.resize(old_size + room + 1);
    const std::size_t count = read_chunk(gz, line.data() + old_size, room, newline);
    line.resize(old_size + count);
    check_hard_error(gz, path_, number);
    if (newline) break;
    if (count < room) {  // no more data
      check_truncated(gz, path_, number);
      if (line.empty()) return Status::end;
      break;  // a final line without '\n'
    }
  }

  if (overflow) {
    // Skip the rest of the line without keeping it.
    line.clear();
    line.shrink_to_fit();
    std::array<char, 16u * 1024u> scratch{};
    while (true) {
      const std::size_t room = scratch.size() - 1;
      const std::size_t count = read_chunk(gz, scratch.data(), room, newline);
      check_hard_error(gz, path_, number);
      if (newline) break;
      if (count < room) {
        check_truncated(gz, path_, number);
        break;
      }
    }
    line_number_ = number;
    return Status::too_long;
  }

  line_number_ = number;
  if (!line.empty() && line.back() == '\n') line.pop_back();
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > max_line_bytes_) {
    line.clear();
    return Status::too_long;
  }
  return Status::line;
}

}  // namespace archivar::ingest
