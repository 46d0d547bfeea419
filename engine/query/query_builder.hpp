// QueryBuilder: syntax tree + TextAnalyzer + index languages → Xapian::Query.
//
// Every word is analyzed exactly like indexed text. A word becomes the
// OP_SYNONYM of its Z-stems in every language of the index (BM25 then counts
// it as one term, whatever the article's language). A word the tokenizer
// splits ("Win-Win-Situation", "1-DM-Goldmünze") and a "quoted phrase" become
// OP_PHRASE over the unstemmed terms; a one-word phrase is the exact
// unstemmed term.
//
// Question words ("Wann", "Welche", "Who", "How"; kQuestionWords in the
// .cpp, German and English) that are plain optional words of a group are
// left out when the group has other clauses: they say what kind of answer
// is wanted, not what it is about, and only add noise to BM25 (measured:
// de_mlqa +0.013, de_xglue +0.010, en_cisi +0.007 nDCG; README). A query of
// question words only still searches for them.
//
// Groups (the implicit operator): required clauses AND-ed, optional ones
// OR-ed (or AND-ed with match_all_words) and ranked on top of the required
// part, excluded ones AND_NOT-ed; a group of exclusions only excludes from
// everything. A parenthesized group of optional clauses only is spliced into
// its parent, so "(a b) c" is the query of "a b c". AND → OP_AND (AND NOT →
// OP_AND_NOT), OR → OP_OR, NEAR/n → OP_NEAR over the unstemmed terms with a
// window of n + number of terms.
//
// Fields: title:word matches the ZS-stems of the title words (any index
// language) and ranks like the word; title:"a b" and multi-token values are
// phrases over S terms. author:, tag:, source: are the A/K/H boolean terms
// (value normalized as the document builder does, index/terms.hpp), lang:
// the L term, url: the U term, date: a range on the date value slot. In a
// group these filters do not rank: unsigned or '+' filters restrict the
// group's results (the same field OR-ed: author:a author:b is either
// author; different fields AND-ed), '-' filters exclude.
//
// prefix* → OP_WILDCARD over the unstemmed terms beginning with the
// normalized prefix, the kMaxWildcardTerms most frequent ones, joined as
// OP_SYNONYM. A prefix the analyzer splits into several words is read as a
// plain word.
//
// With a database and German among the index languages, a word the index
// does not hold (a rare inflection, a typo) matches its prefix neighbours
// (query/prefix_backoff.hpp) at kPrefixBackoffWeight when another word of
// the query is known: `Produkte` reaches a paragraph about `Produktion`
// (which Snowball stems apart) in an index without `produkt`. Not for known
// words (little gain for a term walk and up to 8 more posting lists on
// every German query; questions ask for them: set_known_words_back_off),
// English words (wamerican, not wngerman), compounds (their parts are
// searched), or a query whose words are all unknown ("did you mean"
// handles typos).
//
// Cost: O(query length) plus one stem per word and language, and per
// unknown German word one bounded term-list walk (prefix_backoff.hpp);
// wildcards expand when Xapian runs the query (one term-list walk per
// prefix).
// Thread-safety: uses the analyzer it is given; one builder per thread.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "analysis/text_analyzer.hpp"
#include "query/query_syntax.hpp"
#include "query/term_freqs.hpp"

namespace archivar::query {

inline constexpr Xapian::termcount kMaxWildcardTerms = 100;

// Words whose exact-form leaf a query left out, merged into their stem:
// word → Z stem (QueryBuilder::merged_exact_forms).
using MergedExactForms = std::map<std::string, std::string>;

class QueryBuilder {
 public:
  // Weight of a word's exact (unstemmed, unfolded) form relative to its
  // stemmed match: a small bonus that ranks "Müller" above "Muller" for the
  // query Müller. 0.2 ranked best on every judged set (0.5 and 1.0 worse).
  static constexpr double kDefaultExactFormWeight = 0.2;
  // Weight of a German compound's parts (AND-ed, the alternative to the
  // compound itself) relative to the compound: articles with the compound
  // rank above those with its parts written apart. 0.7 measured best with
  // question-word removal (0.5 and 1.0 worse overall; README).
  static constexpr double kCompoundPartsWeight = 0.7;
  // Weight of a German word's prefix neighbours (query/prefix_backoff.hpp:
  // index stems sharing its first 5+ letters that Snowball does not
  // conflate, `produkt` / `produktion`) relative to the word: 0.1 / 0.2 /
  // 0.3 / 0.5 / 0.7 / 1.0 gave de_mlqa 0.673 / 0.675 / 0.676 / 0.677 /
  // 0.678 / 0.674 and de_xglue 0.649 / 0.652 / 0.653 / 0.655 / 0.653 /
  // 0.645 (before: 0.673 / 0.645; README).
  static constexpr double kPrefixBackoffWeight = 0.5;
  // A word whose exact form and only live stem hold nearly the same
  // postings (the stem's articles and occurrences at most this share above
  // the exact form's, neither below) is searched as its stem weighing 1 +
  // the exact-form weight, without the exact form's own posting list: the
  // same matches and, but for the few articles where the stem occurs in
  // another form (at most that share of its occurrences: they get the bonus
  // too), the same weights. Most of a question's common words qualify
  // (`wenn`, `the`, `und`, `ich`): one long list less for Xapian to decode.
  // 0.02: `scripts/eval.sh` identical (0.05 moved en_med); on the 171k
  // comparison queries p99 −12 %, questions p95 −17 % (bench/README.md
  // "Exact forms merged into their stem").
  static constexpr double kExactFormMergeShare = 0.02;

  // `languages`: language codes of the articles in the index (the L terms).
  // `exact_form_weight` 0 leaves the exact-form bonus out.
  QueryBuilder(analysis::TextAnalyzer& analyzer, std::vector<std::string> languages,
               double exact_form_weight = kDefaultExactFormWeight)
      : analyzer_(analyzer),
        languages_(std::move(languages)),
        exact_form_weight_(exact_form_weight) {}

  // With a database, word and title-word queries leave out alternatives no
  // article holds (a stem of another index language, a folded spelling, the
  // exact form, a compound-part group with a missing part): the matches and
  // BM25 weights are those of the full query (an absent term adds no
  // statistics and matches nothing), but Xapian opens fewer postlists and a
  // word with one live stem is a plain term instead of an OP_SYNONYM. Costs
  // one term-frequency lookup per candidate term; the database must outlive
  // the builder.
  void set_database(const Xapian::Database& db) { db_ = &db; }
  // The lookups above through `freqs` (a memo of the same database's term
  // frequencies; null: straight from the database). Must outlive the builder.
  void set_term_freqs(TermFreqs* freqs) { freqs_ = freqs; }

  // Known German words get their prefix neighbours too (at
  // kPrefixBackoffWeight; the same rules otherwise). For questions, which
  // the Searcher already treats as the slow kind (search/adjacent_pairs).
  void set_known_words_back_off(bool on) { known_words_back_off_ = on; }

  // An empty Xapian::Query when nothing searchable is left (e.g. only
  // punctuation); the caller decides what that means.
  [[nodiscard]] Xapian::Query build(const ParsedQuery& parsed, bool match_all_words);

  // The words of the last build() whose exact form was merged into their
  // stem (kExactFormMergeShare): word → its Z stem. Each such word's
  // articles are all among its stem's, so a title term S<word> may be
  // folded where the stem is reached (search/title_boost_fold.hpp), and
  // snippets still highlight the word as typed.
  [[nodiscard]] const MergedExactForms& merged_exact_forms() const { return merged_; }

  // The prefixes of the last build()'s `prefix*` words (normalized exact
  // forms, as their OP_WILDCARD expands them), in query order: snippets
  // mark the words they begin (Xapian's query keeps no pattern to read).
  [[nodiscard]] const std::vector<std::string>& wildcard_prefixes() const {
    return wildcard_prefixes_;
  }

  // The stemmed-term query for one normalized word (exposed for tests).
  // With `exact_apart`, the exact-form bonus leaf (if any) is appended there
  // instead of OR-ed into the result (see group_query: all-words queries).
  [[nodiscard]] Xapian::Query word_query(const std::string& term,
                                         std::vector<Xapian::Query>* exact_apart = nullptr);

  // A question word (`wann`, `which`), or a quantity word or naming verb
  // right after `wie` / `how` (`viele`, `hieß`, `many`); both arguments are
  // normalized words (`previous`: the word before, or empty). Pure: no
  // analysis. Also used by search/adjacent_pairs to tell questions.
  [[nodiscard]] static bool is_question_word(const std::string& word, const std::string& previous);

 private:
  [[nodiscard]] std::vector<Token> words_of(std::string_view text);
  // The normalized word of an optional one-word node, else empty.
  [[nodiscard]] std::string optional_word(const Node& node);
  [[nodiscard]] Xapian::Query node_query(const Node& node);
  [[nodiscard]] Xapian::Query text_query(const std::string& text, bool phrase,
                                         std::vector<Xapian::Query>* exact_apart = nullptr);
  [[nodiscard]] Xapian::Query prefix_query(const Node& node);
  // One position of a phrase: the exact form `term`, or (OR) its other
  // spellings the index holds as exact forms ("müller": "mueller",
  // "muller"; "mueller": "müller"), so that a quoted name finds every
  // spelling, as its stems do outside quotes. One lookup per candidate.
  [[nodiscard]] Xapian::Query phrase_word(const std::string& term);
  // The closed form of a typed word whose tokens are joined by single
  // hyphens ("corona-pandemie" → "coronapandemie") when the index holds it
  // (its exact form or a stem); else empty.
  [[nodiscard]] std::string hyphen_joined(std::string_view text, const std::vector<Token>& tokens);
  [[nodiscard]] Xapian::Query title_query(const Node& node);
  [[nodiscard]] Xapian::Query field_query(const Node& node);
  [[nodiscard]] Xapian::Query near_query(const Node& node);
  [[nodiscard]] Xapian::Query group_query(const Node& group);
  [[nodiscard]] Xapian::Query all_query(const Node& all);

  // `whole` OR-ed with the word's German prefix neighbours at
  // kPrefixBackoffWeight if the index lacks the word (none for an English
  // word or a compound); needs the database.
  [[nodiscard]] Xapian::Query with_prefix_backoff(Xapian::Query whole, const std::string& term,
                                                  const std::vector<std::string>& own_stems) const;
  // Some of `stems` may match (may_match).
  [[nodiscard]] bool is_known(const std::vector<std::string>& stems) const;
  // Some plain word under `node` (not excluded) has a stem the index holds.
  [[nodiscard]] bool has_known_word(const Node& node);
  // The exact form `term` may be merged into `stems` (the word's live
  // stems as synonym_of gives them): see kExactFormMergeShare. Needs the
  // database; up to four frequency look-ups.
  [[nodiscard]] bool merges_into_stem(const std::string& term, const Xapian::Query& stems) const;
  // True unless a database is set and no article holds `term`.
  [[nodiscard]] bool may_match(const std::string& term) const;
  // `terms` as an OP_SYNONYM (one term: itself), leaving out terms no
  // article holds when others remain.
  [[nodiscard]] Xapian::Query synonym_of(std::vector<std::string> terms) const;

  analysis::TextAnalyzer& analyzer_;
  const Xapian::Database* db_ = nullptr;
  TermFreqs* freqs_ = nullptr;
  std::vector<std::string> languages_;
  double exact_form_weight_;
  MergedExactForms merged_;
  std::vector<std::string> wildcard_prefixes_;
  bool match_all_words_ = false;
  // Words the index lacks get prefix neighbours (set by build(): another
  // word of the query is known and not all words are required).
  bool unknown_words_back_off_ = false;
  bool known_words_back_off_ = false;
};

}  // namespace archivar::query
