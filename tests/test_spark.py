"""`cleaner spark`: the same output as `cleaner clean`, from Spark tasks (local[2,2]).

One SparkSession for the module (starting a JVM costs seconds). The master
`local[2,2]` runs 2 task threads and lets a task fail once before the job fails
(plain `local[N]` never retries), which the fault test needs.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import __version__, clean_text
from cleaner.audit import audit_output
from cleaner.config import Config
from cleaner.pipeline import BatchOptions, run_batch
from cleaner.shards import ShardLimits
from cleaner.spark import ARTICLE_COLUMNS, clean_partition
from conftest import ARCHIVE_EPOCH, REPO, SEEDS

STORY = ("The council voted on Tuesday night to keep the old library open for at least another five years. "
         "Campaigners had gathered more than four thousand signatures in a petition against the closure plan.")
CLUTTER = "RELATED: Ten things to do in town this weekend"


def _page(n: int) -> str:
    return (f"<html><head><title>Library story {n}</title></head><body><article><p>{STORY} Day {n}.</p>"
            "<p>The building, which dates from 1904, will get a new roof and step-free access.</p>"
            "<div class='social-share'>Share this story on Facebook</div></article></body></html>")


def write_crawl(path: Path, pages: int) -> None:
    """A crawl of `pages` HTML responses, a text resource and an image to skip."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                          payload=io.BytesIO(_page(n).encode()), http_headers=http))
        writer.write_record(writer.create_warc_record("urn:text:story", "resource", warc_content_type="text/plain",
                                                      payload=io.BytesIO(f"{STORY}\n\n{CLUTTER}\n".encode())))
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=http))


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def _require_spark() -> None:
    """Skip without pyspark or Java, except under CI, where .ci/run installs both."""
    import importlib.util

    missing = [name for name, ok in (("pyspark", importlib.util.find_spec("pyspark") is not None),
                                     ("java", _java())) if not ok]
    if missing and os.environ.get("CI") == "true":
        pytest.fail(f"{', '.join(missing)} required under CI=true (.ci/run installs the spark extra and Java 17)")
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")


@pytest.fixture(scope="module")
def fault_marker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fault") / "fail-once"


@pytest.fixture(scope="module")
def spark(fault_marker: Path):
    _require_spark()
    from pyspark.sql import SparkSession

    from cleaner.spark.job import FAULT_ENV

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers import this venv's cleaner
    session = (SparkSession.builder.master("local[2,2]").appName("cleaner-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config(f"spark.executorEnv.{FAULT_ENV}", str(fault_marker))  # armed only while the file exists
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Texts (the seeds, a few more, a binary file that fails) and a crawl, in one folder."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "texts")
    for n in range(6):
        (root / "texts" / f"extra{n}.txt").write_text(f"Story {n}\n\n{STORY}\n\n{CLUTTER}\n", encoding="utf-8")
    (root / "texts" / "broken.txt").write_bytes(b"\x00\x01\x02" * 10)
    write_crawl(root / "crawl.warc.gz", pages=6)
    (root / "lines.jsonl").write_text("\n".join(json.dumps({"id": f"j{n}", "text": f"{STORY}\n\n{CLUTTER}"})
                                                for n in range(3)) + "\n", encoding="utf-8")
    return root


def _options() -> BatchOptions:
    # Small tasks, so this small corpus makes several tasks and shards.
    return BatchOptions(version=__version__, source_date_epoch=ARCHIVE_EPOCH, limits=ShardLimits(documents=4))


def _spark_run(spark, inputs: list[str], out: Path, **kwargs):
    from cleaner.spark.job import SparkOptions, run_spark

    return run_spark(spark, inputs, out, _options(), SparkOptions(**kwargs))


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    run_batch([str(corpus)], out, _options())
    return out


@pytest.fixture(scope="module")
def spark_out(spark, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark") / "out"
    stats = _spark_run(spark, [str(corpus)], out, partitions=3)  # 3 tasks per job: several windows
    assert stats.documents > 20 and stats.failures == 1
    return out


def _lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_same_output_as_clean(spark_out: Path, reference: Path) -> None:
    # Same tasks, same run id, same commit order: the files are byte for byte those of `cleaner clean`.
    for name in ("articles.jsonl", "manifest.jsonl", "errors.jsonl"):
        assert (spark_out / name).read_bytes() == (reference / name).read_bytes(), name
    articles = _lines(spark_out)
    assert {a["id"] for a in articles} >= {"crawl.warc.gz#0", "lines.jsonl#j0", "texts/extra0.txt"}
    assert any(r["rule"] == "links.related" for a in articles for r in a["removals"])
    assert not (spark_out / ".spark").exists()  # every attempt's staging folder is gone
    assert audit_output(spark_out).ok


def test_parquet_table(spark, spark_out: Path) -> None:
    table = spark.read.parquet(str(spark_out / "articles.parquet"))
    assert tuple(table.columns) == ARTICLE_COLUMNS
    assert dict(table.dtypes)["removals"] == "array<struct<start:bigint,end:bigint,rule:string,reason:string>>"
    rows = {r["id"]: r for r in table.collect()}
    articles = _lines(spark_out)
    assert len(rows) == len(articles)
    for article in articles:
        row = rows[article["id"]]
        assert (row["text"], row["url"], row["raw_sha256"]) == (article["text"], article["url"],
                                                                article["provenance"]["sha256"])
        assert [(r["start"], r["end"], r["rule"]) for r in row["removals"]] == \
            [(r["start"], r["end"], r["rule"]) for r in article["removals"]]


def test_rerun_does_no_new_work(spark, corpus: Path, spark_out: Path) -> None:
    manifest, parquet = (spark_out / "manifest.jsonl").read_bytes(), (spark_out / "articles.parquet").stat()
    stats = _spark_run(spark, [str(corpus)], spark_out)
    assert stats.documents == 0 and not stats.shards
    assert stats.step("clean")["skipped"] > 0  # crawl records and JSONL lines: read, found done
    assert (spark_out / "manifest.jsonl").read_bytes() == manifest
    assert (spark_out / "articles.parquet").stat().st_mtime_ns == parquet.st_mtime_ns  # nothing new to add


def test_failed_first_attempt_leaves_no_duplicates(spark, corpus: Path, reference: Path, fault_marker: Path,
                                                    tmp_path: Path) -> None:
    fault_marker.write_text("armed")
    out = tmp_path / "out"
    stats = _spark_run(spark, [str(corpus)], out)
    assert not fault_marker.exists(), "no task attempt failed"
    ids = [a["id"] for a in _lines(out)]
    assert len(ids) == len(set(ids)) == stats.documents
    assert (out / "articles.jsonl").read_bytes() == (reference / "articles.jsonl").read_bytes()
    assert sorted(p.name for p in (out / "shards").iterdir()) == sorted(p.name for p in (reference / "shards").iterdir())
    assert not (out / ".spark").exists()
    assert audit_output(out).ok


def test_hadoop_uri_input(spark, corpus: Path, reference: Path, tmp_path: Path) -> None:
    # A file:// URI goes the way s3a:// and hdfs:// go: listed by the JVM, copied by each executor.
    out = tmp_path / "out"
    _spark_run(spark, [corpus.as_uri()], out, parquet=False)
    got = {a["id"]: (a["text"], a["url"], [r["rule"] for r in a["removals"]]) for a in _lines(out)}
    want = {a["id"]: (a["text"], a["url"], [r["rule"] for r in a["removals"]]) for a in _lines(reference)}
    assert got == want
    assert audit_output(out).ok
    stats = _spark_run(spark, [corpus.as_uri()], out, parquet=False)  # executors hash their copies: resumed
    assert stats.documents == 0 and not stats.shards
    # every article cleaned before, texts and crawl records alike (broken.txt is tried again)
    assert stats.skipped == stats.articles_total == len(want) and stats.failures == 1


def test_clean_dataframe_carries_config(spark) -> None:
    from cleaner.spark import clean_dataframe

    raw = f"Headline\n\n{STORY}\n\n{CLUTTER}\n"
    df = spark.createDataFrame([("a", raw, 1), ("b", None, 2)], "id string, text string, n int")
    rows = {r["id"]: r for r in clean_dataframe(df).collect()}
    assert rows["a"]["text"] == clean_text(raw).text and STORY in rows["a"]["text"] and CLUTTER not in rows["a"]["text"]
    assert rows["a"]["n"] == 1 and rows["a"]["error"] is None
    assert [r["rule"] for r in rows["a"]["removals"]] == [r.rule for r in clean_text(raw).removals]
    assert rows["b"]["error"] and rows["b"]["text"] is None  # a bad row is a row with an error, not a failed job
    kept = clean_dataframe(df, Config(disable=["links"])).filter("id = 'a'").first()
    assert CLUTTER in kept["text"]


def test_clean_partition_without_spark() -> None:
    raw = f"{STORY}\n\n{CLUTTER}\n"
    rows = list(clean_partition([{"id": "x", "url": "https://e.example/x", "text": raw}, {"html": _page(1)}, {}]))
    assert [r["id"] for r in rows] == ["x", "row-1", "row-2"]
    assert rows[0]["text"] == clean_text(raw).text and rows[0]["url"] == "https://e.example/x"
    assert "Share this story" not in rows[1]["text"] and STORY in rows[1]["text"]
    assert rows[2]["error"] and rows[2]["text"] is None


def test_cli_without_pyspark_says_how_to_install(monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path) -> None:
    import cleaner.spark
    from cleaner.cli import main

    monkeypatch.setattr(cleaner.spark, "pyspark_available", lambda: False)
    with pytest.raises(SystemExit) as exit_info:
        main(["spark", str(SEEDS), "-o", str(tmp_path / "out")])
    assert exit_info.value.code == 2
    assert "pip install 'cleaner[spark]'" in capsys.readouterr().err


def test_cli_spark_command(spark, corpus: Path, reference: Path, tmp_path: Path) -> None:
    # The command as a user runs it (its own JVM): exit 1 names the failed input, the output is `cleaner clean`'s.
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": ARCHIVE_EPOCH}
    command = [sys.executable, "-m", "cleaner", "spark", str(corpus), "-o", str(out), "--master", "local[2]",
               "--shard-documents", "4", "--no-parquet"]
    done = subprocess.run(command, capture_output=True, env=env, timeout=900, check=False)  # a JVM starts: slow
    assert done.returncode == 1, done.stderr.decode()[-2000:]
    assert b"failures are listed in" in done.stderr
    assert (out / "articles.jsonl").read_bytes() == (reference / "articles.jsonl").read_bytes()
    assert not (out / "articles.parquet").exists()


def test_remote_uris() -> None:
    from cleaner.spark.remote import arrow_uri, is_remote

    assert [is_remote(s) for s in ("s3a://b/k", "hdfs://nn/p", "file:///x", "seeds", "C:/x", "./a://b")] == \
        [True, True, True, False, False, False]
    assert arrow_uri("s3a://bucket/wet/x.warc.wet.gz") == "s3://bucket/wet/x.warc.wet.gz"
    assert arrow_uri("file:/data/x.txt") == "file:///data/x.txt"  # how Hadoop writes local paths
    assert arrow_uri("hdfs://nn:8020/a") == "hdfs://nn:8020/a"
