#include "search/adjacent_pairs.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "query/query_builder.hpp"
#include "search/query_expansion.hpp"
#include "search/term_membership.hpp"

namespace archivar::search {

namespace {

std::vector<Token> words_of(std::string_view text, analysis::TextAnalyzer& analyzer) {
  std::vector<Token> tokens = analyzer.analyze(text, "");
  std::erase_if(tokens, [](const Token& token) { return token.kind != TokenKind::word; });
  return tokens;
}

// Some position of `first` is directly followed by one of `second`.
bool adjacent(const std::vector<Xapian::termpos>& first,
              const std::vector<Xapian::termpos>& second) {
  auto at = second.begin();
  for (const Xapian::termpos position : first) {
    at = std::lower_bound(at, second.end(), position + 1);
    if (at == second.end()) return false;
    if (*at == position + 1) return true;
  }
  return false;
}

}  // namespace

bool is_question(std::string_view text, analysis::TextAnalyzer& analyzer) {
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  if (last != std::string_view::npos && text[last] == '?') return true;
  // A long statement opening with a question word ("what similarity laws
  // must be obeyed when ...") is descriptive (search/query_expansion.hpp).
  const std::vector<Token> words = words_of(text, analyzer);
  return !words.empty() && words.size() < kMinWords &&
         query::QueryBuilder::is_question_word(words.front().term, {});
}

std::vector<AdjacentPair> adjacent_pairs(std::string_view text, analysis::TextAnalyzer& analyzer) {
  const std::vector<Token> words = words_of(text, analyzer);
  std::vector<bool> usable(words.size());
  std::string previous;
  for (std::size_t i = 0; i < words.size(); ++i) {
    usable[i] = !query::QueryBuilder::is_question_word(words[i].term, previous);
    previous = words[i].term;
  }
  std::vector<AdjacentPair> pairs;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (usable[i - 1] && usable[i] && words[i].position == words[i - 1].position + 1 &&
        words[i].term != words[i - 1].term) {
      pairs.push_back({words[i - 1].term, words[i].term});
    }
  }
  return pairs;
}

std::vector<Xapian::termpos> positions_of(const Xapian::Database& db, Xapian::docid docid,
                                          const std::string& term) {
  std::vector<Xapian::termpos> positions;
  for (auto it = db.positionlist_begin(docid, term); it != db.positionlist_end(docid, term); ++it) {
    positions.push_back(*it);
  }
  return positions;
}

namespace {

// The share of `pairs` that `docid` holds adjacent; `absent(term)` true
// only for a pair word the article is known to lack (its positions are
// then empty without a look-up).
// `known` (may be null) holds positions already looked up; the others are
// looked up here and added to it.
template <class Absent>
double share_of(const Xapian::Database& db, Xapian::docid docid,
                const std::vector<AdjacentPair>& pairs, const Absent& absent,
                std::map<std::string, std::vector<Xapian::termpos>, std::less<>>* known = nullptr) {
  if (pairs.empty()) return 0.0;
  std::map<std::string, std::vector<Xapian::termpos>, std::less<>> own;
  auto& positions = known != nullptr ? *known : own;
  const auto of = [&](const std::string& term) -> const std::vector<Xapian::termpos>& {
    auto it = positions.find(term);
    if (it == positions.end()) it = positions.emplace(term, positions_of(db, docid, term)).first;
    return it->second;
  };
  std::size_t found = 0;
  for (const AdjacentPair& pair : pairs) {
    if (absent(pair.first) || absent(pair.second)) continue;
    const std::vector<Xapian::termpos>& first = of(pair.first);
    if (first.empty()) continue;
    if (adjacent(first, of(pair.second))) ++found;
  }
  return static_cast<double>(found) / static_cast<double>(pairs.size());
}

}  // namespace

double adjacent_share(const Xapian::Database& db, Xapian::docid docid,
                      const std::vector<AdjacentPair>& pairs) {
  return share_of(db, docid, pairs, [](const std::string&) { return false; });
}

void rerank_by_adjacent_pairs(std::vector<RankedMatch>& ranked, const Xapian::Database& db,
                              const std::vector<AdjacentPair>& pairs, std::size_t depth,
                              double weight, query::TermFreqs* freqs) {
  if (pairs.empty() || ranked.empty() || !(weight > 0)) return;
  const std::size_t n = std::min(depth, ranked.size());
  const double bonus = weight * ranked.front().score;
  if (!(bonus > 0)) return;
  // Which of the reranked hits hold each rare pair word, from one walk of
  // its short posting list: about half the position look-ups of real
  // questions are for a word the hit lacks.
  std::vector<Xapian::docid> docids(n);
  for (std::size_t i = 0; i < n; ++i) docids[i] = *ranked[i].match;
  std::map<std::string, std::vector<bool>, std::less<>> held;  // rare words only
  const Xapian::doccount articles = db.get_doccount();
  for (const AdjacentPair& pair : pairs) {
    for (const std::string* term : {&pair.first, &pair.second}) {
      if (held.contains(*term)) continue;
      const Xapian::doccount freq = query::termfreq(db, freqs, *term);
      if (std::uint64_t{freq} * kRareWordShare > articles) continue;
      (void)test_by_walk(db, *term, docids, held[*term]);
    }
  }
  const auto absent = [&](const std::string& term, std::size_t i) {
    const auto it = held.find(term);
    return it != held.end() && !it->second[i];
  };
  // The look-ups share_of() would make, made term by term along the term's
  // posting list: one iterator per term walks the window's docids upwards
  // (skip_to), so an article without the term costs no position look-up
  // (each costs two block reads in glass: 6 % fewer reads over the 20k
  // comparison's 200 real questions). First the pairs' first words, then
  // the second words where the first is there: the same positions as
  // share_of's lazy order, so the same scores (AdjacentPairsCorpusTest).
  std::vector<std::size_t> by_docid(n);
  for (std::size_t i = 0; i < n; ++i) by_docid[i] = i;
  std::sort(by_docid.begin(), by_docid.end(),
            [&](std::size_t a, std::size_t b) { return docids[a] < docids[b]; });
  using Positions = std::map<std::string, std::vector<Xapian::termpos>, std::less<>>;
  std::vector<Positions> positions(n);
  const auto fetch = [&](const std::set<std::string, std::less<>>& terms, const auto& wanted) {
    for (const std::string& term : terms) {
      std::optional<Xapian::PostingIterator> it;
      const Xapian::PostingIterator end = db.postlist_end(term);
      for (const std::size_t i : by_docid) {
        if (!wanted(term, i) || positions[i].contains(term)) continue;
        std::vector<Xapian::termpos>& found = positions[i][term];  // empty: not in the article
        if (!it) it = db.postlist_begin(term);
        if (*it == end) continue;
        it->skip_to(docids[i]);
        if (*it == end || **it != docids[i]) continue;
        for (auto position = it->positionlist_begin(); position != it->positionlist_end();
             ++position) {
          found.push_back(*position);
        }
      }
    }
  };
  std::set<std::string, std::less<>> firsts;
  std::set<std::string, std::less<>> seconds;
  for (const AdjacentPair& pair : pairs) {
    firsts.insert(pair.first);
    seconds.insert(pair.second);
  }
  fetch(firsts, [&](const std::string& term, std::size_t i) {
    return std::any_of(pairs.begin(), pairs.end(), [&](const AdjacentPair& pair) {
      return pair.first == term && !absent(pair.first, i) && !absent(pair.second, i);
    });
  });
  fetch(seconds, [&](const std::string& term, std::size_t i) {
    return std::any_of(pairs.begin(), pairs.end(), [&](const AdjacentPair& pair) {
      if (pair.second != term || absent(pair.first, i) || absent(pair.second, i)) return false;
      const auto first = positions[i].find(pair.first);
      return first != positions[i].end() && !first->second.empty();
    });
  });
  for (std::size_t i = 0; i < n; ++i) {
    ranked[i].score +=
        bonus * share_of(
                    db, docids[i], pairs, [&](const std::string& term) { return absent(term, i); },
                    &positions[i]);
  }
  std::stable_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n),
                   [](const RankedMatch& a, const RankedMatch& b) { return a.score > b.score; });
}

}  // namespace archivar::search
