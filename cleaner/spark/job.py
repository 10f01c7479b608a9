"""`cleaner spark`: the batch of `cleaner clean`, its tasks run as Spark tasks.

The driver does what `pipeline.run_batch` does: lock OUT, `manifest.recover`, walk
the inputs, `executor.plan_tasks`, and commit each finished task with
`pipeline.Committer`, in task order. Only where a task runs changes: the tasks of a
window (`partitions` of them, one Spark partition each) run `tasks.run_task` on the
executors, their results are collected to the driver and committed. Two windows are
in flight, so the executors stay busy while the driver commits; the driver holds at
most two windows of results (manifest entries, never articles).

Spark retries failed tasks, and may run a slow one twice (speculation). So that two
attempts of a task never write the same file, each attempt stages its shards under
its own folder, `OUT/.spark/<task>-<attempt id>/` (OUT must be a file system that
every executor shares, e.g. NFS, in cluster mode). Only the result that reaches the
driver is published: the driver renames its staged files into place and commits its
manifest entry; every other attempt's folder is deleted once the task is committed,
and the whole staging folder at the end of the run and at the start of the next.
"""
from __future__ import annotations

import logging
import os
import shutil
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from ..executor import plan_tasks
from ..inputs import IdRegistry, InputFile, iter_inputs
from ..lock import OutputLock
from ..manifest import Done, end_run, iter_entries, recover
from ..pipeline import BatchOptions, BatchStats, Committer, publish_errors
from ..shards import STAGED
from ..tasks import OutputWriteError, Task, TaskContext, TaskResult, run_task
from ..warc import make_run_info
from ..write import remove_stale_temps
from .frames import write_parquet
from .remote import is_remote, list_remote, local_folder, localize

if TYPE_CHECKING:
    from pyspark import Broadcast, SparkContext
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

STAGING = ".spark"
PARQUET = "articles.parquet"
# Fault injection for tests: when this variable names an existing file on an executor,
# the first task attempt that deletes it fails after staging its shards (so once).
FAULT_ENV = "CLEANER_SPARK_FAULT"


@dataclass
class SparkOptions:
    partitions: int | None = None  # tasks per Spark job (default: 8 x the cluster's default parallelism)
    parquet: bool = True


def run_spark(spark: "SparkSession", inputs: list[str], out_dir: Path, options: BatchOptions,
              spark_options: SparkOptions | None = None) -> BatchStats:
    """Clean `inputs` into `out_dir` on Spark; the output is that of `pipeline.run_batch`, plus Parquet.

    Raises what `run_batch` raises (OutputLockedError, OutputFormatError,
    OutputWriteError) and Spark's error when a task fails more than
    `spark.task.maxFailures` times; finished windows stay committed, so a rerun resumes.
    """
    spark_options = spark_options or SparkOptions()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with OutputLock(out_dir):
            stats = _run_locked(spark, inputs, out_dir, options, spark_options)
    except OSError as exc:
        raise OutputWriteError(f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}") from None
    return stats


def _run_locked(spark: "SparkSession", inputs: list[str], out_dir: Path, options: BatchOptions,
                spark_options: SparkOptions) -> BatchStats:
    manifest = recover(out_dir)
    staging = out_dir / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # what a killed run's attempts staged
    run = make_run_info(len(manifest.runs), manifest.digest, options.config.digest(), options.version,
                        options.source_date_epoch)
    ctx = TaskContext(str(out_dir), run, options.config, options.max_bytes, options.limits, options.extractor)
    stats = BatchStats()
    errors_tmp = out_dir / f".errors.jsonl.{run.run_id}.tmp"
    window = spark_options.partitions or 8 * spark.sparkContext.defaultParallelism
    try:
        with errors_tmp.open("wb") as errors:
            tasks = plan_tasks(walk(spark, inputs, out_dir), manifest.done, stats.step("plan"), options.limits)
            committer = Committer(out_dir, manifest.jsonl_end, stats, errors)
            run_on_spark(spark.sparkContext, tasks, ctx, manifest.done, committer, window)
    except BaseException:
        remove_stale_temps(out_dir)  # this run's error journal and staged files
        # `.running` stays: shards renamed into place before their manifest line (the first
        # commit's, when there is no manifest yet) are the next run's to undo, and it
        # recognises a stopped run by it.
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    publish_errors(errors_tmp, out_dir / "errors.jsonl", stats.failures)
    end_run(out_dir)
    stats.articles_total = len(manifest.done) + stats.documents
    if spark_options.parquet and (stats.shards or not (out_dir / PARQUET).exists()):
        shards = [out_dir / e["files"]["jsonl"]["path"] for e in iter_entries(out_dir)]
        write_parquet(spark, out_dir, shards, out_dir / PARQUET)
    return stats


def walk(spark: "SparkSession", inputs: list[str], out_dir: Path) -> Iterator[InputFile]:
    """The batch's inputs: local paths as `iter_inputs` walks them, then Hadoop URIs, ids unique."""
    ids = IdRegistry()
    for item in iter_inputs([s for s in inputs if not is_remote(s)], exclude=out_dir):
        ids.claim(item.id)  # unique already; reserved so that remote files cannot take them
        yield item
    for spec in (s for s in inputs if is_remote(s)):
        yield from list_remote(spark, spec, ids)


def run_on_spark(sc: "SparkContext", tasks: Iterable[Task], ctx: TaskContext, done: Mapping[str, Done],
                 on_result: Callable[[TaskResult], None], window: int) -> None:
    """Run every task on the executors; `on_result` gets the results on the driver, in task order."""
    shared = sc.broadcast(dict(done))  # one copy per executor, not one per task
    staging = Path(ctx.out_dir) / STAGING
    pending: deque[tuple[list[Task], Future[list[tuple[str, TaskResult]]]]] = deque()
    task_iter = iter(tasks)
    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="cleaner-spark") as jobs:
            while batch := list(islice(task_iter, window)):
                pending.append((batch, jobs.submit(_collect, sc, batch, ctx, shared)))
                if len(pending) == 2:
                    _commit_window(*pending.popleft(), staging, on_result)
            while pending:
                _commit_window(*pending.popleft(), staging, on_result)
    except BaseException:
        sc.cancelAllJobs()  # the other window's job; its staged files go with the staging folder
        raise
    finally:
        shared.destroy()


def _collect(sc: "SparkContext", batch: list[Task], ctx: TaskContext,
             shared: "Broadcast[dict[str, Done]]") -> list[tuple[str, TaskResult]]:
    rdd = sc.parallelize(batch, len(batch))  # one task per partition: Spark balances them
    return rdd.mapPartitions(partial(clean_tasks, ctx=ctx, done=shared)).collect()


def _commit_window(batch: list[Task], future: Future[list[tuple[str, TaskResult]]], staging: Path,
                   on_result: Callable[[TaskResult], None]) -> None:
    results = future.result()
    out_dir = staging.parent
    for folder, result in results:  # collect() keeps partition order, which is task order
        on_result(rebase(result, Path(folder), out_dir))
    for task in batch:  # the committed attempt's empty folders and any failed attempt's files
        for attempt in staging.glob(f"{task.index:05d}-*"):
            shutil.rmtree(attempt, ignore_errors=True)
    log.info("committed tasks %d-%d", batch[0].index, batch[-1].index)


def rebase(result: TaskResult, folder: Path, out_dir: Path) -> TaskResult:
    """Point the staged files' final names from the attempt's folder into OUT."""
    for entry in result.entries:
        renames = []
        for staged, final in entry[STAGED]:
            target = out_dir / Path(final).relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            renames.append([staged, str(target)])
        entry[STAGED] = renames
    return result


def clean_tasks(tasks: Iterator[Task], ctx: TaskContext, done: Any) -> Iterator[tuple[str, TaskResult]]:
    """On an executor: run each task (`tasks.run_task`), staging under this attempt's own folder."""
    from pyspark import TaskContext as SparkTaskContext

    info = SparkTaskContext.get()
    attempt = info.taskAttemptId() if info is not None else os.getpid()  # unique within the application
    held = done.value if hasattr(done, "value") else done
    for task in tasks:
        folder = Path(ctx.out_dir) / STAGING / f"{task.index:05d}-{attempt}"
        with local_folder() as copies:
            local = Task(task.index, tuple(localize(item, Path(copies)) for item in task.inputs))
            result = run_task(local, replace(ctx, out_dir=str(folder)), held)
        _maybe_fail(task)
        yield str(folder), result


def _maybe_fail(task: Task) -> None:
    marker = os.environ.get(FAULT_ENV)
    if not marker:
        return
    try:
        os.unlink(marker)  # only one attempt can delete it: the fault happens once
    except FileNotFoundError:
        return
    raise RuntimeError(f"{FAULT_ENV}: injected failure of task {task.index} after staging its shards")
