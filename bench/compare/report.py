#!/usr/bin/env python3
"""Writes the comparison table (ratios to raw Xapian) as Markdown.

usage: report.py OUT.md RUN_DIR [RUN_DIR ...]

Each RUN_DIR holds results.jsonl (archivar_compare output), queries.tsv and
ENGINE.top10.tsv. The main table is for the largest run; with more than one
run, a latency-by-size table follows, and OUT.png is plotted when gnuplot is
on the PATH.
"""
import json
import platform
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

NAMES = {"xapian": "raw Xapian 1.4", "archivar": "archivar", "fts5": "SQLite FTS5",
         "clucene": "CLucene 2.3", "lucene": "Lucene 8"}


def load(run_dir):
    rows = {}
    for line in open(Path(run_dir) / "results.jsonl", encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        rows.setdefault(r["engine"], {})[r["phase"]] = r
    return rows


def overlap(run_dir, engine):
    """Mean share of raw Xapian's top-10 ids that `engine` also returns."""
    def read(name):
        path = Path(run_dir) / f"{name}.top10.tsv"
        if not path.exists():
            return None
        return [set(l.rstrip("\n").split("\t")[2].split(",")) - {""} for l in open(path, encoding="utf-8")]
    base, other = read("xapian"), read(engine)
    if base is None or other is None:
        return None
    shares = [len(b & o) / len(b) for b, o in zip(base, other) if b]
    return sum(shares) / len(shares) if shares else None


def fmt_ratio(value, base):
    if value is None or base in (None, 0):
        return "–"
    return f"{value / base:.2f}"


def main():
    out = Path(sys.argv[1])
    runs = [(Path(d), load(d)) for d in sys.argv[2:]]
    runs.sort(key=lambda r: r[1]["xapian"]["index"]["articles"] if "xapian" in r[1] else 0)
    run_dir, rows = runs[-1]
    base = rows["xapian"]
    engines = [e for e in ("xapian", "archivar", "fts5", "clucene", "lucene") if e in rows]
    n = base["index"]["articles"]
    mb = base["index"]["text_bytes"] / 1e6
    queries = base["query"]["queries"]

    def get(engine, phase, key):
        return rows.get(engine, {}).get(phase, {}).get(key)

    metrics = [
        ("indexing time", "index", "seconds", "s", 1),
        ("peak RSS while indexing", "index", "peak_rss_kib", "MiB", 1 / 1024),
        ("index size", "index", "index_bytes", "MiB", 1 / 2**20),
        ("index size after xapian-compact", "compact", "index_bytes", "MiB", 1 / 2**20),
        ("query latency p50", "query", "p50_us", "µs", 1),
        ("query latency p95", "query", "p95_us", "µs", 1),
        ("query latency p99", "query", "p99_us", "µs", 1),
        ("throughput, 1 thread", "query", "qps_1", "q/s", 1),
        ("throughput, 2 threads", "query", "qps_2", "q/s", 1),
    ]
    lines = [
        "# Peer comparison: archivar vs raw Xapian vs SQLite FTS5 vs CLucene vs Lucene 8",
        "",
        f"One run on {date.today().isoformat()}, {platform.machine()} with "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
        "shared with other builds: **read the ratios, not the absolute numbers.** "
        "Reproduce with `bash bench/compare/run.sh " + " ".join(
            str(r[1]["xapian"]["index"]["articles"]) for r in runs if "xapian" in r[1]) + "`.",
        "",
        f"Corpus: {n:,} articles ({mb:.0f} MB of title + body text) taken round-robin from the 7 files "
        "of `../shared/data/corpora` (German and English). Queries: "
        f"{queries} = 200 real questions from `../shared/data/judged/*/queries.jsonl` + 200 each of "
        "single word, two-word OR, two-word AND and two-word phrase sampled from the subset "
        "(seed 42), all lower-cased, top 10 by BM25 (CLucene: TF-IDF, it has no BM25), each run once "
        "after one warm-up pass (Lucene 8: three, for the JIT); the 2-thread throughput pass uses "
        "a fresh reader per thread, each warmed up by one untimed pass.",
        "",
        f"## Ratios to raw Xapian ({n:,} articles; lower is better except throughput)",
        "",
        "| metric | " + " | ".join(NAMES[e] for e in engines) + " | raw Xapian absolute |",
        "| --- | " + " | ".join("---" for _ in engines) + " | --- |",
    ]
    for label, phase, key, unit, scale in metrics:
        b = get("xapian", phase, key)
        if b is None:
            continue
        cells = [fmt_ratio(get(e, phase, key), b) for e in engines]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {b * scale:,.1f} {unit} |")
    kinds = sorted(base["query"]["p50_us_by_kind"])
    for kind in kinds:
        b = base["query"]["p50_us_by_kind"][kind]
        cells = [fmt_ratio(rows.get(e, {}).get("query", {}).get("p50_us_by_kind", {}).get(kind), b)
                 for e in engines]
        lines.append(f"| p50, {kind} queries | " + " | ".join(cells) + f" | {b:,.1f} µs |")
    snip = {e: rows.get(e, {}).get("query_snippets") for e in ("xapian", "archivar")}
    if snip["xapian"] and snip["archivar"]:
        length = snip["archivar"].get("snippet_length", 0)
        a, x, xp = snip["archivar"], snip["xapian"], base["query"]
        lines += ["", f"## With snippets ({length} characters per hit; raw Xapian and archivar)", "",
                  "The same queries again, each hit with a snippet: archivar's "
                  "(`SearchRequest::snippet_length`), raw Xapian's `MSet::snippet` of the body with the "
                  "query language's stemmer and its default flags (background model, exhaustive: what "
                  "Omega shows). Issue 5's target is archivar with snippets at most 1.5x raw Xapian.", "",
                  "| metric | archivar / raw Xapian with snippets | archivar with snippets / raw Xapian without | "
                  "raw Xapian with snippets | archivar with snippets |",
                  "| --- | --- | --- | --- | --- |"]
        for label, key in (("p50", "p50_us"), ("p95", "p95_us"), ("p99", "p99_us")):
            lines.append(f"| query latency {label} | {fmt_ratio(a[key], x[key])} | "
                         f"{fmt_ratio(a[key], xp[key])} | {x[key]:,.0f} µs | {a[key]:,.0f} µs |")
        lines.append(f"| throughput, 2 threads | {fmt_ratio(a['qps_2'], x['qps_2'])} | "
                     f"{fmt_ratio(a['qps_2'], xp['qps_2'])} | {x['qps_2']:,.0f} q/s | {a['qps_2']:,.0f} q/s |")
    lines += ["", "## Absolute numbers (this machine, this run)", "",
              "| engine | articles/s | MB/s | peak RSS MiB | index MiB | p50 µs | p99 µs | q/s 1 thread | q/s 2 threads | hits/query | top-10 overlap with raw Xapian |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for e in engines:
        i, q = rows[e]["index"], rows[e]["query"]
        ov = overlap(run_dir, e)
        lines.append(
            f"| {NAMES[e]} | {i['articles'] / i['seconds']:,.0f} | {i['text_bytes'] / 1e6 / i['seconds']:.2f} | "
            f"{i['peak_rss_kib'] / 1024:,.0f} | {i['index_bytes'] / 2**20:,.1f} | {q['p50_us']:,.0f} | "
            f"{q['p99_us']:,.0f} | {q['qps_1']:,.0f} | {q['qps_2']:,.0f} | {q['hits_per_query']:.2f} | "
            + ("–" if ov is None else f"{ov:.2f}") + " |")
    if len(runs) > 1:
        lines += ["", "## Query latency p50 by corpus size (µs)", "",
                  "| articles | " + " | ".join(NAMES[e] for e in engines) + " |",
                  "| --- | " + " | ".join("---" for _ in engines) + " |"]
        dat = []
        for d, r in runs:
            a = r["xapian"]["index"]["articles"]
            vals = [r.get(e, {}).get("query", {}).get("p50_us") for e in engines]
            lines.append(f"| {a:,} | " + " | ".join("–" if v is None else f"{v:,.0f}" for v in vals) + " |")
            dat.append(f"{a} " + " ".join("NaN" if v is None else str(v) for v in vals))
        if shutil.which("gnuplot"):
            png = out.with_suffix(".png")
            data_file = out.with_suffix(".dat")
            data_file.write_text("\n".join(dat) + "\n")
            plots = ", ".join(f"'{data_file}' using 1:{k + 2} with linespoints title '{NAMES[e]}'"
                              for k, e in enumerate(engines))
            script = (f"set terminal pngcairo size 800,500; set output '{png}';"
                      "set xlabel 'articles'; set ylabel 'query latency p50 (µs)'; set logscale x;"
                      f"set key top left; set grid; plot {plots}")
            if subprocess.run(["gnuplot", "-e", script]).returncode == 0:
                lines += ["", f"![p50 latency by corpus size]({png.name})"]
            data_file.unlink()
    lines += ["", "## How each engine is set up", "",
              "- **raw Xapian 1.4** (`engine_xapian.cpp`): what the tutorial writes. `TermGenerator` with "
              "the Snowball stemmer of the article's language, title indexed with prefix `S` and unprefixed, "
              "body after a position gap, the record stored as document data, `replace_document(Q<id>)` per "
              "article, default flush threshold, one commit at the end. `QueryParser` with the stemmer of "
              "the query's language (the judged set's `lang`, or the language of the article a sampled word "
              "came from), default flags, **`STEM_SOME` on lower-cased queries** (so every query word is "
              "stemmed), `OP_AND` as default operator for AND queries, BM25 (Enquire's default).",
              "- **archivar** (`engine_archivar.cpp`): public API, default options; the query carries **no** "
              "language (archivar looks each word up under the stems of every language in the index, "
              "joined with `OP_SYNONYM`) and `match_all_words` for AND. Indexing also stores all fields and "
              "adds date terms and a value slot.",
              "- **SQLite FTS5** (`engine_fts5.cpp`, `fts5_snowball_tokenizer.cpp`): Debian's SQLite "
              "3.40, `fts5(id UNINDEXED, title, body, tokenize='snowball')` where `snowball` is our "
              "tokenizer: letters/digits runs, ASCII + Latin-1 lower-casing, the same libstemmer in the "
              "article's (query's) language. Default table settings (no `optimize` merge), 10,000 rows per "
              "transaction. Query words are quoted, joined with `OR`, implicit AND, or one quoted phrase; "
              "`ORDER BY rank` (bm25) `LIMIT 10`.",
              "- **CLucene 2.3** (`engine_clucene.cpp`): Debian's libclucene-dev, contribs' "
              "`SnowballAnalyzer` (StandardTokenizer, lower-casing, Snowball stemmer; no stop words) of the "
              "article's language passed to `addDocument`; fields id (stored keyword), title and body (stored, "
              "tokenized); **`setMaxFieldLength` unlimited** (CLucene truncates at 10,000 tokens by default); "
              "default merge settings and compound files, one `close()` at the end. `MultiFieldQueryParser` "
              "over title and body with the query language's analyzer (the query's words only, so `?` is no "
              "wildcard), AND as default operator for AND queries, one quoted phrase for phrase queries; "
              "ranking is Lucene's classic **TF-IDF** (`DefaultSimilarity`): CLucene has no BM25, so its top-10 "
              "differs by design. Built only when libclucene-dev is installed.",
              "- **Lucene 8** (`lucene/LuceneCompare.java`, compiled by `run.sh` with `javac` against "
              "Debian's `liblucene8-java` jars `lucene-core`, `lucene-analyzers-common`, `lucene-queryparser`; "
              "OpenJDK 17, default JVM settings): StandardTokenizer, LowerCaseFilter and `SnowballFilter` with "
              "Lucene's **German / English Snowball stemmer** chosen by the article's language (closest to "
              "libstemmer's german/english used by the other peers; `GermanAnalyzer` would add stop words and a "
              "different light stemmer); no stop words; fields id (`StringField`, stored), title and body "
              "(`TextField`, **stored**, as the other engines store the text); one `IndexWriter` with default "
              "settings (**16 MB RAM buffer**, TieredMergePolicy, compound files), one commit; "
              "`BM25Similarity` (Lucene 8's default). Queries as for CLucene (`MultiFieldQueryParser`, "
              "the query language's analyzer), the stored id read per hit. Its own JSON parser reads "
              "`subset.jsonl` (not `ArticleReader`). **3 JIT warm-up passes** over all queries before the "
              "timed pass; latency is `System.nanoTime` around each search call inside the JVM (JVM start-up "
              "excluded); peak RSS is the JVM's `VmHWM` from `/proc/self/status`.",
              "- Every C++ engine reads the same `subset.jsonl` through `archivar::ArticleReader` (parse cost is "
              "the same for all and included in indexing time). Peak RSS is `getrusage(RUSAGE_SELF)` of the "
              "indexing process (one process per engine and phase). Index size is the bytes of the files on "
              "disk after the final commit. Latency is wall time of one `search()` call returning the top-10 "
              "ids (Xapian and archivar also read the document data / stored fields of each hit, CLucene the "
              "stored id); "
              "throughput with 2 threads is 2 × queries / wall time with one reader per thread.",
              "- \"top-10 overlap\" is the mean share of raw Xapian's top-10 ids that the engine also returns: "
              "a check that the engines do comparable work, not a quality metric (see `scripts/eval.sh`).",
              ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
