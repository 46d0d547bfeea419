#!/usr/bin/env python3
"""Crash safety of `archivar index`: SIGKILL at random moments, then check.

Runs `archivar index --batch B` over a few thousand articles of real text
(tests/make_articles.py) and kills it with SIGKILL after a random delay,
again and again over the same input, as an operator re-running an
interrupted import would. After every kill:

  * the index opens (`archivar stats`), or does not exist yet;
  * it holds exactly the articles of whole committed batches: its size n is
    a multiple of B (or the whole input), the ids in it are the first n ids
    of the input (every one of them is there, the next one is not), and each
    stored article equals its input record field by field (`archivar get
    --json`).

At the end one run without a kill must finish (exit 0) with every article
present exactly once and equal to its input.

B stays far below Xapian's autoflush threshold (XAPIAN_FLUSH_THRESHOLD,
10,000 changes by default; in Xapian 1.4 an autoflush is a commit), so the
only commits are archivar's batch commits. Env: ARCHIVAR (the binary),
ARCHIVAR_CRASH_KILLS (default 50), ARCHIVAR_CRASH_COMPACT_KILLS (default 15:
kills during `archivar compact` of the finished index, which must hold
every article after each), ARCHIVAR_CRASH_ARTICLES (default 300),
ARCHIVAR_CRASH_SEED (default: random, printed).
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

import committed_prefix

HERE = os.path.dirname(os.path.abspath(__file__))
ARCHIVAR = os.environ["ARCHIVAR"]
KILLS = int(os.environ.get("ARCHIVAR_CRASH_KILLS", "50"))
ARTICLES = int(os.environ.get("ARCHIVAR_CRASH_ARTICLES", "300"))
SEED = int(os.environ.get("ARCHIVAR_CRASH_SEED", str(random.randrange(1 << 30))))
COMPACT_KILLS = int(os.environ.get("ARCHIVAR_CRASH_COMPACT_KILLS", "15"))
BATCH = 25


def compaction_copies(folder):
    return [name for name in os.listdir(folder) if name.startswith("news.db.compact-")]


def fail(message):
    print("FAIL " + message + " (seed %d)" % SEED)
    sys.exit(1)


def run(*args):
    return committed_prefix.run(ARCHIVAR, *args)


def verify(db, records, expect_all=False):
    """The committed-prefix property (tests/committed_prefix.py); returns n."""
    try:
        return committed_prefix.verify(ARCHIVAR, db, records, BATCH, expect_all)
    except committed_prefix.PrefixError as error:
        fail(str(error) + " (after a kill)")


def main():
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="archivar-crash-") as work:
        source = os.path.join(work, "articles.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "make_articles.py"), str(ARTICLES),
                        source, "--max-body", "800"], check=True)
        records = committed_prefix.read_records(source)

        # How long an uninterrupted run takes: kills are spread over it.
        start = time.monotonic()
        calibration = run("index", "--db", os.path.join(work, "calibration.db"), "-q",
                          "--batch", str(BATCH), source)
        full_run = time.monotonic() - start
        if calibration.returncode != 0:
            fail("uninterrupted run exited %d: %s" % (calibration.returncode, calibration.stderr))

        db = os.path.join(work, "news.db")
        kills = verified = finished = 0
        sizes = []
        while kills < KILLS:
            process = subprocess.Popen([ARCHIVAR, "index", "--db", db, "-q", "--batch", str(BATCH),
                                        source], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.0, full_run * 0.95))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
                kills += 1
            else:
                stderr = process.stderr.read().decode("utf-8", "replace")
                if process.returncode != 0:
                    fail("index run exited %d: %s" % (process.returncode, stderr))
                finished += 1
            process.stderr.close()
            size = verify(db, records)
            verified += size
            sizes.append(size)
            # Start from scratch now and then, so kills also hit the creation
            # of a new index and the first batches.
            if rng.random() < 0.2:
                subprocess.run(["rm", "-rf", db], check=True)

        final = run("index", "--db", db, "-q", "--batch", str(BATCH), source)
        if final.returncode != 0:
            fail("re-run after the kills exited %d: %s" % (final.returncode, final.stderr))
        verified += verify(db, records, expect_all=True)

        # `archivar compact`, killed at random moments: the whole index stays
        # at its path (old or compacted), and a later compaction removes the
        # copy a killed one left beside it.
        start = time.monotonic()
        compaction = run("compact", "--db", db)
        full_compaction = time.monotonic() - start
        if compaction.returncode != 0:
            fail("uninterrupted compaction exited %d: %s" % (compaction.returncode,
                                                             compaction.stderr))
        compact_kills = 0
        leftovers = 0
        while compact_kills < COMPACT_KILLS:
            process = subprocess.Popen([ARCHIVAR, "compact", "--db", db],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, full_compaction))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                compact_kills += 1
            process.wait()
            verified += verify(db, records, expect_all=True)
            leftovers = max(leftovers, len(compaction_copies(work)))
        compaction = run("compact", "--db", db)
        if compaction.returncode != 0:
            fail("compaction after the kills exited %d: %s" % (compaction.returncode,
                                                              compaction.stderr))
        if compaction_copies(work):
            fail("copies of killed compactions left: %s" % compaction_copies(work))
        verified += verify(db, records, expect_all=True)
        print("crash_test: seed %d, %d articles, uninterrupted run %.1f s, %d kills survived "
              "(%d runs finished before their kill), index sizes seen after kills: %d distinct "
              "(min %d, max %d); compaction %.2f s, %d kills survived (up to %d copies left "
              "beside the index until the next compaction); %d articles verified field by field"
              % (SEED, len(records), full_run, kills, finished, len(set(sizes)), min(sizes),
                 max(sizes), full_compaction, compact_kills, leftovers, verified))
        print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
