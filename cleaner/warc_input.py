"""Read crawls (WARC 1.0/1.1, ARC, WET; plain or gzipped) one record at a time, streaming.

`iter_documents(path)` yields, in file order:

* `WarcDocument` for each record that carries a document: HTTP `response`
  records (status 2xx, HTML or plain text; chunked and gzip/deflate/br encodings
  undone by warcio), `resource` records, and `conversion` records (Common
  Crawl's WET text). ARC records map to `response` (with HTTP headers) or
  `resource`. Everything else (requests, metadata, warcinfo, revisits,
  redirects, images, ...) is skipped and counted in `WarcStats.skipped`.
* `WarcDamage(fatal=False)` for one damaged record whose neighbours are still
  readable: a WARC-Block-Digest or WARC-Payload-Digest that does not match (see
  `cleaner.crawl.digests` for how the payload digest's ambiguity is handled),
  or, in a gzipped crawl, a record malformed inside an intact gzip member (the
  member is skipped). The record is NOT yielded as a document; reading goes on
  with the next record. Put one error per such item (offset, record_id,
  target_uri, reason).
* at most one `WarcDamage(fatal=True)`, always the last item: the crawl stops
  being readable there (a record cut in its headers, its block or before its
  closing CRLFs; a gzip member cut short or corrupt; garbage where a record
  should start). Every complete record before it has been yielded; no partial
  record ever is.

Offsets are real byte offsets in the file: the record's first byte in a plain
file, the first byte of its gzip member in a gzipped one (where a member holds
several records, `offset_in_member` tells them apart). A fatal damage's offset
is the start of the record (or gzip member) being read when reading failed, or
of the garbage.
"""
from __future__ import annotations

import io
import logging
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser, StatusAndHeadersParserException

from .config import Config
from .crawl.records import BadRecord, Plan, RawRecord, iter_records, open_stream
from .crawl.stream import GZIP_MAGIC, CrawlDamage
from .model import Article
from .sources import InputError

log = logging.getLogger(__name__)

WARC_MAGIC = b"WARC/"
ARC_MAGIC = b"filedesc://"
DOCUMENT_RECORDS = ("response", "resource", "conversion")
HTTP_RECORDS = ("response", "request", "revisit")
_HTTP_PARSER = StatusAndHeadersParser(["HTTP/"], verify=False)


@dataclass
class WarcDocument:
    """One record's payload and where it sits in the crawl."""

    offset: int  # real byte offset of the record (plain file) or of its gzip member
    record_id: str | None  # WARC-Record-ID (None for ARC, which has no record ids)
    target_uri: str | None  # WARC-Target-URI (ARC: the record's URL)
    date: str | None  # WARC-Date (ARC: its 14-digit date as ISO 8601)
    content_type: str  # the payload's media type (HTTP header, or the WARC header for resources/conversions)
    payload: bytes | None  # None when it cannot be used: see size_error
    size_error: str | None = None  # why the payload is unusable (over --max-bytes, or undecodable)
    rec_type: str = "response"  # "response", "resource" or "conversion" (WET text)
    language: str | None = None  # WARC-Identified-Content-Language, as written (e.g. "eng" or "eng,fra")
    refers_to: str | None = None  # WARC-Refers-To (a WET record names the WARC response it was made from)
    truncated: str | None = None  # WARC-Truncated (e.g. "length"): the crawler kept only part of the payload
    offset_in_member: int = 0  # decompressed offset inside a gzip member holding several records


@dataclass
class WarcDamage:
    """A damaged crawl (fatal: reading stopped here) or one damaged record (not fatal: reading went on)."""

    offset: int
    reason: str
    fatal: bool = True
    record_id: str | None = None  # known for a record whose digest failed
    target_uri: str | None = None
    offset_in_member: int = 0


@dataclass
class WarcStats:
    """Counts for one crawl walk: documents yielded, records skipped by kind, damage, unchecked digests."""

    documents: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    damaged: int = 0  # WarcDamage items yielded (fatal or not)
    digest_notes: Counter[str] = field(default_factory=Counter)  # digests present but not checkable


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_html(content_type: str | None) -> bool:
    return media_type(content_type) in ("text/html", "application/xhtml+xml")


def is_text(content_type: str | None) -> bool:
    return media_type(content_type) == "text/plain"


def _skip_reason(rec_type: str, http: StatusAndHeaders | None, headers: dict[str, str]) -> str | None:
    """Why a record carries no document to clean, or None when it does."""
    if rec_type not in DOCUMENT_RECORDS:
        return rec_type or "unknown"
    if rec_type == "response":
        if http is None:
            return "response without HTTP headers"
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return f"HTTP status {status or 'missing'}"
        content_type = http.get_header("Content-Type")
    else:
        content_type = headers.get("content-type")
    if not (is_html(content_type) or is_text(content_type)):
        return f"not HTML or text ({media_type(content_type) or 'no content type'})"
    return None


def _http_headers(rec_type: str, headers: dict[str, str], first: bytes) -> tuple[StatusAndHeaders | None, int]:
    """The HTTP headers at the start of a block, and their length (None, 0 when there are none)."""
    uri = headers.get("warc-target-uri", "").lower()
    if rec_type not in HTTP_RECORDS or not (
        media_type(headers.get("content-type")) == "application/http" or uri.startswith(("http:", "https:"))
    ):
        return None, 0
    buf = io.BytesIO(first)
    try:
        http = _HTTP_PARSER.parse(buf)
    except (EOFError, StatusAndHeadersParserException):
        return None, 0
    return http, buf.tell()


def _planner(max_bytes: int):  # noqa: ANN202 - a records.Planner
    def plan(headers: dict[str, str], first: bytes) -> Plan:
        rec_type = headers.get("warc-type", "").lower()
        http, http_len = _http_headers(rec_type, headers, first)
        skip = _skip_reason(rec_type, http, headers)
        keep = 0 if skip else http_len + max_bytes + 1
        payload_start = http_len if http else (None if rec_type in HTTP_RECORDS else 0)
        chunked = http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked"
        return Plan(keep, payload_start, chunked, info=(rec_type, http, http_len, skip))

    return plan


def _document(record: RawRecord, max_bytes: int) -> WarcDocument:
    rec_type, http, http_len, _ = record.plan.info
    headers = record.headers
    content_type = (http.get_header("Content-Type") if http else headers.get("content-type")) or ""
    payload, size_error = None, _partial_payload(headers, http, record.length - http_len)
    if size_error:
        pass  # a part of a page is never archived as if it were the page
    elif record.length - http_len > max_bytes:
        size_error = f"payload over the {max_bytes}-byte limit (--max-bytes)"
    else:
        body = io.BytesIO(record.block[http_len:])
        warc_record = ArcWarcRecord("warc", rec_type, None, body, http, content_type, record.length - http_len)
        try:
            stream = warc_record.content_stream()
            payload = stream.read(max_bytes + 1)
        except (zlib.error, OSError, ValueError) as exc:  # a body whose encoding cannot be undone
            size_error = f"payload cannot be decoded ({exc})"
        if payload is not None and len(payload) > max_bytes:
            payload, size_error = None, f"payload over the {max_bytes}-byte limit (--max-bytes)"
        elif payload is not None and (cut := _cut_encoding(stream, http, record.block[http_len:])):
            payload, size_error = None, f"{cut}: the page was cut; not archived"
    return WarcDocument(
        offset=record.offset, record_id=headers.get("warc-record-id"), target_uri=headers.get("warc-target-uri"),
        date=headers.get("warc-date"), content_type=content_type, payload=payload, size_error=size_error,
        rec_type=rec_type, language=headers.get("warc-identified-content-language"),
        refers_to=headers.get("warc-refers-to"), truncated=headers.get("warc-truncated"),
        offset_in_member=record.offset_in_member,
    )


def _partial_payload(headers: dict[str, str], http: StatusAndHeaders | None, body_length: int) -> str | None:
    """Why a record holds only part of its page, or None: its crawler says so
    (WARC-Truncated), the rest is in continuation records (WARC-Segment-Number), or its
    HTTP body is shorter than the Content-Length the server sent. Crawlers that decode a
    body rename that header (Common Crawl's X-Crawler-Content-Length)."""
    truncated = headers.get("warc-truncated")
    if truncated:
        return f"the crawler kept only part of this page (WARC-Truncated: {truncated}); not archived"
    if headers.get("warc-segment-number"):
        return (f"the record is segment {headers['warc-segment-number']} of a page split over continuation "
                "records; not archived")
    if http is None or (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        return None
    declared = (http.get_header("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > body_length:
        return (f"the HTTP body is {body_length} bytes of the {int(declared)} its Content-Length gives: "
                "the page was cut; not archived")
    return None


def _cut_encoding(stream: object, http: StatusAndHeaders | None, body: bytes) -> str | None:
    """Why a body read whole through its HTTP encodings is still cut, or None: a chunked
    body that ends before its last (zero-size) chunk, a gzip or deflate stream that ends
    before its end (warcio hands back what it could read of either)."""
    if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked" and _chunks_cut(body):
        return "the chunked HTTP body ends before its last chunk"
    decompressor = getattr(stream, "decompressor", None)
    if decompressor is not None and getattr(decompressor, "eof", True) is False:
        return "the compressed HTTP body ends before its compressed stream does"
    return None


def _chunks_cut(body: bytes) -> bool:
    """Whether a chunked body ends before its zero-size chunk. A body whose first line is
    no chunk size is not chunked at all (a server's mistake warcio reads through)."""
    at = 0
    while at < len(body):
        end = body.find(b"\r\n", at, at + 64)
        if end < 0:
            return at > 0
        try:
            size = int(body[at:end].split(b";")[0], 16)
        except ValueError:  # after chunks, a line that is no chunk size: the framing is broken
            return at > 0
        if size == 0:
            return False
        at = end + 2 + size + 2
    return True


def _item(record: RawRecord | BadRecord, max_bytes: int, stats: WarcStats) -> WarcDocument | WarcDamage | None:
    """What one framed record becomes: a document, a non-fatal damage, or nothing (skipped)."""
    if isinstance(record, BadRecord):
        stats.damaged += 1
        return WarcDamage(record.offset, record.reason, fatal=False, offset_in_member=record.offset_in_member)
    stats.digest_notes.update(record.notes)
    if record.problems:
        stats.damaged += 1
        return WarcDamage(
            record.offset, "; ".join(record.problems), fatal=False, record_id=record.headers.get("warc-record-id"),
            target_uri=record.headers.get("warc-target-uri"), offset_in_member=record.offset_in_member,
        )
    skip = record.plan.info[3]
    if skip:
        stats.skipped[skip] += 1
        return None
    stats.documents += 1
    return _document(record, max_bytes)


def iter_documents(
    path: Path, max_bytes: int = 64 * 1024 * 1024, stats: WarcStats | None = None
) -> Iterator[WarcDocument | WarcDamage]:
    """The crawl's documents in order, non-fatal damage in place, a final fatal WarcDamage if the crawl is cut.

    Memory stays flat in the crawl's size: a record's block is streamed, and only
    a document's first `max_bytes` (plus its HTTP headers) are kept.
    """
    stats = stats if stats is not None else WarcStats()
    try:
        f = Path(path).open("rb")
    except OSError as exc:
        stats.damaged += 1
        yield WarcDamage(0, f"cannot read ({exc.strerror or exc})")
        return
    with f:
        yield from iter_file_documents(f, max_bytes, stats)
    skipped = ", ".join(f"{count} {kind}" for kind, count in sorted(stats.skipped.items())) or "none"
    log.info("%s: %d documents, records skipped: %s, %d damaged", path, stats.documents, skipped, stats.damaged)


def iter_file_documents(
    f: BinaryIO, max_bytes: int = 64 * 1024 * 1024, stats: WarcStats | None = None
) -> Iterator[WarcDocument | WarcDamage]:
    """`iter_documents` for a crawl already open in binary mode at its start (seekable)."""
    stats = stats if stats is not None else WarcStats()
    try:
        for record in iter_records(open_stream(f), _planner(max_bytes)):
            item = _item(record, max_bytes, stats)
            if item is not None:
                yield item
    except CrawlDamage as exc:
        stats.damaged += 1
        yield WarcDamage(exc.offset, exc.reason)


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
    """Articles from a crawl (WARC, ARC or WET), lazily, one record at a time (memory flat in the crawl size).

    Records without a main text are logged and skipped. Damage never hides
    articles: a cut crawl raises InputError (naming the offset) after every
    article before the cut; damaged records are logged, the articles after them
    yielded, and InputError naming them is raised at the end.
    """
    path = Path(path)
    damaged: list[WarcDamage] = []
    for doc in iter_documents(path):
        if isinstance(doc, WarcDamage):
            if doc.fatal:
                raise InputError(f"{path}: damaged crawl at offset {doc.offset}: {doc.reason}")
            log.warning("%s: damaged record at offset %d: %s", path, doc.offset, doc.reason)
            damaged.append(doc)
            continue
        source = f"{path}#{doc.offset}"
        try:
            yield clean_document(doc, source, config)
        except InputError as exc:
            log.warning("%s", exc)
    if damaged:
        where = ", ".join(str(d.offset) for d in damaged[:10])
        raise InputError(f"{path}: {len(damaged)} damaged record(s) at offset {where}: {damaged[0].reason}")


def sniff_warc(head: bytes) -> bool:
    """Whether a file's first bytes are a crawl: WARC (any version, WET too) or ARC, plain or gzipped."""
    return sniff_crawl(head) is not None


def sniff_crawl(head: bytes) -> str | None:
    """"warc", "warc.gz", "arc" or "arc.gz" from a file's first bytes, or None when it is no crawl."""
    if head.startswith(GZIP_MAGIC):
        try:
            start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return None
        kind = _plain_kind(start)
        return f"{kind}.gz" if kind else None
    return _plain_kind(head)


def gzip_cut_in_header(head: bytes) -> bool:
    """A gzip stream that ends before its first byte of content (cut inside its header)."""
    if not head.startswith(GZIP_MAGIC):
        return False
    try:
        return not zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 1)
    except zlib.error:
        return False


def _plain_kind(head: bytes) -> str | None:
    if head.startswith(WARC_MAGIC) and head[5:6].isdigit():
        return "warc"
    if head.startswith(ARC_MAGIC):
        return "arc"
    return None
