#!/usr/bin/env python3
"""Writes a corpus of N articles for the scale benchmark (bench/scale.sh).
usage: scale_corpus.py N OUT.jsonl.gz [DATA_DIR]
Articles are taken round-robin from DATA_DIR/corpora/*.jsonl.gz (sorted by
name; 171,211 articles). Beyond that the corpus is REPLICATED: pass k >= 1
repeats every article with the new id "<id>~r<k>" (so the ids 171,212 and
up are new ids, not replacements), the text unchanged. Term statistics of a
replicated corpus are therefore those of the original scaled by k: the
dictionary stops growing after 171k, which flatters index size and query
latency against a real 1M-article archive.
"""
import gzip
import json
import sys
from pathlib import Path


def round_robin(files):
    streams = [gzip.open(f, "rt", encoding="utf-8") for f in files]
    while streams:
        for stream in list(streams):
            line = stream.readline()
            if not line:
                streams.remove(stream)
                continue
            yield line


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    limit = int(sys.argv[1])
    out = Path(sys.argv[2])
    data = Path(sys.argv[3]) if len(sys.argv) == 4 else Path(__file__).resolve().parents[2] / "shared/data"
    files = sorted((data / "corpora").glob("*.jsonl.gz"))
    if not files:
        sys.exit(f"scale_corpus.py: no *.jsonl.gz in {data / 'corpora'}")
    written = 0
    copy = 0
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as sink:
        while written < limit:
            for line in round_robin(files):
                if written >= limit:
                    break
                if copy:
                    record = json.loads(line)
                    record["id"] = f"{record['id']}~r{copy}"
                    line = json.dumps(record, ensure_ascii=False) + "\n"
                sink.write(line)
                written += 1
            copy += 1
    print(f"scale_corpus.py: {written} articles ({copy - 1} replicated pass(es)) -> {out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
