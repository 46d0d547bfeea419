#include "bench_corpus.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "archivar/article_reader.hpp"

namespace archivar::bench {

namespace {

// Short texts written for this project (no third-party text in the tree).
struct SampleText {
  const char* lang;
  const char* title;
  const char* body;
};

constexpr SampleText kSamples[] = {
    {"de", "Stadtrat beschließt neue Radwege",
     "Der Stadtrat hat am Dienstagabend mit großer Mehrheit beschlossen, in der Innenstadt "
     "zwölf Kilometer neue Radwege anzulegen. Die Verkehrsplanerin erklärte, die Arbeiten "
     "sollen im Frühjahr beginnen und bis zum Herbst abgeschlossen sein. Anwohner der "
     "Hauptstraße befürchten den Wegfall von Parkplätzen, Geschäftsleute hoffen dagegen auf "
     "mehr Kundschaft. Die Kosten von rund vier Millionen Euro trägt zur Hälfte das Land."},
    {"de", "Bundesbank warnt vor steigenden Preisen",
     "Die Deutsche Bundesbank rechnet für das kommende Jahr mit einer höheren Inflationsrate. "
     "Vor allem Energie und Lebensmittel würden teurer, sagte der Präsident der Notenbank bei "
     "der Vorstellung des Monatsberichts. Die Löhne stiegen zwar ebenfalls, doch reiche das "
     "nicht aus, um die Kaufkraft der Verbraucher zu erhalten. Ökonomen der Geschäftsbanken "
     "teilen diese Einschätzung weitgehend."},
    {"de", "Hochwasser an der Elbe geht zurück",
     "Nach tagelangem Regen sinken die Pegelstände an der Elbe wieder. In Dresden lag der "
     "Wasserstand am Morgen bei knapp sechs Metern, am Wochenende waren es noch über sieben "
     "gewesen. Die Feuerwehr hat die Sandsäcke an den Uferwegen stehen lassen, weil für die "
     "nächsten Tage weitere Niederschläge erwartet werden. Schulen im Landkreis bleiben "
     "vorerst geschlossen."},
    {"de", "Neues Museum für Industriegeschichte eröffnet",
     "In einer ehemaligen Maschinenhalle zeigt ein neues Museum die Geschichte der "
     "Textilindustrie in der Region. Zu sehen sind Webstühle aus dem neunzehnten Jahrhundert, "
     "Fotografien von Arbeiterinnen und Briefe aus den Streiks der Zwanzigerjahre. Die "
     "Kuratorin betonte, die Ausstellung solle vor allem Schulklassen ansprechen. Der Eintritt "
     "ist an Sonntagen frei."},
    {"de", "Mannschaft gewinnt Pokalspiel nach Verlängerung",
     "Erst in der Verlängerung hat sich die Mannschaft im Pokal gegen den Zweitligisten "
     "durchgesetzt. Nach neunzig Minuten stand es unentschieden, dann traf der eingewechselte "
     "Stürmer per Kopfball zum entscheidenden Tor. Der Trainer lobte die Moral seiner "
     "Spieler, kritisierte aber die vielen Fehlpässe in der ersten Halbzeit. Das Viertelfinale "
     "wird im Februar ausgetragen."},
    {"de", "Forscher entwickeln sparsamere Wärmepumpe",
     "Ingenieure einer technischen Hochschule haben eine Wärmepumpe vorgestellt, die im "
     "Winter deutlich weniger Strom verbraucht als bisherige Geräte. Der Trick liege in einem "
     "neuen Kältemittel und einer besseren Steuerung, erklärten die Wissenschaftler. Erste "
     "Prototypen laufen in Einfamilienhäusern. Hersteller zeigen bereits Interesse an einer "
     "Lizenz für die Serienfertigung."},
    {"en", "City council approves new bike lanes",
     "The city council voted on Tuesday evening to build eight miles of protected bike lanes "
     "downtown. The transport planner said construction would start in the spring and finish "
     "by the autumn. Residents of Main Street worry about losing parking spaces, while shop "
     "owners hope for more customers. The state will pay half of the four million dollar cost."},
    {"en", "Central bank warns of rising prices",
     "The central bank expects inflation to rise next year, driven mainly by energy and food "
     "prices, its governor said while presenting the monthly report. Wages were also going "
     "up, but not fast enough to protect the purchasing power of consumers. Economists at "
     "commercial banks broadly share that view."},
    {"en", "River levels fall after the floods",
     "After days of heavy rain the river is falling again. The gauge in the city centre read "
     "just under six metres this morning, down from more than seven at the weekend. Fire "
     "crews left the sandbags on the riverside paths because more rain is forecast for the "
     "coming days. Schools in the district remain closed for now."},
    {"en", "Museum of industrial history opens",
     "A former engine hall now houses a museum telling the story of the region's textile "
     "industry. Visitors can see nineteenth-century looms, photographs of mill workers and "
     "letters written during the strikes of the twenties. The curator said the exhibition was "
     "aimed above all at school classes. Entry is free on Sundays."},
    {"en", "Team wins cup tie after extra time",
     "The team needed extra time to beat the second-division side in the cup. After ninety "
     "minutes the score was level, then the substitute striker headed in the winning goal. "
     "The coach praised the spirit of his players but criticised the many misplaced passes "
     "in the first half. The quarter-final will be played in February."},
    {"en", "Researchers build a more efficient heat pump",
     "Engineers at a technical university have presented a heat pump that uses far less "
     "electricity in winter than existing models. The trick is a new refrigerant and smarter "
     "controls, the scientists explained. The first prototypes are running in family homes, "
     "and manufacturers have already asked about licensing the design for mass production."},
};

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

std::string lower_ascii(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Words of `text`: runs of letters (ASCII or any non-ASCII byte).
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t begin = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > begin) words.push_back(text.substr(begin, i - begin));
  }
  return words;
}

std::size_t parse_size(const std::string& text, const char* what) {
  std::size_t used = 0;
  const unsigned long long value = std::stoull(text, &used);
  if (used != text.size() || value == 0) {
    throw std::invalid_argument(std::string(what) + ": expected a positive number, got '" + text +
                                "'");
  }
  return static_cast<std::size_t>(value);
}

std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& where) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(where)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(where)) {
      if (entry.is_regular_file() && ArticleReader::is_json_lines(entry.path())) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(where);
  }
  return files;
}

}  // namespace

BenchOptions parse_options(int& argc, char** argv) {
  BenchOptions options;
  bool have_limit = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--corpus=")) {
      options.corpus = std::string(arg.substr(9));
    } else if (arg.starts_with("--limit=")) {
      options.limit = parse_size(std::string(arg.substr(8)), "--limit");
      have_limit = true;
    } else if (arg.starts_with("--db=")) {
      options.db = std::string(arg.substr(5));
    } else if (arg.starts_with("--")) {
      throw std::invalid_argument("unknown flag " + std::string(arg) +
                                  " (ours: --corpus=PATH --limit=N --db=PATH)");
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (const char* env = std::getenv("ARCHIVAR_BENCH_CORPUS"); env && options.corpus.empty()) {
    options.corpus = env;
  }
  if (const char* env = std::getenv("ARCHIVAR_BENCH_LIMIT"); env && !have_limit) {
    options.limit = parse_size(env, "ARCHIVAR_BENCH_LIMIT");
  }
  if (const char* env = std::getenv("ARCHIVAR_BENCH_DB"); env && options.db.empty()) {
    options.db = env;
  }
  return options;
}

std::vector<Article> builtin_articles(std::size_t count) {
  std::vector<Article> articles;
  articles.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const SampleText& sample = kSamples[i % std::size(kSamples)];
    Article article;
    article.id = "sample-" + std::to_string(i);
    article.title = sample.title;
    article.body = sample.body;
    article.lang = sample.lang;
    article.date = "20" + std::to_string(10 + i % 15) + "-0" + std::to_string(1 + i % 9) + "-15";
    articles.push_back(std::move(article));
  }
  return articles;
}

Corpus load_corpus(const BenchOptions& options) {
  Corpus corpus;
  std::filesystem::path where;
  if (options.corpus == "builtin") {
    // forced built-in sample
  } else if (!options.corpus.empty()) {
    where = options.corpus;
  } else if (std::filesystem::is_directory(ARCHIVAR_SHARED_DATA "/corpora")) {
    where = ARCHIVAR_SHARED_DATA "/corpora";
  }
  if (where.empty()) {
    corpus.articles = builtin_articles(std::min<std::size_t>(options.limit, 600));
    corpus.source = "built-in sample";
  } else {
    std::vector<std::unique_ptr<ArticleReader>> readers;
    for (const auto& file : corpus_files(where)) {
      readers.push_back(std::make_unique<ArticleReader>(file));
    }
    Article article;
    Rejection rejection;
    while (!readers.empty() && corpus.articles.size() < options.limit) {
      for (auto it = readers.begin();
           it != readers.end() && corpus.articles.size() < options.limit;) {
        ArticleReader::Status status = ArticleReader::Status::rejected;
        while (status == ArticleReader::Status::rejected) status = (*it)->next(article, rejection);
        if (status == ArticleReader::Status::end) {
          it = readers.erase(it);
        } else {
          corpus.articles.push_back(article);
          ++it;
        }
      }
    }
    corpus.source = where.string();
  }
  for (const Article& article : corpus.articles) {
    corpus.text_bytes += article.title.size() + article.body.size();
  }
  return corpus;
}

std::vector<std::string> sample_words(const Corpus& corpus, std::string_view lang,
                                      std::size_t count, std::uint32_t seed) {
  std::vector<std::string> words;
  if (corpus.articles.empty()) return words;
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick_article(0, corpus.articles.size() - 1);
  for (std::size_t attempts = 0; words.size() < count && attempts < count * 100; ++attempts) {
    const Article& article = corpus.articles[pick_article(random)];
    if (!lang.empty() && article.lang != lang) continue;
    const auto candidates = split_words(article.body);
    if (candidates.empty()) continue;
    std::uniform_int_distribution<std::size_t> pick_word(0, candidates.size() - 1);
    const std::string_view word = candidates[pick_word(random)];
    if (word.size() >= 4) words.push_back(lower_ascii(word));
  }
  return words;
}

std::vector<std::string> sample_word_pairs(const Corpus& corpus, std::size_t count,
                                           std::uint32_t seed) {
  std::vector<std::string> pairs;
  if (corpus.articles.empty()) return pairs;
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick_article(0, corpus.articles.size() - 1);
  for (std::size_t attempts = 0; pairs.size() < count && attempts < count * 100; ++attempts) {
    const auto words = split_words(corpus.articles[pick_article(random)].body);
    if (words.size() < 2) continue;
    std::uniform_int_distribution<std::size_t> pick_word(0, words.size() - 1);
    const std::string first = lower_ascii(words[pick_word(random)]);
    const std::string second = lower_ascii(words[pick_word(random)]);
    if (first.size() < 4 || second.size() < 4 || first == second) continue;
    pairs.push_back(first + " " + second);
  }
  return pairs;
}

std::vector<std::string> sample_phrases(const Corpus& corpus, std::size_t count,
                                        std::uint32_t seed) {
  std::vector<std::string> phrases;
  if (corpus.articles.empty()) return phrases;
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick_article(0, corpus.articles.size() - 1);
  for (std::size_t attempts = 0; phrases.size() < count && attempts < count * 100; ++attempts) {
    const std::string& body = corpus.articles[pick_article(random)].body;
    const auto words = split_words(body);
    if (words.size() < 2) continue;
    std::uniform_int_distribution<std::size_t> pick_word(0, words.size() - 2);
    const std::size_t i = pick_word(random);
    const std::string_view first = words[i];
    const std::string_view second = words[i + 1];
    // Only words separated by exactly one space: a phrase as a user would type it.
    if (first.size() < 3 || second.size() < 3 || second.data() != first.data() + first.size() + 1 ||
        first.data()[first.size()] != ' ') {
      continue;
    }
    phrases.push_back(lower_ascii(first) + " " + lower_ascii(second));
  }
  return phrases;
}

std::vector<std::string> real_queries(std::size_t count, std::uint32_t seed, bool builtin) {
  std::vector<std::string> all;
  const std::filesystem::path judged = ARCHIVAR_SHARED_DATA "/judged";
  if (!builtin && std::filesystem::is_directory(judged)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(judged)) {
      if (std::filesystem::exists(entry.path() / "queries.jsonl")) {
        files.push_back(entry.path() / "queries.jsonl");
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file);
      std::string line;
      while (std::getline(in, line)) {
        const auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_object() && record.contains("text") && record["text"].is_string()) {
          all.push_back(record["text"].get<std::string>());
        }
      }
    }
  }
  if (all.empty()) {
    all = {"Wann beginnen die Arbeiten an den Radwegen?",
           "Wer trägt die Kosten?",
           "Wie hoch stand die Elbe in Dresden?",
           "Was zeigt das Museum?",
           "Who pays for the bike lanes?",
           "What did the central bank expect?",
           "how much less electricity does the heat pump use",
           "cup tie extra time"};
  }
  std::mt19937 random(seed);
  std::shuffle(all.begin(), all.end(), random);
  if (all.size() > count) all.resize(count);
  return all;
}

TempDir::TempDir() {
  std::random_device seed;
  path_ = std::filesystem::temp_directory_path() /
          ("archivar-bench-" + std::to_string(seed()) + std::to_string(seed()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace archivar::bench
