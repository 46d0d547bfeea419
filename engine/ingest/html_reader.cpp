#include "ingest/html_reader.hpp"

#include <gumbo.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "ingest/ascii_case.hpp"
#include "ingest/json_record.hpp"
#include "ingest/utf8_check.hpp"

namespace archivar::ingest {

namespace {

// Elements whose content is never article text.
bool is_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_CANVAS:
      return true;
    default:
      return false;
  }
}

// 2: the element is a paragraph of its own (blank line around it);
// 1: it starts a new line; 0: inline.
int block_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
      return 2;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER:
      return 1;
    default:
      return 0;
  }
}

// Collects text: whitespace collapsed, line and paragraph breaks on demand.
class TextSink {
 public:
  void text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n' && preformatted_ > 0) {
        line_break(1);
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        space();
      } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {  // U+00A0
        space();
        ++i;
      } else {
        put(c);
      }
    }
  }
  void space() { pending_space_ = true; }
  void line_break(int level) { pending_break_ = std::max(pending_break_, level); }
  void enter_pre() { ++preformatted_; }
  void leave_pre() { --preformatted_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  void put(char c) {
    if (!out_.empty()) {
      if (pending_break_ > 0) {
        out_ += pending_break_ == 2 ? "\n\n" : "\n";
      } else if (pending_space_) {
        out_ += ' ';
      }
    }
    pending_break_ = 0;
    pending_space_ = false;
    out_ += c;
  }

  std::string out_;
  bool pending_space_ = false;
  int pending_break_ = 0;
  int preformatted_ = 0;
};

// An element with the `hidden` attribute. Its text is kept (pages show
// such alternatives with scripts: help pages hold "Ctrl" for Windows and
// Linux and "Command" for macOS side by side, one shown at a time, and
// module-specific sections) but set apart by spaces, so adjacent
// alternatives do not glue into one word ("CommandCtrl").
bool is_hidden(const GumboNode* node) {
  return gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr;
}

std::string_view node_text(const GumboNode* node) {
  return node->v.text.text != nullptr ? std::string_view(node->v.text.text) : std::string_view();
}

// The text under `root`, per the rules in the header; iterative.
std::string extract_text(const GumboNode* root) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  TextSink sink;
  std::vector<Frame> stack;
  auto enter = [&](const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return;  // templates and others: dropped
    const GumboTag tag = node->v.element.tag;
    if (is_dropped(tag)) return;
    if (const int level = block_level(tag); level > 0) sink.line_break(level);
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || is_hidden(node)) sink.space();
    if (tag == GUMBO_TAG_PRE) sink.enter_pre();
    stack.push_back({node, 0});
  };
  enter(root);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboVector& children = frame.node->v.element.children;
    if (frame.next_child < children.length) {
      const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          sink.text(node_text(child));
          break;
        case GUMBO_NODE_ELEMENT:
          enter(child);  // may reallocate the stack: `frame` is not used after this
          break;
        default:  // comments, templates
          break;
      }
      continue;
    }
    const GumboTag tag = frame.node->v.element.tag;
    if (const int level = block_level(tag); level > 0) sink.line_break(level);
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || is_hidden(frame.node)) sink.space();
    if (tag == GUMBO_TAG_PRE) sink.leave_pre();
    stack.pop_back();
  }
  return sink.take();
}

std::string_view attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&node->v.element.attributes, name);
  return found != nullptr && found->value != nullptr ? std::string_view(found->value)
                                                     : std::string_view();
}

std::string trimmed(std::string_view text) {
  TextSink sink;
  sink.text(text);
  return sink.take();
}

// "de-DE", "de_DE", "DE" → "de"; empty when it is not a 2–3 letter code.
std::string language_code(std::string_view tag) {
  std::string code;
  for (char c : trimmed(tag)) {
    if (c == '-' || c == '_') break;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return {};
    code.push_back(c);
  }
  if (code.size() < 2 || code.size() > 3) return {};
  return ascii_lower(code);
}

bool has_token(std::string_view list, std::string_view token) {
  const std::string lower = ascii_lower(list);
  std::size_t begin = 0;
  while (begin < lower.size()) {
    std::size_t end = lower.find_first_of(" \t\n\r\f", begin);
    if (end == std::string::npos) end = lower.size();
    if (std::string_view(lower).substr(begin, end - begin) == token) return true;
    begin = end + 1;
  }
  return false;
}

// What the metadata walk finds, first occurrence of each.
struct PageFacts {
  std::string html_lang;
  std::string title;                                      // <title>
  std::string h1;                                         // first <h1>
  std::string time_datetime;                              // first <time datetime>
  std::string canonical;                                  // <link rel=canonical href>
  std::vector<std::pair<std::string, std::string>> meta;  // key (lower case) → content
  const GumboNode* body = nullptr;
  const GumboNode* main = nullptr;
  std::vector<const GumboNode*> articles;

  [[nodiscard]] std::string meta_value(std::string_view key) const {
    for (const auto& [name, content] : meta) {
      if (name == key && !content.empty()) return content;
    }
    return {};
  }
};

void record_meta(const GumboNode* node, PageFacts& facts) {
  const std::string content = trimmed(attribute(node, "content"));
  for (const char* key_attribute : {"property", "name", "itemprop", "http-equiv"}) {
    const std::string_view key = attribute(node, key_attribute);
    if (!key.empty()) facts.meta.emplace_back(ascii_lower(trimmed(key)), content);
  }
}

PageFacts collect_facts(const GumboOutput* output) {
  PageFacts facts;
  const GumboNode* root = output->root;
  if (root->type == GUMBO_NODE_ELEMENT) {
    facts.html_lang = std::string(attribute(root, "lang"));
    if (facts.html_lang.empty()) facts.html_lang = std::string(attribute(root, "xml:lang"));
  }
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = node->v.element;
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) continue;  // <title> inside <svg>
    switch (element.tag) {
      case GUMBO_TAG_TITLE:
        if (facts.title.empty()) facts.title = extract_text(node);
        break;
      case GUMBO_TAG_META:
        record_meta(node, facts);
        break;
      case GUMBO_TAG_LINK:
        if (facts.canonical.empty() && has_token(attribute(node, "rel"), "canonical")) {
          facts.canonical = trimmed(attribute(node, "href"));
        }
        break;
      case GUMBO_TAG_TIME:
        if (facts.time_datetime.empty()) facts.time_datetime = trimmed(attribute(node, "datetime"));
        break;
      case GUMBO_TAG_H1:
        if (facts.h1.empty()) facts.h1 = trimmed(extract_text(node));
        break;
      case GUMBO_TAG_BODY:
        if (facts.body == nullptr) facts.body = node;
        break;
      case GUMBO_TAG_MAIN:
        if (facts.main == nullptr) facts.main = node;
        break;
      case GUMBO_TAG_ARTICLE:
        facts.articles.push_back(node);
        break;
      default:
        break;
    }
    for (unsigned i = element.children.length; i > 0; --i) {  // document order
      stack.push_back(static_cast<const GumboNode*>(element.children.data[i - 1]));
    }
  }
  return facts;
}

// windows-1252 → UTF-8 with ICU; empty if the conversion fails.
std::string from_windows_1252(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() / 3))
    return {};
  std::string out(text.size() * 3, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const std::int32_t length =
      ucnv_convert("UTF-8", "windows-1252", out.data(), static_cast<std::int32_t>(out.size()),
                   text.data(), static_cast<std::int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<std::size_t>(length));
  return out;
}

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

}  // namespace

bool parse_html(std::string_view html, Article& article, std::string& reason) {
  std::string converted;
  if (!is_valid_utf8(html)) {
    converted = from_windows_1252(html);
    if (!converted.empty()) html = converted;  // else gumbo replaces bad bytes with U+FFFD
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;  // a very broken page must not fill memory with parse errors
  const std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!output) {
    reason = "the HTML parser failed";
    return false;
  }
  const PageFacts facts = collect_facts(output.get());

  Article result;
  // The text: the largest <article> when it holds a fair share of the page,
  // else <main>, else <body>.
  const GumboNode* body = facts.body != nullptr ? facts.body : output->root;
  std::string text = extract_text(facts.main != nullptr ? facts.main : body);
  if (facts.main == nullptr) {
    std::string best;
    for (const GumboNode* candidate : facts.articles) {
      std::string candidate_text = extract_text(candidate);
      if (candidate_text.size() > best.size()) best = std::move(candidate_text);
    }
    if (best.size() * 4 >= text.size()) text = std::move(best);
  }
  if (text.empty()) {
    reason = "no text in the HTML page";
    return false;
  }
  result.body = std::move(text);

  result.title = trimmed(facts.meta_value("og:title"));
  if (result.title.empty()) result.title = trimmed(facts.meta_value("twitter:title"));
  if (result.title.empty()) result.title = trimmed(facts.title);
  if (result.title.empty()) result.title = facts.h1;

  result.lang = language_code(facts.html_lang);
  if (result.lang.empty()) result.lang = language_code(facts.meta_value("content-language"));
  if (result.lang.empty()) result.lang = language_code(facts.meta_value("og:locale"));

  for (const std::string& candidate :
       {facts.meta_value("article:published_time"), facts.meta_value("date"),
        facts.meta_value("dc.date.issued"), facts.meta_value("dc.date"),
        facts.meta_value("datepublished"), facts.time_datetime}) {
    if (!candidate.empty() && normalize_iso_date(candidate, result.date)) break;
    result.date.clear();
  }

  result.url = facts.canonical.empty() ? facts.meta_value("og:url") : facts.canonical;
  result.author = facts.meta_value("author");
  if (result.author.empty()) {
    const std::string article_author = facts.meta_value("article:author");
    if (!article_author.starts_with("http")) result.author = article_author;
  }
  result.source = facts.meta_value("og:site_name");
  auto add_tag = [&](std::string_view tag) {
    std::string clean = trimmed(tag);
    if (!clean.empty() &&
        std::find(result.tags.begin(), result.tags.end(), clean) == result.tags.end()) {
      result.tags.push_back(std::move(clean));
    }
  };
  for (const auto& [name, content] : facts.meta) {
    if (name == "article:tag") add_tag(content);
    if (name == "keywords") {
      std::size_t begin = 0;
      while (begin <= content.size()) {
        std::size_t end = content.find(',', begin);
        if (end == std::string::npos) end = content.size();
        add_tag(std::string_view(content).substr(begin, end - begin));
        begin = end + 1;
      }
    }
  }
  // Gumbo decodes character references itself and can emit ill-formed
  // UTF-8 for out-of-range ones (`&#x88888888;` gives a lone 0x88 byte).
  for (std::string* field :
       {&result.body, &result.title, &result.lang, &result.url, &result.author, &result.source}) {
    *field = with_valid_utf8(*field);
  }
  for (std::string& tag : result.tags) tag = with_valid_utf8(tag);
  article = std::move(result);
  return true;
}

}  // namespace archivar::ingest
