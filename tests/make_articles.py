#!/usr/bin/env python3
"""Writes N articles of real German and English text as JSON Lines.

Usage: make_articles.py N OUT.jsonl [--shared DIR] [--seed S] [--max-body BYTES]

Source of the text, in this order:
  1. ../shared/data/corpora (de_10kgnad_test and en_bbc, alternating) when
     that folder is there;
  2. otherwise the real texts in tests/fixtures, recombined sentence by
     sentence with a seeded random generator.
Ids are unique ("a000001", ...) and in input order; every field is already in
the form archivar stores it (ISO date, lower-case lang), so a test can
compare `archivar get --json` with the input record field by field.
"""
import argparse
import gzip
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def shortened(text, max_bytes):
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    cut = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
    space = cut.rfind(" ")
    return cut[:space] if space > 0 else cut


def from_shared(corpora, count):
    names = ["de_10kgnad_test.jsonl.gz", "en_bbc.jsonl.gz"]
    paths = [os.path.join(corpora, name) for name in names]
    if not all(os.path.exists(p) for p in paths):
        return None
    streams = [gzip.open(p, "rt", encoding="utf-8") for p in paths]
    records = []
    while len(records) < count:
        progressed = False
        for stream in streams:
            line = stream.readline()
            if not line:
                continue
            progressed = True
            record = json.loads(line)
            if record.get("body"):
                records.append(record)
        if not progressed:
            break
    return records[:count]


def from_fixtures(count, rng):
    sentences = {"de": [], "en": []}
    titles = {"de": [], "en": []}
    for path in ["fixtures/cli/news.jsonl", "fixtures/ingest/articles.jsonl"]:
        with open(os.path.join(HERE, path), encoding="utf-8") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(record, dict) or not isinstance(record.get("body"), str):
                    continue
                body = record["body"]
                lang = record.get("lang") or ("en" if re.search(r"\b(the|and|of)\b", body) else "de")
                lang = "de" if lang.startswith("de") else "en"
                sentences[lang] += [s for s in re.split(r"(?<=[.!?])\s+", body) if len(s) > 20]
                if isinstance(record.get("title"), str):
                    titles[lang].append(record["title"])
    records = []
    for n in range(count):
        lang = "de" if n % 2 == 0 else "en"
        body = " ".join(rng.choice(sentences[lang]) for _ in range(rng.randint(3, 12)))
        records.append({"title": rng.choice(titles[lang]), "body": body, "lang": lang,
                        "date": "%04d-%02d-%02d" % (rng.randint(1987, 2024), rng.randint(1, 12),
                                                    rng.randint(1, 28))})
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "data"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-body", type=int, default=1500)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = from_shared(os.path.join(args.shared, "corpora"), args.count)
    origin = "shared corpora"
    if records is None or len(records) < args.count:
        records = from_fixtures(args.count, rng)
        origin = "tests/fixtures, recombined"
    with open(args.out, "w", encoding="utf-8") as out:
        for n, record in enumerate(records, 1):
            article = {
                "id": "a%06d" % n,
                "title": record.get("title") or "",
                "body": shortened(record["body"], args.max_body),
                "lang": (record.get("lang") or "")[:2].lower(),
                "date": (record.get("date") or "%04d-%02d-%02d" % (
                    1990 + n % 35, 1 + n % 12, 1 + n % 28))[:10],
                "source": "crash-fixture",
                "tags": ["t%d" % (n % 7)],
            }
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    print("make_articles: %d articles from %s" % (len(records), origin))


if __name__ == "__main__":
    main()
