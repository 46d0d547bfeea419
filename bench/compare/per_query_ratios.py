#!/usr/bin/env python3
"""Per-kind p50/p99 ratios of `archivar_compare per-query` output.

usage: per_query_ratios.py PER_QUERY.tsv [...]

Each file holds "µs<TAB>base µs<TAB>kind<TAB>text" lines (the fastest of
REPS runs per query); prints, per file, each kind's and all queries' p50 and
p99 as engine / base (nearest-rank percentiles, as archivar_compare query).
"""
import math
import sys


def percentile(values, p):
    values = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(values)))
    return values[min(rank, len(values)) - 1]


def main():
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t", 3) for line in f if line.strip()]
        kinds = sorted({row[2] for row in rows}) + ["all"]
        cells = []
        for kind in kinds:
            ours = [float(r[0]) for r in rows if kind in ("all", r[2])]
            base = [float(r[1]) for r in rows if kind in ("all", r[2])]
            cells.append(f"{kind} p50 {percentile(ours, 50) / percentile(base, 50):.2f}"
                         f" p99 {percentile(ours, 99) / percentile(base, 99):.2f}")
        print(f"{path}: " + " | ".join(cells))


if __name__ == "__main__":
    main()
