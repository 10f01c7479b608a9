"""Cleaning on Apache Spark: the `cleaner spark` job and an API for your own pipelines.

    from cleaner.spark import clean_dataframe, clean_partition
    cleaned = clean_dataframe(spark.read.json("pages.jsonl"), config)      # text/html -> article columns
    rows = df.rdd.mapPartitions(lambda it: clean_partition(it, config))     # dicts, no schema needed

pyspark is optional (`pip install 'cleaner[spark]'`): `clean_partition` needs none of
it; the rest imports it when called.
"""
from __future__ import annotations

from typing import Any

from .frames import ARTICLE_COLUMNS, ARTICLE_DDL, clean_dataframe, clean_partition

INSTALL_HINT = "pip install 'cleaner[spark]'  (pyspark and pyarrow; Spark needs Java 17 or later)"

__all__ = ["ARTICLE_COLUMNS", "ARTICLE_DDL", "INSTALL_HINT", "SparkOptions", "clean_dataframe", "clean_partition",
           "pyspark_available", "run_spark"]


def pyspark_available() -> bool:
    """Whether pyspark can be imported (it is an optional extra)."""
    import importlib.util

    return importlib.util.find_spec("pyspark") is not None


def __getattr__(name: str) -> Any:
    # The job imports the batch layer; loaded on first use so `clean_partition` stays light.
    if name in ("run_spark", "SparkOptions"):
        from . import job

        return getattr(job, name)
    raise AttributeError(name)
