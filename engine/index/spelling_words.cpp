#include "index/spelling_words.hpp"

#include <algorithm>
#include <string>

namespace archivar::index {

bool is_spelling_word(std::string_view term) noexcept {
  if (term.size() < 3 || term.size() > 30) return false;
  const auto first = static_cast<unsigned char>(term[0]);
  if (first >= 'A' && first <= 'Z') return false;  // a prefixed term (Z stems, Q id, ...)
  for (const char c : term) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && (c < 'a' || c > 'z')) return false;
  }
  return true;
}

void add_spelling_words_from(const Xapian::Database& source, Xapian::WritableDatabase& target,
                             Xapian::doccount min_frequency, std::string_view from,
                             std::string_view to) {
  // A spelling word starts with a-z or a non-ASCII byte: the terms before
  // "a" (digits, every A-Z prefixed term: Z stems, ids, band terms, ...) are
  // skipped with one seek instead of read one by one.
  auto it = source.allterms_begin();
  const auto end = source.allterms_end();
  it.skip_to(std::string(std::max(from, std::string_view("a"))));
  for (; it != end; ++it) {
    const std::string& term = *it;
    if (!to.empty() && term >= to) break;
    if (!is_spelling_word(term)) continue;
    const Xapian::doccount frequency = it.get_termfreq();
    if (frequency >= min_frequency) target.add_spelling(term, frequency);
  }
}

}  // namespace archivar::index
