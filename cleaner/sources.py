"""Read raw inputs: decode bytes (detecting the encoding) and find files in folders.

Decoding order: a byte-order mark wins (UTF-8, UTF-16, UTF-32); then UTF-8 when the
bytes are mostly UTF-8 (a few bad sequences become U+FFFD and are counted); then
the legacy encoding chardetng guesses.
A file with NUL bytes (and no UTF-16/32 BOM or pattern) or mostly control
characters is binary and refused with `BinaryInputError`.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path


log = logging.getLogger(__name__)

MAX_BYTES_DEFAULT = 64 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be cleaned; the message names the file and the reason."""


class BinaryInputError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class TooLargeInputError(InputError):
    pass


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    sha256: str
    size: int
    errors: int = 0  # bytes that could not be decoded (replaced with U+FFFD)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_REPLACEMENT_UTF8 = "\ufffd".encode("utf-8")
# Detection reads this much from just before the first non-ASCII byte: chardetng
# is right from a few dozen bytes on but runs at a few MB/s, and decode must not
# cost more than the cleaning it feeds.
_DETECT_SAMPLE = 64 * 1024
# WHATWG labels (what chardetng returns) -> the Python codec with the WHATWG
# mapping: browsers decode "Shift_JIS" as Microsoft's cp932, "EUC-KR" as cp949, ...
_WHATWG_CODECS = {
    "shift_jis": "cp932",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "gbk": "gb18030",
    "iso-8859-8-i": "iso8859-8",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
}


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROLS.findall(sample)) / len(sample) > 0.05


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode raw bytes to text, recording the encoding; raise InputError if not text."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyInputError(f"{name}: empty file (no text to clean)")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _utf16_without_bom(data)
    if encoding is None and b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name}: binary file (contains NUL bytes), not text")
    if encoding is None:
        text, encoding, errors = decode_undeclared(data)
    else:
        text, errors = decode_counting(data, encoding)
    if _looks_binary(text):
        raise BinaryInputError(f"{name}: binary file (control characters), not text")
    if not text.strip():
        raise EmptyInputError(f"{name}: empty file (only whitespace)")
    return Decoded(text=text, encoding=encoding, sha256=digest, size=len(data), errors=errors)


def decode_undeclared(data: bytes) -> tuple[str, str, int]:
    """(text, encoding, bad sequences) of bytes with no BOM and no declared charset.

    UTF-8 when the bytes are mostly UTF-8 (see `decode_mostly_utf8`), else the
    legacy encoding that `guess_legacy_encoding` finds.
    """
    utf8 = decode_mostly_utf8(data)
    if utf8 is not None:
        return utf8[0], "utf-8", utf8[1]
    encoding = guess_legacy_encoding(data)
    text, errors = decode_counting(data, encoding)
    return text, encoding, errors


def decode_mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, bad sequences) if the bytes are UTF-8 but for a few bad ones, else None.

    "Mostly": at least as many of the non-ASCII sequences are valid UTF-8
    multi-byte characters as are invalid. A legacy single-byte text almost never
    forms a valid multi-byte sequence (an accented letter is followed by an ASCII
    byte), and Shift_JIS or GBK text forms them for about a fifth of its characters;
    a UTF-8 text with a stray byte or a cut last character has one bad sequence
    among its valid ones. An ASCII text with one high byte has none valid: it is
    legacy (most likely a cp1252 quote or euro sign). Each maximal invalid
    subpart becomes one U+FFFD (Python follows Unicode's recommended practice).
    """
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    high = len(data) - len(data.translate(None, _NON_ASCII_BYTES))
    continuation = len(data) - len(data.translate(None, _CONTINUATION_BYTES))
    # Shortcut for legacy text, without decoding: each valid sequence holds at least
    # one continuation byte (0x80-0xBF), so valid <= continuation and valid sequences
    # hold at most 2 * continuation bytes; an invalid one holds at most 3 bytes, so
    # bad >= (high - 2 * continuation) / 3. Cyrillic or Greek code pages end here.
    if 5 * continuation < high:
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(_REPLACEMENT_UTF8)  # minus U+FFFD written in the file
    # ASCII bytes decode one to one (never part of an invalid sequence), so the other
    # characters are the multi-byte ones and the U+FFFD replacements.
    valid = len(text) - (len(data) - high) - bad
    return (text, bad) if valid >= bad else None


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """(text, byte sequences replaced with U+FFFD) of `data` decoded with `encoding`."""
    text = data.decode(encoding, errors="replace")
    errors = text.count("\ufffd")
    if errors:  # U+FFFD written in the file itself is text, not an error
        errors -= data.decode(encoding, errors="ignore").count("\ufffd")
    return text, errors


def guess_legacy_encoding(data: bytes) -> str:
    """Python codec of undeclared bytes that are not (mostly) UTF-8.

    chardetng, Firefox's detector for unlabelled legacy web pages, scores each
    legacy encoding of the web (windows-125x, ISO-8859-x, KOI8, Shift_JIS, EUC-JP,
    EUC-KR, Big5, GBK) and is built to be right on short texts and to prefer
    windows-1252 for Western text (charset-normalizer read a one-line French
    cp1252 sentence as mac-latin2 or cp775). It reads a sample starting just
    before the first non-ASCII byte, where the evidence starts.
    """
    from chardetng_py import EncodingDetector  # imported by the first legacy text: most inputs are UTF-8

    first = _NON_ASCII.search(data)
    start = max(0, first.start() - 1024) if first else 0  # all bytes before `first` are ASCII
    sample = data[start : start + _DETECT_SAMPLE]
    detector = EncodingDetector()
    detector.feed(sample, last=start + len(sample) >= len(data))
    label = detector.guess(tld=None, allow_utf8=False)
    try:
        return codecs.lookup(_WHATWG_CODECS.get(label.lower(), label)).name
    except LookupError:
        log.warning("no Python codec for detected encoding %s; using cp1252", label)
        return "cp1252"


def read_bytes(path: Path, max_bytes: int = MAX_BYTES_DEFAULT) -> bytes:
    """Read a file, turning OS errors into InputError that names the file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLargeInputError(f"{path}: file is {size} bytes, over the {max_bytes}-byte limit (--max-bytes)")
        with path.open("rb") as f:
            return f.read()
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc

