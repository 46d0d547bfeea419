// Public Index (writer): a pimpl handle over a Xapian WritableDatabase, or
// one per shard of a shard set (index/shard_set.hpp).
#include "archivar/index.hpp"

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/german_lexicon.hpp"
#include "analysis/language_detector.hpp"
#include "analysis/text_analyzer.hpp"
#include "archivar/errors.hpp"
#include "index/block_size.hpp"
#include "index/body_codec.hpp"
#include "index/database_errors.hpp"
#include "index/document_builder.hpp"
#include "index/near_duplicates.hpp"
#include "index/pending_bands.hpp"
#include "index/schema.hpp"
#include "index/shard_set.hpp"
#include "index/spelling_words.hpp"
#include "index/stored_fields.hpp"
#include "ingest/json_record.hpp"
#include "ingest/text_cleaner.hpp"

namespace archivar {

namespace {

// Body compression (index/body_codec.hpp): a writer of a single index
// without a dictionary keeps the bodies it adds and trains one from the
// first kBodySampleArticles (~8 MB of news) or kBodySampleBytes, whichever
// comes first, or at commit() from at least kMinBodySampleArticles; the
// articles it wrote before get their records rewritten then. Fewer articles (small indexes, updates
// of an old index adding a few) keep uncompressed records, which glass compresses with zlib.
constexpr std::size_t kBodySampleArticles = 4'000;
constexpr std::size_t kMinBodySampleArticles = 500;
constexpr std::size_t kBodySampleBytes = 16 << 20;  // bounds the sample's memory and training time

// Word spellings per language whose analysis the writer's TextAnalyzer
// remembers (analysis/word_cache.hpp: direct-mapped, ~2 MiB per language
// and writer at 16,384 slots; 1,024 and 4,096 saved less analysis time).
// bench/README.md "Indexing CPU after jemalloc".
constexpr std::size_t kWriterWordCache = 16384;

// "de-DE", "DE", "de_AT" → "de".
std::string normalize_language_code(std::string_view lang) {
  std::string code;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    code.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return code;
}

// The analysis options of the index: stored at creation, read afterwards.
analysis::AnalysisOptions settle_analysis_options(Xapian::WritableDatabase& db,
                                                  const IndexOptions& requested) {
  const std::string key(schema::kAnalysisKey);
  const std::string stored = db.get_metadata(key);
  if (!stored.empty()) return analysis::AnalysisOptions::decode(stored);
  analysis::AnalysisOptions options;
  options.fold_spellings = requested.fold_spellings;
  options.decompound_german = requested.decompound_german;
  if (db.get_doccount() == 0) {
    db.set_metadata(key, options.encode());
    return options;
  }
  return analysis::AnalysisOptions::decode("");  // written before options were recorded
}

void check_schema_version(Xapian::WritableDatabase& db, const std::string& path) {
  const std::string key(schema::kSchemaVersionKey);
  const std::string stored = db.get_metadata(key);
  const std::string ours = std::to_string(schema::kSchemaVersion);
  if (stored.empty()) {
    if (db.get_doccount() != 0) {
      throw DatabaseError("index at " + path + " was not written by archivar (no schema version)");
    }
    db.set_metadata(key, ours);
  } else if (stored != ours) {
    throw DatabaseError("index at " + path + " has schema version " + stored +
                        ", this archivar reads version " + ours + "; re-index the articles");
  }
}

// True if `path` is a folder left by a creation of a glass database that was
// interrupted (e.g. SIGKILL) before its first commit: no "iamglass" version
// file, and nothing but the files glass writes while creating. Such a folder
// holds no committed data, and Xapian refuses to open it ("no index there").
bool is_interrupted_creation(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_directory(path, error)) return false;
  if (std::filesystem::exists(path / "iamglass", error) || error) return false;
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    const std::string name = entry.path().filename().string();
    const bool glass_file = name == "flintlock" || name.ends_with(".glass") ||
                            name.ends_with(".tmp") || name.starts_with("iamglass");
    if (!glass_file) return false;
  }
  return !error;
}

}  // namespace

class Index::Impl {
 public:
  Impl(const std::filesystem::path& path, IndexOptions options)
      : path_(path.string()),
        options_(options),
        cleaner_(options_.cleaning, &analysis::GermanLexicon::instance(),
                 &analysis::GermanLexicon::english()) {
    index::check_block_size(options_.block_size);
    analysis::AnalysisOptions analysis_options;
    if (index::is_shard_set(path)) {
      open_shard_set(path, analysis_options);
    } else if (options_.shards > 1) {
      create_shard_set(path, analysis_options);
    } else {
      open_shard(path, "", analysis_options);
    }
    for (auto& shard : shards_) all_.add_database(shard.db);
    open_body_dictionary();
    start_pending_bands();
    analyzer_ = std::make_unique<analysis::TextAnalyzer>(analysis_options);
    analyzer_->enable_word_cache(kWriterWordCache);
    builder_ = std::make_unique<index::DocumentBuilder>(*analyzer_);
  }

  AddResult add(const Article& original) {
    if (original.id.empty()) throw InvalidArgumentError("article id is empty");
    if (original.id.size() > schema::kMaxIdBytes) {
      throw InvalidArgumentError("article id longer than " + std::to_string(schema::kMaxIdBytes) +
                                 " bytes: " + original.id.substr(0, 40) + "...");
    }
    Article article = original;
    if (!article.date.empty() && !ingest::normalize_iso_date(original.date, article.date)) {
      throw InvalidArgumentError("article " + original.id + ": date '" + original.date +
                                 "' is not ISO 8601 (YYYY-MM-DD)");
    }
    article.lang = normalize_language_code(article.lang);
    // Terms come from the cleaned text; the document stores `article`.
    std::string clean_title = cleaner_.clean_title(article.title);
    std::string clean_body = cleaner_.clean_body(article.body, article.title);
    if (article.lang.empty()) {
      article.lang = analysis::detect_language(clean_title + "\n" + clean_body);
    }
    Article analyzed = article;  // every field but the cleaned title and body
    analyzed.title = std::move(clean_title);
    analyzed.body = std::move(clean_body);
    Xapian::Document document = builder_->build(analyzed, article);
    if (compressor_) document.set_data(compressor_->record(article.body));
    const std::string id_term = std::string(schema::kId) + article.id;
    const auto count = static_cast<std::uint32_t>(shards_.size());
    const std::uint32_t k = index::shard_of(article.id, count);
    WritableShard& shard = shards_[k];
    AddResult result = AddResult::added;
    index::translate_xapian_errors("adding article " + article.id + " to " + shard.path, [&] {
      Xapian::docid self = 0;  // in the union of all shards (all_)
      if (auto posting = shard.db.postlist_begin(id_term);
          posting != shard.db.postlist_end(id_term)) {
        self = (*posting - 1) * count + k + 1;  // Xapian's interleaving of multi-database docids
        result = AddResult::replaced;
      }
      // Near-duplicates are looked up in every shard, so a set clusters
      // (and collapses) like one index holding the same articles.
      const std::optional<std::uint64_t> hash = builder_->simhash();
      if (pending_bands_) {
        assign_cluster_from_reader(document, hash, self);
      } else {
        index::assign_near_duplicate_cluster(all_, document, hash, self);
      }
      // A new id is added directly: replace_document(id_term) would look the
      // id's posting list up a second time to find it absent (same docid).
      Xapian::docid local = 0;  // in the shard
      if (result == AddResult::replaced) {
        local = shard.db.replace_document(id_term, document);
      } else {
        local = shard.db.add_document(document);
      }
      if (pending_bands_) {
        pending_bands_->set((local - 1) * count + k + 1, hash,
                            document.get_value(schema::kClusterSlot));
      }
      if (sampling_) {
        body_sample_.push_back(article.body);
        body_sample_bytes_ += article.body.size();
        sampled_docids_.push_back(local);
      }
      if (options_.spelling && result == AddResult::added) add_spelling_words(shard, document);
    });
    if (sampling_ &&
        (body_sample_.size() >= kBodySampleArticles || body_sample_bytes_ >= kBodySampleBytes)) {
      compress_sampled_bodies();
    }
    count_change();
    return result;
  }

  bool remove(std::string_view id) {
    if (id.empty()) throw InvalidArgumentError("article id is empty");
    const std::string id_term = std::string(schema::kId) + std::string(id);
    WritableShard& shard = shards_[index::shard_of(id, static_cast<std::uint32_t>(shards_.size()))];
    const auto count = static_cast<std::uint32_t>(shards_.size());
    const std::uint32_t k = index::shard_of(id, count);
    bool existed = false;
    index::translate_xapian_errors("deleting article " + std::string(id) + " from " + shard.path,
                                   [&] {
                                     auto posting = shard.db.postlist_begin(id_term);
                                     existed = posting != shard.db.postlist_end(id_term);
                                     if (!existed) return;
                                     const Xapian::docid local = *posting;
                                     shard.db.delete_document(id_term);
                                     if (pending_bands_) {
                                       pending_bands_->erase((local - 1) * count + k + 1);
                                     }
                                   });
    if (existed) count_change();
    return existed;
  }

  // Commits shard after shard. A crash between two shard commits leaves the
  // earlier shards at the new batch and the later ones at the previous one
  // (each shard is consistent on its own; ARCHITECTURE.md "Shard sets").
  void commit() {
    if (sampling_ && body_sample_.size() >= kMinBodySampleArticles) compress_sampled_bodies();
    commit_batch();
  }

  void commit_batch() {
    for (auto& shard : shards_) {
      index::translate_xapian_errors("committing to index " + shard.path, [&] {
        flush_spelling(shard);
        shard.db.commit();
      });
    }
    pending_ = 0;
    if (pending_bands_) {
      // A writer that has seen every article of its database keeps their
      // bands in memory: its probes then read no posting list or value of
      // Xapian's (68 B-tree look-ups per article, ~9% of a 171k build's CPU).
      if (bands_complete_ && pending_bands_->size() <= index::kMaxRetainedBandArticles) return;
      bands_complete_ = false;
      pending_bands_->clear();
      // Committed data needs a reader; without one, probe the writer.
      if (!open_committed_reader()) pending_bands_.reset();
    }
  }

  std::uint64_t size() const {
    return index::translate_xapian_errors("counting articles in " + path_,
                                          [&] { return all_.get_doccount(); });
  }

  ~Impl() {
    try {
      if (sampling_ && body_sample_.size() >= kMinBodySampleArticles) {
        compress_sampled_bodies();
      }
      if (pending_ > 0) {
        for (auto& shard : shards_) {
          flush_spelling(shard);
          shard.db.commit();
        }
      }
    } catch (...) {
      // Destructors must not throw; the uncommitted changes are lost, the
      // last commit stays intact (call commit() to see the error).
    }
  }

 private:
  // One writable shard: its database, where it lives, and the spelling words
  // of its articles waiting for the next commit. A member of Impl, not of the
  // anonymous namespace: a type with internal linkage as a field of Impl
  // (external linkage) is what -Wsubobject-linkage reports.
  struct WritableShard {
    std::string path;
    Xapian::WritableDatabase db;
    std::unordered_map<std::string, Xapian::termcount> pending_spelling;  // until commit()
    bool remote = false;                                                  // served by xapian-tcpsrv
  };

  // Opens (or creates) one glass database, or a remote one served by
  // `xapian-tcpsrv --writable` (`remote` set; never created); `shard_tag`
  // ("k/N", "" for a single index) is checked against (or recorded in) its
  // metadata.
  void open_shard(const std::filesystem::path& path, const std::string& shard_tag,
                  analysis::AnalysisOptions& analysis_options,
                  const index::ShardEntry* remote = nullptr) {
    WritableShard shard;
    shard.path = remote ? remote->spec : path.string();
    shard.remote = remote != nullptr;
    index::translate_xapian_errors("opening index " + shard.path + " for writing", [&] {
      if (remote) {
        // No timeout on operations (a commit of a big batch may take long),
        // Xapian's default 10 s to connect.
        shard.db = Xapian::Remote::open_writable(remote->host, remote->port, 0, 10000);
      } else {
        int action = options_.create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        // Found by tests/crash_test.py: a kill during creation left a folder
        // every later run refused. Start it afresh (Xapian still takes the
        // write lock first, so a live writer is not overwritten).
        if (options_.create && is_interrupted_creation(path)) {
          action = Xapian::DB_CREATE_OR_OVERWRITE;
        }
        if (!options_.sync_commits) action |= Xapian::DB_NO_SYNC;
        // The block size is only used when Xapian creates the database.
        shard.db = Xapian::WritableDatabase(shard.path, action | Xapian::DB_BACKEND_GLASS,
                                            static_cast<int>(options_.block_size));
      }
      check_schema_version(shard.db, shard.path);
      analysis_options = settle_analysis_options(shard.db, options_);
      if (shard_tag.empty()) return;
      const std::string key(index::kShardMetadataKey);
      const std::string stored = shard.db.get_metadata(key);
      if (stored.empty() && shard.db.get_doccount() == 0) {
        shard.db.set_metadata(key, shard_tag);
      } else if (stored != shard_tag) {
        throw DatabaseError("shard " + shard.path + " is shard '" + stored +
                            "' of its set, but the manifest names it as shard " + shard_tag +
                            " (manifest lines reordered, or a shard of another set?)");
      }
    });
    shards_.push_back(std::move(shard));
  }

  void open_shard_set(const std::filesystem::path& root,
                      analysis::AnalysisOptions& analysis_options) {
    const index::ShardSet set = index::read_shard_set(root);
    const auto count = static_cast<std::uint32_t>(set.shards.size());
    if (options_.shards > 1 && options_.shards != count) {
      throw InvalidArgumentError("shard set " + root.string() + " has " + std::to_string(count) +
                                 " shards, not " + std::to_string(options_.shards) +
                                 " (re-shard by indexing into a new set; README \"Running on "
                                 "several machines\")");
    }
    for (std::uint32_t k = 0; k < count; ++k) {
      const index::ShardEntry& entry = set.shards[k];
      // A remote shard must be served by `xapian-tcpsrv --writable`.
      open_shard(entry.path, index::shard_metadata(k, count), analysis_options,
                 entry.remote ? &entry : nullptr);
    }
  }

  // A new set: the shard databases first, the manifest last, so a folder is
  // only ever taken for a set once all its shards exist.
  void create_shard_set(const std::filesystem::path& root,
                        analysis::AnalysisOptions& analysis_options) {
    if (!options_.create) throw DatabaseError("no shard set at " + root.string());
    if (options_.shards > index::kMaxShards) {
      throw InvalidArgumentError("at most " + std::to_string(index::kMaxShards) + " shards");
    }
    std::error_code error;
    if (std::filesystem::exists(root, error) && !std::filesystem::is_empty(root, error)) {
      throw DatabaseError(root.string() +
                          " exists and is not a shard set; a new set needs a new "
                          "or empty folder");
    }
    std::filesystem::create_directories(root, error);
    if (error) throw DatabaseError("cannot create " + root.string() + ": " + error.message());
    for (std::uint32_t k = 0; k < options_.shards; ++k) {
      open_shard(root / index::local_shard_name(k), index::shard_metadata(k, options_.shards),
                 analysis_options);
    }
    for (auto& shard : shards_) {
      index::translate_xapian_errors("creating shard " + shard.path, [&] { shard.db.commit(); });
    }
    index::write_local_manifest(root, options_.shards);
  }

  // Feeds the article's words to Xapian's spelling table, once per article
  // (so a word's frequency is its document frequency). Only plain words:
  // unprefixed terms of letters, 3 to 30 bytes. A replaced article's words
  // are not added again (its old words cannot be told apart), so the table
  // slightly over-counts words of edited articles; that only affects which
  // of two near candidates is suggested.
  static void add_spelling_words(WritableShard& shard, const Xapian::Document& document) {
    for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
      if (index::is_spelling_word(*it)) ++shard.pending_spelling[*it];
    }
  }

  // Hands the batch's word counts to Xapian: one add_spelling() per distinct
  // word instead of one per article and word (about 15 times fewer calls on
  // news text, which keeps the spelling table's cost small).
  static void flush_spelling(WritableShard& shard) {
    for (const auto& [word, count] : shard.pending_spelling) shard.db.add_spelling(word, count);
    shard.pending_spelling.clear();
  }

  // Near-duplicate probes read the last commit through a reader plus the
  // batch's band postings (index/pending_bands.hpp) when every shard is a
  // local database; a remote shard set probes its writable union.
  void start_pending_bands() {
    for (const auto& shard : shards_) {
      if (shard.remote) return;
    }
    const Xapian::doccount committed = index::translate_xapian_errors(
        "counting articles in " + path_, [&] { return all_.get_doccount(); });  // none pending
    // A database created by this writer has no committed revision until its
    // first commit: no reader, and nothing committed to read.
    if (open_committed_reader() || committed == 0) pending_bands_.emplace();
    // An empty database: every article it will hold passes through this
    // writer, so the batch index can hold them all (commit_batch()).
    bands_complete_ = pending_bands_.has_value() && committed == 0;
    if (bands_complete_) committed_.reset();
  }

  // (Re)opens the reader at the shards' last commit; false if there is none.
  bool open_committed_reader() {
    committed_.reset();
    return index::translate_xapian_errors("opening a reader of " + path_, [&] {
      try {
        Xapian::Database reader;
        for (const auto& shard : shards_) reader.add_database(Xapian::Database(shard.path));
        committed_ = std::move(reader);
        return true;
      } catch (const Xapian::DatabaseOpeningError&) {
        return false;
      }
    });
  }

  // The cluster from the reader and the batch. A reader whose revision the
  // writer has since overwritten (Xapian's own flush after 10,000 changes
  // without our commit) is reopened: a newer reader is still exact, since
  // the batch overrides every document it changed.
  void assign_cluster_from_reader(Xapian::Document& document, std::optional<std::uint64_t> hash,
                                  Xapian::docid self) {
    for (int attempt = 0;; ++attempt) {
      try {
        index::assign_near_duplicate_cluster(committed_ ? &*committed_ : nullptr, *pending_bands_,
                                             document, hash, self);
        return;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= 3 || !open_committed_reader()) throw;
      }
    }
  }

  void count_change() {
    ++pending_;
    if (options_.commit_every != 0 && pending_ >= options_.commit_every) commit_batch();
  }

  // A single index (not a shard set, nor a shard of one: their shards would
  // each need the others' dictionaries) compresses bodies with its
  // dictionary, or samples bodies to train one.
  void open_body_dictionary() {
    if (shards_.size() != 1) return;
    WritableShard& shard = shards_.front();
    index::translate_xapian_errors("reading the body dictionary of " + shard.path, [&] {
      if (!shard.db.get_metadata(std::string(index::kShardMetadataKey)).empty()) return;
      const std::string id = shard.db.get_metadata(std::string(index::kBodyDictionaryKey));
      if (id.empty()) {
        sampling_ = true;
        return;
      }
      const std::string dictionary =
          shard.db.get_metadata(std::string(index::kBodyDictionaryKeyPrefix) + id);
      compressor_.emplace(dictionary);
      if (std::to_string(compressor_->id()) != id) {
        throw DatabaseError("the body dictionary of " + shard.path + " is not dictionary " + id);
      }
    });
  }

  // Trains the dictionary from the sampled bodies, records it in the
  // metadata (written with the next commit) and rewrites the sampled
  // articles' records with it. Without a dictionary (zstd found too little
  // to train on) the index keeps uncompressed records. Cost: the training
  // (~0.03 s for the 1,000 bodies of a bulk shard) and one data rewrite per
  // sampled article.
  void compress_sampled_bodies() {
    sampling_ = false;
    const std::optional<std::string> dictionary = index::train_body_dictionary(body_sample_);
    body_sample_ = {};
    body_sample_bytes_ = 0;
    const std::vector<Xapian::docid> docids = std::move(sampled_docids_);
    sampled_docids_ = {};
    if (!dictionary) return;
    WritableShard& shard = shards_.front();
    index::translate_xapian_errors("compressing the article bodies of " + shard.path, [&] {
      compressor_.emplace(*dictionary);
      const std::string id = std::to_string(compressor_->id());
      shard.db.set_metadata(std::string(index::kBodyDictionaryKeyPrefix) + id, *dictionary);
      shard.db.set_metadata(std::string(index::kBodyDictionaryKey), id);
      for (const Xapian::docid docid : docids) {
        Xapian::Document document;
        try {
          document = shard.db.get_document(docid);
        } catch (const Xapian::DocNotFoundError&) {
          continue;  // removed since
        }
        const std::string data = document.get_data();
        // Only plain records (a sampled article replaced since has a
        // compressed one).
        if (data.empty() || static_cast<unsigned char>(data.front()) != index::kBodyRecordPlain) {
          continue;
        }
        document.set_data(compressor_->record(index::decode_body(data)));
        shard.db.replace_document(docid, document);
      }
    });
    ++pending_;  // the dictionary and the rewritten records wait for a commit
  }

  std::string path_;
  IndexOptions options_;
  ingest::TextCleaner cleaner_;
  std::vector<WritableShard> shards_;  // one for a single index; in manifest order for a set
  Xapian::Database all_;               // the union of shards_ (near-duplicate lookups, size)
  std::unique_ptr<analysis::TextAnalyzer> analyzer_;
  std::unique_ptr<index::DocumentBuilder> builder_;
  std::uint32_t pending_ = 0;
  // Body compression (open_body_dictionary): the dictionary's compressor,
  // or while sampling_, the bodies and docids added so far.
  std::optional<index::BodyCompressor> compressor_;
  bool sampling_ = false;
  std::vector<std::string> body_sample_;
  std::size_t body_sample_bytes_ = 0;
  std::vector<Xapian::docid> sampled_docids_;
  // Without a remote shard: the batch's band postings and a reader at the
  // last commit (none before the first), for near-duplicate probes.
  std::optional<index::PendingBands> pending_bands_;
  // pending_bands_ holds every article of the database, not just the batch:
  // probes read no committed reader (committed_ stays empty).
  bool bands_complete_ = false;
  std::optional<Xapian::Database> committed_;
};

Index::Index(const std::filesystem::path& path, IndexOptions options)
    : impl_(std::make_unique<Impl>(path, options)) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

AddResult Index::add(const Article& article) { return impl_->add(article); }
bool Index::remove(std::string_view id) { return impl_->remove(id); }
void Index::commit() { impl_->commit(); }
std::uint64_t Index::size() const { return impl_->size(); }

}  // namespace archivar
