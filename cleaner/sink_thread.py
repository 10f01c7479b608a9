"""A task's sink on a thread of its own: writing an article overlaps cleaning the next.

Writing is mostly work that releases the GIL: gzip (zlib), digests of whole blocks
(hashlib) and file I/O. On one thread beside the cleaning loop it runs on a second
core while the next document is cleaned. Calls keep their order (one thread), at most
`DEPTH` articles wait, and an error raised on the thread (a full disk) is raised again
in the task at its next call, so it fails the same way as without the thread. An
article that cannot be serialised (nothing of it written) is that document's failure.
"""
from __future__ import annotations

import logging
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .documents import SourceDoc
from .model import Article
from .shards import ArticleNotWritten, ShardWriter

log = logging.getLogger(__name__)

DEPTH = 8


class ThreadedSink:
    """`ShardWriter`'s add / close / abort, run in order on one background thread."""

    def __init__(self, writer: ShardWriter) -> None:
        self.writer = writer
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="cleaner-sink")
        self._pending: deque[Future[None]] = deque()
        self._failed = False  # set on the thread: the writes queued after a failure are skipped
        # Touched only on the thread until `close` has waited for it: what was archived,
        # and the articles that could not be (a failure of that document, not of the task).
        self.counters: Counter[str] = Counter()
        self.removed_chars: Counter[str] = Counter()
        self.errors: list[dict[str, str]] = []

    def add(self, doc: SourceDoc, article: Article) -> None:
        self._wait(DEPTH - 1)
        self._pending.append(self._thread.submit(self._add, doc, article))

    def _add(self, doc: SourceDoc, article: Article) -> None:
        if self._failed:
            return
        try:
            self.writer.add(doc, article)
        except ArticleNotWritten as exc:
            log.warning("%s", exc)
            self.counters["failures"] += 1
            self.errors.append({"source": doc.key, "error": str(exc)})
            return
        except BaseException:
            self._failed = True
            raise
        self.counters["documents"] += 1
        self.counters["bytes_out"] += len(article.text.encode("utf-8")) + 1
        self.removed_chars.update(article.removed_chars_by_rule())

    def close(self) -> list[dict[str, Any]]:
        """Finish every write; the manifest entries of the shards written."""
        try:
            self._wait(0)
            return self.writer.close()
        finally:
            self._thread.shutdown(wait=True)

    def abort(self) -> None:
        """Stop writing (the write under way finishes) and drop what was staged."""
        for future in self._pending:
            future.cancel()
        self._thread.shutdown(wait=True)
        self._pending.clear()
        self.writer.abort()

    def _wait(self, keep: int) -> None:
        while len(self._pending) > keep:
            self._pending.popleft().result()  # raises here what the thread raised
