// AnalysisOptions: which optional steps of the analysis chain an index uses.
//
// An index records the options it was created with (Xapian metadata key
// "archivar.analysis"), and Searchers analyze queries with the same ones, so
// query terms always match index terms. Turning a step off is for
// measuring what it buys (`archivar index --no-decompound`, ablation tables).
#pragma once

#include <string>
#include <string_view>

namespace archivar::analysis {

struct AnalysisOptions {
  bool fold_spellings = true;     // index/query folded spellings (Mueller = Müller = Muller)
  bool decompound_german = true;  // split German compounds into parts at the compound's position

  // Compact form stored in the index: "fold=1,decompound=1".
  [[nodiscard]] std::string encode() const;
  // Reads encode()'s form; unknown keys are ignored, missing ones default
  // to off (an index written before a step existed did not use it).
  [[nodiscard]] static AnalysisOptions decode(std::string_view text);

  friend bool operator==(const AnalysisOptions&, const AnalysisOptions&) = default;
};

}  // namespace archivar::analysis
