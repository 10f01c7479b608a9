"""The plain-text engine: raw text in, `Article` out."""
from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from typing import Iterator

from .article import build_text
from .classify import classify
from .config import Config
from .model import Article, Provenance
from .sources import decode

DEFAULT_CONFIG = Config()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one text is cleaned.

    A text becomes one `Line` object per line, and a page of a million short lines
    makes a million at once. The collector runs whenever enough new objects pile up,
    and each full run walks every live object again: over a large text it spent more
    time than the rules, to find nothing, since the engine makes no reference cycles
    (its objects are freed by reference counting alone). The previous state is
    restored, so a caller that turned the collector off keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def clean_text(
    raw: str,
    *,
    source: str | None = None,
    config: Config | None = None,
    provenance: Provenance | None = None,
) -> Article:
    """Clean one raw article text; the result's ledger accounts for every character."""
    if not isinstance(raw, str):
        raise TypeError(f"clean_text() needs str, got {type(raw).__name__}; use clean_bytes() for bytes")
    config = config or DEFAULT_CONFIG
    if provenance is None:
        data = raw.encode("utf-8", errors="surrogatepass")
        provenance = Provenance(
            source=source, sha256=hashlib.sha256(data).hexdigest(), size=len(data), encoding="utf-8"
        )
    with _no_cycle_collection():
        doc = classify(raw, config)
        text, ledger = build_text(doc)
        meta = doc.meta
        del doc  # its lines go before the collector resumes, or its first run would walk them all
    return Article(
        text=text,
        title=meta.get("title"),
        byline=meta.get("byline"),
        published=meta.get("published"),
        publisher=meta.get("publisher"),
        removals=ledger.removals,
        provenance=provenance,
        ledger=ledger,
        url=provenance.url,
    )


def clean_bytes(
    data: bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    config: Config | None = None,
) -> Article:
    """Decode raw bytes (detecting the encoding), then clean them as text."""
    decoded = decode(data, source or "<bytes>")
    provenance = Provenance(
        source=source, sha256=decoded.sha256, size=decoded.size, encoding=decoded.encoding,
        url=url, decode_errors=decoded.errors,
    )
    return clean_text(decoded.text, source=source, config=config, provenance=provenance)
