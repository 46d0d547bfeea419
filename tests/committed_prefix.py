#!/usr/bin/env python3
"""Checks that an index holds exactly the committed prefix of an input.

After an interrupted `archivar index --batch B INPUT` (a kill, a full disk)
the index must hold the first n records of INPUT, where n is a multiple of B
or the whole input, each equal to its input record field by field, and not
record n+1. Used by tests/crash_test.py (as a module) and
tests/disk_full_test.sh (as a command):

  committed_prefix.py ARCHIVAR DB INPUT.jsonl BATCH [--all]

prints n and exits 0, or prints "committed_prefix: <what is wrong>" and
exits 1. --all: n must be the whole input. The records must be in the form
archivar stores (tests/make_articles.py writes them so).
"""
import json
import os
import subprocess
import sys


class PrefixError(Exception):
    """The index is not a committed prefix of the input."""


def run(archivar, *args):
    return subprocess.run([archivar, *args], capture_output=True, text=True)


def index_size(archivar, db):
    """Articles in the index; 0 if it was never created."""
    result = run(archivar, "stats", "--db", db, "--json")
    if result.returncode != 0:
        if not os.path.exists(db) or "no index there" in result.stderr:
            return 0
        raise PrefixError("index does not open: " + result.stderr.strip())
    return json.loads(result.stdout)["articles"]


def verify(archivar, db, records, batch, expect_all=False):
    """Returns n, the number of records verified; raises PrefixError."""
    n = index_size(archivar, db)
    if expect_all and n != len(records):
        raise PrefixError("index holds %d articles, input has %d" % (n, len(records)))
    if n % batch != 0 and n != len(records):
        raise PrefixError("index holds %d articles: not a whole number of batches of %d"
                          % (n, batch))
    if n == 0:
        return 0
    ids = [record["id"] for record in records[:n]]
    result = run(archivar, "get", "--db", db, "--json", *ids)
    if result.returncode != 0:
        raise PrefixError("get of the first %d ids exited %d: %s"
                          % (n, result.returncode, result.stderr[:500]))
    stored = [json.loads(line) for line in result.stdout.splitlines()]
    if len(stored) != n:
        raise PrefixError("get returned %d articles for %d ids" % (len(stored), n))
    for want, got in zip(records, stored):
        for field, value in want.items():
            if got.get(field) != value:
                raise PrefixError("article %s: field %s differs: %r != %r"
                                  % (want["id"], field, str(got.get(field))[:80],
                                     str(value)[:80]))
    if n < len(records):
        beyond = run(archivar, "get", "--db", db, records[n]["id"])
        if beyond.returncode != 4:
            raise PrefixError("article %s beyond the committed prefix of %d is there"
                              % (records[n]["id"], n))
    return n


def read_records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main(argv):
    if len(argv) not in (5, 6) or (len(argv) == 6 and argv[5] != "--all"):
        print(__doc__.strip().splitlines()[0])
        return 2
    archivar, db, source, batch = argv[1], argv[2], argv[3], int(argv[4])
    try:
        print(verify(archivar, db, read_records(source), batch, expect_all=len(argv) == 6))
    except PrefixError as error:
        print("committed_prefix: %s" % error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
