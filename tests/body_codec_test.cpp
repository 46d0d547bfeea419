// Compressed body records (index/body_codec.hpp): a dictionary trained on
// real bodies, records that decode to the same bytes, clear errors for
// corrupt records and missing dictionaries, and the writers that train the
// dictionary (Index, BulkIndexer) and the Searcher that reads it.
#include "index/body_codec.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <map>
#include <sstream>

#include "archivar/bulk_indexer.hpp"
#include "archivar/errors.hpp"
#include "archivar/index.hpp"
#include "archivar/searcher.hpp"
#include "index/schema.hpp"
#include "index/stored_fields.hpp"
#include "temp_dir.hpp"

namespace archivar::index {
namespace {

using testing_support::TempDir;

// The sentences of the fixture texts (a German strike report, an English
// cocoa market report, a German comment).
std::vector<std::string> fixture_sentences() {
  std::vector<std::string> sentences;
  const std::filesystem::path fixtures(ARCHIVAR_FIXTURES);
  for (const char* name :
       {"snippets/bahnstreik.de.txt", "snippets/cocoa.en.txt", "ingest/kommentar.txt"}) {
    std::ifstream in(fixtures / name);
    std::stringstream text;
    text << in.rdbuf();
    std::string sentence;
    for (char c : text.str()) {
      sentence.push_back(c == '\n' ? ' ' : c);
      if (c == '.' && sentence.size() > 20) {
        sentences.push_back(sentence);
        sentence.clear();
      }
    }
  }
  return sentences;
}

// `count` bodies of 5-12 fixture sentences each, every body a different
// selection, as a news archive repeats its vocabulary across articles.
std::vector<std::string> fixture_bodies(std::size_t count) {
  const std::vector<std::string> sentences = fixture_sentences();
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < count; ++i) {
    std::string body;
    const std::size_t length = 5 + i % 8;
    for (std::size_t k = 0; k < length; ++k) {
      body += sentences[(i * 7 + k * (1 + i % 5)) % sentences.size()];
    }
    bodies.push_back(body);
  }
  return bodies;
}

std::vector<Article> fixture_articles(std::size_t count, const std::string& prefix) {
  std::vector<Article> articles;
  std::size_t i = 0;
  for (std::string& body : fixture_bodies(count)) {
    Article article;
    article.id = prefix + std::to_string(i++);
    article.title = body.substr(0, body.find(' ', 30));
    article.body = std::move(body);
    article.lang = article.body.find(" the ") != std::string::npos ? "en" : "de";
    articles.push_back(std::move(article));
  }
  return articles;
}

TEST(BodyCodec, DictionaryTrainedOnBodiesRoundTripsAndShrinksThem) {
  const std::vector<std::string> bodies = fixture_bodies(600);
  const std::optional<std::string> dictionary = train_body_dictionary(bodies);
  ASSERT_TRUE(dictionary.has_value());
  BodyCompressor compressor(*dictionary);
  EXPECT_EQ(compressor.id(), body_dictionary_id(*dictionary));
  EXPECT_NE(compressor.id(), 0U);
  const std::string key = std::string(kBodyDictionaryKeyPrefix) + std::to_string(compressor.id());
  int lookups = 0;
  BodyDecompressor decompressor([&](const std::string& asked) {
    ++lookups;
    return asked == key ? *dictionary : std::string();
  });
  std::size_t raw = 0;
  std::size_t compressed = 0;
  for (const std::string& body : bodies) {
    const std::string record = compressor.record(body);
    ASSERT_EQ(static_cast<unsigned char>(record.front()), kBodyRecordCompressed);
    EXPECT_EQ(decompressor.body(record), body);
    EXPECT_EQ(decode_body(record, &decompressor), body);
    raw += body.size();
    compressed += record.size();
  }
  EXPECT_EQ(lookups, 1);  // the dictionary is loaded once
  // The bodies share their sentences: the dictionary holds most of them.
  EXPECT_LT(compressed * 5, raw);
}

TEST(BodyCodec, TooLittleTextTrainsNoDictionary) {
  EXPECT_FALSE(train_body_dictionary(fixture_bodies(3)).has_value());
  EXPECT_FALSE(train_body_dictionary({}).has_value());
}

TEST(BodyCodec, CorruptRecordsAndMissingDictionariesAreDatabaseErrors) {
  const std::vector<std::string> bodies = fixture_bodies(600);
  const std::string dictionary = train_body_dictionary(bodies).value();
  BodyCompressor compressor(dictionary);
  const std::string record = compressor.record(bodies[42]);
  BodyDecompressor without([](const std::string&) { return std::string(); });
  EXPECT_THROW((void)without.body(record), DatabaseError);
  BodyDecompressor with([&](const std::string&) { return dictionary; });
  EXPECT_THROW((void)with.body(record.substr(0, record.size() - 3)), DatabaseError);
  EXPECT_THROW((void)with.body(record.substr(0, 4)), DatabaseError);
  EXPECT_THROW((void)with.body(std::string(1, '\3')), DatabaseError);
  EXPECT_THROW((void)with.body("\2plain"), DatabaseError);
  EXPECT_EQ(with.body(record), bodies[42]);
  // A compressed record needs the index's dictionaries.
  EXPECT_THROW((void)decode_body(record), DatabaseError);
  EXPECT_THROW(BodyCompressor("not a dictionary"), DatabaseError);
}

TEST(BodyCodec, PlainRecordsStillDecodeBesideCompressedOnes) {
  Article article;
  article.id = "a";
  article.body = "Die Lokführer streiken.";
  const StoredRecords records = encode_stored_fields(article);
  BodyDecompressor decompressor([](const std::string&) { return std::string(); });
  EXPECT_EQ(decode_body(records.data, &decompressor), article.body);
  std::string storage;
  EXPECT_EQ(body_view(records.data, storage, &decompressor), article.body);
  EXPECT_EQ(decode_stored_fields(records.display, records.data, &decompressor), article);
}

// The version byte of each document's body record, by article id.
std::map<std::string, int> record_versions(const std::filesystem::path& path) {
  std::map<std::string, int> versions;
  Xapian::Database db(path.string());
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document document = db.get_document(*it);
    const Article display =
        decode_display_fields(document.get_value(schema::kDisplaySlot), [] { return ""; });
    versions[display.id] = static_cast<unsigned char>(document.get_data().front());
  }
  return versions;
}

std::size_t dictionaries_in(const std::filesystem::path& path) {
  Xapian::Database db(path.string());
  std::size_t count = 0;
  const std::string prefix(kBodyDictionaryKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) ++count;
  return count;
}

TEST(CompressedBodies, IndexTrainsAtCommitRewritesEarlierArticlesAndKeepsCompressing) {
  TempDir dir;
  const std::vector<Article> articles = fixture_articles(600, "a");
  {
    IndexOptions options;
    options.commit_every = 200;  // the first 400 are committed before training
    Index index(dir.path(), options);
    for (const Article& article : articles) (void)index.add(article);
    index.commit();
  }
  EXPECT_EQ(dictionaries_in(dir.path()), 1U);
  for (const auto& [id, version] : record_versions(dir.path())) {
    EXPECT_EQ(version, kBodyRecordCompressed) << id;
  }
  {
    // A later writer compresses with the stored dictionary.
    Index index(dir.path(), IndexOptions{});
    Article late = articles[5];
    late.id = "late";
    late.body = "Der Streik der Lokführer dauert an. " + late.body;
    (void)index.add(late);
    index.commit();
  }
  EXPECT_EQ(record_versions(dir.path()).at("late"), kBodyRecordCompressed);
  EXPECT_EQ(dictionaries_in(dir.path()), 1U);
  Searcher searcher(dir.path());
  for (const Article& article : {articles[0], articles[599]}) {
    const std::optional<Article> stored = searcher.get(article.id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->body, article.body);
  }
  EXPECT_TRUE(searcher.get("late")->body.starts_with("Der Streik der Lokführer dauert an. "));
  SearchRequest request;
  request.query = "Lokführer";
  request.snippet_length = 200;
  const SearchResults results = searcher.search(request);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_NE(results.hits.front().snippet.find("Lokführer"), std::string::npos)
      << results.hits.front().snippet << " / " << results.hits.front().id;
}

TEST(CompressedBodies, ClosingWithoutCommitTrainsAndCommitsToo) {
  TempDir dir;
  {
    IndexOptions options;
    options.commit_every = 300;  // nothing left pending when the writer closes
    Index index(dir.path(), options);
    for (const Article& article : fixture_articles(600, "c")) (void)index.add(article);
  }
  EXPECT_EQ(dictionaries_in(dir.path()), 1U);
  const std::map<std::string, int> versions = record_versions(dir.path());
  EXPECT_EQ(versions.size(), 600U);
  for (const auto& [id, version] : versions) EXPECT_EQ(version, kBodyRecordCompressed) << id;
  EXPECT_EQ(Searcher(dir.path()).get("c7")->body, fixture_bodies(600)[7]);
}

TEST(CompressedBodies, SmallIndexKeepsPlainRecords) {
  TempDir dir;
  {
    Index index(dir.path(), IndexOptions{});
    for (const Article& article : fixture_articles(20, "s")) (void)index.add(article);
    index.commit();
  }
  EXPECT_EQ(dictionaries_in(dir.path()), 0U);
  for (const auto& [id, version] : record_versions(dir.path())) {
    EXPECT_EQ(version, kBodyRecordPlain) << id;
  }
  EXPECT_EQ(Searcher(dir.path()).get("s3")->body, fixture_bodies(20)[3]);
}

TEST(CompressedBodies, BulkBuildShardsEachTrainOneAndTheMergeKeepsBoth) {
  TempDir dir;
  const std::vector<Article> articles = fixture_articles(1400, "b");
  BulkIndexOptions options;
  options.threads = 2;
  BulkIndexer indexer(dir.path() / "db", options);
  for (Article article : articles) indexer.add(std::move(article));
  ASSERT_TRUE(indexer.finish().parallel);
  EXPECT_EQ(dictionaries_in(dir.path() / "db"), 2U);
  for (const auto& [id, version] : record_versions(dir.path() / "db")) {
    EXPECT_EQ(version, kBodyRecordCompressed) << id;
  }
  Searcher searcher(dir.path() / "db");
  for (const Article& article : articles) {
    ASSERT_EQ(searcher.get(article.id)->body, article.body) << article.id;
  }
}

}  // namespace
}  // namespace archivar::index
