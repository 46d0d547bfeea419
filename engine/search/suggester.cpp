#include "search/suggester.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "search/revision_shared.hpp"

namespace archivar::search {

namespace {

// Most frequent first, ties alphabetically (a heap ordered by this keeps
// the weakest completion at its front).
bool better(const Completion& a, const Completion& b) {
  return a.frequency != b.frequency ? a.frequency > b.frequency : a.term < b.term;
}

// Collects the `count` most frequent completions seen.
class TopCompletions {
 public:
  explicit TopCompletions(std::size_t count) : count_(count) {}
  void offer(const Xapian::TermIterator& term) {
    const Xapian::doccount frequency = term.get_termfreq();
    if (best_.size() == count_ && frequency <= best_.front().frequency) return;
    best_.push_back({*term, frequency});
    std::push_heap(best_.begin(), best_.end(), better);
    if (best_.size() > count_) {
      std::pop_heap(best_.begin(), best_.end(), better);
      best_.pop_back();
    }
  }
  // The completions, most frequent first; leaves this empty.
  std::vector<Completion> take() {
    std::sort(best_.begin(), best_.end(), better);
    return std::move(best_);
  }

 private:
  std::size_t count_;
  std::vector<Completion> best_;  // a heap by better(): the weakest at the front
};

RevisionShared<std::vector<Completion>>& shared_completions() {
  static RevisionShared<std::vector<Completion>> completions;
  return completions;
}

// The `count` most frequent terms starting with `prefix`, most frequent
// first, ties alphabetically. A prefix with more than kWalkedTerms words
// is answered by `cache` when given; else at most kMaxScannedTerms are
// scanned.
std::vector<Completion> top_completions(const Xapian::Database& db, const std::string& prefix,
                                        std::size_t count, CompletionCache* cache) {
  const auto first = [count](const std::vector<Completion>& heavy) {
    return std::vector<Completion>(
        heavy.begin(), heavy.begin() + static_cast<std::ptrdiff_t>(std::min(count, heavy.size())));
  };
  if (cache) {
    if (const std::vector<Completion>* held = cache->find(prefix)) return first(*held);
  }
  TopCompletions best(count);
  std::size_t scanned = 0;
  const std::size_t cap = cache ? kWalkedTerms : kMaxScannedTerms;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it, ++scanned) {
    if (scanned == cap) {
      if (!cache) break;
      return first(cache->heavy(db, prefix));
    }
    best.offer(it);
  }
  return best.take();
}

// The titles of the best `limit` articles for `query` (title words), most
// relevant first, each cluster of near-duplicates and each title once.
std::vector<Suggestion> title_search(const Xapian::Database& db, const Xapian::Query& query,
                                     std::uint32_t limit, const FacetColumn* clusters,
                                     const DisplayColumn* display) {
  std::vector<Suggestion> out;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  // Near-duplicates are skipped here rather than by Enquire's collapse key,
  // which reads the cluster value of every article the match considers
  // (~40% of a suggestion's time on 171k articles); extra hits make up for
  // the copies and for titles that repeat under other clusters.
  const Xapian::MSet mset = enquire.get_mset(0, limit * 3);
  std::set<std::string> seen;
  std::set<std::string> cluster_values;   // without a column
  std::set<std::uint32_t> cluster_codes;  // with one
  std::uint32_t titles = 0;
  for (auto it = mset.begin(); it != mset.end() && titles < limit; ++it) {
    if (clusters != nullptr) {
      const Xapian::docid docid = *it;
      if (clusters->shared(docid) && !cluster_codes.insert(clusters->code(docid)).second) continue;
    } else {
      std::string cluster = it.get_document().get_value(schema::kClusterSlot);
      if (!cluster.empty() && !cluster_values.insert(std::move(cluster)).second) continue;
    }
    const Xapian::Document document = it.get_document();
    const std::string_view held = display != nullptr ? display->record(*it) : std::string_view();
    std::string title =
        index::decode_display_fields(
            held.empty() ? std::string_view(document.get_value(schema::kDisplaySlot)) : held,
            [&] { return document.get_data(); })
            .title;
    if (title.empty() || !seen.insert(title).second) continue;
    out.push_back({std::move(title), SuggestionKind::title, it.get_percent() / 100.0});
    ++titles;
  }
  return out;
}

RevisionShared<std::vector<Suggestion>>& shared_titles() {
  static RevisionShared<std::vector<Suggestion>> titles;
  return titles;
}

}  // namespace

const std::vector<Suggestion>& CompletionCache::titles(
    const Xapian::Database& db, const std::string& title_prefix,
    const std::function<std::vector<Suggestion>()>& search) {
  const auto found = titles_.find(title_prefix);
  if (found != titles_.end()) return *found->second;
  const auto build = [&] { return std::make_shared<const std::vector<Suggestion>>(search()); };
  const std::string key = revision_key(db);
  std::shared_ptr<const std::vector<Suggestion>> titles =
      key.empty() ? build() : shared_titles().get(key + "|titles|" + title_prefix, build);
  return *titles_.emplace(title_prefix, std::move(titles)).first->second;
}

const std::vector<Completion>& CompletionCache::heavy(const Xapian::Database& db,
                                                      const std::string& term_prefix) {
  const auto found = held_.find(term_prefix);
  if (found != held_.end()) return *found->second;
  const auto walk = [&] {
    TopCompletions best(kMaxSuggestions);
    for (auto it = db.allterms_begin(term_prefix); it != db.allterms_end(term_prefix); ++it) {
      best.offer(it);
    }
    return std::make_shared<const std::vector<Completion>>(best.take());
  };
  const std::string key = revision_key(db);
  std::shared_ptr<const std::vector<Completion>> completions =
      key.empty() ? walk() : shared_completions().get(key + "|suggest|" + term_prefix, walk);
  return *held_.emplace(term_prefix, std::move(completions)).first->second;
}

const std::vector<NextWord>& CompletionCache::followers(const Xapian::Database& db,
                                                        const analysis::TextAnalyzer& analyzer,
                                                        index::BodyDecompressor* bodies,
                                                        std::string_view typed,
                                                        const std::string& term,
                                                        const DisplayColumn* display) {
  const auto found = followers_.find(term);
  if (found != followers_.end()) return found->second;
  if (followers_.size() >= kMaxFollowerWords) followers_.clear();
  return followers_.emplace(term, next_words(db, analyzer, bodies, typed, term, display))
      .first->second;
}

std::vector<Suggestion> suggest(const Xapian::Database& db, analysis::TextAnalyzer& analyzer,
                                std::string_view prefix, std::uint32_t limit,
                                CompletionCache* cache, const FacetColumn* clusters,
                                index::BodyDecompressor* bodies, const DisplayColumn* display) {
  std::vector<std::string> words;
  std::vector<std::string_view> typed;  // each word as typed
  for (const Token& token : analyzer.analyze(prefix, "")) {
    if (token.kind != TokenKind::word) continue;
    words.push_back(token.term);
    typed.push_back(prefix.substr(token.begin, token.end - token.begin));
  }
  std::vector<Suggestion> out;
  if (words.empty()) return out;
  // "olaf " asks for the next word; "olaf sch" completes "sch".
  const bool last_word_done = std::isspace(static_cast<unsigned char>(prefix.back())) != 0;
  std::string last;
  if (!last_word_done) {
    last = words.back();
    words.pop_back();
    typed.pop_back();
  }
  std::string context;
  for (const std::string& word : words) context += word + ' ';

  std::vector<Completion> completions;
  if (!words.empty()) {
    std::vector<NextWord> own;
    const std::vector<NextWord>* followers = &own;
    if (cache != nullptr) {
      followers = &cache->followers(db, analyzer, bodies, typed.back(), words.back(), display);
    } else {
      own = next_words(db, analyzer, bodies, typed.back(), words.back(), display);
    }
    for (const NextWord& follower : *followers) {
      if (completions.size() == limit) break;
      if (follower.term.starts_with(last))
        completions.push_back({follower.term, follower.frequency});
    }
  }
  if (!last.empty()) {
    for (Completion& completion : top_completions(db, last, limit, cache)) {
      if (completions.size() == limit) break;
      const bool held = std::any_of(completions.begin(), completions.end(),
                                    [&](const Completion& c) { return c.term == completion.term; });
      if (!held) completions.push_back(std::move(completion));
    }
  }
  const double articles = std::max<double>(1.0, db.get_doccount());
  for (const Completion& completion : completions) {
    out.push_back({context + completion.term, SuggestionKind::term,
                   static_cast<double>(completion.frequency) / articles});
  }

  if (last.empty()) {
    // Titles holding every word typed.
    std::vector<Xapian::Query> required;
    for (const std::string& word : words) required.emplace_back(std::string(schema::kTitle) + word);
    for (Suggestion& title :
         title_search(db, Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end()),
                      limit, clusters, display)) {
      out.push_back(std::move(title));
    }
    return out;
  }

  const std::string title_prefix = std::string(schema::kTitle) + last;
  std::vector<Xapian::Query> title_words;
  std::set<std::string> title_terms;
  Xapian::doccount postings = 0;  // of the title words: what the search reads
  if (!words.empty()) {
    // After earlier words, the completions suggested above (followers
    // first) that are title words: "angela m" looks for titles with
    // "merkel", not only with the most frequent title words ("mit").
    for (const Completion& completion : completions) {
      if (title_words.size() == kSuggestTitleWords) break;
      std::string term = std::string(schema::kTitle) + completion.term;
      const Xapian::doccount frequency = db.get_termfreq(term);
      if (frequency == 0) continue;
      title_words.emplace_back(term);
      title_terms.insert(std::move(term));
      postings += frequency;
    }
  }
  for (const Completion& completion :
       top_completions(db, title_prefix, kSuggestTitleWords, cache)) {
    if (title_words.size() == kSuggestTitleWords) break;
    if (!title_terms.insert(completion.term).second) continue;
    title_words.emplace_back(completion.term);
    postings += completion.frequency;
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
  if (words.empty() && cache != nullptr && postings > kCachedTitlePostings &&
      limit <= kCachedTitles) {
    const std::vector<Suggestion>& held = cache->titles(db, title_prefix, [&] {
      return title_search(db, query, kCachedTitles, clusters, display);
    });
    out.insert(
        out.end(), held.begin(),
        held.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(limit, held.size())));
    return out;
  }
  for (Suggestion& title : title_search(db, query, limit, clusters, display))
    out.push_back(std::move(title));
  return out;
}

}  // namespace archivar::search
