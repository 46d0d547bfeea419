// The search page's files, embedded at build time (web_assets.S): the server
// answers "/", "/app.js" and "/style.css" from memory and never reads a path
// a client names.
#pragma once

#include <string_view>

namespace archivar::serve {

struct StaticAsset {
  std::string_view path;          // request path, e.g. "/app.js"
  std::string_view content_type;  // with charset
  std::string_view content;
};

// The embedded files; the list is fixed at build time.
[[nodiscard]] const StaticAsset (&static_assets())[3];

}  // namespace archivar::serve
