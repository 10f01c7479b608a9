#!/usr/bin/env python3
"""Bench `cleaner.clean_html` against its peers on the team's dev sets, same run.

    python tests/bench/bench_html.py [--sets scrapinghub,wcxb-dev] [--systems a,b] [--jobs N]
                                     [--passes N] [--limit N] [--dump scores.jsonl]

Reads `<repo>/../shared/bench/data/{scrapinghub,wcxb-dev}.jsonl.gz` (field `html`
against `gold`) and prints, per set (and per `page_type` on WCXB), the mean token
precision, recall and F1 (`score.prf`) of every system, and its pages per second.
On WCXB the title, author and date found are also compared with the set's own
metadata (`title`, `author`, `publish_date`, `lang`).

Speed is measured two ways, in the same run:
- in passes (the speed a batch sees): in one worker warmed up on up to 400 pages of the
  other set (all 181 of ScrapingHub's before WCXB), each system runs alone over a chunk
  of 25 pages, then the next system over the same chunk, the order turning every chunk,
  over the whole set; the first pass counts (a later one meets pages it has seen);
- interleaved: while scoring, every page goes through every system in turn, each
  timed. A light system pays here for the heavy one before it, which leaves the CPU's
  caches full of its own code and data: on ScrapingHub, `clean_html extractor=fast`
  ran 184 pages a second interleaved against 206-250 alone, trafilatura 41 against
  41-42 (2026-12-01; disabling or freezing the garbage collector changed neither).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench"
SETS = ("scrapinghub", "wcxb-dev")
WARM_UP = 40  # pages of another set each worker runs through every system before timing (see _warm_up)
# Before the passes: a batch's steady state. The fast path still gains up to 400 pages in
# (8.3 CPU ms a ScrapingHub page after 40 WCXB pages, 6.8 after 400: RE2 builds the states
# of its automata as new lines need them); trafilatura does not.
PASS_WARM_UP = 400
sys.path.insert(0, str(REPO))

# A system maps (html, url) to (text, metadata or None).
Result = tuple[str, dict[str, Any] | None]


def _require_bench() -> None:
    if not (BENCH / "score.py").is_file():
        sys.exit(f"bench_html: the shared bench is missing: expected {BENCH.resolve()}/score.py")
    sys.path.insert(0, str(BENCH))


def _cleaner(extractor: str) -> Callable[[str, str], Result]:
    def run(html: str, url: str) -> Result:
        from cleaner import InputError, clean_html

        try:
            article = clean_html(html, url=url, extractor=extractor)
        except InputError:
            return "", None
        meta = {"title": article.title, "author": article.byline, "date": article.published,
                "language": article.language, "path": (article.extraction or {}).get("path")}
        return article.text, meta

    return run


def _trafilatura(**settings: Any) -> Callable[[str, str], Result]:
    def run(html: str, url: str) -> Result:
        import trafilatura

        return trafilatura.extract(html, url=url, **settings) or "", None

    return run


def _trafilatura_meta(html: str, url: str) -> Result:
    """trafilatura with its metadata, to compare metadata (not part of the speed race)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return "", None
    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    return text, {"title": doc.title, "author": doc.author, "date": doc.date, "language": doc.language}


def _readability(html: str, url: str) -> Result:
    from lxml.html import fromstring
    from readability import Document

    try:
        summary = Document(html, url=url).summary(html_partial=True)
    except Exception:  # readability raises on pages it cannot parse: score them as empty
        return "", None
    return " ".join(fromstring(summary).itertext()) if summary.strip() else "", None


def _resiliparse(html: str, url: str) -> Result:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True), None


SYSTEMS: dict[str, Callable[[str, str], Result]] = {
    "clean_html": _cleaner("trafilatura"),
    "clean_html extractor=fast": _cleaner("fast"),
    "trafilatura default": _trafilatura(),
    "trafilatura include_comments=False": _trafilatura(include_comments=False),
    "readability-lxml": _readability,
    "resiliparse main_content": _resiliparse,
}
EXTRA_SYSTEMS: dict[str, Callable[[str, str], Result]] = {"trafilatura metadata": _trafilatura_meta}


def _warm_up(records: list[dict[str, Any]], systems: list[str]) -> None:
    """Run every system on pages of another set before any is timed, in each worker.

    Without it each worker's first pages carried one-time costs: imports (cleaner
    imports trafilatura, most of a second), trafilatura's first call, rules and
    patterns compiled on their first use, all charged to the pages that happened to
    come first: on a set of 181 pages in two workers, 5-10 ms a page, as much as the
    per-page cost being compared. Pages of another set, so that no timed page is one
    a cache has already seen. Measured (CPU ms a ScrapingHub page after N WCXB pages,
    2026-11-30): clean_html fast 11.1 (N=0), 9.1 (12), 8.3 (40), 8.2 (200), 6.8 (400);
    trafilatura default flat at 36-37 from N=0 to 100.
    """
    _require_bench()
    for record in records:
        for name in systems:
            (SYSTEMS.get(name) or EXTRA_SYSTEMS[name])(record["html"], record["url"])


def _first(name: str, count: int) -> list[dict[str, Any]]:
    """The first `count` records of a set, read without reading the rest."""
    with gzip.open(BENCH / "data" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line, _ in zip(f, range(count))]


def _score_page(job: tuple[dict[str, Any], list[str]]) -> dict[str, Any]:
    from score import prf

    record, systems = job
    row: dict[str, Any] = {"id": record["id"], "url": record["url"], "page_type": record.get("page_type")}
    for name in systems:
        system = SYSTEMS.get(name) or EXTRA_SYSTEMS[name]
        start = time.perf_counter()
        text, meta = system(record["html"], record["url"])
        seconds = time.perf_counter() - start
        row[name] = {"prf": prf(text, record["gold"]), "seconds": seconds, "empty": not text.strip()}
        if meta is not None:
            row[name]["meta"] = _meta_hits(meta, record)
    return row


def _norm(value: Any) -> str:
    return " ".join(re.findall(r"\w+", str(value or "").lower()))


def _meta_hits(meta: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """Which metadata fields match the set's own (only where the set has one)."""
    hits: dict[str, Any] = {"path": meta.get("path")}
    for field, gold_key in (("title", "title"), ("author", "author"), ("date", "publish_date"), ("language", "lang")):
        gold = record.get(gold_key)
        if gold:
            found = _norm(meta.get(field))
            if field == "date":
                hits[field] = bool(found) and str(gold)[:10] == str(meta.get(field) or "")[:10]
            elif field == "language":  # the set's "en" against a page's "en" (regions are cut by both)
                hits[field] = bool(found) and found.split()[0] == _norm(gold).split()[0]
            else:
                hits[field] = bool(found) and found == _norm(gold)
    return hits


def _read(name: str, limit: int | None) -> list[dict[str, Any]]:
    with gzip.open(BENCH / "data" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return records[:: max(1, len(records) // limit)][:limit] if limit else records


def _means(rows: list[dict[str, Any]], name: str) -> tuple[float, float, float]:
    return tuple(sum(r[name]["prf"][k] for r in rows) / len(rows) for k in range(3))  # type: ignore[return-value]


def _table(title: str, rows: list[dict[str, Any]], systems: list[str]) -> list[str]:
    lines = [f"\n{title}: {len(rows)} pages", f"{'system':36} {'precision':>9} {'recall':>7} {'f1':>7} {'empty':>5}"]
    for name in systems:
        p, r, f = _means(rows, name)
        empty = sum(row[name]["empty"] for row in rows)
        lines.append(f"{name:36} {p:9.4f} {r:7.4f} {f:7.4f} {empty:5d}")
    return lines


def _by_type(rows: list[dict[str, Any]], systems: list[str]) -> list[str]:
    """One line per page type: F1 of every system (P/R are in the dump)."""
    types: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        types[row["page_type"]].append(row)
    short = [name.replace("trafilatura ", "traf ").replace("include_comments=False", "no-comments")[:22] for name in systems]
    lines = ["\nF1 by page type", f"{'page type':15} {'n':>4} " + " ".join(f"{s:>22}" for s in short)]
    for kind in sorted(types):
        f1s = " ".join(f"{_means(types[kind], name)[2]:22.4f}" for name in systems)
        lines.append(f"{kind:15} {len(types[kind]):4d} {f1s}")
    return lines


PASS_CHUNK = 25  # pages each system runs in a row before the other takes the same pages


def _passes(job: tuple[str, int | None, list[str], int]) -> dict[str, list[float]]:
    """Pages per second of each system in each of `rounds` passes over a set, where each
    system runs alone over a chunk of `PASS_CHUNK` pages before the next system takes the
    same chunk (the order turns every chunk). Within a chunk a system's code and data
    stay warm, as in a batch; chunk by chunk the systems share the machine's phase, which
    moves its speed by a quarter for minutes at a time."""
    set_name, limit, systems, rounds = job
    records = _read(set_name, limit)
    rates: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(rounds):
        seconds = dict.fromkeys(systems, 0.0)
        for k in range(0, len(records), PASS_CHUNK):
            chunk = records[k : k + PASS_CHUNK]
            for name in systems if (k // PASS_CHUNK) % 2 == 0 else systems[::-1]:
                system = SYSTEMS.get(name) or EXTRA_SYSTEMS[name]
                start = time.perf_counter()
                for record in chunk:
                    system(record["html"], record["url"])
                seconds[name] += time.perf_counter() - start
        for name in systems:
            rates[name].append(len(records) / seconds[name])
    return rates


def _relative(rate: dict[str, float], name: str) -> str:
    refs = [ref for ref in ("trafilatura default", "trafilatura include_comments=False") if ref in rate]
    return "  ".join(f"{rate[name] / rate[ref]:6.2f}x {ref.replace('trafilatura ', 'traf ')}" for ref in refs)


def _speed(rows: list[dict[str, Any]], systems: list[str], passes: dict[str, list[float]] | None) -> list[str]:
    lines = []
    if passes:
        first = {name: rates[0] for name, rates in passes.items()}  # later passes meet pages seen before
        lines += [f"\nspeed in passes (pages per second, each system alone over chunks of {PASS_CHUNK} pages in "
                  "one worker; the first pass counts)"]
        lines += [f"{name:36} {first[name]:8.2f} {_relative(first, name)}   passes "
                  + " ".join(f"{r:.1f}" for r in passes[name]) for name in systems]
    rate = {name: len(rows) / max(1e-9, sum(r[name]["seconds"] for r in rows)) for name in systems}
    lines += ["\nspeed interleaved (pages per second while scoring: each page through every system in turn)"]
    lines += [f"{name:36} {rate[name]:8.2f} {_relative(rate, name)}" for name in systems]
    return lines


def _metadata(rows: list[dict[str, Any]], systems: list[str]) -> list[str]:
    lines = ["\nmetadata matching the set's own (share of pages that have the field)"]
    for name in systems:
        metas = [r[name].get("meta") for r in rows if r[name].get("meta") is not None or name.startswith("clean")]
        if not any(metas):
            continue
        cells = []
        for field in ("title", "author", "date", "language"):
            has = [m[field] for m in metas if m and field in m]
            total = sum(1 for r in rows if (r[name].get("meta") or {}).get(field) is not None)
            cells.append(f"{field} {sum(has) / max(1, total):.3f} ({total})")
        paths = defaultdict(int)
        for m in metas:
            paths[(m or {}).get("path")] += 1
        lines.append(f"{name:36} " + "  ".join(cells) + f"  paths {dict(paths)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, of {list(SYSTEMS) + list(EXTRA_SYSTEMS)}")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--passes", type=int, default=1,
                        help="timed passes over the set (0: none; a second pass meets pages it has cleaned, "
                             "whose lines the engine's caches hold)")
    parser.add_argument("--limit", type=int, default=None, help="an even sample of N pages per set")
    parser.add_argument("--dump", type=Path, help="write per-page scores (JSONL) here")
    args = parser.parse_args(argv)
    _require_bench()
    systems = args.systems.split(",")
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for set_name in args.sets.split(","):
        records = _read(set_name, args.limit)
        warm = _first(next(other for other in SETS if other != set_name), WARM_UP)
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_warm_up, initargs=(warm, systems)) as pool:
            rows = list(pool.map(_score_page, [(r, systems) for r in records], chunksize=4))
        passes = None
        if args.passes > 0:
            warm = _first(next(other for other in SETS if other != set_name), PASS_WARM_UP)
            with ProcessPoolExecutor(max_workers=1, initializer=_warm_up, initargs=(warm, systems)) as pool:
                passes = pool.submit(_passes, (set_name, args.limit, systems, args.passes)).result()
        out = _table(set_name, rows, systems)
        if rows[0]["page_type"]:
            out += _by_type(rows, systems)
        out += _speed(rows, systems, passes) + _metadata(rows, systems)
        print("\n".join(out), flush=True)
        for row in rows if dump else []:
            dump.write(json.dumps({"set": set_name, **row}) + "\n")
    if dump:
        dump.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
