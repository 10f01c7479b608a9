"""A task's sink: on the task's own thread, or with its writing on a thread beside the cleaning.

An article is stored in two steps (`ShardWriter.prepare`, then `write`). Preparing
makes its bytes: WARC headers, JSON, digests, Python work that holds the GIL. Writing
is mostly gzip (ISA-L, or zlib in a reproducible run) and file I/O, which release it.
When a core is free for it (fewer workers than cores: `spare_core`), `ThreadedSink`
prepares each article on the task's thread and writes it on a thread of its own, so
the writing overlaps cleaning the next document. One worker on 4,000 texts: 12.9-14.5 s, against 14.9-17.3 s
writing inline and 15.4-17.7 s with the whole sink on the thread, which held the GIL
for its Python half (alternating runs). Writes keep their order (one thread), at most `DEPTH`
articles wait, and an error raised on the thread (a full disk) is raised again in the
task at its next call, so it fails the same way as without the thread. An article
that cannot be prepared or written (nothing of it stored) is that document's failure.

The thread waits for the GIL after each gzip or write. With CPython's default switch
interval (5 ms) it waits up to 5 ms each time while the cleaning loop holds the GIL:
a convoy in which writing barely overlaps cleaning. So while a threaded sink runs,
the interval is `SWITCH_INTERVAL` (0.1 ms); the interval in force before is restored
when the last sink closes.

With every core cleaning, the thread has no core to overlap on, and handing each
article to it only costs time: `InlineSink` prepares and writes on the task's own
thread. A task of 500 texts took 1.8-2.1 CPU seconds inline against 2.4-2.7 with the
whole sink on a thread (three runs each).

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
from dataclasses import dataclass
from typing import Any

from .documents import SourceDoc
from .model import Article
from .shards import ArticleNotWritten, PreparedArticle, ShardWriter

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


@dataclass
class _Ready:
    """An article prepared for its shard, and what archiving it adds to the counts."""

    article: PreparedArticle
    bytes_out: int
    removed_chars: dict[str, int]


@dataclass
class _Refused:
    """An article that cannot be archived: that document's failure."""

    key: str
    why: str


class InlineSink:
    """`ShardWriter`'s work on the caller's thread, counting what was archived."""

    def __init__(self, writer: ShardWriter) -> None:
        self.writer = writer
        # What was archived, and the articles that could not be (a failure of that
        # document, not of the task). `ThreadedSink` touches them only on its thread
        # until `close` has joined it.
        self.counters: Counter[str] = Counter()
        self.removed_chars: Counter[str] = Counter()
        self.errors: list[dict[str, str]] = []

    def add(self, doc: SourceDoc, article: Article) -> None:
        """Archive one article; raises OSError when the output cannot be written."""
        self._store(self._prepare(doc, article))

    def close(self) -> list[dict[str, Any]]:
        """Finish every write; the manifest entries of the shards written."""
        return self.writer.close()

    def abort(self) -> None:
        """Drop what was staged."""
        self.writer.abort()

    def _prepare(self, doc: SourceDoc, article: Article) -> _Ready | _Refused:
        """The article's bytes (Python work, which holds the GIL), or why it has none."""
        try:
            prepared = self.writer.prepare(doc, article)
        except ArticleNotWritten as exc:
            return _Refused(doc.key, str(exc))
        return _Ready(prepared, len(article.text.encode("utf-8")) + 1, article.removed_chars_by_rule())

    def _store(self, work: _Ready | _Refused) -> None:
        """Write a prepared article (mostly gzip and file I/O) and count it, in order."""
        if isinstance(work, _Ready):
            try:
                self.writer.write(work.article)
            except ArticleNotWritten as exc:
                work = _Refused(work.article.key, str(exc))
            else:
                self.counters["documents"] += 1
                self.counters["bytes_out"] += work.bytes_out
                self.removed_chars.update(work.removed_chars)
                return
        log.warning("%s", work.why)
        self.counters["failures"] += 1
        self.errors.append({"source": work.key, "error": work.why})


def make_sink(writer: ShardWriter, spare_core: bool) -> InlineSink:
    """A threaded sink when a core is free for its thread, else an inline one."""
    return ThreadedSink(writer) if spare_core else InlineSink(writer)


class ThreadedSink(InlineSink):
    """`InlineSink`: each article prepared on the caller's thread, written on one
    background thread, in order."""

    def __init__(self, writer: ShardWriter) -> None:
        super().__init__(writer)
        self._queue: queue.Queue[_Ready | _Refused | None] = queue.Queue(DEPTH)
        self._error: BaseException | None = None  # set on the thread: later writes are skipped
        self._dropping = False  # set by `abort`: the thread skips what is still queued
        self._interval_held = True
        _INTERVAL.enter()
        # A daemon: should an interrupt orphan it while it starts, it cannot hold up exit.
        self._thread = threading.Thread(target=self._run, name="cleaner-sink", daemon=True)
        self._thread.start()

    def add(self, doc: SourceDoc, article: Article) -> None:
        self._raise_error()
        self._queue.put(self._prepare(doc, article))  # a refusal too: errors keep their order

    def close(self) -> list[dict[str, Any]]:
        self._stop()
        self._raise_error()
        return super().close()

    def abort(self) -> None:
        """Stop writing (the write under way finishes) and drop what was staged."""
        self._dropping = True
        self._stop()
        super().abort()

    def _run(self) -> None:
        while (work := self._queue.get()) is not _STOP:
            if self._error is None and not self._dropping:
                self._write(work)

    def _write(self, work: _Ready | _Refused) -> None:
        """One article; nothing raised here may end the thread (the task would wait on it)."""
        try:
            self._store(work)
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
