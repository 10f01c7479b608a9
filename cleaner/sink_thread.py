"""A task's sink on a thread of its own: writing an article overlaps cleaning the next.

Writing is mostly work that releases the GIL: gzip (zlib), digests of whole blocks
(hashlib) and file I/O. On one thread beside the cleaning loop it runs on a second
core while the next document is cleaned. Calls keep their order (one thread), at most
`DEPTH` articles wait, and an error raised on the thread (a full disk) is raised again
in the task at its next call, so it fails the same way as without the thread. An
article that cannot be serialised (nothing of it written) is that document's failure.

The thread is started when the sink is made, before any article is handed to it: an
interrupt (Ctrl-C, SIGTERM) that lands while a thread starts can then only orphan an
idle thread, never one that goes on writing staged files after `abort` removed them.
"""
from __future__ import annotations

import logging
import queue
import threading
from collections import Counter
from typing import Any

from .documents import SourceDoc
from .model import Article
from .shards import ArticleNotWritten, ShardWriter

log = logging.getLogger(__name__)

DEPTH = 8
_STOP = None  # the queue's last item: the thread ends


class ThreadedSink:
    """`ShardWriter`'s add / close / abort, run in order on one background thread."""

    def __init__(self, writer: ShardWriter) -> None:
        self.writer = writer
        self._queue: queue.Queue[tuple[SourceDoc, Article] | None] = queue.Queue(DEPTH)
        self._error: BaseException | None = None  # set on the thread: later writes are skipped
        self._dropping = False  # set by `abort`: the thread skips what is still queued
        # Touched only on the thread until `close` has joined it: what was archived,
        # and the articles that could not be (a failure of that document, not of the task).
        self.counters: Counter[str] = Counter()
        self.removed_chars: Counter[str] = Counter()
        self.errors: list[dict[str, str]] = []
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

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error
