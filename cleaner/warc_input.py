"""Read WARC crawls (.warc, .warc.gz) one record at a time, streaming.

Records that carry a document become `WarcDocument`s: HTTP `response` records
(HTTP status 2xx, chunked and gzip/deflate/br encodings undone by warcio) and
`resource` records. Everything else (requests, metadata, warcinfo, revisits,
redirects, images, ...) is skipped and counted. A damaged crawl (truncated or
corrupt gzip, garbage where a record should start) ends the walk with a
`WarcDamage` holding the offset where reading failed; the documents before it
have been yielded already.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator

from .config import Config
from .model import Article
from .sources import InputError

log = logging.getLogger(__name__)

WARC_MAGIC = b"WARC/1."
GZIP_MAGIC = b"\x1f\x8b"
DOCUMENT_RECORDS = ("response", "resource")


@dataclass
class WarcDocument:
    """One record's payload and where it sits in the crawl."""

    offset: int
    record_id: str | None
    target_uri: str | None
    date: str | None
    content_type: str  # the payload's media type (HTTP header, or the WARC header for resources)
    payload: bytes | None  # None when the payload is over the size limit
    size_error: str | None = None


@dataclass
class WarcDamage:
    """Where a crawl stopped being readable, and why."""

    offset: int
    reason: str


@dataclass
class WarcStats:
    """Counts for one crawl walk: documents yielded and records skipped, by kind."""

    documents: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_html(content_type: str | None) -> bool:
    return media_type(content_type) in ("text/html", "application/xhtml+xml")


def is_text(content_type: str | None) -> bool:
    return media_type(content_type) == "text/plain"


def _skip_reason(record) -> str | None:  # noqa: ANN001 - warcio's ArcWarcRecord
    """Why a record carries no document to clean, or None when it does."""
    if record.rec_type not in DOCUMENT_RECORDS:
        return record.rec_type or "unknown"
    if record.rec_type == "response":
        if record.http_headers is None:
            return "response without HTTP headers"
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"HTTP status {status or 'missing'}"
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    if not (is_html(content_type) or is_text(content_type)):
        return f"not HTML or text ({media_type(content_type) or 'no content type'})"
    return None


def _document(record, max_bytes: int) -> WarcDocument:  # noqa: ANN001 - warcio's ArcWarcRecord
    headers = record.rec_headers
    if record.rec_type == "response":
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    payload = record.content_stream().read(max_bytes + 1)
    size_error = None
    if len(payload) > max_bytes:
        payload, size_error = None, f"payload over the {max_bytes}-byte limit (--max-bytes)"
    return WarcDocument(
        offset=-1, record_id=headers.get_header("WARC-Record-ID"),
        target_uri=headers.get_header("WARC-Target-URI"), date=headers.get_header("WARC-Date"),
        content_type=content_type, payload=payload, size_error=size_error,
    )


def iter_documents(
    path: Path, max_bytes: int = 64 * 1024 * 1024, stats: WarcStats | None = None
) -> Iterator[WarcDocument | WarcDamage]:
    """The crawl's documents in order; a final WarcDamage if the crawl is damaged."""
    stats = stats if stats is not None else WarcStats()
    next_offset = 0
    try:
        with path.open("rb") as f:
            records = ArchiveIterator(f)
            for record in records:
                reason = _skip_reason(record)
                doc = None if reason else _document(record, max_bytes)
                offset = records.get_record_offset()
                next_offset = offset + records.get_record_length()
                if reason:
                    stats.skipped[reason] += 1
                    continue
                doc.offset = offset
                stats.documents += 1
                yield doc
    except OSError as exc:
        yield WarcDamage(next_offset, f"cannot read ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 - warcio/zlib raise many types for damaged input
        yield WarcDamage(next_offset, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    log.info("%s: %d documents, skipped %s", path, stats.documents, dict(stats.skipped))


def clean_document(doc: WarcDocument, source: str, config: Config | None = None) -> Article:
    """Clean one record's payload (HTML or text). Raises InputError when it cannot."""
    from .engine import clean_bytes
    from .html import clean_html

    if doc.size_error or doc.payload is None:
        raise InputError(f"{source}: {doc.size_error}")
    if is_html(doc.content_type):
        return clean_html(
            doc.payload, url=doc.target_uri, source=source, config=config, content_type=doc.content_type
        )
    return clean_bytes(doc.payload, source=source, url=doc.target_uri, config=config)


def iter_warc(path: str | Path, *, config: Config | None = None) -> Iterator[Article]:
    """Articles from a crawl, lazily, one record at a time (memory flat in the crawl size).

    Records without a main text are logged and skipped; a damaged crawl raises
    InputError (naming the offset) after every article before the damage.
    """
    path = Path(path)
    for doc in iter_documents(path):
        if isinstance(doc, WarcDamage):
            raise InputError(f"{path}: damaged crawl at offset {doc.offset}: {doc.reason}")
        source = f"{path}#{doc.offset}"
        try:
            yield clean_document(doc, source, config)
        except InputError as exc:
            log.warning("%s", exc)


def sniff_warc(head: bytes) -> bool:
    """Whether the first bytes of a file are a WARC crawl (plain or gzip-compressed)."""
    if head.startswith(WARC_MAGIC):
        return True
    if not head.startswith(GZIP_MAGIC):
        return False
    import zlib

    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return False
    return start.startswith(WARC_MAGIC)
