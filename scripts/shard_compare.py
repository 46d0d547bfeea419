#!/usr/bin/env python3
"""Compare the top-10 of `archivar search --queries FILE --json` outputs.

Usage: shard_compare.py REFERENCE.jsonl OTHER.jsonl [OTHER.jsonl ...]

Each file holds one JSON result per line, the same queries in the same
order (run with --size 20 so ties at the cut can be seen). For every query
the first 10 hits must have the same ids and scores (relative 1e-9) as the
reference. Hits with equal scores are ordered by Xapian's internal document
number, which sharding changes, so ids are compared as a set within each
group of equal scores, and the group tied with hit 11 (whose members may or
may not make the cut) is left out. Totals are compared when exact (lower ==
upper in both). With near-duplicate collapsing, a group's representative
among equally scored copies is also chosen by document number: a hit that
differs only in that (same score, both hits stand for 2+ copies) is counted
as a representative swap, not a difference. Prints a summary; exit 1 on any
difference, 2 on bad input.
"""
import json
import sys


def same(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def comparable_top(result, n=10):
    hits = [(h["score"], h["id"], h.get("copies", 1)) for h in result["hits"]]
    end = min(n, len(hits))
    if len(hits) > n:
        while end > 0 and same(hits[end - 1][0], hits[n][0]):
            end -= 1
    hits = hits[:end]
    out, i = [], 0
    while i < len(hits):
        j = i + 1
        while j < len(hits) and same(hits[j][0], hits[i][0]):
            j += 1
        out.extend(sorted(hits[i:j], key=lambda h: h[1]))
        i = j
    return out


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    reference = load(argv[1])
    failures = 0
    for other_path in argv[2:]:
        other = load(other_path)
        if len(other) != len(reference):
            print(f"{other_path}: {len(other)} results, reference has {len(reference)}")
            return 1
        differing, hits, swaps = 0, 0, 0
        for a, b in zip(reference, other):
            if a["query"] != b["query"]:
                print(f"{other_path}: query order differs at {a['query']!r}")
                return 1
            top_a, top_b = comparable_top(a), comparable_top(b)
            hits += len(top_a)
            ok = len(top_a) == len(top_b) and all(same(x[0], y[0]) for x, y in zip(top_a, top_b))
            swapped = [x[1] != y[1] for x, y in zip(top_a, top_b)]
            if ok and any(swapped):
                if all(x[2] > 1 and y[2] > 1 for (x, y, s) in zip(top_a, top_b, swapped) if s):
                    swaps += 1
                else:
                    ok = False
            ta, tb = a["total"], b["total"]
            if ta["lower"] == ta["upper"] and tb["lower"] == tb["upper"]:
                ok = ok and ta["lower"] == tb["lower"]
            if b.get("missing_shards"):
                ok = False
            if not ok:
                differing += 1
                if differing <= 5:
                    print(f"  differs: {a['query']!r}\n    {top_a}\n    {top_b}")
        print(f"{other_path}: {len(reference) - differing}/{len(reference)} queries with "
              f"identical top-10 ({hits} hits compared; in {swaps} of these queries only the choice among "
              f"equally scored near-duplicates for a collapsed group differs)")
        failures += differing
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
