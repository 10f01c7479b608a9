"""Turn an input path into `Item`s: one cleaned article (or one failure) each.

This is the seam between reading and writing. A plain-text file yields one item.
(HTML pages, WARC crawls and JSONL corpora plug in here too: one file may yield
many items.) Readers never raise for bad input: they yield an `Item` with `error`
set, so one bad file never stops a batch.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .config import Config
from .engine import clean_bytes
from .model import Article
from .sources import InputError, read_bytes

log = logging.getLogger(__name__)


@dataclass
class Item:
    """One unit of a batch: an input's id, its raw bytes and its article or error."""

    source: str  # stable id relative to the input root, e.g. "a/b.txt" or "crawl.warc.gz#3"
    article: Article | None = None
    raw: bytes | None = None  # the bytes exactly as read (for the archive's resource record)
    content_type: str = "text/plain"
    error: str | None = None
    origin: dict[str, Any] = field(default_factory=dict)  # e.g. original WARC record id, uri, date

    @property
    def ok(self) -> bool:
        return self.article is not None and self.error is None


def read_path(path: Path, source: str, config: Config, max_bytes: int) -> Iterator[Item]:
    """Items for one input file. `source` is the file's id relative to its input root."""
    try:
        data = read_bytes(path, max_bytes=max_bytes)
    except InputError as exc:
        yield Item(source=source, error=str(exc))
        return
    yield from read_data(data, source, config)


def read_data(data: bytes, source: str, config: Config) -> Iterator[Item]:
    """Items for raw bytes already in memory (stdin, or a file's content)."""
    try:
        article = clean_bytes(data, source=source, config=config)
    except InputError as exc:
        yield Item(source=source, raw=data, error=str(exc))
        return
    charset = article.provenance.encoding
    yield Item(source=source, article=article, raw=data, content_type=f"text/plain; charset={charset}")
