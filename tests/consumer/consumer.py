"""The Python consumer: the same as consumer.cpp through `import archivar`.

Usage: python3 consumer.py ARTICLES.tsv QUERIES.txt INDEX_DIR
"""
import sys

import archivar


def show(results):
    for hit in results.hits:
        print(f"{hit.rank}\t{hit.id}\t{hit.lang}\t{hit.date}\t{hit.score:.4f}\t{hit.title}")
        print(f"\t{hit.snippet}")


def main(articles_path, queries_path, index_path):
    with archivar.Index(index_path) as index, open(articles_path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            id_, lang, date, title, body = line.split("\t")
            index.add(id=id_, lang=lang, date=date, title=title, body=body)
    searcher = archivar.Searcher(index_path)
    with open(queries_path, encoding="utf-8") as queries:
        for query in queries:
            query = query.rstrip("\r\n")
            if not query:
                continue
            results = searcher.search(query, size=10, snippet_length=80, highlight="plain")
            print(f"query: {query} ({len(results.hits)} hits)")
            show(results)
    related = searcher.related("de-bank-1", size=5)
    print(f"related: de-bank-1 ({len(related.hits) if related else 0} hits)")
    if related:
        show(related)
    print(f"version: {archivar.version()}")


if __name__ == "__main__":
    main(*sys.argv[1:])
