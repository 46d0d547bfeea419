#include "archivar/article_reader.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "archivar/errors.hpp"
#include "ingest/html_reader.hpp"
#include "ingest/json_record.hpp"
#include "ingest/line_reader.hpp"
#include "ingest/utf8_check.hpp"

namespace archivar {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(),
                    text.end() - static_cast<std::ptrdiff_t>(suffix.size()), [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\f\v");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\f\v") - first + 1);
}

// "a/b/x.txt" → "x", "a/x.txt.gz" → "x": the file name without a ".gz" and
// then without its last extension.
std::string id_from_file_name(const std::filesystem::path& file) {
  std::filesystem::path name = file.filename();
  if (ends_with_ignoring_case(name.string(), ".gz")) name = name.stem();
  std::string id = name.stem().string();
  return id.empty() ? name.string() : id;
}

}  // namespace

std::string Rejection::message() const {
  std::string text = file;
  text += ':';
  text += std::to_string(line);
  text += ": ";
  if (!field.empty()) {
    text += "field '";
    text += field;
    text += "': ";
  }
  text += reason;
  return text;
}

class ArticleReader::Impl {
 public:
  Impl(const std::filesystem::path& file, ArticleReaderOptions options)
      : path_(file.string()),
        id_(id_from_file_name(file)),
        options_(options),
        json_lines_(is_json_lines(file)),
        html_(is_html(file)),
        lines_(file, options.max_line_bytes) {}

  Status next(Article& article, Rejection& rejection) {
    if (done_) return Status::end;
    if (json_lines_) return next_record(article, rejection);
    return html_ ? read_html(article, rejection) : read_text(article, rejection);
  }

  [[nodiscard]] std::uint64_t line() const noexcept { return lines_.line_number(); }
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return lines_.file_offset(); }

 private:
  using LineStatus = ingest::LineReader::Status;

  Status reject(Rejection& rejection, std::uint64_t line, std::string field, std::string reason) {
    rejection = Rejection{path_, line, std::move(field), std::move(reason)};
    return Status::rejected;
  }

  std::string too_long_reason() const {
    return "line longer than " + std::to_string(options_.max_line_bytes) + " bytes";
  }

  // Reads a line; drops a UTF-8 byte order mark at the start of the file.
  LineStatus read_line() {
    const LineStatus status = lines_.next(buffer_);
    if (status == LineStatus::line && lines_.line_number() == 1 && buffer_.starts_with(kUtf8Bom)) {
      buffer_.erase(0, kUtf8Bom.size());
    }
    return status;
  }

  // JSON Lines: one record per non-blank line.
  Status next_record(Article& article, Rejection& rejection) {
    while (true) {
      const LineStatus status = read_line();
      if (status == LineStatus::end) {
        done_ = true;
        return Status::end;
      }
      if (status == LineStatus::too_long) {
        return reject(rejection, lines_.line_number(), "", too_long_reason());
      }
      if (is_blank(buffer_)) continue;
      ingest::RecordError error;
      if (ingest::parse_json_record(buffer_, article, error)) return Status::article;
      return reject(rejection, lines_.line_number(), std::move(error.field),
                    std::move(error.reason));
    }
  }

  // Plain text: the whole file is one article. The first non-blank line is
  // the title, the lines after it the body (blank lines around it dropped,
  // line breaks inside kept). A fault is reported at its own line.
  Status read_text(Article& article, Rejection& rejection) {
    done_ = true;
    Article result;
    result.id = id_;
    bool have_title = false;
    std::size_t body_end = 0;  // body size without trailing blank lines
    while (true) {
      const LineStatus status = read_line();
      if (status == LineStatus::end) break;
      const std::uint64_t number = lines_.line_number();
      if (status == LineStatus::too_long) return reject(rejection, number, "", too_long_reason());
      if (!ingest::is_valid_utf8(buffer_)) {
        return reject(rejection, number, have_title || is_blank(buffer_) ? "body" : "title",
                      "invalid UTF-8");
      }
      if (!have_title) {
        if (is_blank(buffer_)) continue;
        result.title = std::string(trim(buffer_));
        have_title = true;
        continue;
      }
      if (result.body.empty() && is_blank(buffer_)) continue;
      if (!result.body.empty()) result.body += '\n';
      result.body += buffer_;
      if (!is_blank(buffer_)) body_end = result.body.size();
    }
    if (!have_title) return reject(rejection, 1, "", "empty file");
    result.body.resize(body_end);
    article = std::move(result);
    return Status::article;
  }

  // HTML: the whole file is one article (see ingest/html_reader.hpp), at
  // most max_line_bytes long.
  Status read_html(Article& article, Rejection& rejection) {
    done_ = true;
    std::string html;
    while (true) {
      const LineStatus status = read_line();
      if (status == LineStatus::end) break;
      if (status == LineStatus::too_long ||
          html.size() + buffer_.size() > options_.max_line_bytes) {
        return reject(
            rejection, lines_.line_number(), "",
            "HTML file longer than " + std::to_string(options_.max_line_bytes) + " bytes");
      }
      html += buffer_;
      html += '\n';
    }
    std::string reason;
    if (!ingest::parse_html(html, article, reason)) return reject(rejection, 1, "", reason);
    article.id = id_;
    return Status::article;
  }

  std::string path_;
  std::string id_;
  ArticleReaderOptions options_;
  bool json_lines_;
  bool html_;
  bool done_ = false;
  ingest::LineReader lines_;
  std::string buffer_;
};

ArticleReader::ArticleReader(const std::filesystem::path& file, ArticleReaderOptions options)
    : impl_(std::make_unique<Impl>(file, options)) {}

ArticleReader::~ArticleReader() = default;
ArticleReader::ArticleReader(ArticleReader&&) noexcept = default;
ArticleReader& ArticleReader::operator=(ArticleReader&&) noexcept = default;

ArticleReader::Status ArticleReader::next(Article& article, Rejection& rejection) {
  if (!impl_) throw LogicError("ArticleReader::next: reader was moved from");
  return impl_->next(article, rejection);
}

std::uint64_t ArticleReader::line() const noexcept { return impl_ ? impl_->line() : 0; }

std::uint64_t ArticleReader::bytes_read() const noexcept { return impl_ ? impl_->bytes_read() : 0; }

bool ArticleReader::is_json_lines(const std::filesystem::path& file) {
  std::string_view name;
  const std::string file_name = file.filename().string();
  name = file_name;
  if (ends_with_ignoring_case(name, ".gz")) name.remove_suffix(3);
  for (std::string_view extension : {".jsonl", ".ndjson", ".json"}) {
    if (name.size() > extension.size() && ends_with_ignoring_case(name, extension)) return true;
  }
  return false;
}

bool ArticleReader::is_html(const std::filesystem::path& file) {
  const std::string file_name = file.filename().string();
  std::string_view name = file_name;
  if (ends_with_ignoring_case(name, ".gz")) name.remove_suffix(3);
  for (std::string_view extension : {".html", ".htm"}) {
    if (name.size() > extension.size() && ends_with_ignoring_case(name, extension)) return true;
  }
  return false;
}

}  // namespace archivar
