"""Throughput of `cleaner spark` on local[1] against local[2] (goal: at least 1.5x).

    .venv/bin/python tests/bench/bench_spark.py [--texts 600] [--pages 40] [--repeat 2] [--task-docs 25]
                                                [--crawl-files 1]

Inputs: 600 texts (the `raw_text` field of <repo>/../shared/bench/data/wcxb-dev.jsonl.gz
and scrapinghub.jsonl.gz, in order, cycled if short) as files in a folder, plus a
40-page crawl (their `html`, as WARC response records), made in a temp folder.
Each configuration runs in its own process (a SparkContext's master is fixed): the
session is started and its Python workers warmed by a small job first, so the time
is the job's alone, not the JVM start. Configurations are interleaved, best of
--repeat. `cleaner clean -j 1` on the same inputs is timed too: the per-core rate
without Spark, for the README's estimate. MB are raw bytes read (HTML included).

A crawl file is one task (as in cc-pyspark), and cleaning HTML costs about 25 times
more per MB than text here: the 40 pages take as much CPU as the 600 texts, so with one
crawl file that task bounds the speed-up (below 2x even on idle cores).
--crawl-files N splits the pages over N files.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench" / "data"
sys.path.insert(0, str(REPO))


def _records(name: str) -> list[dict]:
    path = DATA / name
    if not path.is_file():
        sys.exit(f"benchmark missing: expected {path}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def make_corpus(root: Path, texts: int, pages: int, crawl_files: int = 1) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    records = _records("wcxb-dev.jsonl.gz") + _records("scrapinghub.jsonl.gz")
    folder = root / "texts"
    folder.mkdir(parents=True)
    raw = [r["raw_text"] for r in records if r.get("raw_text")]
    for n in range(texts):
        (folder / f"{n:04d}.txt").write_text(raw[n % len(raw)], encoding="utf-8")
    html = [r for r in records if r.get("html")][:pages]
    for part in range(crawl_files):  # a crawl file is one task: split, the pages can run in parallel
        name = "crawl.warc.gz" if crawl_files == 1 else f"crawl-{part}.warc.gz"
        with (root / name).open("wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for n, record in list(enumerate(html))[part::crawl_files]:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                        protocol="HTTP/1.1")
                uri = record.get("url") or f"https://bench.example/{n}"
                writer.write_record(writer.create_warc_record(uri, "response", http_headers=http,
                                                              payload=io.BytesIO(record["html"].encode("utf-8"))))


def child(master: str, corpus: Path, out: Path, task_docs: int) -> dict:
    """One timed run in this process (the --child mode)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from cleaner import __version__
    from cleaner.pipeline import BatchOptions
    from cleaner.shards import ShardLimits
    from cleaner.spark.job import SparkOptions, run_spark

    spark = (SparkSession.builder.master(master).config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    cores = spark.sparkContext.defaultParallelism
    spark.sparkContext.parallelize(range(cores * 4), cores * 4).map(lambda x: __import__("cleaner") and x).count()
    options = BatchOptions(version=__version__, limits=ShardLimits(documents=task_docs))
    start = time.perf_counter()
    stats = run_spark(spark, [str(corpus)], out, options, SparkOptions(parquet=False))
    seconds = time.perf_counter() - start
    spark.stop()
    return {"master": master, "seconds": seconds, "bytes_in": stats.step("clean")["bytes_in"],
            "documents": stats.documents, "failures": stats.failures}


def run_clean(corpus: Path, out: Path, task_docs: int) -> dict:
    from cleaner import __version__
    from cleaner.pipeline import BatchOptions, run_batch
    from cleaner.shards import ShardLimits

    start = time.perf_counter()
    stats = run_batch([str(corpus)], out, BatchOptions(version=__version__, limits=ShardLimits(documents=task_docs)))
    return {"master": "clean -j 1", "seconds": time.perf_counter() - start,
            "bytes_in": stats.step("clean")["bytes_in"], "documents": stats.documents, "failures": stats.failures}


def run_child(master: str, corpus: Path, out: Path, task_docs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", master, "--corpus", str(corpus), "--out", str(out),
           "--task-docs", str(task_docs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{master} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=600)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--crawl-files", type=int, default=1, help="split the crawl into N files (N tasks)")
    parser.add_argument("--task-docs", type=int, default=25, help="inputs per task (--shard-documents)")
    parser.add_argument("--child", metavar="MASTER", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.out, args.task_docs)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, args.texts, args.pages, args.crawl_files)
        best: dict[str, dict] = {}
        for number in range(args.repeat):
            for master in ("local[1]", "local[2]"):
                result = run_child(master, corpus, Path(tmp) / f"out-{master[6]}-{number}", args.task_docs)
                print(f"  {master}: {result['seconds']:.1f} s", flush=True)
                if master not in best or result["seconds"] < best[master]["seconds"]:
                    best[master] = result
            clean = run_clean(corpus, Path(tmp) / f"out-clean-{number}", args.task_docs)
            print(f"  clean -j 1: {clean['seconds']:.1f} s", flush=True)
            if "clean" not in best or clean["seconds"] < best["clean"]["seconds"]:
                best["clean"] = clean
        report(best, os.getloadavg()[0])


def report(best: dict[str, dict], load: float) -> None:
    one, two = best["local[1]"], best["local[2]"]
    mb = one["bytes_in"] / 1e6
    print(f"\ninputs: {one['documents']} articles, {one['failures']} failures, {mb:.1f} MB read; load average {load:.1f}")
    for name, result in best.items():
        print(f"  {name:<11} {result['seconds']:7.1f} s  {result['bytes_in'] / 1e6 / result['seconds']:6.2f} MB/s")
    print(f"speed-up local[2] / local[1]: {one['seconds'] / two['seconds']:.2f}x (goal 1.5x)")


if __name__ == "__main__":
    main()
