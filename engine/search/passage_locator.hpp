// PassageLocator: where in a long text the best snippet passage probably
// is, found without the analysis chain, so that the SnippetBuilder needs to
// analyze only that region (cost proportional to the snippet, not the body).
//
// The query's Xapian terms (unprefixed terms and Z-stems) become "needles":
// each term folded cheaply (ASCII lower case, Latin-1 letters to their base
// letter, ß to ss, combining marks dropped), plus its spelling variants
// (ä/ae, ö/oe, ü/ue) and, for stems ending in "i" (English y → i), the
// stem without it. A needle contained in another is kept alone (the longer
// one's matches are a subset). The text is folded the same way in one pass
// and each needle searched with memmem; needles shorter than four bytes
// only count at the start of a word. Any word the analysis chain would
// match (its term, its stem, a spelling variant's stem, a compound part)
// contains a needle for Latin-script text, so the candidates are a
// superset of the real matches; the SnippetBuilder confirms them.
//
// Limits: only ASCII and Latin-1 letters are case-folded, so an upper-case
// word in another script (Greek, Cyrillic) is not a candidate; its region
// is still analyzed exactly when another candidate or the text start leads
// there. A candidate's word reaches at most 64 bytes either side of its hit
// (text without spaces is one "word" in the fold; its candidates lie at
// their hits).
//
// Cost: O(text bytes × needles) with memmem's speed per needle (a few GB/s)
// plus one fold pass (ASCII runs 8 bytes at a time); one folded copy and
// one FoldShift per non-ASCII character folded (reused scratch buffers).
// Thread-safety: one locator per thread (it keeps scratch buffers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace archivar::search {

// Query terms as Xapian terms: unprefixed terms and "Z"-prefixed stems;
// others (filters, S title terms) are ignored.
using QueryTerms = std::set<std::string, std::less<>>;

// What each query term found in a snippet window is worth (terms not in
// the map: kUniformWeight); see SnippetBuilder::build.
using TermWeights = std::map<std::string, std::uint64_t, std::less<>>;
inline constexpr std::uint64_t kUniformWeight = 1000;

// A byte range of the original text, cut at code point boundaries (at
// whitespace where one is near).
struct TextRegion {
  std::size_t begin = 0;
  std::size_t end = 0;
  // The summed weights of the distinct needles the scan saw in its best
  // window (a needle weighs as the heaviest term it stands for).
  std::uint64_t weight = 0;
};

class PassageLocator {
 public:
  // Needles of `query_terms` (see above), weighted by `weights` (null:
  // kUniformWeight each), and one per phrase of `phrases` (each a phrase's
  // words, exact forms, in order: folded and joined by one space), weighing
  // as its words together, so that windows holding a phrase come before
  // those holding its words apart. Cheap when the terms, weights and
  // phrases are those of the last call (one comparison each).
  void set_terms(const QueryTerms& query_terms, const TermWeights* weights = nullptr,
                 const std::vector<std::vector<std::string>>& phrases = {});

  // Regions to analyze, best first: each holds `before` code points ahead
  // of a candidate window (the best window of `length` code points from a
  // candidate word's start to a candidate word's end by the summed weights of its distinct needles,
  // then matches, then earliest) and `after` code points from its first
  // candidate word on. At most `max_regions`, none overlapping an earlier
  // one's anchor. Without any candidate: one region from the start of the
  // text.
  [[nodiscard]] std::vector<TextRegion> regions(std::string_view text, std::size_t length,
                                                std::size_t before, std::size_t after,
                                                std::size_t max_regions);

  // Finds the hits of the whole `text` (no regions; short needles count
  // anywhere, see find_hits, so compound parts are hits). True when hits() holds
  // every word the analysis chain would match; false when the text has
  // letters the cheap fold does not fold as NFKC case folding does: cased
  // scripts beyond Latin-1 (U+0100..U+02FF, U+0380..U+07FF, U+1000..U+1FFF:
  // Latin Extended, Greek, Cyrillic, ...), letterlike symbols and Roman
  // numerals (U+2100..U+21BF), ligatures and full-width forms
  // (U+F000..U+FFFF). Then a needle may miss a word.
  // Cost: as regions() without the window scoring.
  bool scan(std::string_view text);

  // True when the cheap fold folds every letter of `text` as NFKC case
  // folding does (what scan() returns; see there). O(text bytes).
  [[nodiscard]] static bool folds_as_analysis(std::string_view text);

  // Byte offsets (into the text of the last regions() or scan() call) where
  // a needle matched, ascending. A word the analysis chain would match
  // holds one (see above).
  [[nodiscard]] const std::vector<std::size_t>& hits() const { return hits_; }

  // The region around byte `anchor` (a word start) as regions() cuts it.
  [[nodiscard]] static TextRegion region_around(std::string_view text, std::size_t anchor,
                                                std::size_t length, std::size_t before,
                                                std::size_t after);

  // The region from the start of the text holding `chars` code points.
  [[nodiscard]] static TextRegion lead_region(std::string_view text, std::size_t chars);

  // The cheap fold of `text` (exposed for tests): see above. `offsets`
  // (optional) gets each folded byte's offset in `text`.
  static void fold(std::string_view text, std::string& out, std::vector<std::uint32_t>* offsets);

  // Where folded bytes come from, kept sparsely: a shift at the start and
  // after every step of the fold that is not one byte to one byte (a
  // Latin-1 letter, ß, a dropped mark, a symbol made a space); between two
  // shifts folded and original offsets advance together.
  struct FoldShift {
    std::uint32_t folded = 0;
    std::uint32_t original = 0;
  };
  // The same fold, with shifts instead of an offset per byte (what the
  // scans use: ASCII runs are folded 8 bytes at a time, and no 4-byte
  // offset is written per byte).
  static void fold(std::string_view text, std::string& out, std::vector<FoldShift>& shifts);
  // The offset in the text of folded byte `folded` (below the folded size).
  // O(log shifts).
  [[nodiscard]] static std::size_t original_offset(const std::vector<FoldShift>& shifts,
                                                   std::size_t folded);

 private:
  struct Candidate {
    std::size_t word_begin = 0;  // its word in the folded text (offsets ≈ code points)
    std::size_t word_end = 0;
    std::size_t original = 0;  // the word's start in the text
    std::size_t needle = 0;
  };

  // Folds `text` and fills hits_ (unsorted) and candidates_.
  // `every_short_hit`: needles shorter than kShortNeedle count anywhere (a
  // short stem may be any part of a compound), not only at word starts.
  void find_hits(std::string_view text, bool every_short_hit);

  QueryTerms terms_;     // of the last set_terms()
  TermWeights weights_;  // of the last set_terms() (empty: none given)
  bool weighted_ = false;
  std::vector<std::vector<std::string>> phrases_;  // of the last set_terms()
  std::vector<std::string> needles_;
  std::vector<std::uint64_t> needle_weights_;  // per needle
  std::string folded_;
  std::vector<FoldShift> shifts_;  // folded → original offsets (fold above)
  std::vector<Candidate> candidates_;
  std::vector<std::size_t> hits_;
  std::string spaced_;  // a short needle with a space before it (find_hits)
};

}  // namespace archivar::search
