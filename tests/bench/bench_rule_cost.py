"""One more rule must not make the engine markedly slower: a check that fails when it does.

    python tests/bench/bench_rule_cost.py [--repeat N] [--limit 1.25]

Times `clean_text` on the development benchmark's `extracted` texts
(<repo>/../shared/bench/data/scrapinghub.jsonl.gz) with the built-in rules alone, and
with one more line rule of each kind that used to be costly: a broad opening
(`^.{0,40}foo`), a floating word (`\\bfoo\\b`), a floating pattern on every line's end.
Each must stay within `--limit` times the time without it (best of N passes each,
interleaved); exits 1 when one does not.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench" / "data" / "scrapinghub.jsonl.gz"

sys.path.insert(0, str(REPO))
import cleaner  # noqa: E402
from cleaner import Config  # noqa: E402

EXTRA = {
    "broad opening": r"^.{0,40}foo",
    "floating word": r"\bfoo\b",
    "any line end": r"[a-z]{3}\s\d{4}bar$",
}


def load() -> list[str]:
    if not DATA.is_file():
        sys.exit(f"benchmark missing: expected {DATA}")
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        return [json.loads(line)["extracted"] for line in f if line.strip()]


def seconds(texts: list[str], config: Config) -> float:
    start = time.perf_counter()
    for text in texts:
        cleaner.clean_text(text, config=config)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=float, default=1.25)
    args = ap.parse_args(argv)
    texts = load()
    configs = {"built-in rules": Config()}
    for name, pattern in EXTRA.items():
        configs[name] = Config(rules=[{"id": "bench.extra", "reason": name, "patterns": [pattern]}])
    for config in configs.values():
        seconds(texts[:5], config)  # warm up: compile each configuration's matcher
    best = dict.fromkeys(configs, float("inf"))
    for _ in range(max(args.repeat, 1)):
        for name, config in configs.items():  # interleaved: load changes hit all alike
            best[name] = min(best[name], seconds(texts, config))
    base = best["built-in rules"]
    failed = False
    for name, took in best.items():
        ratio = took / base
        failed |= ratio > args.limit
        print(f"{name:15s} {took:6.3f} s  x{ratio:4.2f}{'  TOO SLOW' if ratio > args.limit else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
