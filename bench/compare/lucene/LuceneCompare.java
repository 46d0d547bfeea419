// The Lucene 8 peer of archivar_compare (bench/compare/compare_main.cpp): same
// command line, same input files, one JSON line on stdout per run.
//
//   java -cp CLASSES:LUCENE_JARS LuceneCompare index DB CORPUS.jsonl
//   java -cp CLASSES:LUCENE_JARS LuceneCompare query DB QUERIES.tsv [RESULTS.tsv]
//
// Setup, as Lucene's documentation writes it (Debian's liblucene8-java):
//   - analysis per article language: StandardTokenizer, LowerCaseFilter,
//     SnowballFilter with Lucene's "German" / "English" Snowball stemmer (the
//     same algorithms as libstemmer's german / english that the other peers
//     use; GermanAnalyzer/EnglishAnalyzer were not used because they add stop
//     words and a different "light" German stemmer); no stop words;
//     StandardAnalyzer without stop words for other languages;
//   - fields id (StringField, stored), title and body (TextField, stored, as
//     CLucene and raw Xapian store the text);
//   - one IndexWriter with default settings (16 MB RAM buffer, TieredMergePolicy,
//     compound files for small segments), BM25Similarity (Lucene 8's default),
//     one commit and close at the end;
//   - queries: MultiFieldQueryParser over title and body with the query
//     language's analyzer (the query's words only), AND as default operator for
//     AND queries, one quoted phrase for phrase queries, top 10.
//
// Timing follows compare_main.cpp, plus JIT warm-up: WARMUP_PASSES passes over
// all queries before the timed single-threaded pass (latency per search()
// call, System.nanoTime inside the JVM, JVM start-up excluded), then one pass
// in each of 2 threads (own IndexSearcher each, warmed by one untimed pass) for
// throughput. Peak RSS is
// VmHWM of /proc/self/status (the JVM process's high-water mark, like
// getrusage's ru_maxrss); JVM heap settings are the defaults (max heap = 1/4 of
// RAM). Indexing time includes JSON parsing (done here by a small parser; the
// C++ engines share archivar::ArticleReader).
//
// Thread-safety: the index phase is single-threaded; in the query phase each
// thread owns its IndexSearcher and analyzers.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public final class LuceneCompare {
  private static final int WARMUP_PASSES = Integer.getInteger("warmup.passes", 3);
  private static final int THREADS = 2;
  private static final String[] FIELDS = {"title", "body"};
  // -Dstore.text=false indexes title and body without storing them (id only).
  private static final boolean STORE_TEXT =
      Boolean.parseBoolean(System.getProperty("store.text", "true"));

  private LuceneCompare() {}

  /** StandardTokenizer + LowerCaseFilter + one Snowball stemmer; no stop words. */
  private static final class SnowballAnalyzer extends Analyzer {
    private final String stemmer;

    SnowballAnalyzer(String stemmer) {
      this.stemmer = stemmer;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer source = new StandardTokenizer();
      TokenStream stream = new SnowballFilter(new LowerCaseFilter(source), stemmer);
      return new TokenStreamComponents(source, stream);
    }
  }

  /**
   * One analyzer per language. As an Analyzer it delegates to the language set
   * with {@link #use}: IndexWriter.addDocument analyses in the calling thread,
   * so setting the language before each addDocument is safe with one writer
   * thread. Not thread-safe.
   */
  private static final class Analyzers extends DelegatingAnalyzerWrapper {
    private final Analyzer german = new SnowballAnalyzer("German");
    private final Analyzer english = new SnowballAnalyzer("English");
    private final Analyzer standard = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private String lang = "";

    Analyzers() {
      super(PER_FIELD_REUSE_STRATEGY);
    }

    Analyzer forLanguage(String lang) {
      if (lang.equals("de")) return german;
      if (lang.equals("en")) return english;
      return standard;
    }

    void use(String lang) {
      this.lang = lang;
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
      return forLanguage(lang);
    }
  }

  // ---- JSON: just enough for one flat object of strings/numbers per line ----

  /** Parses one flat JSON object; string values as-is, others as their text. */
  static Map<String, String> parseObject(String line, String where) {
    Map<String, String> out = new HashMap<>();
    int[] pos = {skipSpace(line, 0)};
    expect(line, pos, '{', where);
    pos[0] = skipSpace(line, pos[0]);
    if (pos[0] < line.length() && line.charAt(pos[0]) == '}') return out;
    while (true) {
      pos[0] = skipSpace(line, pos[0]);
      String key = parseString(line, pos, where);
      pos[0] = skipSpace(line, pos[0]);
      expect(line, pos, ':', where);
      pos[0] = skipSpace(line, pos[0]);
      String value;
      if (pos[0] < line.length() && line.charAt(pos[0]) == '"') {
        value = parseString(line, pos, where);
      } else {
        int start = pos[0];
        while (pos[0] < line.length() && ",}".indexOf(line.charAt(pos[0])) < 0) pos[0]++;
        value = line.substring(start, pos[0]).trim();
      }
      out.put(key, value);
      pos[0] = skipSpace(line, pos[0]);
      if (pos[0] < line.length() && line.charAt(pos[0]) == ',') {
        pos[0]++;
        continue;
      }
      expect(line, pos, '}', where);
      return out;
    }
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  private static void expect(String s, int[] pos, char c, String where) {
    if (pos[0] >= s.length() || s.charAt(pos[0]) != c) {
      throw new IllegalArgumentException(where + ": expected '" + c + "' at column " + (pos[0] + 1));
    }
    pos[0]++;
  }

  private static String parseString(String s, int[] pos, String where) {
    expect(s, pos, '"', where);
    StringBuilder out = new StringBuilder();
    while (pos[0] < s.length()) {
      char c = s.charAt(pos[0]++);
      if (c == '"') return out.toString();
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos[0] >= s.length()) break;
      char e = s.charAt(pos[0]++);
      switch (e) {
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u':
          if (pos[0] + 4 > s.length()) throw new IllegalArgumentException(where + ": bad \\u escape");
          out.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
          pos[0] += 4;
          break;
        default: out.append(e);  // \" \\ \/
      }
    }
    throw new IllegalArgumentException(where + ": unterminated string");
  }

  // ---- measurement helpers ----

  private static long peakRssKib() throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    return -1;
  }

  private static long bytesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) return 0;
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    rank = Math.max(1, Math.min(rank, sorted.size()));
    return sorted.get(rank - 1);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  // ---- index ----

  static int runIndex(Path db, Path corpus) throws IOException {
    deleteTree(db);
    long start = System.nanoTime();
    long articles = 0;
    long bytes = 0;
    Analyzers analyzers = new Analyzers();
    try (Directory dir = FSDirectory.open(db);
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzers));
        BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        ++lineNo;
        if (line.isBlank()) continue;
        Map<String, String> record = parseObject(line, corpus + ":" + lineNo);
        String id = record.getOrDefault("id", "");
        String title = record.getOrDefault("title", "");
        String body = record.getOrDefault("body", "");
        Document document = new Document();
        document.add(new StringField("id", id, Field.Store.YES));
        Field.Store storeText = STORE_TEXT ? Field.Store.YES : Field.Store.NO;
        document.add(new TextField("title", title, storeText));
        document.add(new TextField("body", body, storeText));
        analyzers.use(record.getOrDefault("lang", ""));
        writer.addDocument(document);
        ++articles;
        bytes += title.getBytes(StandardCharsets.UTF_8).length + body.getBytes(StandardCharsets.UTF_8).length;
      }
      writer.commit();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(String.format(Locale.ROOT,
        "{\"engine\": \"lucene\", \"phase\": \"index\", \"articles\": %d, \"text_bytes\": %d, "
            + "\"seconds\": %.3f, \"peak_rss_kib\": %d, \"index_bytes\": %d}",
        articles, bytes, seconds, peakRssKib(), bytesUnder(db)));
    return 0;
  }

  // ---- query ----

  record BenchQuery(String kind, String lang, String text, String words) {}

  static List<BenchQuery> readQueries(Path file) throws IOException {
    List<BenchQuery> queries = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      ++lineNo;
      String[] parts = line.split("\t", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException(file + ":" + lineNo + ": expected kind<TAB>lang<TAB>text");
      }
      if (!Set.of("single", "or", "and", "phrase", "real").contains(parts[0])) {
        throw new IllegalArgumentException(file + ":" + lineNo + ": unknown query kind '" + parts[0] + "'");
      }
      queries.add(new BenchQuery(parts[0], parts[1], parts[2], wordsOf(parts[2])));
    }
    return queries;
  }

  /** The query's words (letters, digits, non-ASCII), one space apart, as compare_main.cpp splits them. */
  static String wordsOf(String text) {
    StringBuilder out = new StringBuilder();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c) && c < 0x80 || c >= 0x80) {
        word.append(c);
      } else if (word.length() > 0) {
        out.append(out.length() > 0 ? " " : "").append(word);
        word.setLength(0);
      }
    }
    return out.toString();
  }

  /** One searcher; one per thread. */
  static final class Reader {
    private final IndexSearcher searcher;
    private final Analyzers analyzers = new Analyzers();

    Reader(DirectoryReader reader) {
      searcher = new IndexSearcher(reader);  // BM25Similarity by default
    }

    List<String> search(BenchQuery query) throws IOException, ParseException {
      List<String> ids = new ArrayList<>();
      if (query.words().isEmpty()) return ids;
      MultiFieldQueryParser parser =
          new MultiFieldQueryParser(FIELDS, analyzers.forLanguage(query.lang()));
      if (query.kind().equals("and")) parser.setDefaultOperator(QueryParser.Operator.AND);
      String text = query.kind().equals("phrase") ? "\"" + query.words() + "\"" : query.words();
      Query parsed = parser.parse(text);
      TopDocs top = searcher.search(parsed, 10);
      for (ScoreDoc hit : top.scoreDocs) ids.add(searcher.doc(hit.doc, Set.of("id")).get("id"));
      return ids;
    }
  }

  static int runQuery(Path db, Path queriesFile, String resultsFile) throws Exception {
    List<BenchQuery> queries = readQueries(queriesFile);
    try (Directory dir = FSDirectory.open(db); DirectoryReader index = DirectoryReader.open(dir)) {
      Reader reader = new Reader(index);
      for (int pass = 0; pass < WARMUP_PASSES; pass++) {
        for (BenchQuery query : queries) reader.search(query);
      }
      List<Double> latencyUs = new ArrayList<>();
      Map<String, List<Double>> byKind = new TreeMap<>();
      List<List<String>> top10 = new ArrayList<>();
      double totalHits = 0;
      double sumUs = 0;
      for (BenchQuery query : queries) {
        long start = System.nanoTime();
        List<String> ids = reader.search(query);
        double us = (System.nanoTime() - start) / 1e3;
        latencyUs.add(us);
        byKind.computeIfAbsent(query.kind(), k -> new ArrayList<>()).add(us);
        totalHits += ids.size();
        sumUs += us;
        top10.add(ids);
      }

      List<Reader> readers = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) readers.add(new Reader(index));
      // One untimed pass per reader, like compare_main.cpp's threaded readers.
      for (Reader threadReader : readers) {
        for (BenchQuery query : queries) threadReader.search(query);
      }
      List<Thread> threads = new ArrayList<>();
      Exception[] failure = new Exception[1];
      long start = System.nanoTime();
      for (int i = 0; i < THREADS; i++) {
        Reader own = readers.get(i);
        Thread t = new Thread(() -> {
          try {
            for (BenchQuery query : queries) own.search(query);
          } catch (Exception e) {
            synchronized (failure) {
              failure[0] = e;
            }
          }
        });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) t.join();
      double threadedSeconds = (System.nanoTime() - start) / 1e9;
      if (failure[0] != null) throw failure[0];

      if (!resultsFile.isEmpty()) {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(resultsFile), StandardCharsets.UTF_8))) {
          for (int i = 0; i < queries.size(); i++) {
            out.print(queries.get(i).kind() + "\t" + queries.get(i).text() + "\t");
            out.print(String.join(",", top10.get(i)));
            out.print("\n");
          }
        }
      }

      double n = queries.size();
      StringBuilder kinds = new StringBuilder();
      for (Map.Entry<String, List<Double>> e : byKind.entrySet()) {
        kinds.append(kinds.length() > 0 ? ", " : "")
            .append(String.format(Locale.ROOT, "\"%s\": %.1f", e.getKey(), percentile(e.getValue(), 50)));
      }
      System.out.println(String.format(Locale.ROOT,
          "{\"engine\": \"lucene\", \"phase\": \"query\", \"queries\": %d, \"p50_us\": %.1f, "
              + "\"p95_us\": %.1f, \"p99_us\": %.1f, \"qps_1\": %.1f, \"qps_2\": %.1f, "
              + "\"hits_per_query\": %.1f, \"p50_us_by_kind\": {%s}, \"peak_rss_kib\": %d}",
          queries.size(), percentile(latencyUs, 50), percentile(latencyUs, 95),
          percentile(latencyUs, 99), n / (sumUs / 1e6), THREADS * n / threadedSeconds,
          totalHits / n, kinds, peakRssKib()));
    }
    return 0;
  }

  public static void main(String[] args) {
    try {
      if (args.length == 3 && args[0].equals("index")) {
        System.exit(runIndex(Paths.get(args[1]), Paths.get(args[2])));
      }
      if ((args.length == 3 || args.length == 4) && args[0].equals("query")) {
        System.exit(runQuery(Paths.get(args[1]), Paths.get(args[2]), args.length == 4 ? args[3] : ""));
      }
      System.err.println("usage: LuceneCompare index DB CORPUS.jsonl\n"
          + "       LuceneCompare query DB QUERIES.tsv [RESULTS.tsv]");
      System.exit(2);
    } catch (Exception error) {
      System.err.println("LuceneCompare: " + error);
      System.exit(1);
    }
  }
}
