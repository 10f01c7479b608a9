"""A task's sink on a thread of its own: writing an article overlaps cleaning the next.

Writing is mostly work that releases the GIL: gzip (zlib), digests of whole blocks
(hashlib) and file I/O. On one thread beside the cleaning loop it runs on a second
core while the next document is cleaned. Calls keep their order (one thread), at most
`DEPTH` articles wait, and an error raised on the thread (a full disk) is raised again
in the task at its next call, so it fails the same way as without the thread. An
article that cannot be serialised (nothing of it written) is that document's failure.

The thread waits for the GIL after each of those calls. With CPython's default switch
interval (5 ms) it waits up to 5 ms each time while the cleaning loop holds the GIL:
a convoy in which writing barely overlaps cleaning. When a core is free for the thread
(fewer workers than cores: `spare_core`), the interval is `SWITCH_INTERVAL` (0.1 ms)
while the sink runs, which made one worker's run 15% faster on 4,000 texts on two cores
(`tests/bench/bench_batch.py`, three alternating runs each: 14.6-15.2 s against
16.5-17.9 s); the interval in force before is restored when the last sink closes. With
every core cleaning, the thread has no core to overlap on, and the extra switches only
cost time (two workers on two cores: 1.52x one worker with it, 1.74-1.85x without).

The thread is started when the sink is made, before any article is handed to it: an
interrupt (Ctrl-C, SIGTERM) that lands while a thread starts can then only orphan an
idle thread, never one that goes on writing staged files after `abort` removed them.
"""
from __future__ import annotations

import logging
import queue
import sys
import threading
from collections import Counter
from typing import Any

from .documents import SourceDoc
from .model import Article
from .shards import ArticleNotWritten, ShardWriter

log = logging.getLogger(__name__)

DEPTH = 8
SWITCH_INTERVAL = 1e-4
_STOP = None  # the queue's last item: the thread ends


class _ShortSwitchInterval:
    """`sys.setswitchinterval(SWITCH_INTERVAL)` while any sink runs; the old value after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved = 0.0

    def enter(self) -> None:
        with self._lock:
            if self._users == 0:
                self._saved = sys.getswitchinterval()
                sys.setswitchinterval(min(self._saved, SWITCH_INTERVAL))
            self._users += 1

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0:
                sys.setswitchinterval(self._saved)


_INTERVAL = _ShortSwitchInterval()


class ThreadedSink:
    """`ShardWriter`'s add / close / abort, run in order on one background thread."""

    def __init__(self, writer: ShardWriter, spare_core: bool = False) -> None:
        self.writer = writer
        self._queue: queue.Queue[tuple[SourceDoc, Article] | None] = queue.Queue(DEPTH)
        self._error: BaseException | None = None  # set on the thread: later writes are skipped
        self._dropping = False  # set by `abort`: the thread skips what is still queued
        # Touched only on the thread until `close` has joined it: what was archived,
        # and the articles that could not be (a failure of that document, not of the task).
        self.counters: Counter[str] = Counter()
        self.removed_chars: Counter[str] = Counter()
        self.errors: list[dict[str, str]] = []
        self._interval_held = spare_core
        if spare_core:
            _INTERVAL.enter()
        # A daemon: should an interrupt orphan it while it starts, it cannot hold up exit.
        self._thread = threading.Thread(target=self._run, name="cleaner-sink", daemon=True)
        self._thread.start()

    def add(self, doc: SourceDoc, article: Article) -> None:
        self._raise_error()
        self._queue.put((doc, article))

    def close(self) -> list[dict[str, Any]]:
        """Finish every write; the manifest entries of the shards written."""
        self._stop()
        self._raise_error()
        return self.writer.close()

    def abort(self) -> None:
        """Stop writing (the write under way finishes) and drop what was staged."""
        self._dropping = True
        self._stop()
        self.writer.abort()

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            if self._error is None and not self._dropping:
                self._add(*item)

    def _add(self, doc: SourceDoc, article: Article) -> None:
        """One article; nothing raised here may end the thread (the task would wait on it)."""
        try:
            self.writer.add(doc, article)
            self.counters["documents"] += 1
            self.counters["bytes_out"] += len(article.text.encode("utf-8")) + 1
            self.removed_chars.update(article.removed_chars_by_rule())
        except ArticleNotWritten as exc:
            log.warning("%s", exc)
            self.counters["failures"] += 1
            self.errors.append({"source": doc.key, "error": str(exc)})
        except BaseException as exc:  # noqa: BLE001 - raised again in the task (`_raise_error`)
            self._error = exc

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()
        if self._interval_held:
            self._interval_held = False
            _INTERVAL.leave()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error
