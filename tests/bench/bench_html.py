#!/usr/bin/env python3
"""Bench `cleaner.clean_html` against trafilatura on the team's dev set, same run.

    python tests/bench/bench_html.py [--jobs N] [--limit N] [--dump scores.jsonl]

Reads `<repo>/../shared/bench/data/scrapinghub.jsonl.gz` (field `html` against
`gold`) and prints mean token precision, recall and F1 (`score.prf`) for:
clean_html, trafilatura default, include_comments=False and favor_precision=True.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench"
DATA = BENCH / "data" / "scrapinghub.jsonl.gz"
sys.path.insert(0, str(REPO))


def _require_bench() -> None:
    if not (BENCH / "score.py").is_file() or not DATA.is_file():
        sys.exit(
            f"bench_html: the shared bench is missing: expected {BENCH.resolve()}/score.py and "
            f"{DATA.resolve()} (clone the repo with shared/ beside it)"
        )
    sys.path.insert(0, str(BENCH))


def _cleaner(html: str, url: str) -> str:
    from cleaner import InputError, clean_html

    try:
        return clean_html(html, url=url).text
    except InputError:
        return ""


def _trafilatura(**settings: Any) -> Callable[[str, str], str]:
    def run(html: str, url: str) -> str:
        import trafilatura

        return trafilatura.extract(html, url=url, **settings) or ""

    return run


SYSTEMS: dict[str, Callable[[str, str], str]] = {
    "clean_html": _cleaner,
    "trafilatura default": _trafilatura(),
    "trafilatura include_comments=False": _trafilatura(include_comments=False),
    "trafilatura favor_precision=True": _trafilatura(favor_precision=True),
}


def _score_page(record: dict[str, Any]) -> dict[str, Any]:
    from score import prf

    row: dict[str, Any] = {"id": record["id"], "url": record["url"]}
    for name, system in SYSTEMS.items():
        start = time.perf_counter()
        text = system(record["html"], record["url"])
        row[name] = {"prf": prf(text, record["gold"]), "seconds": time.perf_counter() - start}
    return row


def _read(limit: int | None) -> list[dict[str, Any]]:
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return records[:limit] if limit else records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dump", type=Path, help="write per-page scores (JSONL) here")
    args = parser.parse_args(argv)
    _require_bench()
    records = _read(args.limit)
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=_require_bench) as pool:
        rows = list(pool.map(_score_page, records, chunksize=4))
    print(f"pages {len(rows)}  (data {DATA.resolve()})")
    print(f"{'system':40} {'precision':>9} {'recall':>7} {'f1':>7} {'s/page':>7}")
    for name in SYSTEMS:
        means = [sum(r[name]["prf"][k] for r in rows) / len(rows) for k in range(3)]
        secs = sum(r[name]["seconds"] for r in rows) / len(rows)
        print(f"{name:40} {means[0]:9.4f} {means[1]:7.4f} {means[2]:7.4f} {secs:7.3f}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
