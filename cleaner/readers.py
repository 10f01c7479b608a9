"""Read and clean inputs outside a batch: `clean_file`, `read_path`, `read_data`.

The batch runs the same two steps (`documents.read_documents`, then
`cleaning.clean_source`) through its executor; these helpers chain them for one
file or one buffer, for the library API and `cleaner explain`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .cleaning import Cleaned, clean_source
from .config import Config
from .documents import read_documents
from .inputs import InputFile, input_file
from .model import Article
from .sources import MAX_BYTES_DEFAULT, InputError


def read_path(path: str | Path, source: str | None = None, config: Config | None = None,
              max_bytes: int = MAX_BYTES_DEFAULT) -> Iterator[Cleaned]:
    """Every document of one file (a crawl or JSONL corpus holds many), cleaned.

    `source` is the file's id (default: its name); documents inside it are `source#...`.
    """
    path = Path(path)
    item = input_file(path, source or path.name)
    for doc in read_documents(item, max_bytes):
        yield clean_source(doc, config or Config())


def read_data(data: bytes, source: str, config: Config | None = None) -> Iterator[Cleaned]:
    """The document in a buffer already read (stdin), cleaned."""
    for doc in read_documents(InputFile(None, source, size=len(data), data=data), len(data) + 1):
        yield clean_source(doc, config or Config())


def clean_file(path: str | Path, *, config: Config | None = None, max_bytes: int = MAX_BYTES_DEFAULT) -> Article:
    """Clean one HTML or text file (picked by content). Raises InputError when it cannot.

    Crawls and JSONL corpora hold many documents: use `iter_warc` or `read_path`.
    """
    results = read_path(path, str(path), config, max_bytes)
    first = next(results, None)
    if first is None:
        raise InputError(f"{path}: no document found")
    if first.doc.origin or next(results, None) is not None:
        raise InputError(f"{path}: holds many documents (a crawl or JSONL corpus); use iter_warc() or read_path()")
    if first.article is None:
        raise InputError(first.error or f"{path}: no article")
    return first.article
