"""A task: some input files in, committed-to-be shards out. What every worker runs.

`run_task` reads the task's inputs (sources), skips what the output already holds,
cleans each document (`cleaning.clean_source`, the pure step) and writes the shards
(`shards.ShardWriter`). It is a plain function of picklable arguments, so the local
process pool and Spark executors run the very same code. The caller commits the
returned manifest entries, in task order.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .cleaning import clean_source
from .config import Config
from .documents import SourceDoc, read_documents
from .input_cache import CacheLine
from .inputs import InputFile, with_suffix, with_suffix_number
from .manifest import Done
from .shards import ShardLimits, ShardWriter
from .sink_thread import InlineSink, make_sink
from .warc import RunInfo

# Called after each document with (documents, bytes read, failures); set by the executor.
Progress = Callable[[int, int, int], None]


class OutputWriteError(Exception):
    """The output folder cannot be written (full disk, permissions): the batch stops."""


@dataclass(frozen=True)
class Task:
    index: int
    inputs: tuple[InputFile, ...]


@dataclass(frozen=True)
class TaskContext:
    """What a worker needs besides the task; picklable, the same for every task of a run."""

    out_dir: str
    run: RunInfo
    config: Config
    max_bytes: int
    limits: ShardLimits = field(default_factory=ShardLimits)
    extractor: str = "trafilatura"  # the HTML path: "trafilatura" or "fast"
    # Fewer workers than cores: each task's sink gets a thread, which has a core of its own
    # to run on (`sink_thread.make_sink`).
    spare_core: bool = False


@dataclass
class TaskResult:
    index: int
    entries: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)
    removed_chars: Counter[str] = field(default_factory=Counter)
    cache_lines: list[CacheLine] = field(default_factory=list)  # the whole-file inputs read


def resolve_key(doc: SourceDoc, done: Mapping[str, Done], location: str | None = None) -> str | None:
    """The key to archive `doc` under, or None when the output holds it already.

    An id, once archived, always names the same raw bytes. Other bytes under a taken id
    (an input edited since) get an id named by their content: `x~3f2a9c1b.txt`, the
    first 8 hex digits of their sha256. So no other input of this run, whose ids are
    numbered (`x~2.txt`), can be given the same one, whichever worker cleans it, and
    the next run finds it under the same id. `location`: where the input file is, when
    `doc` is the whole file; an id that names another file beside it is not taken.
    """
    held = done.get(doc.key)
    if held is None:
        return doc.key
    sha = hashlib.sha256(doc.raw or b"").hexdigest()
    if held.raw_sha256 == sha:
        return None
    edited = with_suffix(doc.key, sha[:8])
    key, number = edited, 1
    while True:
        if not _names_a_file_beside(key, location):
            held = done.get(key)
            if held is None:
                return key
            if held.raw_sha256 == sha:
                return None
        number += 1
        key = with_suffix_number(edited, number)


def _names_a_file_beside(key: str, location: str | None) -> bool:
    return location is not None and os.path.lexists(os.path.join(os.path.dirname(location), key.rsplit("/", 1)[-1]))


def run_task(task: Task, ctx: TaskContext, done: Mapping[str, Done], progress: Progress | None = None) -> TaskResult:
    """Clean and shard one task's inputs; raises OutputWriteError when OUT cannot be written."""
    result = TaskResult(task.index)
    writer = make_sink(ShardWriter(Path(ctx.out_dir), ctx.run, task.index, ctx.limits), ctx.spare_core)
    try:
        for item in task.inputs:
            for doc in read_documents(item, ctx.max_bytes):
                _one(doc, ctx, done, writer, result, item.location if doc.key == item.id else None)
                if progress is not None:
                    progress(1, len(doc.raw or b""), 0 if doc.error is None else 1)
        result.entries = writer.close()
        result.counters.update(writer.counters)
        result.removed_chars.update(writer.removed_chars)
        result.errors += writer.errors
    except OSError as exc:
        writer.abort()
        raise OutputWriteError(f"cannot write {exc.filename or ctx.out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        writer.abort()
        raise
    return result


def _one(doc: SourceDoc, ctx: TaskContext, done: Mapping[str, Done], writer: InlineSink,
         result: TaskResult, location: str | None = None) -> None:
    counters = result.counters
    if doc.file_stat is not None and doc.raw is not None:
        sha = hashlib.sha256(doc.raw).hexdigest()
        result.cache_lines.append(CacheLine(doc.input_id, doc.file_stat, sha, doc.stat_ns))
    if doc.error is None:
        key = resolve_key(doc, done, location)
        if key is None:
            counters["skipped"] += 1
            return
        doc.key = key
    counters["bytes_in"] += len(doc.raw or b"")
    cleaned = clean_source(doc, ctx.config, ctx.extractor)
    if not cleaned.ok:
        counters["failures"] += 1
        result.errors.append({"source": doc.key, "error": cleaned.error or "no article"})
        return
    article = cleaned.article
    assert article is not None
    writer.add(doc, article)  # the sink counts it archived (or failed) on its thread
