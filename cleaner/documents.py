"""The source stage: an input file becomes `SourceDoc`s (id, raw bytes, provenance).

Sources read; they never clean. The reader is picked by content (`sniff`), not only
by extension: a crawl (WARC, ARC, WET; plain or gzip) gives one document per record
that carries one, a JSONL corpus one per line, an HTML page or a text file one.
Readers never raise for bad input: a document with `error` set stands for what could
not be read, so one bad file, record or line never stops a batch.

Document keys are the ids the output uses (`articles/<key>`): the input's id for a
file, `<file id>#<record offset>` for a crawl record, `<file id>#<id field>` (or
`#<line number>`) for a JSONL line. A JSONL id that repeats within its file gets the
`~N` suffix of `inputs.with_suffix_number`; one that could not name a file under the
output folder (`..`, an absolute path, a hidden or over-long name) is an error for
that line.
"""
from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from .input_cache import FileStat, now_ns
from .inputs import IdRegistry, InputFile
from .warc_input import WarcDamage, WarcDocument, gzip_cut_in_header, is_html, iter_documents, sniff_warc

SNIFF_HEAD = 64 * 1024  # what read_documents reads before it knows the kind
GROWN_CHUNK = 1 << 20  # each read's size once a file has grown past the size its stat gave
SNIFF_BYTES = 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
UTF8_BOM = b"\xef\xbb\xbf"
MAX_NAME_BYTES = 200  # file systems refuse names over 255 bytes; the id suffix needs room
_JSONL_KEY = re.compile(rb'"(?:text|html)"\s*:\s*"')
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


@dataclass
class SourceDoc:
    """One document to clean, exactly as read, with where it came from."""

    key: str
    raw: bytes | None = None  # the bytes as read (archived unchanged)
    kind: str = "text"  # "text" or "html"
    content_type: str = "text/plain"
    url: str | None = None
    text: str | None = None  # already-decoded text (a JSONL `text` field); raw is its UTF-8
    origin: dict[str, Any] = field(default_factory=dict)  # crawl record or JSONL line it came from
    input_id: str = ""  # the id of the input file it came from
    language: str | None = None  # declared by the source (a WET record's identified language)
    error: str | None = None
    # A document that is a whole local file: the file's stat just before it was read, and
    # when (for `input_cache`, which lets the next run skip the file unread).
    file_stat: FileStat | None = None
    stat_ns: int = 0


# Names crawls are given: a gzip file so named whose first bytes do not even hold its first
# header is a crawl cut short, for the crawl reader to report, not a binary text file.
CRAWL_SUFFIXES = (".warc.gz", ".wet.gz", ".arc.gz", ".warc", ".wet", ".arc")


def sniff(head: bytes, name: str = "") -> str:
    """The kind of input its first bytes show: "warc", "jsonl", "html" or "text"."""
    if sniff_warc(head) or (name.lower().endswith(CRAWL_SUFFIXES) and gzip_cut_in_header(head)):
        return "warc"
    if name.lower().endswith(JSONL_SUFFIXES):  # a bad first line is that line's error, not a text
        return "jsonl"
    lowered = head[:SNIFF_BYTES].replace(b"\x00", b"").lower()
    # The first non-blank line: what `splitlines` would find first, without splitting the whole head.
    first = head.removeprefix(UTF8_BOM).lstrip().split(b"\n", 1)[0].split(b"\r", 1)[0].strip()
    if first.startswith(b"{") and _jsonl_line(first):
        return "jsonl"
    if any(marker in lowered for marker in _HTML_MARKERS) or name.lower().endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def _jsonl_line(line: bytes) -> bool:
    """Whether a first line (possibly cut at the sniff limit) is a JSON object with `text` or `html`."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: arrays nested deeper than the parser goes
        return _JSONL_KEY.search(line) is not None  # a long first line cut short
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: Any, origin: dict[str, Any]) -> Any:
    """A JSON string with lone surrogates (`"\\ud800"`, which no UTF-8 can hold) gets
    U+FFFD in their place, counted in `origin` as decoding errors are for bytes."""
    if not isinstance(value, str) or _LONE_SURROGATE.search(value) is None:
        return value
    fixed, count = _LONE_SURROGATE.subn("\ufffd", value)
    origin["lone_surrogates"] = origin.get("lone_surrogates", 0) + count
    return fixed


def key_problem(key: str) -> str | None:
    """Why `key` cannot name a file under the output folder, or None when it can."""
    parts = key.split("/")
    if key.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return "it would name a file outside the output folder"
    if "\x00" in key or any(p.startswith(".") for p in parts):
        return "it holds a NUL or a hidden (dot) name"
    if any(len(p.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for p in parts):
        return f"a part of it is over {MAX_NAME_BYTES} bytes"
    return None


def open_regular(path: str | Path) -> int:
    """A read-only descriptor of a regular file; never blocks on a FIFO (O_NONBLOCK)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise IsADirectoryError(f"{path}: not a regular file") if stat.S_ISDIR(mode) else OSError(
            f"{path}: not a regular file (a FIFO, socket or device); skipped")
    os.set_blocking(fd, True)
    return fd


def read_documents(item: InputFile, max_bytes: int) -> Iterator[SourceDoc]:
    """The documents of one input file (or stdin bytes), never raising for bad input."""
    if item.error:
        yield SourceDoc(key=item.id, input_id=item.id, error=item.error)
        return
    path = item.path
    if path is None:
        yield from _read_stdin(item, max_bytes)
        return
    try:
        fd = open_regular(path)
        stat_ns, info = now_ns(), FileStat.of(os.fstat(fd))
        with os.fdopen(fd, "rb", buffering=0) as handle:  # unbuffered: two reads, no copies between
            head = handle.read(SNIFF_HEAD) or b""
            kind = sniff(head, path.name)
            # A single document is read on through the same descriptor (one open per file).
            data = head if kind in ("warc", "jsonl") else \
                head + _read_upto(handle, max_bytes + 1 - len(head), info.size - len(head))
    except OSError as exc:
        yield SourceDoc(key=item.id, input_id=item.id, error=_os_error(path, exc))
        return
    if kind == "warc":
        yield from read_crawl(path, item.id, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(path, item.id, max_bytes)
    elif len(data) > max_bytes:
        yield SourceDoc(key=item.id, input_id=item.id,
                        error=f"{path}: file is over the {max_bytes}-byte limit (--max-bytes)")
    else:
        doc = next(_single(item, data, kind))
        doc.file_stat, doc.stat_ns = info, stat_ns
        yield doc


def _read_stdin(item: InputFile, max_bytes: int) -> Iterator[SourceDoc]:
    """Stdin's bytes, sniffed like a file's: a crawl or JSONL is spooled to a temp file
    for the readers that need offsets, and its documents name "stdin" as their file."""
    data = item.data or b""
    kind = sniff(data[:SNIFF_HEAD])
    if kind not in ("warc", "jsonl"):
        yield from _single(item, data, kind)
        return
    import tempfile  # for standard input only: a run over files never loads it

    with tempfile.TemporaryDirectory(prefix="cleaner-stdin-") as folder:
        spooled = Path(folder) / "stdin"
        spooled.write_bytes(data)
        reader = read_crawl if kind == "warc" else read_jsonl
        for doc in reader(spooled, item.id, max_bytes):
            if doc.origin.get("warc_file"):
                doc.origin["warc_file"] = item.id
            if doc.error:
                doc.error = doc.error.replace(str(spooled), item.id)
            yield doc


def _read_upto(handle: BinaryIO, limit: int, expected: int) -> bytes:
    """Up to `limit` more bytes (all of them: an unbuffered read may return fewer).

    Each read asks for what the file's size says is left, plus one byte to see its
    end: a read allocates all it asks for, and asking for `limit` (64 MiB by default)
    cost every small file a 64 MiB allocation. A file that grew past its size is
    read on in `GROWN_CHUNK` steps."""
    chunks = []
    while limit > 0 and (chunk := handle.read(min(limit, expected + 1 if expected >= 0 else GROWN_CHUNK))):
        expected -= len(chunk)
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def _os_error(path: Path, exc: OSError) -> str:
    return str(exc) if not exc.strerror else f"{path}: cannot read ({exc.strerror})"


def _single(item: InputFile, data: bytes, kind: str | None) -> Iterator[SourceDoc]:
    kind = kind or sniff(data[:SNIFF_BYTES], item.id)
    doc_kind = "html" if kind == "html" else "text"
    content_type = "text/html" if doc_kind == "html" else "text/plain"
    yield SourceDoc(key=item.id, raw=data, kind=doc_kind, content_type=content_type, input_id=item.id)


def crawl_key(file_id: str, offset: int, offset_in_member: int = 0) -> str:
    """`FILE#OFFSET`; records sharing one gzip member add their offset inside it."""
    return f"{file_id}#{offset}" if not offset_in_member else f"{file_id}#{offset}+{offset_in_member}"


def read_crawl(path: Path, file_id: str, max_bytes: int) -> Iterator[SourceDoc]:
    """One document per record that carries one; a damaged record or crawl is an error document.

    A damaged record (a digest mismatch) is reported and reading goes on; damage that
    breaks the framing (a cut, garbage) ends the file: nothing after it is trusted.
    """
    for doc in iter_documents(path, max_bytes=max_bytes):
        key = crawl_key(file_id, doc.offset, doc.offset_in_member)
        if isinstance(doc, WarcDamage):
            what = "damaged crawl" if doc.fatal else f"damaged record {doc.record_id or ''}".rstrip()
            yield SourceDoc(key=key, input_id=file_id, error=f"{path}: {what} at offset {doc.offset}: {doc.reason}")
            continue
        yield _crawl_doc(path, file_id, key, doc)


def _crawl_doc(path: Path, file_id: str, key: str, doc: WarcDocument) -> SourceDoc:
    origin = {"warc_file": str(path), "record_id": doc.record_id, "target_uri": doc.target_uri,
              "date": doc.date, "offset": doc.offset}
    if doc.rec_type == "conversion" or doc.language or doc.truncated:  # WET text; crawler-cut payloads
        origin.update(record_type=doc.rec_type, language=doc.language, truncated=doc.truncated)
    if doc.size_error or doc.payload is None:
        return SourceDoc(key=key, input_id=file_id, origin=origin, error=f"{key}: {doc.size_error}")
    kind = "html" if is_html(doc.content_type) else "text"
    return SourceDoc(key=key, raw=doc.payload, kind=kind, content_type=doc.content_type or "text/plain",
                     url=doc.target_uri, origin=origin, input_id=file_id, language=doc.language)


def read_jsonl(path: Path, file_id: str, max_bytes: int) -> Iterator[SourceDoc]:
    """One document per non-blank line with a string `text` or `html` (optional `url`, `id`)."""
    ids = IdRegistry()
    try:
        fd = open_regular(path)
        with os.fdopen(fd, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _jsonl_doc(line, number, file_id, max_bytes, ids)
    except OSError as exc:
        yield SourceDoc(key=file_id, input_id=file_id, error=_os_error(path, exc))


def _jsonl_key(obj: dict[str, Any], number: int, file_id: str, ids: IdRegistry) -> tuple[str, str | None]:
    """The line's document key and, when its id cannot be used, why."""
    item_id = obj.get("id")
    if not isinstance(item_id, (str, int)) or isinstance(item_id, bool) or not str(item_id):
        return ids.claim(f"{file_id}#{number}"), None
    key = f"{file_id}#{item_id}"
    problem = key_problem(str(item_id)) or key_problem(key)
    if problem:
        return f"{file_id}#{number}", f"line {number}: id {str(item_id)[:80]!r} cannot be used: {problem}"
    return ids.claim(key), None


def _jsonl_doc(line: bytes, number: int, file_id: str, max_bytes: int, ids: IdRegistry) -> SourceDoc:
    where = f"{file_id}#{number}"
    if len(line) > max_bytes:
        return SourceDoc(key=where, input_id=file_id,
                         error=f"{where}: line is over the {max_bytes}-byte limit (--max-bytes)")
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return SourceDoc(key=where, input_id=file_id, error=f"{where}: line {number} is not JSON ({exc})")
    except RecursionError:
        return SourceDoc(key=where, input_id=file_id, error=f"{where}: line {number} is JSON nested too deeply to read")
    if not isinstance(obj, dict):
        return SourceDoc(key=where, input_id=file_id, error=f"{where}: line {number} is not a JSON object")
    key, problem = _jsonl_key(obj, number, file_id, ids)
    if problem:
        return SourceDoc(key=key, input_id=file_id, error=f"{file_id}: {problem}")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    origin = {"jsonl_file": file_id, "line": number, "id": obj.get("id"), "url": url}
    html, text = (_valid_unicode(obj.get(name), origin) for name in ("html", "text"))
    if isinstance(html, str):
        return SourceDoc(key=key, raw=html.encode("utf-8", "surrogatepass"), kind="html", url=url,
                         content_type="text/html; charset=utf-8", origin=origin, input_id=file_id, text=html)
    if not isinstance(text, str):
        return SourceDoc(key=key, input_id=file_id, origin=origin,
                         error=f"{key}: line {number} has no string `text` or `html` field")
    return SourceDoc(key=key, raw=text.encode("utf-8", "surrogatepass"), kind="text", url=url,
                     content_type="text/plain; charset=utf-8", origin=origin, input_id=file_id, text=text)
