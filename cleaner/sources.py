"""Read raw inputs: decode bytes (detecting the encoding) and find files in folders.

Decoding order: a byte-order mark wins (UTF-8, UTF-16, UTF-32); then strict UTF-8;
then charset-normalizer's best guess; cp1252 with replacement as the last resort.
A file with NUL bytes (and no UTF-16/32 BOM or pattern) or mostly control
characters is binary and refused with `BinaryInputError`.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

MAX_BYTES_DEFAULT = 64 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")


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


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f")
    return "\x00" in sample or controls / len(sample) > 0.05


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode raw bytes to text, recording the encoding; raise InputError if not text."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyInputError(f"{name}: empty file (no text to clean)")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _utf16_without_bom(data)
    if encoding is None and b"\x00" in data[:8192]:
        raise BinaryInputError(f"{name}: binary file (contains NUL bytes), not text")
    errors = 0
    text: str | None = None
    if encoding is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = guess_legacy_encoding(data)
    if text is None:
        text = data.decode(encoding, errors="replace")
        errors = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if _looks_binary(text):
        raise BinaryInputError(f"{name}: binary file (control characters), not text")
    if not text.strip():
        raise EmptyInputError(f"{name}: empty file (only whitespace)")
    return Decoded(text=text, encoding=encoding, sha256=digest, size=len(data), errors=errors)


def guess_legacy_encoding(data: bytes) -> str:
    """Encoding of undeclared, non-UTF-8 bytes.

    Detection is shaky among the Latin code pages (charset-normalizer picks cp1257
    for plain French cp1252); when windows-1252, the web's default legacy encoding
    per WHATWG, is about as plausible as the best guess, it wins.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[: 1024 * 1024]))
    if not matches:
        return "cp1252"
    best = min(matches, key=lambda m: m.chaos)
    sample = data[: 1024 * 1024]
    try:
        if sample.decode("cp1252") == sample.decode(best.encoding, errors="replace"):
            return "cp1252"  # the guess reads these bytes exactly as windows-1252 does
    except (UnicodeDecodeError, LookupError):
        pass
    for match in matches:
        if codecs.lookup(match.encoding).name == "cp1252" and match.chaos <= best.chaos + 0.1:
            return "cp1252"
    return codecs.lookup(best.encoding).name


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


def iter_files(root: Path) -> Iterator[Path]:
    """Files under `root`, recursively, in a stable order; hidden files skipped."""
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
