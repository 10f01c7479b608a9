"""Turn an input path into `Item`s: one cleaned article (or one failure) each.

This is the seam between reading and writing. The reader is picked by content
(`sniff`), not only by extension: a WARC crawl (.warc, .warc.gz) yields one item
per document record, a JSONL corpus one per line, an HTML page or a text file one.
Readers never raise for bad input: they yield an `Item` with `error` set, so one
bad file (or record, or line) never stops a batch.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .config import Config
from .engine import clean_bytes, clean_text
from .html import clean_html
from .model import Article
from .sources import MAX_BYTES_DEFAULT, InputError, read_bytes
from .warc_input import WarcDamage, WarcDocument, clean_document, iter_documents, sniff_warc

log = logging.getLogger(__name__)

SNIFF_BYTES = 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_KEY = re.compile(rb'"(?:text|html)"\s*:\s*"')
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


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


def sniff(head: bytes, name: str = "") -> str:
    """The kind of input its first bytes show: "warc", "jsonl", "html" or "text"."""
    if sniff_warc(head):
        return "warc"
    lowered = head[:SNIFF_BYTES].replace(b"\x00", b"").lower()
    first = next((line.strip() for line in head.splitlines() if line.strip()), b"")
    if first.startswith(b"{") and _jsonl_line(first):
        return "jsonl"
    if any(marker in lowered for marker in _HTML_MARKERS) or name.lower().endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def _jsonl_line(line: bytes) -> bool:
    """Whether a first line (possibly cut at the sniff limit) is a JSON object with `text` or `html`."""
    try:
        obj = json.loads(line)
    except ValueError:
        return _JSONL_KEY.search(line) is not None  # a long first line cut short
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


def read_path(path: Path, source: str, config: Config, max_bytes: int) -> Iterator[Item]:
    """Items for one input file. `source` is the file's id relative to its input root."""
    try:
        with path.open("rb") as f:
            head = f.read(64 * 1024)
    except IsADirectoryError:
        yield Item(source=source, error=f"{path}: is a directory")
        return
    except OSError as exc:
        yield Item(source=source, error=f"{path}: cannot read ({exc.strerror or exc})")
        return
    kind = sniff(head, path.name)
    if kind == "warc":
        yield from read_warc(path, source, config, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(path, source, config, max_bytes)
    else:
        try:
            data = read_bytes(path, max_bytes=max_bytes)
        except InputError as exc:
            yield Item(source=source, error=str(exc))
            return
        yield from read_data(data, source, config, kind=kind)


def read_data(data: bytes, source: str, config: Config, kind: str | None = None) -> Iterator[Item]:
    """Items for raw bytes already in memory (stdin, or a file's content): HTML or text."""
    kind = kind or sniff(data[:SNIFF_BYTES], source)
    try:
        if kind == "html":
            article = clean_html(data, source=source, config=config)
            content_type = f"text/html; charset={article.provenance.encoding}"
        else:
            article = clean_bytes(data, source=source, config=config)
            content_type = f"text/plain; charset={article.provenance.encoding}"
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop a batch
        yield Item(source=source, raw=data, error=_failure(source, exc))
        return
    yield Item(source=source, article=article, raw=data, content_type=content_type)


def read_warc(path: Path, source: str, config: Config, max_bytes: int) -> Iterator[Item]:
    """One item per document record of a crawl, streaming; damage becomes a last error item."""
    for doc in iter_documents(path, max_bytes=max_bytes):
        item_source = f"{source}#{doc.offset}"
        if isinstance(doc, WarcDamage):
            yield Item(source=item_source, error=f"{path}: damaged crawl at offset {doc.offset}: {doc.reason}")
            return
        item = Item(source=item_source, raw=doc.payload, content_type=doc.content_type, origin=_origin(path, doc))
        try:
            item.article = clean_document(doc, item_source, config)
        except Exception as exc:  # noqa: BLE001 - one bad record must never stop a crawl
            item.error = _failure(item_source, exc)
        yield item


def _failure(source: str, exc: Exception) -> str:
    """The error message of an item: InputErrors name the input; anything else is our bug."""
    if isinstance(exc, InputError):
        return str(exc)
    log.exception("%s: unexpected error while cleaning", source)
    return f"{source}: internal error while cleaning ({type(exc).__name__}: {exc})"


def _origin(path: Path, doc: WarcDocument) -> dict[str, Any]:
    return {
        "warc_file": str(path), "record_id": doc.record_id, "target_uri": doc.target_uri,
        "date": doc.date, "offset": doc.offset,
    }


def read_jsonl(path: Path, source: str, config: Config, max_bytes: int) -> Iterator[Item]:
    """One item per line of a JSONL corpus with `text` or `html` (and optional `url`, `id`)."""
    try:
        with path.open("rb") as f:
            for number, line in enumerate(f, start=1):
                if line.strip():
                    yield _jsonl_item(line, number, source, config, max_bytes)
    except OSError as exc:
        yield Item(source=source, error=f"{path}: cannot read ({exc.strerror or exc})")


def _jsonl_item(line: bytes, number: int, source: str, config: Config, max_bytes: int) -> Item:
    where = f"{source}#{number}"
    if len(line) > max_bytes:
        return Item(source=where, error=f"{where}: line is over the {max_bytes}-byte limit (--max-bytes)")
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Item(source=where, error=f"{where}: line {number} is not JSON ({exc})")
    if not isinstance(obj, dict):
        return Item(source=where, error=f"{where}: line {number} is not a JSON object")
    item_id = obj.get("id")
    item_source = f"{source}#{item_id}" if isinstance(item_id, (str, int)) and str(item_id) else where
    if not isinstance(obj.get("html", obj.get("text")), str):
        return Item(source=item_source, error=f"{item_source}: line {number} has no string `text` or `html` field")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    origin = {"jsonl_file": source, "line": number, "id": item_id, "url": url}
    try:
        if isinstance(obj.get("html"), str):
            raw = obj["html"].encode("utf-8", errors="surrogatepass")
            article = clean_html(obj["html"], url=url, source=item_source, config=config)
            return Item(item_source, article, raw, "text/html; charset=utf-8", origin=origin)
        if not obj["text"].strip():
            return Item(source=item_source, error=f"{item_source}: empty text", origin=origin)
        raw = obj["text"].encode("utf-8", errors="surrogatepass")
        article = clean_text(obj["text"], source=item_source, config=config)
        article.url = url
        return Item(item_source, article, raw, "text/plain; charset=utf-8", origin=origin)
    except Exception as exc:  # noqa: BLE001 - one bad line must never stop a corpus
        return Item(source=item_source, error=_failure(item_source, exc), origin=origin)


def clean_file(path: str | Path, *, config: Config | None = None, max_bytes: int = MAX_BYTES_DEFAULT) -> Article:
    """Clean one HTML or text file (picked by content). Raises InputError when it cannot.

    Crawls and JSONL corpora hold many documents: use `iter_warc` or `read_path`.
    """
    path = Path(path)
    items = read_path(path, str(path), config or Config(), max_bytes)
    first = next(items, None)
    if first is None:
        raise InputError(f"{path}: no document found")
    if first.origin or next(items, None) is not None:
        raise InputError(f"{path}: holds many documents (a crawl or JSONL corpus); use iter_warc() or read_path()")
    if first.error or first.article is None:
        raise InputError(first.error or f"{path}: no article")
    return first.article
