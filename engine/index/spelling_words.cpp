#include "index/spelling_words.hpp"

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
                             Xapian::doccount min_frequency) {
  // One pass over every term; prefixed ones are skipped by is_spelling_word.
  for (auto it = source.allterms_begin(); it != source.allterms_end(); ++it) {
    const std::string& term = *it;
    if (!is_spelling_word(term)) continue;
    const Xapian::doccount frequency = it.get_termfreq();
    if (frequency >= min_frequency) target.add_spelling(term, frequency);
  }
}

}  // namespace archivar::index
