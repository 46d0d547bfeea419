#!/usr/bin/env python3
"""Per-query-kind latency ratios of one engine to raw Xapian.

usage: kind_ratios.py RESULTS.jsonl [ENGINE]   (default ENGINE: archivar)

Reads the JSON lines of `archivar_compare query` (run.sh collects them in
WORK/N/results.jsonl) and prints p50 and p99 per kind, all queries, and
throughput, as ENGINE / xapian (latency: lower is better; throughput: the
2-thread/1-thread scaling of each engine). The last query line of each
engine wins, so repeated query runs appended to one file compare the latest.
"""
import json
import sys


def main():
    path = sys.argv[1]
    engine = sys.argv[2] if len(sys.argv) > 2 else "archivar"
    runs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("phase") == "query":
                runs[record["engine"]] = record
    if "xapian" not in runs or engine not in runs:
        sys.exit(f"kind_ratios.py: need query lines of xapian and {engine} in {path}")
    base, other = runs["xapian"], runs[engine]
    print(f"{'kind':8} {'p50 µs':>9} {'xapian':>9} {'ratio':>6}   {'p99 µs':>9} {'xapian':>9} {'ratio':>6}")
    for kind in sorted(base["p50_us_by_kind"]):
        p50, b50 = other["p50_us_by_kind"][kind], base["p50_us_by_kind"][kind]
        p99 = other.get("p99_us_by_kind", {}).get(kind, float("nan"))
        b99 = base.get("p99_us_by_kind", {}).get(kind, float("nan"))
        print(f"{kind:8} {p50:9.0f} {b50:9.0f} {p50 / b50:6.2f}   {p99:9.0f} {b99:9.0f} {p99 / b99:6.2f}")
    print(f"{'all':8} {other['p50_us']:9.0f} {base['p50_us']:9.0f} {other['p50_us'] / base['p50_us']:6.2f}"
          f"   {other['p99_us']:9.0f} {base['p99_us']:9.0f} {other['p99_us'] / base['p99_us']:6.2f}")
    for name, run in ((engine, other), ("xapian", base)):
        print(f"{name}: q/s 1 thread {run['qps_1']:.0f}, 2 threads {run['qps_2']:.0f}"
              f" (scaling {run['qps_2'] / run['qps_1']:.2f})")
    print(f"throughput ratio (2 threads) {other['qps_2'] / base['qps_2']:.2f}")


if __name__ == "__main__":
    main()
