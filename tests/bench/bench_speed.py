"""Throughput of `cleaner.clean_text` on one core, in MB/s of raw (UTF-8) text.

    python tests/bench/bench_speed.py [--repeat N] [--cpu] [--profile]

Corpora: the `extracted` texts (article text) and `raw_text` (whole pages) of the
development benchmark (<repo>/../shared/bench/data/scrapinghub.jsonl.gz), the
generalisation texts (tests/generalisation/**) and the seeds. Target (issue 13): at
least 15 MB/s on each, the best of N passes. The first pass is shown too: it also compiles the
anchored-pattern unions for the line openings it meets (once per process).
--cpu times by the process's CPU time (`time.process_time`), which a machine shared
with other jobs inflates less than wall time. --profile prints the hottest functions
(cProfile) to find what to optimise.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench" / "data" / "scrapinghub.jsonl.gz"

sys.path.insert(0, str(REPO))
import cleaner  # noqa: E402
from cleaner.dates import clear_caches  # noqa: E402


def load_texts() -> dict[str, list[str]]:
    if not DATA.is_file():
        sys.exit(f"benchmark missing: expected {DATA}")
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    general = [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "generalisation").rglob("*.txt"))]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    return {
        "extracted": [r["extracted"] for r in records if r.get("extracted")],
        "raw_text": [r["raw_text"] for r in records if r.get("raw_text")],
        "general": general,
        "seeds": seeds,
    }


def throughput(texts: list[str], repeat: int, cpu: bool = False) -> tuple[float, float, float]:
    """(MB of UTF-8 processed, seconds of the best pass, seconds of the first pass)."""
    size = sum(len(t.encode("utf-8", errors="surrogatepass")) for t in texts) / 1e6
    clock = time.process_time if cpu else time.perf_counter
    passes = []
    for _ in range(max(repeat, 1)):
        clear_caches()  # each pass pays for its own date parsing
        start = clock()
        for text in texts:
            cleaner.clean_text(text)
        passes.append(clock() - start)
    return size, min(passes), passes[0]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu", action="store_true", help="CPU time of this process instead of wall time")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    corpora = load_texts()
    cleaner.clean_text("warm up the rule caches.")
    for name, texts in corpora.items():
        size, seconds, first = throughput(texts, args.repeat, args.cpu)
        print(f"{name:9s} {len(texts):4d} texts  {size:7.2f} MB  {seconds:6.3f} s  {size / seconds:6.2f} MB/s"
              f"  (first pass {first:.3f} s)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for text in corpora["extracted"]:
            cleaner.clean_text(text)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
