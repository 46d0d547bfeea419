#include "analysis/decompounder.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>

namespace archivar::analysis {

namespace {

constexpr std::size_t kCacheLimit = 200000;

constexpr std::array<std::string_view, 7> kLinkingElements = {"s",  "es", "n",  "en",
                                                              "er", "e",  "ens"};
constexpr std::array<std::string_view, 7> kInflections = {"e", "en", "n", "s", "es", "er", "ern"};

// Words that are in the lexicon but are not the stuff compounds are made of.
constexpr std::array<std::string_view, 49> kFunctionWords = {
    "aber",    "alle",   "allem",    "allen",   "aller", "alles",  "also",   "andere", "auch",
    "bereits", "dass",   "dein",     "denn",    "deren", "dessen", "doch",   "durch",  "eine",
    "einem",   "einen",  "einer",    "eines",   "gegen", "hier",   "hinter", "ihre",   "immer",
    "inne",    "jede",   "jeder",    "jetzt",   "nach",  "neben",  "noch",   "ohne",   "oder",
    "sehr",    "seit",   "sich",     "sind",    "schon", "sowie",  "über",   "unter",  "weil",
    "wenn",    "wieder", "zwischen", "zusammen"};

// Number of UTF-8 characters in `text`.
std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool is_letters_only(std::string_view word) {
  for (char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && (c < 'a' || c > 'z')) return false;
  }
  return true;
}

bool is_char_boundary(std::string_view text, std::size_t at) {
  return at == 0 || at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

bool is_function_word(std::string_view piece) {
  return std::find(kFunctionWords.begin(), kFunctionWords.end(), piece) != kFunctionWords.end();
}

// Nouns that are also derivational suffixes: "Schaft" (shaft) and "Ion" head
// few compounds, while "-schaft" and "-ion" end thousands of words that are
// no compounds ("Gesellschaft", "Kommission", "Millionen").
constexpr std::array<std::string_view, 2> kSuffixLikeNouns = {"schaft", "ion"};

// `piece` is one of kSuffixLikeNouns, bare or inflected ("schafts", "ionen").
bool is_suffix_like(std::string_view piece) {
  return std::any_of(kSuffixLikeNouns.begin(), kSuffixLikeNouns.end(), [&](std::string_view noun) {
    if (!piece.starts_with(noun)) return false;
    const std::string_view ending = piece.substr(noun.size());
    return ending.empty() ||
           std::find(kInflections.begin(), kInflections.end(), ending) != kInflections.end();
  });
}

// Inseparable verb prefixes: a word starting with one is a derivation
// ("ver" + "braucher", "ver" + "brechen") far more often than a compound whose
// first part is the prefix plus one letter ("verb" + "raucher").
constexpr std::array<std::string_view, 5> kInseparablePrefixes = {"ver", "zer", "ent", "emp",
                                                                  "miss"};

bool crosses_a_prefix(std::string_view word, std::size_t first_part_bytes) {
  return std::any_of(kInseparablePrefixes.begin(), kInseparablePrefixes.end(),
                     [&](std::string_view prefix) {
                       return first_part_bytes == prefix.size() + 1 && word.starts_with(prefix);
                     });
}

// Latin and French endings: a word ending in one is mostly one loan word
// ("Generation", "Konsumenten", "Akzeptanz", "Prioritäten"), and a final part
// that starts inside the ending or just before it is a false head ("gene" +
// "ration", "konsum" + "enten", "akzept" + "anz", "priori" + "täten"). A
// final part counts only if it keeps kForeignHeadChars letters before the
// ending ("präsidenten" in "Bundespräsidenten", "koalition", "station" in
// "Raumstation"). Not "-enz": "Obergrenzen" is "ober" + "grenzen".
constexpr std::array<std::string_view, 10> kForeignEndings = {
    "tion", "tionen", "enten", "ent", "ismus", "ismen", "ität", "itäten", "anz", "anzen"};
constexpr std::size_t kForeignHeadChars = 3;

bool cuts_a_foreign_ending(std::string_view word, std::string_view final_part) {
  return std::any_of(kForeignEndings.begin(), kForeignEndings.end(), [&](std::string_view ending) {
    return word.ends_with(ending) &&
           char_count(final_part) < char_count(ending) + kForeignHeadChars;
  });
}

// Feminine forms: "-in", "-innen" on a noun ("Bürgerinnen", "Kolleginnen",
// "Arbeitnehmerinnen"). Their parts are the noun they are made from and its
// parts, never "bürge" + "rinnen" or "kolleg" + "innen".
constexpr std::array<std::string_view, 2> kFeminineEndings = {"innen", "in"};

// is_part and may_be_noun of a piece whose lexicon entry kinds
// (GermanLexicon::kinds_of) are `kinds`.
bool is_part_of_kinds(std::string_view piece, unsigned char kinds) {
  return kinds != 0 && char_count(piece) >= Decompounder::kMinPartChars && !is_function_word(piece);
}

bool may_be_noun_of_kinds(std::string_view piece, unsigned char kinds) {
  return (kinds & GermanLexicon::kNoun) != 0 ||
         (kinds != 0 && char_count(piece) >= 4 && !piece.ends_with('t'));
}

}  // namespace

bool Decompounder::is_part(std::string_view piece) const {
  return char_count(piece) >= kMinPartChars && !is_function_word(piece) && lexicon_.contains(piece);
}

// wngerman keeps one entry when a noun and a lower-case form are spelt
// alike ("spiel", "leben", "stand", "ende": no "Spiel", "Leben"), so a
// lower-case word may be a noun too, unless it ends in "t" like the verb
// forms that make false heads ("stinkt", "reitet") or has three letters
// only, like the function words that do ("gen", "den", "ich").
bool Decompounder::may_be_noun(std::string_view piece) const {
  return may_be_noun_of_kinds(piece, lexicon_.kinds_of(piece));
}

bool Decompounder::is_final_part(std::string_view word, std::string_view piece) const {
  if (char_count(piece) < 3 || is_function_word(piece) || is_suffix_like(piece)) return false;
  if (cuts_a_foreign_ending(word, piece)) return false;
  if (may_be_noun(piece)) return true;
  for (std::string_view ending : kInflections) {
    if (piece.size() > ending.size() + 2 && piece.ends_with(ending) &&
        may_be_noun(piece.substr(0, piece.size() - ending.size()))) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> Decompounder::compute_split(std::string_view word) const {
  const std::size_t n = word.size();
  if (n > kMaxCompoundBytes || char_count(word) < kMinCompoundChars || !is_letters_only(word)) {
    return {};
  }
  // A word the lexicon knows in lower case only is no noun compound: an
  // adverb, adjective or verb form ("insgesamt", "hingegen", "weiteren").
  if (lexicon_.is_lower_case_only(word)) return {};
  for (std::string_view ending : kFeminineEndings) {
    if (!word.ends_with(ending)) continue;
    const std::string_view base = word.substr(0, word.size() - ending.size());
    if (!lexicon_.is_noun(base)) continue;
    // The noun itself, then its parts, the last one with the ending again:
    // "bundesministerin" → "bundesminister", "bund", "ministerin".
    std::vector<std::string> parts{std::string(base)};
    for (const std::string& part : compute_split(base)) {
      parts.push_back(base.ends_with(part) ? part + std::string(ending) : part);
    }
    return parts;
  }
  // best[i]: fewest parts covering word[0, i) with non-final parts (each
  // optionally followed by a linking element).
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> best(n + 1, kNone);
  best[0] = 0;
  for (std::size_t start = 0; start < n; ++start) {
    if (best[start] == kNone || best[start] + 1 >= kMaxParts || !is_char_boundary(word, start)) {
      continue;
    }
    // The lexicon entries starting with word[start, end), searched once the
    // piece is long enough to be a part, then narrowed as `end` grows (a
    // search within a few neighbouring entries): once none is left, no
    // longer piece from `start` is a part.
    GermanLexicon::PrefixRange entries = lexicon_.all();
    bool searched = false;
    for (std::size_t end = start + 1; end < n; ++end) {
      const std::string_view piece = word.substr(start, end - start);
      if (!searched && char_count(piece) < kMinPartChars) continue;  // no part (is_part)
      searched = true;
      entries = lexicon_.narrow(entries, piece);
      if (entries.empty()) break;
      if (!is_char_boundary(word, end)) continue;
      const unsigned char kinds = lexicon_.kinds_in(entries, piece);
      if (!is_part_of_kinds(piece, kinds)) continue;
      if (start == 0 && crosses_a_prefix(word, end)) continue;
      auto relax = [&](std::size_t next) {
        if (next < n && best[start] + 1 < best[next]) {
          best[next] = best[start] + 1;
        }
      };
      relax(end);
      // Linking elements follow nouns ("Verkehr-s-unfall"), not adverbs or
      // verb forms ("wohl" + "s" + "tand" is no reading of "Wohlstand").
      if (!may_be_noun_of_kinds(piece, kinds)) continue;
      for (std::string_view link : kLinkingElements) {
        if (word.substr(end).starts_with(link)) relax(end + link.size());
      }
    }
  }
  // Every split with the fewest parts counts ("strassenbahnlinie" is both
  // "strassenbahn" + "linie" and "strasse" + "bahnlinie"): the parts of all of
  // them are returned, in order of first appearance, the split with the
  // longest final part first.
  std::size_t fewest = kNone;
  for (std::size_t start = 1; start < n; ++start) {
    if (best[start] == kNone || !is_char_boundary(word, start)) continue;
    if (is_final_part(word, word.substr(start))) fewest = std::min(fewest, best[start]);
  }
  if (fewest == kNone) return {};
  std::vector<std::string> parts;
  auto add_part = [&](std::string_view part) {
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.emplace_back(part);
  };
  // Covers of word[0, at) with exactly k parts, found by trying every part
  // ending at `at` (or before a linking element ending there).
  std::vector<std::string_view> path;
  std::function<void(std::size_t, std::size_t)> walk = [&](std::size_t at, std::size_t k) {
    if (k == 0) {
      if (at != 0) return;
      for (auto it = path.rbegin(); it != path.rend(); ++it) add_part(*it);
      return;
    }
    for (std::size_t start = 0; start < at; ++start) {
      if (best[start] != k - 1) continue;
      for (std::size_t end = start + 1; end <= at; ++end) {
        const std::string_view gap = word.substr(end, at - end);
        const bool linked =
            gap.empty() || std::find(kLinkingElements.begin(), kLinkingElements.end(), gap) !=
                               kLinkingElements.end();
        if (!linked || !is_char_boundary(word, end)) continue;
        if (!is_part(word.substr(start, end - start))) continue;
        if (start == 0 && crosses_a_prefix(word, end)) continue;
        if (!gap.empty() && !may_be_noun(word.substr(start, end - start))) continue;
        path.push_back(word.substr(start, end - start));
        walk(start, k - 1);
        path.pop_back();
      }
    }
  };
  for (std::size_t start = 1; start < n; ++start) {
    if (best[start] != fewest || !is_char_boundary(word, start)) continue;
    if (!is_final_part(word, word.substr(start))) continue;
    path.assign(1, word.substr(start));
    walk(start, fewest);
  }
  return parts;
}

const std::vector<std::string>& Decompounder::split(std::string_view word) {
  // Too few bytes for kMinCompoundChars characters, or too many: no compound
  // (compute_split's first test), and no cache entry for it.
  static const std::vector<std::string> kNoParts;
  if (word.size() < kMinCompoundChars || word.size() > kMaxCompoundBytes) return kNoParts;
  auto found = cache_.find(word);
  if (found != cache_.end()) return found->second;
  if (cache_.size() >= kCacheLimit) cache_.clear();
  return cache_.emplace(std::string(word), compute_split(word)).first->second;
}

}  // namespace archivar::analysis
