// Facet columns (search/facet_column.hpp): docid → value codes read from a
// value slot, their tallies (of docid lists and of DocidBits) equal a
// value-stream count, FacetCounter's results agree either way, and a
// Searcher's columns follow reopen().
#include "search/facet_column.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/schema.hpp"
#include "index/value_list.hpp"
#include "search/facets.hpp"
#include "temp_dir.hpp"

namespace archivar::search {
namespace {

using testing_support::TempDir;

constexpr Xapian::valueno kSlot = 1;

// `docids` (ascending) as a DocidBits.
DocidBits bits_of(const std::vector<Xapian::docid>& docids) {
  std::vector<std::uint64_t> words(docids.empty() ? 0 : docids.back() / 64 + 1, 0);
  for (const Xapian::docid docid : docids) words[docid / 64] |= std::uint64_t{1} << (docid % 64);
  return DocidBits(std::move(words));
}

// Tally of a column as value → count (code 0, "no value", as ""); the
// tallies of the docid list and of its bits must agree.
std::map<std::string, std::uint32_t> tally_by_value(const FacetColumn& column,
                                                    const std::vector<Xapian::docid>& docids) {
  std::vector<std::uint32_t> tally(std::size_t{column.distinct()} + 1, 0);
  column.tally(docids, tally);
  std::vector<std::uint32_t> from_bits(tally.size(), 0);
  column.tally(bits_of(docids), from_bits);
  EXPECT_EQ(tally, from_bits);
  std::map<std::string, std::uint32_t> out;
  for (std::uint32_t code = 0; code < tally.size(); ++code) {
    if (tally[code] != 0) out[code == 0 ? "" : column.value(code)] = tally[code];
  }
  return out;
}

TEST(FacetColumn, CodesCountEachArticlesValueAndNoneForMissingOrDeleted) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  for (const char* lang : {"de", "en", "de", "", "fr", "de"}) {
    Xapian::Document doc;
    if (*lang != '\0') doc.add_value(kSlot, lang);
    db.add_document(doc);
  }
  db.delete_document(5);  // "fr"
  db.commit();
  const auto column = FacetColumn::load(db, kSlot, false, true);
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->code(4), 0u);   // no value
  EXPECT_EQ(column->code(5), 0u);   // deleted
  EXPECT_EQ(column->code(99), 0u);  // beyond the last docid
  EXPECT_EQ(column->value(column->code(1)), "de");
  EXPECT_EQ(column->code(1), column->code(6));
  EXPECT_NE(column->code(1), column->code(2));
  const std::map<std::string, std::uint32_t> expected = {{"", 2}, {"de", 3}, {"en", 1}};
  EXPECT_EQ(tally_by_value(*column, {1, 2, 3, 4, 5, 6}), expected);
  EXPECT_EQ(tally_by_value(*column, {2, 99}),
            (std::map<std::string, std::uint32_t>{{"", 1}, {"en", 1}}));
}

// Long match sets are counted in four interleaved counter arrays
// (FacetColumn::kMaxLaneCodes): the same counts, whatever the length
// modulo four, with deleted articles and docids beyond the column.
TEST(FacetColumn, LongMatchSetsCountTheSameInEveryLaneLayout) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  const std::array<const char*, 6> langs = {"de", "en", "de", "fr", "", "de"};
  for (int i = 0; i < 1300; ++i) {  // several of DocidBits' blocks
    Xapian::Document doc;
    if (*langs[i % 6] != '\0') doc.add_value(kSlot, langs[i % 6]);
    db.add_document(doc);  // docid i + 1
  }
  db.delete_document(4);  // "fr"
  db.delete_document(8);  // "en"
  db.commit();
  const auto column = FacetColumn::load(db, kSlot, false, true);
  ASSERT_TRUE(column.has_value());
  for (const Xapian::docid last : {1297U, 1298U, 1299U, 1300U}) {
    std::vector<Xapian::docid> docids;
    std::map<std::string, std::uint32_t> expected;
    for (Xapian::docid docid = 1; docid <= last; ++docid) {
      docids.push_back(docid);
      const bool deleted = docid == 4 || docid == 8;
      ++expected[deleted ? "" : langs[(docid - 1) % 6]];
    }
    docids.push_back(5000);  // beyond the last docid: no value
    ++expected[""];
    EXPECT_EQ(tally_by_value(*column, docids), expected) << last;
  }
  EXPECT_EQ(tally_by_value(*column, {4, 6, 8, 10}),
            (std::map<std::string, std::uint32_t>{{"", 2}, {"de", 1}, {"fr", 1}}));
}

TEST(FacetColumn, WideCodesWhenThereAreManyValues) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  std::vector<Xapian::docid> all;
  for (int i = 0; i < 700; ++i) {  // 350 distinct values: two-byte codes
    Xapian::Document doc;
    doc.add_value(kSlot, "author " + std::to_string(i % 350));
    all.push_back(db.add_document(doc));
  }
  db.commit();
  const auto column = FacetColumn::load(db, kSlot, false, true);
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->distinct(), 350u);
  const auto counts = tally_by_value(*column, all);
  EXPECT_EQ(counts.size(), 350u);
  EXPECT_EQ(counts.at("author 349"), 2u);
  EXPECT_EQ(column->value(column->code(700)), "author 349");
}

// A codes-only column of collapse keys only (every value 16 hex digits:
// coded by sorting the keys, not hashing them): codes agree exactly when
// the keys do, shared() marks the keys held twice or more, across keys that
// differ only in their first or only in their last digits, with articles
// without a key and a deleted one.
TEST(FacetColumn, HexKeyColumnCodesEqualKeysAlike) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  std::vector<std::string> keys = {""};  // by docid; docid 0 is none
  for (unsigned i = 0; i < 3000; ++i) {
    std::string key;
    if (i % 7 == 3) {
      key = "";  // no key
    } else if (i % 5 == 0) {
      key = std::string(15, '0') + "0123456789abcdef"[i / 5 % 16];  // last digit only: shared
    } else {
      // Groups of 1-3 articles; keys differ in the first and middle digits.
      const unsigned group = i / (1 + i % 3);
      char buffer[17];
      std::snprintf(buffer, sizeof buffer, "%02x00000%04x%05x", group % 256, group, group * 7);
      key = buffer;
    }
    Xapian::Document doc;
    if (!key.empty()) doc.add_value(kSlot, key);
    db.add_document(doc);
    keys.push_back(key);
  }
  db.delete_document(11);
  keys[11].clear();
  db.commit();
  std::map<std::string, unsigned> holders;
  for (const std::string& key : keys) {
    if (!key.empty()) ++holders[key];
  }
  const auto column = FacetColumn::load(db, kSlot, false, false);
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->distinct(), holders.size());
  std::uint32_t valued = 0;
  for (const auto& [key, count] : holders) valued += count;
  EXPECT_EQ(column->valued(), valued);
  std::map<std::uint32_t, std::string> key_of_code;
  for (Xapian::docid docid = 1; docid < keys.size(); ++docid) {
    const std::uint32_t code = column->code(docid);
    if (keys[docid].empty()) {
      EXPECT_EQ(code, 0u) << docid;
      EXPECT_FALSE(column->shared(docid)) << docid;
      continue;
    }
    ASSERT_GE(code, 1u);
    ASSERT_LE(code, column->distinct());
    const auto [known, inserted] = key_of_code.try_emplace(code, keys[docid]);
    EXPECT_EQ(known->second, keys[docid]) << docid;  // one code, one key
    EXPECT_EQ(column->shared(docid), holders[keys[docid]] > 1) << docid;
  }
  EXPECT_EQ(key_of_code.size(), holders.size());  // one key, one code
}

// Collapse keys (16 hex digits, read as numbers) and other values in one
// codes-only column: equal values share a code, shared() marks exactly the
// articles whose value another article holds too.
TEST(FacetColumn, CodesOnlyColumnMarksSharedValues) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  const std::vector<std::string> keys = {
      "00000000000000ff",  // 1: shared with 4
      "ff00000000000000",  // 2: alone
      "",                  // 3: no key
      "00000000000000ff",  // 4
      "00000000000000FF",  // 5: upper case, not hex64: a string, alone
      "not-a-hex-key",     // 6: shared with 7
      "not-a-hex-key",     // 7
      "0000000000000ff",   // 8: 15 digits, alone
  };
  for (const std::string& key : keys) {
    Xapian::Document doc;
    if (!key.empty()) doc.add_value(kSlot, key);
    db.add_document(doc);
  }
  db.commit();
  const auto column = FacetColumn::load(db, kSlot, false, false);
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->distinct(), 5u);
  EXPECT_EQ(column->valued(), 7u);
  EXPECT_EQ(column->code(1), column->code(4));
  EXPECT_EQ(column->code(6), column->code(7));
  EXPECT_NE(column->code(1), column->code(5));
  EXPECT_NE(column->code(1), column->code(8));
  EXPECT_EQ(column->code(3), 0u);
  const std::vector<bool> shared = {false, true, false, false, true, false, true, true, false};
  for (Xapian::docid docid = 0; docid < shared.size(); ++docid) {
    EXPECT_EQ(column->shared(docid), shared[docid]) << docid;
  }
  EXPECT_FALSE(column->shared(9999));
  // A column with values kept has no shared bits.
  EXPECT_FALSE(FacetColumn::load(db, kSlot, false, true)->shared(1));

  // The collapsed count: each key once, articles without one each.
  EXPECT_EQ(column->collapsed_count(bits_of({1, 2, 3, 4, 5, 6, 7, 8})), 6u);  // 1=4, 6=7
  EXPECT_EQ(column->collapsed_count(bits_of({1, 4, 6, 7})), 2u);
  EXPECT_EQ(column->collapsed_count(bits_of({1, 3, 6})), 3u);
  EXPECT_EQ(column->collapsed_count(bits_of({4, 7, 9, 12})), 4u);  // 9, 12 beyond the column
  EXPECT_EQ(column->collapsed_count(bits_of({})), 0u);
  // A column with values kept collapses nothing.
  EXPECT_EQ(FacetColumn::load(db, kSlot, false, true)->collapsed_count(bits_of({1, 4})), 2u);
}

// Collapse keys are read as numbers 8 digits at a time: codes follow the
// keys' order (for 16 lower-case hex digits, their string order), so every
// digit and letter at every position lands in the right nibble.
TEST(FacetColumn, HexKeyCodesFollowKeyOrder) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  std::vector<std::string> keys;
  for (std::size_t position = 0; position < 16; ++position) {
    for (const char digit : std::string_view("123456789abcdef")) {
      std::string key(16, '0');
      key[position] = digit;
      keys.push_back(key);
    }
  }
  keys.push_back(std::string(16, '0'));
  keys.push_back("0123456789abcdef");
  keys.push_back("fedcba9876543210");
  for (const std::string& key : keys) {
    Xapian::Document doc;
    doc.add_value(kSlot, key);
    db.add_document(doc);
  }
  db.commit();
  const auto column = FacetColumn::load(db, kSlot, false, false);
  ASSERT_TRUE(column.has_value());
  ASSERT_EQ(column->distinct(), keys.size());
  for (std::size_t a = 0; a < keys.size(); ++a) {
    for (std::size_t b = 0; b < keys.size(); ++b) {
      const auto code_a = column->code(static_cast<Xapian::docid>(a + 1));
      const auto code_b = column->code(static_cast<Xapian::docid>(b + 1));
      EXPECT_EQ(code_a < code_b, keys[a] < keys[b]) << keys[a] << " " << keys[b];
    }
  }
}

TEST(FacetColumn, ListSlotsCountEveryValueOfAnArticle) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  const std::vector<std::vector<std::string>> tags = {
      {"gold", "münzen"}, {}, {"münzen"}, {"euro", "gold", "münzen"}};
  for (const auto& list : tags) {
    Xapian::Document doc;
    if (!list.empty()) doc.add_value(kSlot, index::encode_value_list(list));
    db.add_document(doc);
  }
  db.commit();
  const auto column = FacetColumn::load(db, kSlot, true, true);
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(tally_by_value(*column, {1, 2, 3, 4}),
            (std::map<std::string, std::uint32_t>{{"euro", 1}, {"gold", 2}, {"münzen", 3}}));
  EXPECT_EQ(tally_by_value(*column, {2, 3, 50}),
            (std::map<std::string, std::uint32_t>{{"münzen", 1}}));
}

TEST(FacetColumn, SparseDocidsAreNotAnArray) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  Xapian::Document doc;
  doc.add_value(kSlot, "de");
  db.replace_document(10'000'000, doc);
  db.commit();
  EXPECT_FALSE(FacetColumn::load(db, kSlot, false, true).has_value());
  FacetColumns columns;
  EXPECT_EQ(columns.get(db, kSlot, false, true), nullptr);
}

// The Searchers of a process share a revision's columns: one load, one
// copy; other load options and a new revision get their own, and a column
// is freed with its last holder.
TEST(FacetColumns, SearchersShareTheColumnsOfOneRevision) {
  TempDir dir;
  const std::string path = (dir / "db").string();
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    for (const char* lang : {"de", "en", "de"}) {
      Xapian::Document doc;
      doc.add_value(kSlot, lang);
      writer.add_document(doc);
    }
    writer.commit();
  }
  const Xapian::Database db(path);
  FacetColumns first;
  FacetColumns second;
  const FacetColumn* column = first.get(db, kSlot, false, true);
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(second.get(db, kSlot, false, true), column);
  FacetColumns codes_only;
  EXPECT_NE(codes_only.get(db, kSlot, false, false), column);  // other options: own column

  {
    Xapian::WritableDatabase writer(path);
    Xapian::Document doc;
    doc.add_value(kSlot, "fr");
    writer.add_document(doc);
    writer.commit();
  }
  const Xapian::Database newer(path);
  FacetColumns third;
  const FacetColumn* newer_column = third.get(newer, kSlot, false, true);
  ASSERT_NE(newer_column, nullptr);
  EXPECT_NE(newer_column, column);
  EXPECT_EQ(tally_by_value(*newer_column, {1, 2, 3, 4}),
            (std::map<std::string, std::uint32_t>{{"de", 2}, {"en", 1}, {"fr", 1}}));
  EXPECT_EQ(tally_by_value(*second.get(db, kSlot, false, true), {1, 2, 3, 4}),
            (std::map<std::string, std::uint32_t>{{"", 1}, {"de", 2}, {"en", 1}}));

  // A writer's columns are never shared: its uncommitted changes have no
  // revision of their own.
  Xapian::WritableDatabase writer(path);
  Xapian::Document doc;
  doc.add_value(kSlot, "it");
  writer.add_document(doc);
  FacetColumns of_writer;
  const FacetColumn* pending = of_writer.get(writer, kSlot, false, true);
  ASSERT_NE(pending, nullptr);
  EXPECT_NE(pending, newer_column);
  EXPECT_EQ(tally_by_value(*pending, {5}), (std::map<std::string, std::uint32_t>{{"it", 1}}));
}

// The value of `docid` in a column ("" for none).
std::string value_at(const FacetColumn& column, Xapian::docid docid) {
  const std::uint32_t code = column.code(docid);
  return code == 0 ? std::string() : column.value(code);
}

// Columns read from the boolean terms (lang, year, source, author) hold, for
// every article, exactly what the value stream holds: articles indexed with
// and without each field, normalized sources and authors (case, diacritics,
// a long name clipped to the term limit), and a deleted article.
TEST(FacetColumn, TermColumnsEqualValueStreamColumns) {
  TempDir dir;
  {
    Index index(dir / "db");
    const std::vector<std::array<std::string, 5>> rows = {
        // id, lang, date, source, author
        {"a", "de", "2020-05-01", "dpa", "Anna Müller"},
        {"b", "en", "2019-01-31", "Reuters", ""},
        {"c", "de", "", "DPA", "anna müller"},
        {"d", "", "2021-12-24", "", "Jürgen Groß"},
        {"e", "en", "2019-07-04", "Süddeutsche Zeitung " + std::string(300, 'x'), "J. Smith"},
        {"f", "de", "2020-05-02", "reuters", ""},
    };
    for (const auto& [id, lang, date, source, author] : rows) {
      Article article;
      article.id = id;
      article.title = "Gold und Münzen " + id;
      article.body = "Ein Bericht über Gold, Münzen und Medaillen.";
      article.lang = lang;
      article.date = date;
      article.source = source;
      article.author = author;
      index.add(article);
    }
    index.remove("f");
    index.commit();
  }
  const Xapian::Database db((dir / "db").string());
  const std::vector<std::pair<Xapian::valueno, std::string_view>> slots = {
      {schema::kLanguageSlot, schema::kLanguage},
      {schema::kYearSlot, schema::kYear},
      {schema::kSourceSlot, schema::kSource},
      {schema::kAuthorSlot, schema::kAuthor}};
  for (const auto& [slot, prefix] : slots) {
    const auto from_terms = FacetColumn::load_from_terms(db, slot, prefix);
    const auto from_values = FacetColumn::load(db, slot, false, true);
    ASSERT_TRUE(from_terms && from_values) << prefix;
    EXPECT_EQ(from_terms->distinct(), from_values->distinct()) << prefix;
    EXPECT_EQ(from_terms->valued(), from_values->valued()) << prefix;
    for (Xapian::docid docid = 0; docid <= db.get_lastdocid() + 1; ++docid) {
      EXPECT_EQ(value_at(*from_terms, docid), value_at(*from_values, docid)) << prefix << docid;
    }
  }
  // The terms hold what was indexed: two sources, one of them clipped.
  const auto sources = FacetColumn::load_from_terms(db, schema::kSourceSlot, schema::kSource);
  EXPECT_EQ(value_at(*sources, 1), value_at(*sources, 3));  // dpa, DPA
  EXPECT_EQ(sources->distinct(), 3u);                       // dpa, reuters, süddeutsche...
}

// An article holding two terms of the prefix makes the column fall back to
// the value stream (the slot's values are not the terms').
TEST(FacetColumn, TermColumnWithTwoValuesPerArticleReadsValues) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  Xapian::Document doc;
  doc.add_boolean_term("Lde");
  doc.add_boolean_term("Len");
  doc.add_value(kSlot, "fr");
  db.add_document(doc);
  db.commit();
  const auto column = FacetColumn::load_from_terms(db, kSlot, "L");
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->distinct(), 1u);
  EXPECT_EQ(value_at(*column, 1), "fr");
}

// Through the public API: counts after new articles and a deletion, once
// the Searcher has reopened, and the old revision's counts until then.
TEST(FacetColumns, SearcherCountsFollowReopen) {
  TempDir dir;
  const auto article = [](const char* id, const char* lang, const char* source) {
    Article out;
    out.id = id;
    out.title = std::string("Bericht über Münzen ") + id;
    out.body = "Münzen und Medaillen aus Gold.";
    out.lang = lang;
    out.source = source;
    out.date = "2020-05-01";
    return out;
  };
  Index index(dir / "db");
  index.add(article("a", "de", "dpa"));
  index.add(article("b", "de", "Reuters"));
  index.commit();
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.collapse_duplicates = false;
  request.facets = {"lang", "source"};
  const auto facet = [&](std::size_t i) { return searcher.search(request).facets.at(i).values; };
  EXPECT_EQ(facet(0), (std::vector<FacetValue>{{"de", 2}}));
  index.add(article("c", "en", "Reuters"));
  index.remove("a");
  index.commit();
  EXPECT_EQ(facet(1), (std::vector<FacetValue>{{"dpa", 1}, {"Reuters", 1}}));  // old revision
  searcher.reopen();
  EXPECT_EQ(facet(0), (std::vector<FacetValue>{{"de", 1}, {"en", 1}}));
  EXPECT_EQ(facet(1), (std::vector<FacetValue>{{"Reuters", 2}}));
  EXPECT_EQ(searcher.search(request).total.lower, 2u);
}

// FacetCounter over columns (codes, results() reading the values from the
// column) and over value streams (strings) gives the same facets: most
// frequent first, ties by value, cut at the size asked for, with the
// distinct count of all values.
TEST(FacetCounter, ColumnAndValueStreamCountsGiveTheSameTopValues) {
  TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  const std::vector<std::pair<std::string, int>> sources = {
      {"gamma", 3}, {"alpha", 5}, {"epsilon", 1}, {"beta", 3}, {"delta", 2}};
  for (const auto& [source, articles] : sources) {
    for (int i = 0; i < articles; ++i) {
      Xapian::Document doc;
      doc.add_value(schema::kSourceSlot, source);
      doc.add_boolean_term(std::string(schema::kSource) + source);
      db.add_document(doc);
    }
  }
  Xapian::Document without;  // no source: not a value
  db.add_document(without);
  db.commit();
  std::vector<Xapian::docid> every;
  for (Xapian::docid docid = 1; docid <= db.get_lastdocid(); ++docid) every.push_back(docid);
  const auto facet_of = [&](std::vector<Xapian::docid> matches, std::uint32_t size,
                            bool with_columns) {
    FacetCounter counter({"source"});
    counter.assign_matches(bits_of(matches));
    FacetColumns columns;
    counter.count(db, with_columns ? &columns : nullptr);
    EXPECT_EQ(counter.counted(), matches.size());
    return counter.results(size).at(0);
  };
  const auto shown = [](const Facet& facet) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const FacetValue& value : facet.values) out.emplace_back(value.value, value.count);
    return out;
  };
  using Shown = std::vector<std::pair<std::string, std::uint64_t>>;
  for (const bool with_columns : {true, false}) {
    const Facet top3 = facet_of(every, 3, with_columns);
    EXPECT_EQ(shown(top3), (Shown{{"alpha", 5}, {"beta", 3}, {"gamma", 3}})) << with_columns;
    EXPECT_EQ(top3.distinct, 5u);
    const Facet all = facet_of(every, 10, with_columns);
    EXPECT_EQ(shown(all),
              (Shown{{"alpha", 5}, {"beta", 3}, {"gamma", 3}, {"delta", 2}, {"epsilon", 1}}));
    // gamma 1..3, alpha 4..8, epsilon 9, beta 10..12, delta 13..14, none 15.
    const Facet some = facet_of({2, 3, 9, 11, 13, 14, 15}, 2, with_columns);
    EXPECT_EQ(shown(some), (Shown{{"delta", 2}, {"gamma", 2}})) << with_columns;
    EXPECT_EQ(some.distinct, 4u);
  }
}

}  // namespace
}  // namespace archivar::search
