#include "result_summary.hpp"

namespace archivar::cli {

std::string with_thousands(std::uint64_t number) {
  const std::string digits = std::to_string(number);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string result_summary(const MatchCount& total, std::uint64_t first, std::size_t shown,
                           std::uint32_t page) {
  const bool exact = total.lower == total.upper;
  const std::uint64_t count = exact ? total.lower : total.estimated;
  std::string out = exact ? "" : "about ";
  out += with_thousands(count);
  out += count == 1 ? " result" : " results";
  if (shown == 0) {
    if (count > 0) out += ", none on page " + std::to_string(page);
    return out;
  }
  out += ", showing " + with_thousands(first);
  if (shown > 1) out += "\u2013" + with_thousands(first + shown - 1);  // en dash
  return out;
}

}  // namespace archivar::cli
