"""Text quality on the development benchmark: token P/R/F1 before and after cleaning.

    python tests/bench/bench_text.py [--set scrapinghub|wcxb-dev] [--losses FILE] [--min-share X]

Reads <repo>/../shared/bench/data/<set>.jsonl.gz (ScrapingHub by default), cleans each page's
`extracted` field with `cleaner.clean_text` and scores (a) the input unchanged and
(b) `article.text` against `gold` with the benchmark's own `prf`. The gold has no
headline, so the kept title costs a little precision on every page.

Also reports the tokens each rule removed, and writes the removed lines whose tokens
are mostly gold tokens (candidate recall losses; "verbatim" when the line is in the
gold as is) to --losses, to see which *kinds* of line the rules get wrong. Do not
tune rules to single pages. On a set with page types (WCXB) it also prints P/R/F1
per type.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO.parent / "shared" / "bench"
DATA = BENCH / "data" / "scrapinghub.jsonl.gz"
SETS = ("scrapinghub", "wcxb-dev")
_TOKEN = re.compile(r"\w+")

sys.path.insert(0, str(REPO))
import cleaner  # noqa: E402


def load_prf():
    score_py = BENCH / "score.py"
    if not score_py.is_file() or not DATA.is_file():
        sys.exit(f"benchmark missing: expected {score_py} and {DATA}")
    spec = importlib.util.spec_from_file_location("bench_score", score_py)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.prf


def load_records(name: str = "scrapinghub") -> list[dict]:
    with gzip.open(BENCH / "data" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def mean(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    n = len(rows) or 1
    return tuple(sum(r[k] for r in rows) / n for k in range(3))  # type: ignore[return-value]


def lost_gold_tokens(removed: str, gold_tokens: Counter) -> int:
    return sum(1 for t in _TOKEN.findall(removed.lower()) if gold_tokens[t] > 0)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--losses", default="/tmp/cleaner_bench_losses.txt", help="dump of removed lines with gold tokens")
    ap.add_argument("--min-share", type=float, default=0.6, help="dump lines whose tokens are at least this share gold")
    ap.add_argument("--set", default="scrapinghub", choices=SETS, help="development set to read")
    args = ap.parse_args(argv)
    prf = load_prf()
    records = load_records(args.set)
    before, after = [], []
    by_type: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    removed_tokens: Counter[str] = Counter()
    losses: list[str] = []
    for rec in records:
        raw, gold = rec["extracted"] or "", rec["gold"] or ""
        article = cleaner.clean_text(raw, source=rec["id"])
        before.append(prf(raw, gold))
        after.append(prf(article.text, gold))
        by_type[rec.get("page_type") or "-"].append(after[-1])
        gold_tokens = Counter(t.lower() for t in _TOKEN.findall(gold))
        gold_flat = " ".join(gold.split()).lower()
        for removal in article.removals:
            n = len(_TOKEN.findall(removal.text))
            removed_tokens[removal.rule] += n
            for line in removal.text.splitlines():
                toks = _TOKEN.findall(line.lower())
                if toks and lost_gold_tokens(line, gold_tokens) / len(toks) >= args.min_share:
                    verbatim = "verbatim" if " ".join(line.split()).lower() in gold_flat else "tokens"
                    losses.append(f"{rec['id']}\t{removal.rule}\t{verbatim}\t{line.strip()[:300]}")
    p0, r0, f0 = mean(before)
    p1, r1, f1 = mean(after)
    print(f"pages {len(records)}")
    print(f"input    P {p0:.4f}  R {r0:.4f}  F1 {f0:.4f}")
    print(f"cleaned  P {p1:.4f}  R {r1:.4f}  F1 {f1:.4f}")
    print(f"delta    P {p1 - p0:+.4f}  R {r1 - r0:+.4f}  F1 {f1 - f0:+.4f}")
    if len(by_type) > 1:
        for kind in sorted(by_type):
            pt, rt, ft = mean(by_type[kind])
            print(f"  {kind + f' ({len(by_type[kind])})':<20} P {pt:.4f}  R {rt:.4f}  F1 {ft:.4f}")
    print("removed tokens by rule:")
    for rule, n in removed_tokens.most_common():
        print(f"  {n:7d}  {rule}")
    Path(args.losses).write_text("\n".join(losses) + "\n", encoding="utf-8")
    verbatim = sum(1 for line in losses if "\tverbatim\t" in line)
    print(f"{len(losses)} removed lines mostly made of gold tokens ({verbatim} verbatim in the gold) -> {args.losses}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
