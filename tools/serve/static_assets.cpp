#include "serve/static_assets.hpp"

extern "C" const char archivar_web_index_html_begin[];
extern "C" const char archivar_web_index_html_end[];
extern "C" const char archivar_web_app_js_begin[];
extern "C" const char archivar_web_app_js_end[];
extern "C" const char archivar_web_style_css_begin[];
extern "C" const char archivar_web_style_css_end[];

namespace archivar::serve {

namespace {

std::string_view between(const char* begin, const char* end) {
  return {begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace

const StaticAsset (&static_assets())[3] {
  static const StaticAsset assets[3] = {
      {"/", "text/html; charset=utf-8",
       between(archivar_web_index_html_begin, archivar_web_index_html_end)},
      {"/app.js", "text/javascript; charset=utf-8",
       between(archivar_web_app_js_begin, archivar_web_app_js_end)},
      {"/style.css", "text/css; charset=utf-8",
       between(archivar_web_style_css_begin, archivar_web_style_css_end)},
  };
  return assets;
}

}  // namespace archivar::serve
