"""A fresh process: `import cleaner`, then clean the first 1.7 MB of article text.

    python tests/bench/bench_startup.py [--runs N] [--mb 1.7]

Runs N fresh interpreters (best and median shown): each imports cleaner, cleans the
`extracted` texts of <repo>/../shared/bench/data/{scrapinghub,wcxb-dev}.jsonl.gz one
by one up to the size, and reports import seconds, cleaning seconds and MB/s start-up included.
It also says whether trafilatura or lxml were imported (they should not be, for text).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench" / "data"
FILES = ("scrapinghub.jsonl.gz", "wcxb-dev.jsonl.gz")

_CHILD = r"""
import gzip, json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
sys.path.insert(0, sys.argv[1])
import cleaner
t1, c1 = time.perf_counter(), time.process_time()
limit, size = float(sys.argv[3]) * 1e6, 0
texts = []
for path in sys.argv[2].split(","):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts += [json.loads(line)["extracted"] for line in f if line.strip()]
t2, c2 = time.perf_counter(), time.process_time()
for text in texts:
    if size >= limit:
        break
    cleaner.clean_text(text)
    size += len(text.encode("utf-8", "surrogatepass"))
t3, c3 = time.perf_counter(), time.process_time()
heavy = sorted(m for m in ("trafilatura", "lxml", "warcio") if m in sys.modules)
print(json.dumps({"import": t1 - t0, "clean": t3 - t2, "import_cpu": c1 - c0, "clean_cpu": c3 - c2,
                  "mb": size / 1e6, "heavy": heavy}))
"""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=1.7)
    args = ap.parse_args(argv)
    paths = [DATA / name for name in FILES]
    if not all(p.is_file() for p in paths):
        sys.exit(f"benchmark missing: expected {', '.join(map(str, paths))}")
    results = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(REPO), ",".join(map(str, paths)), str(args.mb)],
                             capture_output=True, text=True, check=True)
        results.append({**json.loads(out.stdout), "stderr": out.stderr})
    mb = results[0]["mb"]
    for suffix, label in (("", "wall"), ("_cpu", "CPU")):
        for key in ("import", "clean"):
            values = [r[key + suffix] for r in results]
            print(f"{label:4} {key:7} best {min(values):.3f} s  median {statistics.median(values):.3f} s")
        totals = [r["import" + suffix] + r["clean" + suffix] for r in results]
        print(f"{label:4} total   best {min(totals):.3f} s  median {statistics.median(totals):.3f} s  "
              f"({mb:.2f} MB: {mb / min(totals):.1f} MB/s best, {mb / statistics.median(totals):.1f} median)")
    print("heavy modules imported:", ", ".join(results[0]["heavy"]) or "none")
    stderr = [r["stderr"] for r in results if r["stderr"]]
    print("stderr:", stderr[0][:300] if stderr else "empty")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
