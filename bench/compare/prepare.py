#!/usr/bin/env python3
"""Prepares one comparison run: a corpus subset and the query set.

usage: prepare.py N OUT_DIR [DATA_DIR]

subset.jsonl: N articles (id, title, body, lang, date) taken round-robin from
DATA_DIR/corpora/*.jsonl.gz (sorted by name), so German and English mix.
queries.tsv: kind<TAB>lang<TAB>text, lower-cased, 200 of each kind, seed 42:
  real    questions from DATA_DIR/judged/*/queries.jsonl (their lang)
  single  one word (letters only, >= 4 letters) from a random article
  or/and  two different such words from the same article (same pairs for both)
  phrase  two adjacent words (>= 3 letters, one space apart) from one article
Sampled words carry the language of their article.
"""
import gzip
import json
import random
import re
import sys
from pathlib import Path

PER_KIND = 200
SEED = 42
WORD = re.compile(r"[^\W\d_]+")


def read_subset(corpora, limit):
    files = sorted(corpora.glob("*.jsonl.gz"))
    if not files:
        sys.exit(f"prepare.py: no *.jsonl.gz in {corpora}")
    streams = [gzip.open(f, "rt", encoding="utf-8") for f in files]
    articles = []
    while streams and len(articles) < limit:
        for stream in list(streams):
            if len(articles) >= limit:
                break
            line = stream.readline()
            if not line:
                streams.remove(stream)
                continue
            record = json.loads(line)
            article = {k: record[k] for k in ("id", "title", "body", "lang", "date")
                       if record.get(k) is not None}
            article["id"] = str(article["id"])
            articles.append(article)
    return articles


def sample_queries(articles, judged, rng):
    queries = []
    real = []
    for path in sorted(judged.glob("*/queries.jsonl")):
        with open(path, encoding="utf-8") as f:
            real += [json.loads(line) for line in f if line.strip()]
    for q in rng.sample(real, min(PER_KIND, len(real))):
        queries.append(("real", q.get("lang", ""), " ".join(q["text"].lower().split())))

    def words_of(article):
        return WORD.findall(article.get("body", ""))

    singles, pairs, phrases = [], [], []
    while len(singles) < PER_KIND:
        a = rng.choice(articles)
        words = [w for w in words_of(a) if len(w) >= 4]
        if words:
            singles.append((a["lang"], rng.choice(words).lower()))
    while len(pairs) < PER_KIND:
        a = rng.choice(articles)
        words = [w.lower() for w in words_of(a) if len(w) >= 4]
        if len(set(words)) >= 2:
            first, second = rng.sample(sorted(set(words)), 2)
            pairs.append((a["lang"], f"{first} {second}"))
    while len(phrases) < PER_KIND:
        a = rng.choice(articles)
        body = a.get("body", "")
        found = list(re.finditer(r"([^\W\d_]{3,}) ([^\W\d_]{3,})", body))
        if found:
            m = rng.choice(found)
            phrases.append((a["lang"], f"{m.group(1).lower()} {m.group(2).lower()}"))
    queries += [("single", lang, text) for lang, text in singles]
    queries += [("or", lang, text) for lang, text in pairs]
    queries += [("and", lang, text) for lang, text in pairs]
    queries += [("phrase", lang, text) for lang, text in phrases]
    return queries


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    limit = int(sys.argv[1])
    out = Path(sys.argv[2])
    data = Path(sys.argv[3]) if len(sys.argv) == 4 else Path(__file__).resolve().parents[3] / "shared" / "data"
    out.mkdir(parents=True, exist_ok=True)
    articles = read_subset(data / "corpora", limit)
    with open(out / "subset.jsonl", "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    rng = random.Random(SEED)
    with open(out / "queries.tsv", "w", encoding="utf-8") as f:
        for kind, lang, text in sample_queries(articles, data / "judged", rng):
            f.write(f"{kind}\t{lang}\t{text.replace(chr(9), ' ')}\n")
    langs = {}
    for a in articles:
        langs[a["lang"]] = langs.get(a["lang"], 0) + 1
    print(f"prepare: {len(articles)} articles {langs} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
