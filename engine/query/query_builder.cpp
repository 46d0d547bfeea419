#include "query/query_builder.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "analysis/german_lexicon.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"
#include "query/prefix_backoff.hpp"
#include "query/utf8_length.hpp"

namespace archivar::query {

namespace {

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return {op, parts.begin(), parts.end()};
}

// author:, tag:, source:, lang:, url: and date: restrict rather than rank.
bool is_filter(const Node& node) noexcept {
  return (node.kind == Node::Kind::field && node.field != Field::title) ||
         node.kind == Node::Kind::date_range;
}

// Filters of the same key are OR-ed, different keys AND-ed.
std::size_t filter_key(const Node& node) noexcept {
  return node.kind == Node::Kind::date_range ? 0 : 1 + static_cast<std::size_t>(node.field);
}
constexpr std::size_t kFilterKeys = 7;

// A parenthesized group that only ranks: splicing it into its parent gives
// the same matches and weights.
bool spliceable(const Node& node) noexcept {
  if (node.kind != Node::Kind::group || node.occur != Occur::should) return false;
  return std::all_of(node.children.begin(), node.children.end(), [](const Node& child) {
    return child.occur == Occur::should && !is_filter(child);
  });
}

// "de-DE", "DE" → "de", as the index stores languages.
std::string language_code(std::string_view value) {
  std::string code;
  for (const char c : value) {
    if (c == '-' || c == '_') break;
    code.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return code;
}

// Question words of the languages archivar analyzes, normalized: they say
// what kind of answer is wanted, not what it is about.
constexpr std::array<std::string_view, 27> kQuestionWords = {
    "wann", "wer",    "wen",     "wem",     "wessen",  "was",     "wo",    "wohin",   "woher",
    "wie",  "welche", "welcher", "welches", "welchen", "welchem", "warum", "weshalb", "wieso",
    "what", "when",   "who",     "whom",    "whose",   "which",   "where", "why",     "how"};

// Words that, right after `wie` / `how`, belong to the question: quantity
// words ("Wie viele Einwohner ...", "How many ...") ask for a number, naming
// verbs ("Wie hieß der Sohn ...", "Wie nennt man ...") for a name; neither
// says anything about the subject, and the frequent `viele` / `heißt`
// matched answers' neighbours. Normalized (case-folded: `heißt` is `heisst`).
// Adjectives (`wie lange`, `wie hoch`) and auxiliaries after any question
// word (`Wann wurde`) are not here: leaving them out too measured worse
// (README "Tried and not kept").
constexpr std::array<std::string_view, 9> kWieFollowers = {
    "viel", "viele", "heisst", "hiess", "heissen", "hiessen", "nennt", "nannte", "nennen"};
constexpr std::array<std::string_view, 2> kHowFollowers = {"many", "much"};

// A clause that occurs n times ("the" twice in a question, "Bund" three
// times among the parts of "Bundesregierung") kept once with n times its
// weight: the same matches and, as BM25 sums the clauses' weights, the same
// scores (up to rounding), with one posting-list walk instead of n. Equal
// clauses are found by their description; order of first occurrence kept.
// Cost: one description per clause.
void merge_repeats(std::vector<Xapian::Query>& clauses) {
  if (clauses.size() < 2) return;
  std::unordered_map<std::string, std::size_t> index_of;  // description → index in merged
  std::vector<unsigned> counts;
  std::vector<Xapian::Query> merged;
  for (Xapian::Query& clause : clauses) {
    const auto [at, added] = index_of.try_emplace(clause.get_description(), merged.size());
    if (!added) {
      ++counts[at->second];
      continue;
    }
    counts.push_back(1);
    merged.push_back(std::move(clause));
  }
  for (std::size_t i = 0; i < merged.size(); ++i) {
    if (counts[i] > 1) {
      merged[i] = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, merged[i], counts[i]);
    }
  }
  clauses = std::move(merged);
}

}  // namespace

bool QueryBuilder::may_match(const std::string& term) const {
  return db_ == nullptr || termfreq(*db_, freqs_, term) > 0;
}

Xapian::Query QueryBuilder::synonym_of(std::vector<std::string> terms) const {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  if (terms.size() > 1 && db_ != nullptr) {
    std::vector<std::string> live;
    for (std::string& term : terms) {
      if (may_match(term)) live.push_back(std::move(term));
    }
    // None holds any: the first one stands for the word (it matches nothing).
    if (live.empty()) live.push_back(std::move(terms.front()));
    terms = std::move(live);
  }
  if (terms.size() == 1) return Xapian::Query(terms.front());
  return {Xapian::Query::OP_SYNONYM, terms.begin(), terms.end()};
}

Xapian::Query QueryBuilder::word_query(const std::string& term,
                                       std::vector<Xapian::Query>* exact_apart) {
  const std::string prefix(schema::kStem);
  std::vector<std::string> stems;
  std::string folded;
  for (const std::string& lang : languages_) {
    // Articles in a language without a stemmer index Z<word> itself.
    stems.push_back(prefix + std::string(analyzer_.stem(term, lang)));
    if (analyzer_.fold(term, lang, folded)) {
      stems.push_back(prefix + std::string(analyzer_.stem(folded, lang)));
    }
  }
  if (stems.empty()) stems.push_back(prefix + term);  // empty index: any reading will do
  const std::vector<std::string> own_stems = stems;
  Xapian::Query whole = synonym_of(std::move(stems));
  const bool merged = exact_form_weight_ > 0 && merges_into_stem(term, whole);
  if (merged) {
    whole = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, whole, 1 + exact_form_weight_);
    merged_[term] = *whole.get_terms_begin();
  }
  if (db_ != nullptr && std::find(languages_.begin(), languages_.end(), "de") != languages_.end()) {
    whole = with_prefix_backoff(std::move(whole), term, own_stems);
  }
  // The word exactly as typed (unstemmed, unfolded) adds a little on top, so
  // "Müller" ranks articles saying "Müller" above those saying "Muller".
  if (!merged && exact_form_weight_ > 0 && may_match(term)) {
    Xapian::Query exact(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), exact_form_weight_);
    if (exact_apart != nullptr) {
      exact_apart->push_back(std::move(exact));
    } else {
      whole = Xapian::Query(Xapian::Query::OP_OR, whole, exact);
    }
  }
  if (std::find(languages_.begin(), languages_.end(), "de") == languages_.end()) return whole;
  // A German compound also matches its parts written apart ("Aufrufe der
  // Seite" for "Seitenaufrufe"); articles with the compound itself match
  // both branches and rank first.
  const std::vector<std::string> parts = analyzer_.compound_parts(term, "de");
  if (parts.empty()) return whole;
  std::vector<Xapian::Query> part_queries;
  for (const std::string& part : parts) {
    std::string part_stem = prefix + std::string(analyzer_.stem(part, "de"));
    if (!may_match(part_stem)) return whole;  // the AND of the parts matches nothing
    part_queries.emplace_back(std::move(part_stem));
  }
  merge_repeats(part_queries);
  // The parts weigh less than the compound itself (kCompoundPartsWeight).
  return {
      Xapian::Query::OP_OR, whole,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                    Xapian::Query(Xapian::Query::OP_AND, part_queries.begin(), part_queries.end()),
                    kCompoundPartsWeight)};
}

bool QueryBuilder::merges_into_stem(const std::string& term, const Xapian::Query& stems) const {
  if (db_ == nullptr || stems.get_type() != Xapian::Query::LEAF_TERM) return false;
  const std::string stem = *stems.get_terms_begin();
  // The exact form's articles lie inside the union of its stems in every
  // index language and Z<term> (search/term_cover.hpp); `stems` is the one
  // of those an article holds, unless Z<term> (articles without a
  // language) is another.
  const std::string unstemmed = std::string(schema::kStem) + term;
  if (unstemmed != stem && termfreq(*db_, freqs_, unstemmed) > 0) return false;
  const auto close = [](double exact, double stem_count) {
    return exact > 0 && stem_count >= exact && stem_count <= exact * (1 + kExactFormMergeShare);
  };
  return close(termfreq(*db_, freqs_, term), termfreq(*db_, freqs_, stem)) &&
         close(collection_freq(*db_, freqs_, term), collection_freq(*db_, freqs_, stem));
}

Xapian::Query QueryBuilder::with_prefix_backoff(Xapian::Query whole, const std::string& term,
                                                const std::vector<std::string>& own_stems) const {
  // An English word (in wamerican, not in wngerman) gets no German
  // neighbours: in a mixed index they only add noise to English questions
  // (en_xquad 0.963 → 0.962 without this rule).
  if (analysis::GermanLexicon::english().contains(term) &&
      !analysis::GermanLexicon::instance().contains(term)) {
    return whole;
  }
  // A word no article holds (a typo, a rare form) takes its neighbours only
  // when another word of the query is in the index: a query that matched
  // nothing still matches nothing, so "did you mean" and auto-correct still
  // handle `Bundesbnak` alone (its neighbour `bundesbank` would match).
  if (!unknown_words_back_off_ && !is_known(own_stems)) return whole;
  // A word the index holds keeps its own stems: its neighbours bought de_mlqa
  // 0.677 -> 0.680 and de_xquad +0.001 (de_xglue unchanged) but cost every
  // German query a term walk and up to 8 more posting lists (p50 ratio to raw
  // Xapian 0.95 -> 1.07 at 20k articles; README "Prefix backoff").
  if (!known_words_back_off_ && is_known(own_stems)) return whole;
  // A compound's neighbours are mostly other compounds of its first part
  // (`bundesbank` / `bundesrat`); its parts are searched instead.
  if (!analyzer_.compound_parts(term, "de").empty()) return whole;
  const std::string prefix(schema::kStem);
  const std::vector<std::string> near = prefix_neighbours(
      *db_, prefix + std::string(analyzer_.stem(term, "de")), prefix.size(), own_stems);
  if (near.empty()) return whole;
  return {Xapian::Query::OP_OR, std::move(whole),
          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_SYNONYM, near.begin(), near.end()),
                        kPrefixBackoffWeight)};
}

std::string QueryBuilder::optional_word(const Node& node) {
  if (node.kind != Node::Kind::word || node.occur != Occur::should) return {};
  std::vector<Token> tokens = words_of(node.text);
  return tokens.size() == 1 ? std::move(tokens.front().term) : std::string();
}

bool QueryBuilder::is_question_word(const std::string& word, const std::string& previous) {
  if (word.empty()) return false;
  if (std::find(kQuestionWords.begin(), kQuestionWords.end(), word) != kQuestionWords.end()) {
    return true;
  }
  if (previous == "wie") {
    return std::find(kWieFollowers.begin(), kWieFollowers.end(), word) != kWieFollowers.end();
  }
  return previous == "how" &&
         std::find(kHowFollowers.begin(), kHowFollowers.end(), word) != kHowFollowers.end();
}

std::vector<Token> QueryBuilder::words_of(std::string_view text) {
  // Words only: spelling variants and compound parts are expanded by
  // word_query(), not matched as words of their own.
  std::vector<Token> tokens = analyzer_.analyze(text, "");
  std::erase_if(tokens, [](const Token& token) { return token.kind != TokenKind::word; });
  return tokens;
}

Xapian::Query QueryBuilder::text_query(const std::string& text, bool phrase,
                                       std::vector<Xapian::Query>* exact_apart) {
  std::vector<Token> tokens = words_of(text);
  if (tokens.empty()) return {};
  if (!phrase && tokens.size() == 1) return word_query(tokens.front().term, exact_apart);
  if (tokens.size() == 1) return Xapian::Query(tokens.front().term);
  std::vector<Xapian::Query> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) terms.push_back(phrase_word(token.term));
  Xapian::Query words_in_order(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                               static_cast<Xapian::termcount>(terms.size()));
  if (phrase) return words_in_order;
  // A hyphenated word also matches its closed form where the index has it
  // ("Corona-Pandemie": "Coronapandemie"; "e-mail": "email").
  const std::string joined = hyphen_joined(text, tokens);
  if (joined.empty()) return words_in_order;
  return {Xapian::Query::OP_MAX, words_in_order, word_query(joined)};
}

namespace {

// `term` with every `from` replaced by `to`.
std::string replaced(std::string term,
                     const std::array<std::pair<std::string_view, std::string_view>, 3>& pairs) {
  for (const auto& [from, to] : pairs) {
    for (std::size_t at = term.find(from); at != std::string::npos;
         at = term.find(from, at + to.size())) {
      term.replace(at, from.size(), to);
    }
  }
  return term;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kUmlautsWritten = {
    {{"\u00E4", "ae"}, {"\u00F6", "oe"}, {"\u00FC", "ue"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kUmlautsRestored = {
    {{"ae", "\u00E4"}, {"oe", "\u00F6"}, {"ue", "\u00FC"}}};

}  // namespace

Xapian::Query QueryBuilder::phrase_word(const std::string& term) {
  if (db_ == nullptr) return Xapian::Query(term);
  std::vector<std::string> spellings;
  const auto add = [&](std::string spelling) {
    if (spelling == term ||
        std::find(spellings.begin(), spellings.end(), spelling) != spellings.end()) {
      return;
    }
    if (may_match(spelling)) spellings.push_back(std::move(spelling));
  };
  std::string folded;
  for (const std::string& lang : languages_) {
    if (!analyzer_.fold(term, lang, folded)) continue;
    add(folded);
    // A German transcription the folder recognized: its umlaut form.
    if (lang == "de") add(replaced(term, kUmlautsRestored));
  }
  add(replaced(term, kUmlautsWritten));
  if (spellings.empty()) return Xapian::Query(term);
  std::vector<Xapian::Query> leaves{Xapian::Query(term)};
  for (const std::string& spelling : spellings) leaves.emplace_back(spelling);
  return {Xapian::Query::OP_OR, leaves.begin(), leaves.end()};
}

std::string QueryBuilder::hyphen_joined(std::string_view text, const std::vector<Token>& tokens) {
  if (db_ == nullptr || tokens.size() < 2) return {};
  std::string joined = tokens.front().term;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const Token& before = tokens[i - 1];
    const Token& token = tokens[i];
    if (token.begin != before.end + 1 || text.substr(before.end, 1) != "-") return {};
    joined += token.term;
  }
  if (may_match(joined)) return joined;
  for (const std::string& lang : languages_) {
    if (may_match(std::string(schema::kStem) + std::string(analyzer_.stem(joined, lang)))) {
      return joined;
    }
  }
  return {};
}

Xapian::Query QueryBuilder::prefix_query(const Node& node) {
  const std::vector<Token> tokens = words_of(node.text);
  if (tokens.size() != 1 || utf8_length(tokens.front().term) < 2) {
    return text_query(node.text, false);
  }
  if (std::find(wildcard_prefixes_.begin(), wildcard_prefixes_.end(), tokens.front().term) ==
      wildcard_prefixes_.end()) {
    wildcard_prefixes_.push_back(tokens.front().term);
  }
  return {Xapian::Query::OP_WILDCARD, tokens.front().term, kMaxWildcardTerms,
          Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM};
}

Xapian::Query QueryBuilder::title_query(const Node& node) {
  const std::vector<Token> tokens = words_of(node.text);
  if (tokens.empty()) return {};
  const std::string title(schema::kTitle);
  if (tokens.size() == 1 && node.quoted) return Xapian::Query(title + tokens.front().term);
  if (tokens.size() == 1) {
    // Matches by the title stems (wdf 0), ranks like the word itself.
    const std::string& term = tokens.front().term;
    const std::string prefix(schema::kTitleStem);
    std::vector<std::string> stems;
    for (const std::string& lang : languages_) {
      stems.push_back(prefix + std::string(analyzer_.stem(term, lang)));
    }
    if (stems.empty()) stems.push_back(prefix + term);
    const Xapian::Query in_title = synonym_of(std::move(stems));
    return {Xapian::Query::OP_AND_MAYBE, in_title, word_query(term)};
  }
  std::vector<Xapian::Query> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) terms.emplace_back(title + token.term);
  return {Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
          static_cast<Xapian::termcount>(terms.size())};
}

Xapian::Query QueryBuilder::field_query(const Node& node) {
  std::string term;
  switch (node.field) {
    case Field::title:
      return title_query(node);
    case Field::author:
      term = index::boolean_term(analyzer_, schema::kAuthor, node.text);
      break;
    case Field::tag:
      term = index::boolean_term(analyzer_, schema::kTag, node.text);
      break;
    case Field::source:
      term = index::boolean_term(analyzer_, schema::kSource, node.text);
      break;
    case Field::lang:
      term = std::string(schema::kLanguage) + language_code(node.text);
      break;
    case Field::url:
      term = index::url_term(node.text);
      break;
  }
  if (term.empty()) return {};
  return Xapian::Query(term);
}

Xapian::Query QueryBuilder::near_query(const Node& node) {
  std::vector<Xapian::Query> terms;
  for (const Node& child : node.children) {
    for (const Token& token : words_of(child.text)) terms.push_back(phrase_word(token.term));
  }
  if (terms.size() < 2) return combine(Xapian::Query::OP_OR, terms);
  const auto window = static_cast<Xapian::termcount>(node.window + terms.size());
  return {Xapian::Query::OP_NEAR, terms.begin(), terms.end(), window};
}

Xapian::Query QueryBuilder::all_query(const Node& all) {
  std::vector<Xapian::Query> required;
  std::vector<Xapian::Query> excluded;
  for (const Node& child : all.children) {
    Xapian::Query query = node_query(child);
    if (query.empty()) continue;
    (child.occur == Occur::must_not ? excluded : required).push_back(std::move(query));
  }
  Xapian::Query result = combine(Xapian::Query::OP_AND, required);
  if (!excluded.empty()) {
    if (result.empty()) result = Xapian::Query(std::string());  // never the shared MatchAll
    result =
        Xapian::Query(Xapian::Query::OP_AND_NOT, result, combine(Xapian::Query::OP_OR, excluded));
  }
  return result;
}

Xapian::Query QueryBuilder::node_query(const Node& node) {
  switch (node.kind) {
    case Node::Kind::word:
      return text_query(node.text, false);
    case Node::Kind::phrase:
      return text_query(node.text, true);
    case Node::Kind::prefix:
      return prefix_query(node);
    case Node::Kind::field:
      return field_query(node);
    case Node::Kind::date_range:
      if (node.from.empty()) return {Xapian::Query::OP_VALUE_LE, schema::kDateSlot, node.to};
      if (node.to.empty()) return {Xapian::Query::OP_VALUE_GE, schema::kDateSlot, node.from};
      return {Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, node.from, node.to};
    case Node::Kind::group:
      return group_query(node);
    case Node::Kind::all:
      return all_query(node);
    case Node::Kind::any: {
      std::vector<Xapian::Query> alternatives;
      for (const Node& child : node.children) {
        Xapian::Query query = node_query(child);
        if (!query.empty()) alternatives.push_back(std::move(query));
      }
      return combine(Xapian::Query::OP_OR, alternatives);
    }
    case Node::Kind::near:
      return near_query(node);
  }
  return {};
}

Xapian::Query QueryBuilder::group_query(const Node& group) {
  std::vector<Xapian::Query> required;
  std::vector<Xapian::Query> optional;
  std::vector<Xapian::Query> excluded;
  std::array<std::vector<Xapian::Query>, kFilterKeys> filters;
  // Question words are left out when the group has other words to rank by
  // (never when they are all there is: "Wer?" still searches).
  // A quantity word or naming verb after `wie` / `how` counts as part of the
  // question word (kWieFollowers, kHowFollowers); `previous` is the word before a child, in the
  // order the group's spliced children are read.
  std::size_t question_words = 0;
  std::size_t other_clauses = 0;
  std::vector<bool> question;  // per child in reading order
  std::string previous;
  const auto count_children = [&](const Node& parent, const auto& self) -> void {
    for (const Node& child : parent.children) {
      if (spliceable(child)) {
        self(child, self);
        continue;
      }
      std::string word = optional_word(child);
      question.push_back(is_question_word(word, previous));
      previous = std::move(word);
      if (question.back()) {
        ++question_words;
      } else if (child.occur != Occur::must_not && !is_filter(child)) {
        ++other_clauses;
      }
    }
  };
  count_children(group, count_children);
  const bool drop_question_words = question_words > 0 && other_clauses > 0;
  std::size_t read = 0;
  // All words required: the words' exact-form leaves are set apart, to be
  // joined below as `AND(words) AND_MAYBE OR(exact forms)` (same matches,
  // same weights: each exact form's articles lie inside its word's stems,
  // search/term_cover.hpp). Xapian then intersects the stems' posting lists
  // alone and looks the exact forms up only for the articles holding every
  // word: -2.5 % instructions on the 200 two-word AND queries at 171k
  // (bench/README.md "Exact forms of all-words queries apart"). Not for an
  // OR of words, whose inline leaves Xapian prunes better (the AND_MAYBE
  // form took 1.8x the time there).
  std::vector<Xapian::Query> exact_apart;
  std::vector<Xapian::Query>* const apart = match_all_words_ ? &exact_apart : nullptr;
  // Recursion only into spliceable groups: bounded by the tree's depth.
  const auto add_children = [&](const Node& parent, const auto& self) -> void {
    for (const Node& child : parent.children) {
      if (spliceable(child)) {
        self(child, self);
        continue;
      }
      const bool is_question = question[read++];
      if (drop_question_words && is_question) continue;
      Xapian::Query query = apart != nullptr && child.kind == Node::Kind::word &&
                                    child.occur != Occur::must_not && !is_filter(child)
                                ? text_query(child.text, false, apart)
                                : node_query(child);
      if (query.empty()) continue;
      if (child.occur == Occur::must_not) {
        excluded.push_back(std::move(query));
      } else if (is_filter(child)) {
        filters[filter_key(child)].push_back(std::move(query));
      } else if (child.occur == Occur::must) {
        required.push_back(std::move(query));
      } else {
        optional.push_back(std::move(query));
      }
    }
  };
  add_children(group, add_children);

  if (match_all_words_) {
    required.insert(required.end(), optional.begin(), optional.end());
    optional.clear();
  }
  merge_repeats(required);
  merge_repeats(optional);
  merge_repeats(exact_apart);
  // Each leaf came with a word in `required`.
  if (!exact_apart.empty() && required.size() == 1) {
    // One word left (or repeats of one): the leaves go back into its OR,
    // the shape the common-word cutoff prunes (search/common_cutoff.hpp).
    exact_apart.insert(exact_apart.begin(), std::move(required.front()));
    required.front() = combine(Xapian::Query::OP_OR, exact_apart);
    exact_apart.clear();
  }
  Xapian::Query result;
  if (!required.empty()) {
    result = combine(Xapian::Query::OP_AND, required);
    if (!exact_apart.empty()) {
      result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result,
                             combine(Xapian::Query::OP_OR, exact_apart));
    }
    if (!optional.empty()) {
      result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result,
                             combine(Xapian::Query::OP_OR, optional));
    }
  } else {
    result = combine(Xapian::Query::OP_OR, optional);
  }
  std::vector<Xapian::Query> restrictions;
  for (const std::vector<Xapian::Query>& same_key : filters) {
    if (!same_key.empty()) restrictions.push_back(combine(Xapian::Query::OP_OR, same_key));
  }
  if (!restrictions.empty()) {
    const Xapian::Query filter = combine(Xapian::Query::OP_AND, restrictions);
    // Boolean terms and value ranges weigh nothing: a filter alone lists
    // its matches unranked.
    result = result.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, result, filter);
  }
  if (!excluded.empty()) {
    // A fresh match-all query, never a copy of the shared static
    // Xapian::Query::MatchAll: its reference count is not atomic, so copying
    // it from several threads corrupts it.
    if (result.empty()) result = Xapian::Query(std::string());
    result =
        Xapian::Query(Xapian::Query::OP_AND_NOT, result, combine(Xapian::Query::OP_OR, excluded));
  }
  return result;
}

bool QueryBuilder::is_known(const std::vector<std::string>& stems) const {
  return std::any_of(stems.begin(), stems.end(),
                     [this](const std::string& stem) { return may_match(stem); });
}

bool QueryBuilder::has_known_word(const Node& node) {
  if (node.occur == Occur::must_not) return false;
  if (node.kind == Node::Kind::word) {
    const std::string prefix(schema::kStem);
    for (const Token& token : words_of(node.text)) {
      std::vector<std::string> stems;
      for (const std::string& lang : languages_) {
        stems.push_back(prefix + std::string(analyzer_.stem(token.term, lang)));
      }
      if (is_known(stems)) return true;
    }
    return false;
  }
  return std::any_of(node.children.begin(), node.children.end(),
                     [this](const Node& child) { return has_known_word(child); });
}

Xapian::Query QueryBuilder::build(const ParsedQuery& parsed, bool match_all_words) {
  merged_.clear();
  wildcard_prefixes_.clear();
  match_all_words_ = match_all_words;
  unknown_words_back_off_ = !match_all_words && db_ != nullptr && has_known_word(parsed.root);
  return group_query(parsed.root);
}

}  // namespace archivar::query
