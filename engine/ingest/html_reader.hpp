// One HTML page → Article, with Google's gumbo HTML5 parser (lenient like a
// browser: broken markup still gives a tree).
//
// Text: the largest <article> element, else <main>, else <body>; script,
// style, nav, header, footer, aside, noscript, form, template, iframe, svg,
// button, select and comments are dropped. Block elements become line breaks
// (paragraph-level ones a blank line), whitespace inside a line is collapsed,
// <pre> keeps its lines. Elements with the `hidden` attribute are kept (pages
// reveal such alternatives with scripts) but never glued to the text around
// them: a space on either side. Entities are decoded by gumbo; &nbsp; becomes a
// space.
// Metadata: title from og:title, else <title>, else the first <h1>; lang
// from <html lang> (else og:locale or content-language), reduced to "de";
// date from article:published_time, <meta name="date">, dc.date,
// itemprop=datePublished, else the first <time datetime>, normalized to
// YYYY-MM-DD (an unreadable date is left out, not an error); url from
// <link rel="canonical">, else og:url; author from <meta name="author">;
// source from og:site_name; tags from article:tag and <meta name=keywords>.
// Input that is not valid UTF-8 is read as windows-1252 (the HTML default
// for legacy pages); other legacy encodings are not detected.
//
// Cost: one parse and two walks of the tree (explicit stack, so deep
// nesting does not exhaust the call stack). Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "archivar/article.hpp"

namespace archivar::ingest {

// Fills `article` (all fields but id, which stays empty) from `html`.
// Returns false and sets `reason` when the page has no text in its body.
bool parse_html(std::string_view html, Article& article, std::string& reason);

}  // namespace archivar::ingest
