// Translation of Xapian's exceptions into archivar's two error families, at
// the API boundary (DESIGN.md decision 6).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>

namespace archivar::index {

// Throws the archivar error matching `error`; `what` says what was being
// done and on which index ("opening index news.db").
[[noreturn]] void throw_translated(const Xapian::Error& error, std::string_view what);

// Runs `action`, translating any Xapian::Error it throws.
template <class Action>
decltype(auto) translate_xapian_errors(std::string_view what, Action&& action) {
  try {
    return std::forward<Action>(action)();
  } catch (const Xapian::Error& error) {
    throw_translated(error, what);
  }
}

}  // namespace archivar::index
