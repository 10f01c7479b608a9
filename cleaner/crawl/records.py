"""Records of a WARC or ARC crawl, framed strictly and streamed.

A WARC record is complete only with its version line, its headers up to the
blank line, exactly Content-Length bytes of block and the closing CRLF CRLF.
An ARC record is complete with its header line and Archive-length bytes; the
newline after it is optional, because writers disagree on whether the length
counts it (Common Crawl's `filedesc` record counts it, its http records do not).

What goes wrong inside a record is a `RecordError`. In a gzip file the member
around the record is intact (its CRC was checked), so the member is skipped and
a `BadRecord` is yielded in its place; in a plain file the framing is lost, so
it becomes a fatal `CrawlDamage` at the record's offset.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from warcio.timeutils import timestamp_to_iso_date

from .digests import DigestCheck, parse_digest
from .stream import CHUNK, CrawlDamage, GzipStream, PlainStream


MAX_HEADERS = 1 << 20  # bytes of record headers before the record is called malformed
FIRST = 1 << 20  # bytes of a block read before the planner decides what to keep
_WARC_VERSION = re.compile(rb"WARC/\d+\.\d+\r?\n\Z")
_ENDS_BLANK = re.compile(rb"(?:\A|\n)\r?\n\Z")


class RecordError(Exception):
    """A record that cannot be framed (cut, malformed, wrong length)."""


@dataclass
class Plan:
    """What to do with a block, decided from the record headers and the block's first bytes."""

    keep: int  # how many bytes of the block to keep in memory
    payload_start: int | None  # where the payload starts in the block (None: no payload digest to check)
    chunked: bool = False  # whether the payload has HTTP chunked transfer coding
    info: Any = None  # the planner's own notes (parsed HTTP headers, ...)


Planner = Callable[[dict[str, str], bytes], Plan]


@dataclass
class RawRecord:
    """One complete record: headers (names lower-case), its block's first bytes, digest results."""

    offset: int  # file offset of the record, or of the gzip member holding it
    offset_in_member: int  # 0 unless a gzip member holds several records
    fmt: str  # "warc" or "arc"
    headers: dict[str, str]
    length: int  # the block's length
    block: bytes  # the block's first `plan.keep` bytes
    plan: Plan
    problems: list[str] = field(default_factory=list)  # digest mismatches
    notes: list[str] = field(default_factory=list)  # digests that could not be checked


@dataclass
class BadRecord:
    """A record inside an intact gzip member that could not be framed; reading goes on after it."""

    offset: int
    offset_in_member: int
    reason: str


def open_stream(f: Any) -> PlainStream | GzipStream:
    """The right stream for a crawl file opened in binary mode (sniffs the gzip magic)."""
    head = f.read(2)
    f.seek(0)
    return GzipStream(f) if head == b"\x1f\x8b" else PlainStream(f)


def iter_records(stream: PlainStream | GzipStream, planner: Planner) -> Iterator[RawRecord | BadRecord]:
    """Every record of the crawl; raises CrawlDamage where the crawl stops being readable."""
    framer = _Framer(stream, planner)
    try:
        while stream.next_unit():
            yield from _unit_records(framer)
    except OSError as exc:
        raise CrawlDamage(framer.start[0], f"cannot read ({exc.strerror or exc})") from None


def _unit_records(framer: _Framer) -> Iterator[RawRecord | BadRecord]:
    stream = framer.stream
    while True:
        try:
            record = framer.next_record()
            unit_done = record is None or framer.check_end()
        except RecordError as exc:
            if not stream.resumable:
                raise CrawlDamage(framer.start[0], str(exc)) from None
            stream.skip_unit()  # checks the member to its end: a cut member is still fatal
            yield BadRecord(*framer.start, str(exc))
            return
        if record is None:
            return
        yield record
        if unit_done:
            return


class _Framer:
    """Reads one record at a time from a stream (format found from the first record)."""

    def __init__(self, stream: PlainStream | GzipStream, planner: Planner) -> None:
        self.stream = stream
        self.planner = planner
        self.fmt: str | None = None
        self.arc_version = 1
        self.start = (0, 0)

    def next_record(self) -> RawRecord | None:
        line = self._first_line()
        if line is None:
            return None
        if not line.endswith(b"\n") and self.stream.at_unit_end():
            raise RecordError("record cut inside its first line")
        if self.fmt is None:
            self.fmt = "warc" if line.startswith(b"WARC/") else "arc" if line.startswith(b"filedesc://") else None
            if self.fmt is None:
                raise RecordError(f"not a WARC or ARC record (starts with {line[:40]!r})")
        headers = self._warc_headers(line) if self.fmt == "warc" else self._arc_headers(line)
        length = int(headers["content-length"])
        block, plan, check = self._block(headers, length)
        if self.fmt == "warc":
            self._warc_trailer()
        body = block[plan.payload_start :] if plan.payload_start is not None and len(block) == length else None
        problems = check.problems(body, plan.chunked)
        return RawRecord(*self.start, self.fmt, headers, length, block, plan, problems, check.notes)

    def check_end(self) -> bool:
        """After a record: whether its unit ends there. Raises RecordError when an ARC record is followed
        by something that is no record (its Archive-length was wrong: the bytes left belong to it).

        Checked before the record is yielded, so a gzip member cut after the record's
        last byte (in its trailer) never lets the record through."""
        self.stream.skip_blank_lines()
        if self.stream.at_unit_end():
            return True
        if self.fmt == "arc":
            line = self.stream.peek_line(MAX_HEADERS)
            cut_next = not line.endswith(b"\n") and len(line) < MAX_HEADERS  # the next record's own damage
            if not cut_next and not self._arc_fields(line):
                raise RecordError(f"ARC record followed by {line[:40]!r}, not by a record (wrong Archive-length?)")
        return False

    def _arc_fields(self, line: bytes) -> list[bytes] | None:
        """The fields of an ARC header line, or None when the line is not one."""
        fields = line.rstrip(b"\r\n").split(b" ")
        tail = len(fields) - 1 if fields[0].startswith(b"filedesc://") else 9 if self.arc_version == 2 else 4
        if not line.endswith(b"\n") or len(fields) < max(5, tail + 1) or not fields[-1].isdigit():
            return None
        return fields if fields[-tail + 1].isdigit() else None

    def _first_line(self) -> bytes | None:
        """The record's first line, past blank lines; None at the end of the unit."""
        while True:
            self.start = self.stream.position()
            line = self.stream.readline(MAX_HEADERS)
            if not line:
                return None
            if line.strip():
                return line

    def _warc_headers(self, line: bytes) -> dict[str, str]:
        if not _WARC_VERSION.match(line):
            raise RecordError(f"expected a WARC record, found {line[:40]!r}")
        block = self.stream.read_to_blank_line(MAX_HEADERS - len(line))
        if not _ENDS_BLANK.search(block):
            cut = self.stream.at_unit_end()
            raise RecordError("record cut inside its headers" if cut else "record headers too long")
        headers = parse_header_lines(block.decode("utf-8", "replace"))
        if not headers.get("content-length", "").isdigit():
            raise RecordError("missing or invalid Content-Length")
        return headers

    def _arc_headers(self, line: bytes) -> dict[str, str]:
        if not line.endswith(b"\n"):
            raise RecordError("record cut inside its ARC header line" if self.stream.at_unit_end()
                              else "ARC header line too long")
        fields = self._arc_fields(line)
        if fields is None:
            raise RecordError(f"malformed ARC header line {line[:80]!r}")
        filedesc = fields[0].startswith(b"filedesc://")
        tail = len(fields) - 1 if filedesc else 9 if self.arc_version == 2 else 4
        url = fields[0] if filedesc else b" ".join(fields[: len(fields) - tail])
        headers = {
            "warc-target-uri": _text(url), "warc-ip-address": _text(fields[-tail]),
            "warc-date": _arc_date(_text(fields[-tail + 1])), "content-type": _text(fields[-tail + 2]),
            "content-length": _text(fields[-1]),
        }
        if filedesc:
            headers["warc-type"] = "warcinfo"
        return headers

    def _block(self, headers: dict[str, str], length: int) -> tuple[bytes, Plan, DigestCheck]:
        stream = self.stream
        first = stream.read(min(length, FIRST))
        if len(first) < min(length, FIRST):
            raise RecordError(f"record cut: its block has {len(first)} of {length} bytes")
        if self.fmt == "arc":
            self._arc_type(headers, first)
        plan = self.planner(headers, first)
        check = self._digests(headers, plan)
        check.update(first, 0)
        kept, got = bytearray(first[: plan.keep]), len(first)
        while got < length:
            chunk = stream.read(min(CHUNK, length - got))
            if not chunk:
                raise RecordError(f"record cut: its block has {got} of {length} bytes")
            check.update(chunk, got)
            if len(kept) < plan.keep:
                kept += chunk[: plan.keep - len(kept)]
            got += len(chunk)
        return bytes(kept), plan, check

    def _arc_type(self, headers: dict[str, str], first: bytes) -> None:
        if headers.get("warc-type") == "warcinfo":
            self.arc_version = 2 if first.startswith(b"2 ") else 1
        elif first.startswith(b"HTTP/") and headers["warc-target-uri"].lower().startswith(("http:", "https:")):
            headers["warc-type"] = "response"
        else:
            headers["warc-type"] = "resource"

    def _digests(self, headers: dict[str, str], plan: Plan) -> DigestCheck:
        rec_type = headers.get("warc-type", "").lower()
        if self.fmt != "warc" or rec_type == "revisit":  # a revisit's digests describe the original record
            return DigestCheck(None, None, None)
        block, payload = parse_digest(headers.get("warc-block-digest")), None
        if "warc-segment-number" not in headers:  # a segment's payload digest covers all segments
            payload = parse_digest(headers.get("warc-payload-digest"))
        check = DigestCheck(block, payload, plan.payload_start)
        for name, parsed in (("warc-block-digest", block), ("warc-payload-digest", payload)):
            segmented = name == "warc-payload-digest" and "warc-segment-number" in headers
            if headers.get(name) and parsed is None and not segmented:
                check.notes.append(f"{name} not checked (unknown algorithm)")
        return check

    def _warc_trailer(self) -> None:
        for _ in range(2):
            line = self.stream.readline(3)
            if line not in (b"\r\n", b"\n"):
                cut = not line.endswith(b"\n") and self.stream.at_unit_end()
                raise RecordError("record cut before its closing CRLFs" if cut
                                  else "record not followed by CRLF CRLF (wrong Content-Length?)")


def parse_header_lines(text: str) -> dict[str, str]:
    """Named fields (names lower-case; the first of repeated names wins; continuation lines folded)."""
    headers: dict[str, str] = {}
    last = None
    for line in text.split("\n"):
        if not line.strip():
            continue  # the closing blank line
        if line[0] in " \t":
            if last:
                headers[last] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        key = name.strip().lower()
        last = key if sep and key not in headers else None
        if last:
            headers[key] = value.strip()
    return headers


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _arc_date(stamp: str) -> str:
    """ARC's 14-digit timestamp as a WARC-Date (ISO 8601, UTC); kept as is when malformed."""
    try:
        return timestamp_to_iso_date(stamp)
    except (ValueError, TypeError):
        return stamp
