"""The clean step: one `SourceDoc` in, an `Article` or a failure out.

A pure function of the document and the configuration: every executor (one
process, a pool of workers, Spark tasks) runs this same step, so the output does not
depend on where it ran.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from .config import Config
from .documents import SourceDoc
from .engine import clean_bytes, clean_text
from .model import Article
from .sources import EmptyInputError, InputError

log = logging.getLogger(__name__)


@dataclass
class Cleaned:
    """What the clean step made of one document: an article, or the reason there is none."""

    doc: SourceDoc
    article: Article | None = None
    error: str | None = None

    @property
    def source(self) -> str:
        return self.doc.key

    @property
    def raw(self) -> bytes | None:
        return self.doc.raw

    @property
    def origin(self) -> dict:
        return self.doc.origin

    @property
    def content_type(self) -> str:
        return resource_content_type(self.doc, self.article) if self.article else self.doc.content_type

    @property
    def ok(self) -> bool:
        return self.article is not None and self.error is None


def resource_content_type(doc: SourceDoc, article: Article) -> str:
    """The raw record's media type, with the charset the bytes were decoded with."""
    if "charset=" in doc.content_type or doc.origin.get("record_id"):
        return doc.content_type
    return f"{doc.content_type}; charset={article.provenance.encoding}"


# The text engine holds about 300 bytes per line (its `Line` records): a text of 24 MB in
# 3-byte lines took 2.5 GB, and one input over a worker's memory would kill the batch at
# the same input on every rerun. No article or page has this many lines (600 MB at most).
MAX_LINES = 2_000_000


def clean_source(doc: SourceDoc, config: Config, extractor: str = "trafilatura") -> Cleaned:
    """Clean one document; never raises for bad input (the error names the document).

    `extractor` picks the HTML path: "trafilatura" (the default) or "fast" (resiliparse).
    """
    if doc.error or doc.raw is None:
        return Cleaned(doc, error=doc.error or f"{doc.key}: nothing was read")
    if doc.kind != "html" and (lines := doc.raw.count(b"\n")) > MAX_LINES:
        return Cleaned(doc, error=f"{doc.key}: {lines:,} lines, over the {MAX_LINES:,} a text may have "
                                  "(the engine holds every line in memory); split it")
    try:
        article = _clean(doc, config, extractor)
        article.language = article.language or doc.language
    except InputError as exc:
        return Cleaned(doc, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop a batch
        log.exception("%s: unexpected error while cleaning", doc.key)
        return Cleaned(doc, error=f"{doc.key}: internal error while cleaning ({type(exc).__name__}: {exc})")
    return Cleaned(doc, article=article)


def _clean(doc: SourceDoc, config: Config, extractor: str) -> Article:
    assert doc.raw is not None
    if doc.kind == "html":
        from .html import clean_html  # trafilatura and lxml load only when HTML is cleaned

        page = doc.text if doc.text is not None else doc.raw  # JSONL gives decoded HTML
        return clean_html(page, url=doc.url, source=doc.key, config=config, content_type=doc.content_type,
                          extractor=extractor)
    if doc.text is not None:
        if not doc.text.strip():
            raise EmptyInputError(f"{doc.key}: empty text")
        article = clean_text(doc.text, source=doc.key, config=config)
        article.url = doc.url
        return article
    return clean_bytes(doc.raw, source=doc.key, url=doc.url, config=config)
