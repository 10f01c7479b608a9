"""Articles as rows: the clean step for DataFrames, and the Parquet table of an output folder.

`clean_partition` needs no Spark (it is a plain generator, usable with
`mapPartitions`, pandas or a loop); the functions that take a DataFrame or a
SparkSession import pyspark when called.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, cast

from ..cleaning import clean_source
from ..config import Config
from ..documents import SourceDoc
from ..model import Article

if TYPE_CHECKING:  # pyspark is optional
    from pyspark.sql import DataFrame, SparkSession

# The table's columns, in order (the Parquet table and `clean_dataframe` share them).
ARTICLE_COLUMNS = ("id", "url", "source", "title", "byline", "published", "publisher", "language", "text",
                   "removals", "raw_sha256")
REMOVAL_DDL = "array<struct<start:bigint,end:bigint,rule:string,reason:string>>"
ARTICLE_DDL = ("id string, url string, source string, title string, byline string, published string, "
               f"publisher string, language string, text string, removals {REMOVAL_DDL}, raw_sha256 string")
# What `clean_dataframe` adds: why a row has no article (null when it has one).
ERROR_DDL = "error string"
# The shard JSONL lines, as far as the table reads them (Spark's JSON reader, explicit schema).
_JSONL_DDL = ("id string, url string, source string, title string, byline string, published string, "
              f"publisher string, language string, text string, removals {REMOVAL_DDL}, "
              "provenance struct<sha256:string>")


def _row_dict(row: Any) -> Mapping[str, Any]:
    """A Spark Row, a dict or anything with `asDict` as a mapping."""
    if isinstance(row, Mapping):
        return row
    as_dict = getattr(row, "asDict", None)
    if as_dict is None:
        raise TypeError(f"a row must be a dict or a Spark Row, not {type(row).__name__}")
    return as_dict()


def row_document(row: Mapping[str, Any], number: int) -> SourceDoc:
    """A row with `html` or `text` (and optional `id`, `url`) as a source document.

    Like a JSONL line (`documents.read_jsonl`): `html` wins over `text`; a row
    without an id is named by its position in the partition.
    """
    key = str(row["id"]) if row.get("id") not in (None, "") else f"row-{number}"
    url = row.get("url") if isinstance(row.get("url"), str) else None
    origin = {"id": row.get("id"), "url": url}
    html, text = row.get("html"), row.get("text")
    if isinstance(html, str):
        return SourceDoc(key=key, raw=html.encode("utf-8", "surrogatepass"), kind="html", url=url, text=html,
                         content_type="text/html; charset=utf-8", origin=origin)
    if isinstance(text, str):
        return SourceDoc(key=key, raw=text.encode("utf-8", "surrogatepass"), kind="text", url=url, text=text,
                         content_type="text/plain; charset=utf-8", origin=origin)
    return SourceDoc(key=key, origin=origin, error=f"{key}: the row has no string `text` or `html`")


def article_row(key: str, article: Article) -> dict[str, Any]:
    """One article as a table row (the columns of `ARTICLE_COLUMNS`)."""
    return {
        "id": key, "url": article.url or article.provenance.url, "source": article.provenance.source,
        "title": article.title, "byline": article.byline, "published": article.published,
        "publisher": article.publisher, "language": article.language, "text": article.text,
        "removals": [{"start": r.start, "end": r.end, "rule": r.rule, "reason": r.reason} for r in article.removals],
        "raw_sha256": article.provenance.sha256,
    }


def _failed_row(doc: SourceDoc, error: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(ARTICLE_COLUMNS)
    row.update(id=doc.key, url=doc.url, source=doc.key, removals=[], error=error,
               raw_sha256=hashlib.sha256(doc.raw).hexdigest() if doc.raw is not None else None)
    return row


def clean_partition(rows: Iterable[Any], config: Config | None = None,
                    extractor: str = "trafilatura") -> Iterator[dict[str, Any]]:
    """Clean each row (`text` or `html`, optional `id` and `url`): one dict per row, in order.

    The dict has the `ARTICLE_COLUMNS` and `error` (None, or why the row has no
    article: it never raises for a bad row). It runs the same clean step as
    `cleaner clean` (`cleaning.clean_source`), so the same text gives the same article;
    `extractor` picks the HTML path ("trafilatura" or "fast"), as `cleaner clean --extractor`.
    """
    config = config or Config()
    for number, row in enumerate(rows):
        doc = row_document(_row_dict(row), number)
        cleaned = clean_source(doc, config, extractor)
        if cleaned.article is None:
            yield _failed_row(doc, cleaned.error or f"{doc.key}: no article")
            continue
        out = article_row(doc.key, cleaned.article)
        out["error"] = None
        yield out


def clean_dataframe(df: "DataFrame", config: Config | None = None, extractor: str = "trafilatura") -> "DataFrame":
    """`df` (a `text` or `html` column, optional `id`, `url`) cleaned, one row per row.

    The result has the input's other columns, then the article columns (`text` is
    the cleaned text; `removals` the ledger's removed spans with offsets into the raw
    text, rule and reason; `raw_sha256`) and `error`. `config` is pickled to the
    executors with the function.
    """
    from pyspark.sql.types import StructType

    config = config or Config()
    produced = cast(StructType, StructType.fromDDL(f"{ARTICLE_DDL}, {ERROR_DDL}"))
    names = set(produced.fieldNames())
    kept = [f for f in df.schema.fields if f.name not in names and f.name != "html"]
    schema = StructType(kept + produced.fields)
    kept_names = [f.name for f in kept]

    def run(rows: Iterable[Any]) -> Iterator[tuple]:
        for row, out in _with_input(iter(rows), config, extractor):
            yield tuple(row.get(n) for n in kept_names) + tuple(out[f] for f in produced.fieldNames())

    return df.sparkSession.createDataFrame(df.rdd.mapPartitions(run), schema)


def _with_input(rows: Iterator[Any], config: Config,
                extractor: str) -> Iterator[tuple[Mapping[str, Any], dict[str, Any]]]:
    """Each input row (as a mapping) with its cleaned row, streaming."""
    for row in rows:
        mapping = _row_dict(row)
        yield mapping, next(clean_partition([mapping], config, extractor))


def write_parquet(spark: "SparkSession", out_dir: Path, shard_jsonl: list[Path], target: Path) -> int:
    """Write the articles of `shard_jsonl` (shard JSONL files) as a Parquet folder at `target`.

    Spark reads the shard lines on the executors and writes one part file per task,
    so the driver never holds the articles. Written beside `target` under a hidden
    name, then swapped in. Returns the number of rows.
    """
    import shutil

    from pyspark.sql import functions as F

    if not shard_jsonl:
        return 0
    lines = spark.read.schema(_JSONL_DDL).json([p.resolve().as_uri() for p in shard_jsonl])
    table = lines.select(*[c for c in ARTICLE_COLUMNS if c != "raw_sha256"],
                         F.col("provenance.sha256").alias("raw_sha256"))
    staged = out_dir / f".{target.name}.tmp"
    shutil.rmtree(staged, ignore_errors=True)
    table.write.mode("overwrite").parquet(staged.resolve().as_uri())
    shutil.rmtree(target, ignore_errors=True)
    staged.rename(target)
    return spark.read.parquet(target.resolve().as_uri()).count()
