#!/usr/bin/python3
"""What an index holds, by table and by term prefix: where its bytes go.

usage: /usr/bin/python3 bench/index_anatomy.py DB [DB ...]
       (Debian's python3-xapian, which only the system Python sees)

For each Xapian glass database: the bytes of each table file on disk
(postlist, position, termlist, docdata, spelling, ...) and, per term prefix
(the leading capital letters of a term; "" for unprefixed words), the number
of distinct terms, postings (sum of term frequencies) and positions (sum of
each posting's position count). Reads every posting's position list: cost
is linear in the index (about a minute for 20k articles). Read-only.
"""
import collections
import os
import re
import sys

import xapian

PREFIX = re.compile(r"^[A-Z]*")


def table_bytes(path):
    sizes = collections.Counter()
    for name in os.listdir(path):
        full = os.path.join(path, name)
        if os.path.isfile(full):
            sizes[name.split(".")[0]] += os.path.getsize(full)
    return sizes


def prefix_counts(path):
    db = xapian.Database(path)
    terms, postings, positions = collections.Counter(), collections.Counter(), collections.Counter()
    for item in db.allterms():
        prefix = PREFIX.match(item.term.decode("utf-8", "replace")).group(0)
        terms[prefix] += 1
        postings[prefix] += item.termfreq
    for doc in db.postlist(b""):  # every document
        for item in db.termlist(doc.docid):
            prefix = PREFIX.match(item.term.decode("utf-8", "replace")).group(0)
            positions[prefix] += sum(1 for _ in db.positionlist(doc.docid, item.term))
    return db.get_doccount(), terms, postings, positions


def main():
    for path in sys.argv[1:]:
        sizes = table_bytes(path)
        total = sum(sizes.values())
        print(f"## {path}: {total / 2**20:.1f} MiB")
        print("| table | MiB | share |\n| --- | --- | --- |")
        for name, size in sizes.most_common():
            print(f"| {name} | {size / 2**20:.1f} | {size / total:.0%} |")
        docs, terms, postings, positions = prefix_counts(path)
        print(f"\n{docs} documents\n\n| prefix | terms | postings | positions |\n| --- | --- | --- | --- |")
        for prefix, count in sorted(terms.items(), key=lambda kv: -postings[kv[0]]):
            print(f"| {prefix or '(none)'} | {count:,} | {postings[prefix]:,} | {positions[prefix]:,} |")
        print()


if __name__ == "__main__":
    main()
