"""Run a batch's tasks on this machine: in this process, or on a pool of N workers.

Tasks are planned from the input walk in a fixed order (`plan_tasks`), run anywhere,
and their results handed back in task order (`run_tasks`), so shard names, manifest
order and `articles.jsonl` are the same for any number of workers. At most
`2 * jobs` tasks are in flight, which keeps memory flat however many inputs there are.

Workers are forked: they inherit the resume keys without copying them per task. Each
worker drops its copy of the output lock and asks the kernel to kill it when the
parent dies, so a killed batch leaves no worker writing into OUT.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import os
import signal
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from .documents import open_regular
from .input_cache import CacheLine, FileStat, InputCache, now_ns
from .inputs import InputFile
from .manifest import Done
from .shards import ShardLimits
from .tasks import Progress, Task, TaskContext, TaskResult, run_task

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1

# Set in the parent before the pool forks; read by the workers.
_DONE: Mapping[str, Done] = {}
_COUNTER_VALUES: list = []  # shared counters: documents, bytes read, failures


def unchanged(item: InputFile, done: Mapping[str, Done], cache: InputCache | None = None) -> bool:
    """A local file the output holds already under its id, with the same raw sha256.

    The digest comes from the last run's `cache` when the file's stat is unchanged,
    else from reading the file. A content digest (unlike a size and mtime) is the same
    in every clone and machine, so the manifest stays reproducible.
    """
    held = done.get(item.id)
    if held is None or not item.local or item.location is None:
        return False
    stat = FileStat(item.size, item.mtime_ns, item.ctime_ns, item.inode)
    line = cache.lookup(item.id, stat) if cache is not None else None
    if line is None:
        seen = now_ns()  # before reading: a write after this cannot keep the stat hashed here
        sha = _file_sha256(item.location)
        if sha is None:
            return False  # the task reports it
        line = CacheLine(item.id, stat, sha, seen)
    if cache is not None:
        cache.record(line)
    return line.sha256 == held.raw_sha256


def _file_sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        fd = open_regular(path)
        with os.fdopen(fd, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def plan_tasks(items: Iterable[InputFile], done: Mapping[str, Done], counters: Counter[str],
               limits: ShardLimits, cache: InputCache | None = None) -> Iterator[Task]:
    """Group the inputs that need work into tasks of bounded count and size, in walk order."""
    batch: list[InputFile] = []
    size = index = 0
    for item in items:
        counters["inputs"] += 1
        if unchanged(item, done, cache):
            counters["skipped"] += 1
            continue
        batch.append(item)
        size += item.size
        if len(batch) >= limits.documents or size >= limits.bytes:
            yield Task(index, tuple(batch))
            index, batch, size = index + 1, [], 0
    if batch:
        yield Task(index, tuple(batch))


def run_tasks(tasks: Iterator[Task], ctx: TaskContext, done: Mapping[str, Done], jobs: int,
              on_result: Callable[[TaskResult], None], progress: Progress | None = None,
              lock_fd: int | None = None) -> None:
    """Run every task; `on_result` gets the results in task order.

    `lock_fd` is the output lock's descriptor, which forked workers close.
    """
    if jobs > 1:
        tasks = iter(tasks)
        head = list(itertools.islice(tasks, 2))
        tasks = itertools.chain(head, tasks)
        if len(head) < 2:
            jobs = 1  # one task (a few new files): starting a pool would cost more than it saves
    if jobs <= 1:
        for task in tasks:
            on_result(run_task(task, ctx, done, progress))
        return
    _run_pool(tasks, ctx, done, jobs, on_result, progress, lock_fd)


def _init_worker(lock_fd: int | None, counters: list) -> None:
    global _COUNTER_VALUES
    _COUNTER_VALUES = counters
    if lock_fd is not None:
        try:
            os.close(lock_fd)  # the lock belongs to the parent: it must end with the parent
        except OSError:
            pass
    try:
        import ctypes  # in a worker only

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers notice the dead parent at their next task
        pass


def _worker_progress(documents: int, size: int, failures: int) -> None:
    for value, amount in zip(_COUNTER_VALUES, (documents, size, failures)):
        with value.get_lock():
            value.value += amount


def _worker_task(task: Task, ctx: TaskContext) -> TaskResult:
    return run_task(task, ctx, _DONE, _worker_progress)


def _run_pool(tasks: Iterator[Task], ctx: TaskContext, done: Mapping[str, Done], jobs: int,
              on_result: Callable[[TaskResult], None], progress: Progress | None, lock_fd: int | None) -> None:
    import multiprocessing  # a pool only: a run of one task (a few new files) never loads it
    from concurrent.futures import ProcessPoolExecutor

    global _DONE
    _DONE = done
    fork = multiprocessing.get_context("fork")
    counters = [fork.Value("q", 0) for _ in range(3)]
    seen = [0, 0, 0]
    with ProcessPoolExecutor(jobs, mp_context=fork, initializer=_init_worker, initargs=(lock_fd, counters)) as pool:
        try:
            _drive(pool, iter(tasks), ctx, jobs, on_result, lambda: _report(counters, seen, progress))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    _report(counters, seen, progress)


def _drive(pool: ProcessPoolExecutor, tasks: Iterator[Task], ctx: TaskContext, jobs: int,
           on_result: Callable[[TaskResult], None], tick: Callable[[], None]) -> None:
    """Keep the workers busy with at most 2 * jobs tasks out; hand results back in order."""
    from concurrent.futures import FIRST_COMPLETED, wait  # a pool only, as in `_run_pool`

    pending: dict[Future[TaskResult], int] = {}
    finished: dict[int, TaskResult] = {}
    next_index, exhausted = 0, False
    while True:
        while not exhausted and len(pending) + len(finished) < 2 * jobs:
            task = next(tasks, None)
            if task is None:
                exhausted = True
            else:
                pending[pool.submit(_worker_task, task, ctx)] = task.index
        if not pending:
            break
        completed, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        tick()
        for future in completed:
            finished[pending.pop(future)] = future.result()
        while next_index in finished:
            on_result(finished.pop(next_index))
            next_index += 1


def _report(counters: list, seen: list[int], progress: Progress | None) -> None:
    now = [c.value for c in counters]
    if progress is not None and now != seen:
        progress(*(a - b for a, b in zip(now, seen)))
    seen[:] = now
