"""Dump `clean_text(...).to_dict()` for every text of the corpora, or compare with a dump.

    python tests/bench/compare_outputs.py dump BASELINE.jsonl.gz
    python tests/bench/compare_outputs.py compare BASELINE.jsonl.gz

Texts: the `extracted`, `gold` and `raw_text` fields of both benchmark files
(<repo>/../shared/bench/data/*.jsonl.gz), seeds/*.txt and tests/generalisation/**.
A change to the rule engine that should not change behaviour must compare equal;
`compare` prints the first differing texts and exits 1 when any differ.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench" / "data"
FIELDS = ("extracted", "gold", "raw_text")

sys.path.insert(0, str(REPO))
import cleaner  # noqa: E402


def texts() -> Iterator[tuple[str, str]]:
    """(key, text) of every text, in a stable order."""
    for path in sorted(DATA.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if not line.strip():
                    continue
                record = json.loads(line)
                for name in FIELDS:
                    if isinstance(record.get(name), str):
                        yield f"{path.name}:{n}:{name}", record[name]
    for path in sorted((REPO / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((REPO / "tests" / "generalisation").rglob("*")):
        if path.is_file():
            yield str(path.relative_to(REPO)), path.read_text(encoding="utf-8", errors="surrogateescape")


def outputs() -> Iterator[tuple[str, str]]:
    for key, text in texts():
        yield key, json.dumps(cleaner.clean_text(text).to_dict(), sort_keys=True, ensure_ascii=False)


def dump(path: Path) -> int:
    count = 0
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for key, out in outputs():
            f.write(json.dumps([key, out], ensure_ascii=False) + "\n")
            count += 1
    print(f"dumped {count} outputs to {path}")
    return 0


def compare(path: Path, show: int) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        baseline = dict(json.loads(line) for line in f)
    differ, count = [], 0
    for key, out in outputs():
        count += 1
        if baseline.pop(key, None) != out:
            differ.append(key)
    missing = sorted(baseline)
    print(f"compared {count} outputs: {len(differ)} differ, {len(missing)} missing")
    for key in differ[:show] + missing[:show]:
        print("  ", key)
    return 1 if differ or missing else 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("dump", "compare"))
    ap.add_argument("baseline", type=Path)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    return dump(args.baseline) if args.mode == "dump" else compare(args.baseline, args.show)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
