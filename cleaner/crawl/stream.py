"""Byte streams over a crawl file that know the real file offset of every record.

A crawl is read as a sequence of *units*: the whole file when it is plain, one
gzip member at a time when it is gzipped. Records never span units; a unit may
hold several records (a gzip file compressed as one member). `read` and
`readline` return fewer bytes than asked only at the end of the current unit,
so a short read inside a record means the record is cut.

`CrawlDamage` is raised where the file itself is broken (a gzip member cut
short or corrupt, bytes that are not a gzip member): nothing after that point
can be framed, so it is always fatal.
"""
from __future__ import annotations

import re
import zlib
from typing import Any, BinaryIO, Callable

CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"
_EMPTY_LINE = re.compile(rb"^\r?\n", re.MULTILINE)  # "^" also matches at a search start after a consumed "\n"
_BLANK_LINE = re.compile(rb"[ \t\r]*\n")
_BLANK_TAIL = re.compile(rb"[ \t\r]*\Z")


class CrawlDamage(Exception):
    """The file is unreadable from `offset` on (real byte offset in the file)."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


class _Buffered:
    """A read buffer over one unit; subclasses append bytes in `_fill`."""

    resumable = False  # whether a bad record can be skipped (the unit's end is known without parsing)

    def __init__(self) -> None:
        self._buf = bytearray()
        self._pos = 0
        self._done = 0  # bytes of the unit dropped from the front of the buffer
        self.unit_offset = 0  # file offset where the current unit starts

    def _fill(self) -> bool:
        """Append more bytes of the current unit; False at its end."""
        raise NotImplementedError

    def _reset_unit(self, offset: int) -> None:
        self._buf.clear()
        self._pos = self._done = 0
        self.unit_offset = offset

    def position(self) -> tuple[int, int]:
        """(file offset of the unit, offset of the next byte inside the unit)."""
        return self.unit_offset, self._done + self._pos

    def _compact(self) -> None:
        if self._pos > CHUNK and self._pos * 2 > len(self._buf):
            del self._buf[: self._pos]
            self._done += self._pos
            self._pos = 0

    def read(self, n: int) -> bytes:
        """Up to n bytes; fewer only at the end of the unit."""
        while len(self._buf) - self._pos < n and self._fill():
            pass
        out = bytes(self._buf[self._pos : self._pos + n])
        self._pos += len(out)
        self._compact()
        return out

    def readline(self, limit: int) -> bytes:
        """One line with its b"\\n", or `limit` bytes, or what is left of the unit."""
        return self._take(limit, self._line_end, rescan=0)

    def read_to_blank_line(self, limit: int) -> bytes:
        """Bytes up to and including the next empty line (headers after a consumed first line).

        Shorter, without the empty line, when `limit` is reached or the unit ends."""
        return self._take(limit, self._blank_line_end, rescan=2)  # "\r\n" may straddle a fill

    def _line_end(self, start: int, stop: int) -> int:
        end = self._buf.find(b"\n", start, stop)
        return end + 1 if end >= 0 else -1

    def _blank_line_end(self, start: int, stop: int) -> int:
        match = _EMPTY_LINE.search(self._buf, start, stop)
        return match.end() if match else -1

    def _take(self, limit: int, find_end: Callable[[int, int], int], rescan: int) -> bytes:
        """Consume through the end `find_end(start, stop)` finds (-1: none yet), or `limit`
        bytes, or the rest of the unit. After a fill the search resumes `rescan` bytes
        before the old end of the buffer, where a match may have begun."""
        start = self._pos
        while True:
            end = find_end(start, self._pos + limit)
            if end >= 0:
                break
            if len(self._buf) - self._pos >= limit:
                end = self._pos + limit
                break
            start = max(self._pos, len(self._buf) - rescan)
            if not self._fill():
                end = len(self._buf)
                break
        out = bytes(self._buf[self._pos : end])
        self._pos = end
        self._compact()
        return out

    def peek_line(self, limit: int) -> bytes:
        """The next line (or up to `limit` bytes of it) without consuming it."""
        while True:
            end = self._buf.find(b"\n", self._pos, self._pos + limit)
            if end >= 0:
                return bytes(self._buf[self._pos : end + 1])
            if len(self._buf) - self._pos >= limit or not self._fill():
                return bytes(self._buf[self._pos : self._pos + limit])

    def skip_blank_lines(self) -> None:
        """Consume blank lines (separators some writers put between records)."""
        while True:
            match = _BLANK_LINE.match(self._buf, self._pos)
            if match:
                self._pos = match.end()
            elif not _BLANK_TAIL.match(self._buf, self._pos) or not self._fill():
                break
        if _BLANK_TAIL.match(self._buf, self._pos) and not self._fill():
            self._pos = len(self._buf)  # whitespace without a newline at the very end of the unit
        self._compact()

    def at_unit_end(self) -> bool:
        """Whether the unit has no more bytes (for gzip this checks the member's end and CRC)."""
        return self._pos >= len(self._buf) and not self._fill()

    def skip_unit(self) -> None:
        """Drop the rest of the unit (only where `resumable`)."""
        while True:
            self._done += len(self._buf) - self._pos
            self._buf.clear()
            self._pos = 0
            if not self._fill():
                return


class PlainStream(_Buffered):
    """An uncompressed crawl: one unit, the whole file."""

    def __init__(self, f: BinaryIO) -> None:
        super().__init__()
        self._f = f
        self._started = False

    def next_unit(self) -> bool:
        started, self._started = self._started, True
        return not started

    def position(self) -> tuple[int, int]:
        return self._done + self._pos, 0

    def _fill(self) -> bool:
        data = self._f.read(CHUNK)
        self._buf += data
        return bool(data)


_PADDING = b"\r\n\t "  # NULs are no padding: zeros are what a lost disk block reads as


class GzipStream(_Buffered):
    """A gzipped crawl: one unit per gzip member, each checked to its end (CRC and size)."""

    resumable = True

    def __init__(self, f: BinaryIO) -> None:
        super().__init__()
        self._f = f
        self._raw = b""  # compressed bytes read but not yet decompressed
        self._raw_offset = 0  # file offset of self._raw[0]
        self._d: Any = None  # the current member's zlib decompressor

    def _more_raw(self) -> bool:
        data = self._f.read(CHUNK)
        self._raw += data
        return bool(data)

    def next_unit(self) -> bool:
        """Start the next member; False at the end of the file."""
        if not self._raw and not self._more_raw():
            return False
        if len(self._raw) < 2:
            self._more_raw()
        if not self._raw.startswith(GZIP_MAGIC):
            if not self._skip_padding():
                return False
            if len(self._raw) < 2:
                self._more_raw()
        if not self._raw.startswith(GZIP_MAGIC):
            what = "a cut gzip header" if self._raw == GZIP_MAGIC[:1] else "bytes that are not a gzip member"
            raise CrawlDamage(self._raw_offset, f"{what} where a record should start")
        self._reset_unit(self._raw_offset)
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return True

    def _skip_padding(self) -> bool:
        """Skip newlines and spaces between or after members, as blank lines between plain
        records are (some tools end a file with a newline); False when the file ends in them."""
        while not self._raw.strip(_PADDING):
            self._raw_offset += len(self._raw)
            self._raw = b""
            if not self._more_raw():
                return False
        padding = len(self._raw) - len(self._raw.lstrip(_PADDING))
        self._raw_offset += padding
        self._raw = self._raw[padding:]
        return True

    def _fill(self) -> bool:
        d = self._d
        while d is not None and not d.eof:
            if not self._raw and not self._more_raw():
                raise CrawlDamage(self.unit_offset, "gzip member cut short (the file ends inside it)")
            try:
                out = d.decompress(self._raw, CHUNK)
            except zlib.error as exc:
                raise CrawlDamage(self.unit_offset, f"corrupt gzip member ({exc})") from None
            rest = d.unused_data if d.eof else d.unconsumed_tail
            self._raw_offset += len(self._raw) - len(rest)
            self._raw = rest
            if out:
                self._buf += out
                return True
        return False
