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
              lock_fd: int | None = None) -> int:
    """Run every task; `on_result` gets the results in task order. Returns how many
    workers died (their tasks were rerun, or failed): their temp files may be left.

    `lock_fd` is the output lock's descriptor, which forked workers close.
    """
    if jobs > 1:
        # No more workers than tasks: a fork pool starts all its workers at once, and
        # `--jobs 500` on four tasks would start 500. One task (a few new files) runs here:
        # starting a pool would cost more than it saves.
        tasks = iter(tasks)
        head = list(itertools.islice(tasks, jobs))
        tasks = itertools.chain(head, tasks)
        jobs = len(head)
    if jobs <= 1:
        for task in tasks:
            on_result(run_task(task, ctx, done, progress))
        return 0
    return _run_pool(tasks, ctx, done, jobs, on_result, progress, lock_fd)


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


class _InOrder:
    """Hands results to `on_result` in task order, whatever order they finish in."""

    def __init__(self, on_result: Callable[[TaskResult], None]) -> None:
        self.on_result, self.finished, self.next_index = on_result, dict[int, TaskResult](), 0

    def add(self, result: TaskResult) -> None:
        self.finished[result.index] = result
        while self.next_index in self.finished:
            self.on_result(self.finished.pop(self.next_index))
            self.next_index += 1


class _PoolBroke(Exception):
    """A worker died (killed by the system, most often for memory): these tasks were lost."""

    def __init__(self, lost: list[Task]) -> None:
        super().__init__(f"{len(lost)} tasks lost")
        self.lost = sorted(lost, key=lambda task: task.index)


def _run_pool(tasks: Iterator[Task], ctx: TaskContext, done: Mapping[str, Done], jobs: int,
              on_result: Callable[[TaskResult], None], progress: Progress | None, lock_fd: int | None) -> int:
    """Run the tasks on `jobs` workers; returns how many died. When a worker dies, the tasks it may have held are
    rerun one at a time on a fresh pool: a task that kills its worker alone is then known,
    and its inputs become failures; every other task's work is kept."""
    global _DONE
    _DONE = done
    in_order = _InOrder(on_result)
    retry: list[Task] = []
    deaths = 0
    while True:
        careful = bool(retry)
        queue = iter(retry) if careful else tasks
        try:
            _run_one_pool(queue, ctx, 1 if careful else jobs, in_order, progress, lock_fd)
        except _PoolBroke as broke:
            deaths += 1
            if careful:  # one task in flight: it is the one that killed its worker
                culprit = broke.lost[0]
                log.error("a worker died while cleaning %s; its inputs are listed as failures", _names(culprit))
                in_order.add(_lost_result(culprit))
                retry = list(queue)
            else:
                log.warning("a worker died (killed by the system? out of memory?); rerunning its tasks")
                retry = broke.lost
            continue
        if not careful:
            return deaths
        retry = []


def _run_one_pool(queue: Iterator[Task], ctx: TaskContext, jobs: int, in_order: _InOrder,
                  progress: Progress | None, lock_fd: int | None) -> None:
    import multiprocessing  # a pool only: a run of one task (a few new files) never loads it
    from concurrent.futures import ProcessPoolExecutor

    fork = multiprocessing.get_context("fork")
    counters = [fork.Value("q", 0) for _ in range(3)]
    seen = [0, 0, 0]
    with ProcessPoolExecutor(jobs, mp_context=fork, initializer=_init_worker, initargs=(lock_fd, counters)) as pool:
        try:
            _drive(pool, queue, ctx, 2 * jobs if jobs > 1 else 1, in_order, lambda: _report(counters, seen, progress))
        except _PoolBroke:
            raise
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    _report(counters, seen, progress)


def _drive(pool: ProcessPoolExecutor, tasks: Iterator[Task], ctx: TaskContext, in_flight: int,
           in_order: _InOrder, tick: Callable[[], None]) -> None:
    """Keep the workers busy with at most `in_flight` tasks out or held back for order, but
    always one (the one the held-back results wait for); hand results back in order.
    Raises _PoolBroke with the tasks in flight when a worker dies."""
    from concurrent.futures import FIRST_COMPLETED, wait  # a pool only, as in `_run_pool`
    from concurrent.futures.process import BrokenProcessPool

    pending: dict[Future[TaskResult], Task] = {}
    exhausted = False
    while True:
        while not exhausted and (not pending or len(pending) + len(in_order.finished) < in_flight):
            task = next(tasks, None)
            if task is None:
                exhausted = True
            else:
                try:
                    pending[pool.submit(_worker_task, task, ctx)] = task
                except BrokenProcessPool:  # a worker died before this task went out
                    raise _PoolBroke([*pending.values(), task]) from None
        if not pending:
            break
        completed, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        tick()
        for future in completed:
            try:
                result = future.result()
            except BrokenProcessPool:
                raise _PoolBroke(list(pending.values())) from None
            del pending[future]
            in_order.add(result)


def _lost_result(task: Task) -> TaskResult:
    """The result of a task that killed its worker: each of its inputs is a failure."""
    result = TaskResult(task.index)
    for item in task.inputs:
        result.errors.append({"source": item.id, "error": f"{item.location or item.id}: the worker cleaning it "
                              "died (killed by the system, out of memory?); nothing of it is archived"})
    result.counters["failures"] += len(task.inputs)
    return result


def _names(task: Task) -> str:
    first = task.inputs[0].id if task.inputs else "nothing"
    return first if len(task.inputs) == 1 else f"{first} and {len(task.inputs) - 1} more inputs"


def _report(counters: list, seen: list[int], progress: Progress | None) -> None:
    now = [c.value for c in counters]
    if progress is not None and now != seen:
        progress(*(a - b for a, b in zip(now, seen)))
    seen[:] = now
