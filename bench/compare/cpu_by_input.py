#!/usr/bin/env python3
"""Worker CPU per slice of the input: where along a build the CPU goes.

usage:
  cpu_by_input.py record OUT.csv INPUT -- COMMAND...
      runs COMMAND; every second writes, per thread of it, the seconds since
      the start, INPUT's read offset (/proc/PID/fdinfo), the thread id and its
      user and system clock ticks (/proc/PID/task/TID/stat).
  cpu_by_input.py slices INPUT A.csv [B.csv ...] [--step LINES]
      per slice of LINES input lines (default 10,000): its MB, and for each
      recording the wall seconds, the CPU-s of the two busiest threads (the
      bulk build's workers) and their CPU-s per MB.

The offset is where the reading thread is, a queue (256 articles per worker)
ahead of the workers: slices are exact to a few hundred articles. Two builds
started at the same time share the machine's load, so their ratio per slice
holds on a loaded machine (bench/README.md "Rolling shard parts").
"""
import collections
import os
import subprocess
import sys
import time


def read_offset(pid, path):
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == path:
                    with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                        return int(info.readline().split()[1])
            except OSError:
                pass
    except OSError:
        pass
    return -1


def record(out, path, command):
    path = os.path.realpath(path)
    child = subprocess.Popen(command)
    start = time.time()
    with open(out, "w") as rows:
        while child.poll() is None:
            offset = read_offset(child.pid, path)
            try:
                tids = os.listdir(f"/proc/{child.pid}/task")
            except OSError:
                tids = []
            for tid in tids:
                try:
                    with open(f"/proc/{child.pid}/task/{tid}/stat") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                rows.write(f"{time.time() - start:.2f},{offset},{tid},{fields[11]},{fields[12]}\n")
            rows.flush()
            time.sleep(1)
    return child.returncode


def line_offsets(path):
    offsets = [0]
    with open(path, "rb") as f:
        for line in f:
            offsets.append(offsets[-1] + len(line))
    return offsets


def load(csv):
    """[(seconds, offset, workers' CPU-s)], samples whose offset is known."""
    samples = collections.OrderedDict()
    peak = collections.Counter()
    for line in open(csv):
        seconds, offset, tid, user, system = line.strip().split(",")
        ticks = int(user) + int(system)
        samples.setdefault(float(seconds), [int(offset), {}])[1][tid] = ticks
        peak[tid] = max(peak[tid], ticks)
    workers = [tid for tid, _ in peak.most_common(2)]
    hz = os.sysconf("SC_CLK_TCK")
    points = []
    for seconds, (offset, ticks) in samples.items():
        # A sample missing a worker (its stat could not be read) is skipped.
        if offset >= 0 and all(w in ticks for w in workers):
            points.append((seconds, offset, sum(ticks[w] for w in workers) / hz))
    return points


def slices(path, csvs, step):
    offsets = line_offsets(path)
    runs = [load(csv) for csv in csvs]
    print(" | ".join(["lines", "MB"] + [f"{csv}: wall, CPU-s, CPU-s/MB" for csv in csvs]))
    lines = len(offsets) - 1
    for first in range(0, lines, step):
        last = min(first + step, lines)
        begin, end = offsets[first], offsets[last]
        mb = (end - begin) / 1e6
        row = [f"{first // 1000}-{last // 1000}k", f"{mb:.1f}"]
        for points in runs:
            a = (0.0, 0, 0.0) if first == 0 else next((p for p in points if p[1] >= begin), None)
            b = next((p for p in points if p[1] >= end), points[-1] if points else None)
            if a is None or b is None:
                row.append("-")
                continue
            cpu = b[2] - a[2]
            row.append(f"{b[0] - a[0]:.1f}, {cpu:.1f}, {cpu / mb:.3f}")
        print(" | ".join(row))


def main(argv):
    if len(argv) >= 5 and argv[1] == "record" and argv[4] == "--":
        return record(argv[2], argv[3], argv[5:])
    if len(argv) >= 4 and argv[1] == "slices":
        args = argv[2:]
        step = 10000
        if "--step" in args:
            i = args.index("--step")
            step = int(args[i + 1])
            del args[i : i + 2]
        slices(args[0], args[1:], step)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
