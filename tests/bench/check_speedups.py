"""The fast-path checks of tests/test_speedups.py and tests/test_dates_fast.py on the
development benchmark's lines (which a clone may not have, so pytest does not need them).

    python tests/bench/check_speedups.py

Runs every check of test_speedups that takes the `lines` fixture on the lines of the
benchmark's `extracted` texts plus the repository's own, and checks that the fast date
parser agrees with dateutil on the benchmark's head timestamps. Exits 1 on a failure.
"""
from __future__ import annotations

import gzip
import inspect
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench" / "data" / "scrapinghub.jsonl.gz"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from cleaner.dates import find_timestamp  # noqa: E402
from cleaner.segment import segment  # noqa: E402
import test_dates_fast  # noqa: E402
import test_speedups  # noqa: E402


def bench_texts() -> list[str]:
    if not DATA.is_file():
        sys.exit(f"benchmark missing: expected {DATA}")
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        return [json.loads(line)["extracted"] for line in f if line.strip()]


def check_bench_timestamps(texts: list[str]) -> None:
    """Wherever the fast date parser answers on the bench's head lines, dateutil agrees."""
    stamps = set()
    for text in texts:
        for line in text.splitlines()[:80]:
            ts = find_timestamp(line.strip())
            if ts is not None:
                stamps.add(line.strip()[ts.start : ts.end])
    assert len(stamps) > 50
    answered = sum(test_dates_fast._agree(s) for s in stamps)
    assert answered > len(stamps) // 2, (answered, len(stamps))


def main() -> int:
    texts = bench_texts()
    lines = [line for text in texts + test_speedups._texts() for line in segment(text)]
    failed = 0
    checks = [(n, f) for n, f in vars(test_speedups).items()
              if n.startswith("test_") and "lines" in inspect.signature(f).parameters]
    for name, check in checks + [("bench timestamps", lambda lines: check_bench_timestamps(texts))]:
        try:
            check(lines)
            print(f"ok    {name}")
        except AssertionError as exc:
            failed += 1
            print(f"FAIL  {name}: {str(exc)[:200]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
