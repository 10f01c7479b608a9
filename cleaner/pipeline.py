"""The batch: inputs -> documents -> clean -> shards, committed to the manifest.

A pipeline of small steps, data flowing one way (datatrove-style, counters per step):

1. `inputs.iter_inputs` walks the inputs and gives each a unique id;
2. `executor.plan_tasks` drops the inputs the output holds already and groups the
   rest into tasks;
3. each task runs `tasks.run_task` (read documents, clean each one, write shards),
   in this process or on N workers;
4. here, in task order, each finished shard is committed: its lines are appended to
   `articles.jsonl`, then its entry to `manifest.jsonl` (the commit point).

Crash safety: a shard's files are complete before its entry is written, and
`manifest.recover` removes whatever a killed run left uncommitted. A rerun resumes:
inputs whose id and raw sha256 are in the manifest are skipped.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from . import jsonbytes
from .cleaning import clean_source
from .config import Config
from .documents import read_documents
from .executor import plan_tasks, run_tasks
from .input_cache import InputCache
from .inputs import InputFile, iter_inputs
from .lock import OutputLock
from .machine import usable_cores
from .manifest import ARTICLES_JSONL, append_entry, end_run, recover
from .shards import ShardLimits, publish
from .tasks import OutputWriteError, Progress, TaskContext, TaskResult
from .warc import make_run_info
from .write import fsync_dir, remove_stale_temps

log = logging.getLogger(__name__)

__all__ = ["BatchOptions", "BatchStats", "OutputWriteError", "clean_to_stream", "run_batch"]


@dataclass
class BatchStats:
    """Per-step counters of one run, plus what the summary needs."""

    steps: dict[str, Counter[str]] = field(default_factory=dict)
    removed_chars: Counter[str] = field(default_factory=Counter)
    shards: list[Path] = field(default_factory=list)
    articles_total: int = 0  # articles the output folder holds after the run

    def step(self, name: str) -> Counter[str]:
        return self.steps.setdefault(name, Counter())

    @property
    def documents(self) -> int:
        return self.step("clean")["documents"]

    @property
    def failures(self) -> int:
        return self.step("clean")["failures"]

    @property
    def skipped(self) -> int:
        return self.step("plan")["skipped"] + self.step("clean")["skipped"]

    @property
    def archive(self) -> Path | None:
        """The last shard written by this run (None when it wrote nothing)."""
        return self.shards[-1] if self.shards else None


@dataclass
class BatchOptions:
    config: Config = field(default_factory=Config)
    max_bytes: int = 64 * 1024 * 1024
    version: str = "0"
    source_date_epoch: str | None = None
    stdin: BinaryIO | None = None
    jobs: int = 1
    limits: ShardLimits = field(default_factory=ShardLimits)
    extractor: str = "trafilatura"  # the HTML path: "trafilatura" or "fast" (resiliparse)
    progress: Progress | None = None  # called with (documents, bytes read, failures)


def _with_stdin(items: Iterator[InputFile], stdin: BinaryIO | None) -> Iterator[InputFile]:
    for item in items:
        if item.location is None and item.error is None:
            data = (stdin or sys.stdin.buffer).read()
            item = InputFile(None, item.id, size=len(data), data=data)
        yield item


class Committer:
    """Commits finished shards in order: articles.jsonl lines first, then the manifest entry."""

    def __init__(self, out_dir: Path, jsonl_end: int, stats: BatchStats, errors: BinaryIO,
                 cache: InputCache | None = None) -> None:
        self.out_dir, self.jsonl_end, self.stats, self.errors = out_dir, jsonl_end, stats, errors
        self.cache = cache

    def __call__(self, result: TaskResult) -> None:
        for entry in result.entries:
            with signals_deferred():  # Ctrl-C or SIGTERM stop the run between commits, not inside one
                self._commit(entry)
        if self.cache is not None:
            for line in result.cache_lines:
                self.cache.record(line)
        for error in result.errors:
            log.warning("%s", error["error"])
            self.errors.write(jsonbytes.dumps(error) + b"\n")  # a bad file name's path too
        self.stats.step("clean").update(result.counters)
        self.stats.removed_chars.update(result.removed_chars)

    def _commit(self, entry: dict[str, Any]) -> None:
        entry = publish(entry)
        shard_jsonl = self.out_dir / entry["files"]["jsonl"]["path"]
        start = self.jsonl_end
        with shard_jsonl.open("rb") as source, (self.out_dir / ARTICLES_JSONL).open("ab") as target:
            target.seek(start)
            target.truncate(start)
            while block := source.read(1 << 20):
                target.write(block)
            target.flush()
            os.fsync(target.fileno())
            self.jsonl_end = target.tell()
        entry["articles_jsonl"] = [start, self.jsonl_end]
        append_entry(self.out_dir, entry)
        self.stats.shards.append(self.out_dir / entry["files"]["warc"]["path"])
        self.stats.step("commit")["shards"] += 1
        self.stats.step("commit")["records"] += entry["records"]


@contextmanager
def signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends (in the main thread; elsewhere the
    block runs as it is): a commit renames a shard's files into place, then appends its
    lines and its manifest entry, and stopping between those left OUT failing its audit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    deferred = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, deferred)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_batch(inputs: list[str], out_dir: Path, options: BatchOptions) -> BatchStats:
    """Clean `inputs` into `out_dir` (shards, manifest, articles/, articles.jsonl, errors).

    Raises OutputLockedError when another run holds the folder, OutputFormatError for
    a folder it cannot continue, OutputWriteError when the folder cannot be written.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with OutputLock(out_dir) as lock:
            return _run_locked(inputs, out_dir, options, lock.fd)
    except OSError as exc:
        raise OutputWriteError(f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}") from None


def _run_locked(inputs: list[str], out_dir: Path, options: BatchOptions, lock_fd: int | None) -> BatchStats:
    manifest = recover(out_dir)
    run = make_run_info(len(manifest.runs), manifest.digest, options.config.digest(), options.version,
                        options.source_date_epoch)
    ctx = TaskContext(str(out_dir), run, options.config, options.max_bytes, options.limits, options.extractor,
                      spare_core=options.jobs < usable_cores())
    stats = BatchStats()
    errors_tmp = out_dir / f".errors.jsonl.{run.run_id}.tmp"
    cache = InputCache(out_dir)
    try:
        with errors_tmp.open("wb") as errors:
            items = _with_stdin(iter_inputs(inputs, exclude=out_dir), options.stdin)
            tasks = plan_tasks(items, manifest.done, stats.step("plan"), options.limits, cache)
            committer = Committer(out_dir, manifest.jsonl_end, stats, errors, cache)
            deaths = run_tasks(tasks, ctx, manifest.done, options.jobs, committer, options.progress, lock_fd)
            if deaths:  # a dead worker leaves its staged files; every task is done, so all temps are stale
                remove_stale_temps(out_dir, keep=errors_tmp)
    except BaseException:
        cache.abort()
        remove_stale_temps(out_dir)  # staged shards and this run's journal: nothing half-made stays
        # `.running` stays: shards renamed into place before their manifest line (the first
        # commit's, when there is no manifest yet) are the next run's to undo, and it
        # recognises a stopped run by it.
        raise
    cache.commit()
    publish_errors(errors_tmp, out_dir / "errors.jsonl", stats.failures)
    end_run(out_dir)
    stats.articles_total = len(manifest.done) + stats.documents
    return stats


def publish_errors(journal: Path, final: Path, failures: int) -> None:
    """This run's errors.jsonl (removed when the run had none)."""
    if failures:
        with journal.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(journal, final)
        fsync_dir(final.parent)
    else:
        journal.unlink(missing_ok=True)
        final.unlink(missing_ok=True)


def clean_to_stream(inputs: list[str], out: BinaryIO, options: BatchOptions) -> BatchStats:
    """Write the cleaned documents to `out` only (no archive): `cleaner clean - -o -`."""
    stats = BatchStats()
    counters = stats.step("clean")
    # Several documents are told apart the way `head` tells files apart: "==> id <==".
    several = len(inputs) > 1 or any(os.path.isdir(spec) for spec in inputs)
    for item in _with_stdin(iter_inputs(inputs), options.stdin):
        stats.step("plan")["inputs"] += 1
        for doc in read_documents(item, options.max_bytes):
            cleaned = clean_source(doc, options.config, options.extractor)
            if cleaned.article is None:
                counters["failures"] += 1  # no errors.jsonl here: said even under -q
                log.error("%s", cleaned.error or f"{doc.key}: no article")
                continue
            data = cleaned.article.document().encode("utf-8")
            if several or doc.key != item.id:
                header = f"==> {doc.key} <==\n".encode("utf-8")
                out.write(header if not counters["documents"] else b"\n" + header)
            out.write(data)
            out.flush()
            counters["documents"] += 1
            counters["bytes_in"] += len(doc.raw or b"")
            counters["bytes_out"] += len(data)
            stats.removed_chars.update(cleaned.article.removed_chars_by_rule())
    return stats

