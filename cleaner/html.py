"""HTML pages in, cleaned `Article` out: prune the DOM, extract, then clean the text.

Three stages, each doing what it is best at:

1. Structure (`html_prune`): elements the markup marks as clutter (figures and
   captions, `aside`, gallery/newsletter/related/share/promo/ad
   containers, link-only lists) are pruned from the DOM.
2. Extraction (`html_extract`): trafilatura finds the main text and the metadata in
   what is left (`extractor="trafilatura"`, the default), or resiliparse's native
   main-content heuristics do (`extractor="fast"`, many times faster; `html_fast`
   checks that they kept the page's densest paragraphs, and a short main text that
   is a small share of the page gives way to the whole page's text). When the
   extractor finds nothing, or only clutter, the next one is tried, down to the
   page's whole visible text (the text engine finds the story in whole pages):
   a page with text never comes out empty.
3. Text: the plain-text engine removes residual clutter from the extracted text.

The Article's ledger accounts for the *extracted* text (its sha256 is in
`article.extraction`, with the path that produced it and the paths tried before).
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any, Callable, Iterator

from resiliparse.parse.html import HTMLTree

from .config import Config
from .engine import clean_text
from .html_extract import (
    TRAFILATURA, TRAFILATURA_SETTINGS, Extraction, body_text, extract_page,
    extract_resiliparse, extract_trafilatura,
)
from .html_fast import extract_fast, parse_fast, parse_fast_utf8
from .html_metadata import page_metadata
from .html_prune import prune
from .model import Article, Provenance, Removal
from .rules import phrase_key
from .rules.head import DUPLICATE_TITLE as _TITLE_RULE
from .sources import (
    EmptyInputError,
    InputError,
    decode,
    decode_counting,
    decode_mostly_utf8,
    guess_legacy_encoding,
)

log = logging.getLogger(__name__)

__all__ = ["EXTRACTORS", "NoMainTextError", "body_text", "clean_html", "decode_html", "prune"]

EXTRACTOR = TRAFILATURA  # the default extractor's name and version
EXTRACTOR_SETTINGS: dict[str, Any] = TRAFILATURA_SETTINGS
EXTRACTORS = ("trafilatura", "fast")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_WORD = re.compile(r"\w")
# trafilatura's text shorter than this share of resiliparse's, with less than PROSE_SHARE of its
# prose (lines of PROSE_WORDS words or more, once cleaned), is a fragment: resiliparse's text goes
# first. Length alone also swapped product pages where resiliparse's extra length is price lines,
# spec rows and buttons (WCXB dev, against length alone: product +0.6 points F1, documentation
# +0.4, service +0.6, listing +0.6, articles +0.1; ScrapingHub the same).
SHORT_SHARE = 0.6
PROSE_SHARE = 0.6
PROSE_WORDS = 8
_WORDS = re.compile(r"\w+")
# A fast-path main text (cleaned) shorter than this and than MAIN_SHARE of the page's visible
# text gives way to the page's text cleaned by the whole-page engine (measured on the dev sets).
SHORT_MAIN = 1000
MAIN_SHARE = 0.05


_DEFAULT_CONFIG = Config()
_PAGE_FAMILY = "page"


class NoMainTextError(InputError):
    """An HTML page where extraction found no main text."""


# ---------------------------------------------------------------- decoding


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The charset from the HTTP header, else from a <meta> in the first KBs."""
    m = re.search(r"charset\s*=\s*[\"']?([\w\-:.]+)", content_type or "", re.IGNORECASE)
    found = m.group(1) if m else None
    if not found:
        meta = _META_CHARSET.search(data[:4096])
        found = meta.group(1).decode("ascii", "replace") if meta else None
    if not found:
        return None
    try:
        name = codecs.lookup(found).name
    except LookupError:
        return None
    # WHATWG: pages labelled latin-1/ascii are decoded as windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_html(data: bytes, name: str, content_type: str | None = None) -> tuple[str, str, int]:
    """(text, encoding, undecodable bytes) of an HTML page.

    Mostly valid UTF-8 wins over a declared charset (mislabelled UTF-8 pages are
    common, the reverse is not); then the declared charset; then detection.
    """
    if not data.strip():
        raise EmptyInputError(f"{name}: empty file (no HTML to clean)")
    if b"\x00" in data[:8192] or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = decode(data, name)  # UTF-16/32, or binary: the generic decoder knows those
        return decoded.text, decoded.encoding, decoded.errors
    # Mostly UTF-8 (a stray byte or a cut character) also wins: decoding such a page
    # with a legacy charset turns every non-ASCII character into mojibake.
    utf8 = decode_mostly_utf8(data.removeprefix(codecs.BOM_UTF8))
    if utf8 is not None:
        return utf8[0], "utf-8", utf8[1]
    declared = _declared_charset(data, content_type)
    if declared and not declared.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(declared), declared, 0
        except UnicodeDecodeError:
            log.debug("%s: declared charset %s does not fit the bytes", name, declared)
    encoding = guess_legacy_encoding(data)
    text, errors = decode_counting(data, encoding)
    return text, encoding, errors


# ---------------------------------------------------------------- cleaning


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    config: Config | None = None,
    content_type: str | None = None,
    extractor: str = "trafilatura",
) -> Article:
    """Clean one HTML page. Raises InputError (NoMainTextError, EmptyInputError, ...).

    `extractor` is "trafilatura" (default: most accurate) or "fast" (resiliparse).
    """
    if extractor not in EXTRACTORS:
        raise ValueError(f"extractor must be one of {EXTRACTORS}, not {extractor!r}")
    name = source or url or "<html>"
    if isinstance(html, bytes):
        data = html
        text, encoding, errors = decode_html(data, name, content_type)
        utf8 = data if encoding == "utf-8" and not errors and not data.startswith(codecs.BOM_UTF8) else None
    else:
        text, encoding, errors = html, "utf-8", 0
        # Lone surrogates are hashed as they are; the parser reads them as U+FFFD.
        data = utf8 = html.encode("utf-8", errors="surrogatepass")
    if not text.strip():
        raise EmptyInputError(f"{name}: empty file (no HTML to clean)")
    provenance = Provenance(
        source=source, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        encoding=encoding, url=url, decode_errors=errors,
    )
    tried: list[str] = []
    clean = lambda extraction: _clean(extraction, source, config, provenance)  # noqa: E731 - bound once
    extractions = _extractions(text, url, extractor, utf8)
    ranked = _fast_ranked(extractions, clean) if extractor == "fast" else _ranked(extractions, clean)
    for extraction, article in ranked:
        if article is not None:
            _merge_metadata(article, extraction.metadata, url)
            article.provenance = replace(provenance, metadata=_declared(extraction.metadata))
            article.extraction = _extraction_record(extraction, tried)
            return article
        tried.append(extraction.path)
    why = f" (tried {', '.join(tried)}: all clutter)" if tried else ""
    raise NoMainTextError(f"{name}: no main text found{why}")


def _fast_ranked(
    extractions: Iterator[Extraction], clean: Callable[[Extraction], Article | None],
) -> Iterator[tuple[Extraction, Article | None]]:
    """The fast path's extractions with their cleaned articles (None: nothing left), best first.

    On the fast path, a cleaned main text that is short and a small share of the
    page's visible text missed the content: a listing's or a catalogue's entries are
    link blocks, which resiliparse's rules drop. The page's text goes through the
    whole-page engine then, and wins if more is left of it (WCXB dev: listings +11
    points F1, collections +8; no ScrapingHub news page is switched). Only the fast
    path: on the trafilatura path the next extraction is not the page's (`_ranked`).
    """
    for extraction in extractions:
        article = clean(extraction)
        if article is not None and extraction.path == "resiliparse" and len(article.text) < SHORT_MAIN:
            page = next(extractions, None)
            if page is not None and len(article.text) < MAIN_SHARE * len(page.text):
                whole = clean(page)
                if whole is not None and len(whole.text) > len(article.text):
                    page.reason = f"the main content kept {len(article.text)} characters of the page's {len(page.text)}"
                    yield extraction, None
                    extraction, article = page, whole
        yield extraction, article


def _extractions(html: str, url: str | None, extractor: str, utf8: bytes | None = None) -> Iterator[Extraction]:
    """Each extractor's output in turn, best first; the next runs only if the caller asks.

    (`_ranked` puts resiliparse's text first when trafilatura's is a fragment.)
    `utf8`: the page's text as UTF-8 bytes, when the caller has them (see `_parse_fast`).
    """
    tree = _parse_fast(html, utf8)
    metadata = page_metadata(html, tree, url)  # once, for whichever path gives the text
    if extractor == "trafilatura":
        fast = extract_resiliparse(tree, metadata) if tree is not None else None
        found = extract_trafilatura(html, metadata, url)
        yield from (x for x in (found, fast) if x is not None)
    elif tree is not None:
        found = extract_fast(tree, metadata)
        if found is not None:
            yield found
    page = extract_page(tree, metadata) if tree is not None else None
    if page is not None:
        yield page


def _ranked(
    extractions: Iterator[Extraction], clean: Callable[[Extraction], Article | None],
) -> Iterator[tuple[Extraction, Article | None]]:
    """Each extraction with its cleaned article, best first; the next is cleaned only if asked.

    trafilatura sometimes keeps a fragment of the main content (one post of a thread,
    the intro of a long page) that resiliparse finds whole: then resiliparse's goes first.
    """
    first = next(extractions, None)
    if first is None:
        return
    article = clean(first)
    second = next(extractions, None) if first.path == "trafilatura" else None
    if (second is not None and second.path == "resiliparse" and len(first.text) < SHORT_SHARE * len(second.text)
            and _prose(article) < PROSE_SHARE * _prose_lines(second.text)):  # cleaning only cuts: a bound
        other = clean(second)
        if _prose(article) < PROSE_SHARE * _prose(other):
            second.reason = (f"trafilatura kept {len(first.text)} characters of {len(second.text)}, "
                             f"{_prose(article)} of {_prose(other)} in sentences: a fragment")
            yield second, other
            yield first, article
        else:
            yield first, article
            yield second, other
    else:
        yield first, article
        if second is not None:
            yield second, clean(second)
    yield from ((extraction, clean(extraction)) for extraction in extractions)


def _prose(article: Article | None) -> int:
    """Characters of the article's lines long enough to be sentences (not prices, buttons, spec rows)."""
    return _prose_lines(article.text) if article is not None else 0


def _prose_lines(text: str) -> int:
    return sum(len(line) for line in text.split("\n") if len(_WORDS.findall(line)) >= PROSE_WORDS)


def _parse_fast(html: str, utf8: bytes | None = None) -> HTMLTree | None:
    """The page parsed by resiliparse, from `utf8` (`html` encoded, which the page's digest
    needed already) when given: the parser reads UTF-8, and encoding a page of non-ASCII
    text again costs as much as hashing it several times (0.4 ms for 170 kB)."""
    try:
        return parse_fast(html) if utf8 is None else parse_fast_utf8(utf8)
    except Exception as exc:  # resiliparse raises its own parser errors on hopeless markup
        log.debug("resiliparse could not parse the page: %s", exc)
        return None


def _clean(extraction: Extraction, source: str | None, config: Config | None, provenance: Provenance) -> Article | None:
    """The text engine on an extraction; None when nothing with a word in it is left."""
    if extraction.path != "page":
        config = _main_text_config(config or _DEFAULT_CONFIG)
    article = clean_text(extraction.text, source=source, config=config, provenance=provenance)
    _drop_leading_title(article, extraction.text, extraction.metadata.get("title"))
    return article if _WORD.search(article.text) else None


@lru_cache(maxsize=32)
def _main_text_config(config: Config) -> Config:
    """`config` without the whole-page rules, for text an extractor already cut to the main content.

    The `page` rules find the story among a whole page's menus and link lists; on an
    extracted main text they take a documentation page's reference lists or a product's
    spec lines for the page's bottom (WCXB dev: product +3 points F1, service +2).
    """
    return Config(disable=config.disable | {_PAGE_FAMILY}, phrases=config.phrases, rules=config.rules)


def _merge_metadata(article: Article, meta: dict[str, str | None], url: str | None) -> None:
    """HTML metadata wins for the title (the body has no headline); fills the rest."""
    article.title = meta.get("title") or article.title
    article.byline = article.byline or meta.get("author")
    article.published = meta.get("date") or article.published  # the page's own date before one seen in its text
    article.publisher = article.publisher or meta.get("sitename")
    article.url = meta.get("url") or url or article.url
    article.language = article.language or meta.get("language")


def _declared(meta: dict[str, str | None]) -> dict[str, str] | None:
    """The page's own metadata for the provenance: non-empty fields, the canonical URL named so."""
    names = {"url": "canonical_url"}
    found = {names.get(k, k): v for k, v in meta.items() if v}
    return found or None


def _extraction_record(extraction: Extraction, tried: list[str]) -> dict[str, Any]:
    """What `article.extraction` says: the path that produced the text, and what it dropped."""
    meta = extraction.metadata
    return {
        "path": extraction.path,
        "tried": list(tried),
        "reason": extraction.reason,
        "extractor": extraction.extractor,
        "settings": extraction.settings,
        "pruned": dict(sorted(extraction.pruned.items())),
        "text_sha256": hashlib.sha256(extraction.text.encode("utf-8", errors="surrogatepass")).hexdigest(),
        "text_chars": len(extraction.text),
        "canonical_url": meta.get("url"),
        "sitename": meta.get("sitename"),
        "language": meta.get("language"),
        "description": meta.get("description"),
    }


def _drop_leading_title(article: Article, raw: str, title: str | None) -> None:
    """Move a headline the extractor left at the top of the body into the ledger.

    The text engine keeps a title-like first line in the text; for HTML the title
    lives in `article.title`, so a first paragraph repeating it is a removal.
    """
    if not title or not article.text:
        return
    first, sep, _ = article.text.partition("\n\n")
    if phrase_key(first) != phrase_key(title):
        return
    ledger = article.ledger
    head = [k for k in ledger.kept if k[2] < len(first)]
    start, end = head[0][0], head[-1][1]
    cut = len(first) + len(sep)
    inside = lambda pos: start <= pos < end  # noqa: E731 - a one-line predicate
    ledger.kept = [(s, e, t - cut) for s, e, t in ledger.kept if t >= len(first)]
    ledger.whitespace = [w for w in ledger.whitespace if not inside(w[0])]
    removals = [r for r in ledger.removals if not inside(r.start)]
    removals.append(Removal(start, end, _TITLE_RULE.id, _TITLE_RULE.reason, raw[start:end]))
    ledger.removals = sorted(removals, key=lambda r: r.start)
    article.removals = ledger.removals
    article.text = article.text[cut:]
