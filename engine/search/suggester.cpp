#include "search/suggester.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "index/schema.hpp"
#include "index/stored_fields.hpp"

namespace archivar::search {

namespace {

struct Completion {
  std::string term;
  Xapian::doccount frequency = 0;
};

// The `count` most frequent terms starting with `prefix` (at most
// kMaxScannedTerms scanned), most frequent first, ties alphabetically.
std::vector<Completion> top_completions(const Xapian::Database& db, const std::string& prefix,
                                        std::size_t count) {
  std::vector<Completion> best;
  const auto worse = [](const Completion& a, const Completion& b) {
    return a.frequency != b.frequency ? a.frequency > b.frequency : a.term < b.term;
  };
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix);
       it != db.allterms_end(prefix) && scanned < kMaxScannedTerms; ++it, ++scanned) {
    const Xapian::doccount frequency = it.get_termfreq();
    if (best.size() == count && frequency <= best.front().frequency) continue;
    // `best` is a heap whose front is the weakest kept completion.
    best.push_back({*it, frequency});
    std::push_heap(best.begin(), best.end(), worse);
    if (best.size() > count) {
      std::pop_heap(best.begin(), best.end(), worse);
      best.pop_back();
    }
  }
  std::sort(best.begin(), best.end(), worse);
  return best;
}

}  // namespace

std::vector<Suggestion> suggest(const Xapian::Database& db, analysis::TextAnalyzer& analyzer,
                                std::string_view prefix, std::uint32_t limit) {
  std::vector<std::string> words;
  for (const Token& token : analyzer.analyze(prefix, "")) {
    if (token.kind == TokenKind::word) words.push_back(token.term);
  }
  std::vector<Suggestion> out;
  if (words.empty()) return out;
  const std::string last = words.back();
  words.pop_back();
  std::string context;
  for (const std::string& word : words) context += word + ' ';

  const double articles = std::max<double>(1.0, db.get_doccount());
  for (const Completion& completion : top_completions(db, last, limit)) {
    out.push_back({context + completion.term, SuggestionKind::term,
                   static_cast<double>(completion.frequency) / articles});
  }

  const std::string title_prefix = std::string(schema::kTitle) + last;
  std::vector<Xapian::Query> title_words;
  for (const Completion& completion : top_completions(db, title_prefix, kSuggestTitleWords)) {
    title_words.emplace_back(completion.term);
  }
  if (title_words.empty()) return out;
  Xapian::Query query(Xapian::Query::OP_OR, title_words.begin(), title_words.end());
  if (!words.empty()) {
    std::vector<Xapian::Query> required;
    for (const std::string& word : words) required.emplace_back(std::string(schema::kTitle) + word);
    const Xapian::Query filtered(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end()));
    Xapian::Enquire probe(db);
    probe.set_query(filtered);
    if (!probe.get_mset(0, 1).empty()) query = filtered;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_collapse_key(schema::kClusterSlot);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  // A few extra hits make up for titles that repeat under other clusters.
  const Xapian::MSet mset = enquire.get_mset(0, limit * 2);
  std::set<std::string> seen;
  std::uint32_t titles = 0;
  for (auto it = mset.begin(); it != mset.end() && titles < limit; ++it) {
    const Xapian::Document document = it.get_document();
    std::string title = index::decode_display_fields(document.get_value(schema::kDisplaySlot), [&] {
                          return document.get_data();
                        }).title;
    if (title.empty() || !seen.insert(title).second) continue;
    out.push_back({std::move(title), SuggestionKind::title, it.get_percent() / 100.0});
    ++titles;
  }
  return out;
}

}  // namespace archivar::search
