"""HTML pages in, cleaned `Article` out: prune the DOM, extract, then clean the text.

Three stages, each doing what it is best at:

1. Structure: elements the markup marks as clutter (figures and captions, `aside`,
   hidden elements, containers whose class/id says gallery, newsletter, related,
   share, promo or ad, link-only lists) are pruned from the DOM, so no text-level
   guess is needed for them. A guard keeps any container holding most of the
   page's text: a class like "has-gallery" on the story wrapper must not drop it.
2. Extraction: trafilatura finds the main text and the metadata in what is left.
3. Text: the plain-text engine removes residual clutter from the extracted text.

The Article's ledger accounts for the *extracted* text (its sha256 is in
`article.extraction`); what stage 1 and 2 dropped is summarised in `extraction`.
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

import trafilatura
from lxml.html import HtmlElement

from .config import Config
from .engine import clean_text
from .model import Article, Ledger, Provenance, Removal
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

EXTRACTOR = f"trafilatura {trafilatura.__version__}"
EXTRACTOR_SETTINGS: dict[str, Any] = {"include_comments": False, "include_tables": True, "with_metadata": True}

# Class/id words that name clutter, by reason. Exact tokens, then word prefixes.
_CLUTTER_WORDS: dict[str, tuple[str, ...]] = {
    "gallery": ("gallery", "slideshow", "carousel", "lightbox", "slider"),
    "caption": ("caption", "figcaption", "credit", "credits"),
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "optin"),
    "related": ("related", "recommended", "recommendations", "outbrain", "taboola", "trending",
                "popular", "readmore", "readnext", "morestories", "recirc", "recirculation"),
    "share": ("share", "sharing", "sharebar", "sharetools", "social", "socials", "sharethis", "addthis"),
    "promo": ("promo", "promoted", "promotion", "sponsor", "sponsored", "partner", "affiliate"),
    "ad": ("ad", "ads", "adv", "advert", "advertisement", "adslot", "adunit", "adcontainer", "dfp", "banner"),
}
_CLUTTER_PREFIXES: dict[str, tuple[str, ...]] = {
    "gallery": ("gallery", "slideshow", "carousel"),
    "newsletter": ("newsletter", "subscri"),
    "related": ("related", "recommend"),
    "share": ("share", "social"),
    "promo": ("promo", "sponsor"),
    "ad": ("advert",),
}
_FLAG_WORDS = frozenset({"has", "enable", "enabled", "with", "no", "is", "js", "show", "hide"})
_TAXONOMY_WORDS = frozenset({"category", "tag", "cat", "tags", "topic", "section", "format"})
_SPACES = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "div", "section"})
_MEDIA = {"img", "picture", "video", "iframe", "svg", "audio", "object", "embed"}
_NEVER_PRUNE = {"html", "body", "head", "title", "meta", "link"}
# A candidate holding more than this share of the page's text is the story, not clutter.
_MAX_SHARE = 0.4
_MAX_PROSE_SHARE = 0.3
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


class NoMainTextError(InputError):
    """An HTML page where extraction found no main text."""


@dataclass
class Extraction:
    """What stages 1 and 2 produced: the extracted text, metadata and what was pruned."""

    text: str
    metadata: dict[str, str | None]
    pruned: Counter[str] = field(default_factory=Counter)


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


# ---------------------------------------------------------------- pruning


def _class_names(el: HtmlElement) -> list[list[str]]:
    """The words of each class name and of the id ("shareBar" -> ["share", "bar"])."""
    names = f"{el.get('class', '')} {el.get('id', '')}".split()
    return [[w for w in _TOKEN_SPLIT.split(_CAMEL.sub(" ", n).lower()) if w] for n in names]


def _names_role(words: list[str]) -> bool:
    """Whether a class name names the element's role, not a flag or a taxonomy term.

    "has-gallery", "enable-lightbox" (flags on the story wrapper) and WordPress's
    "category-slider", "tag-ads" (the post's topics) say nothing about the element.
    """
    return bool(words) and not _FLAG_WORDS.intersection(words) and words[0] not in _TAXONOMY_WORDS


def _named_reason(el: HtmlElement) -> str | None:
    tokens = {w for words in _class_names(el) if _names_role(words) for w in words}
    for reason, exact in _CLUTTER_WORDS.items():
        if tokens.intersection(exact):
            return reason
    for reason, prefixes in _CLUTTER_PREFIXES.items():
        if any(t.startswith(prefixes) for t in tokens):
            return reason
    return None


def _is_hidden(el: HtmlElement) -> bool:
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden", "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style", "")))
    )


def _is_link_list(el: HtmlElement) -> bool:
    """A list whose items are all short links: related stories, tags, navigation."""
    items = [li for li in el if isinstance(li.tag, str) and li.tag == "li"]
    if len(items) < 3:
        return False
    text = _text_len(el)
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return text > 0 and linked / text >= 0.9 and all(li.find(".//a") is not None for li in items)


def _reason(el: HtmlElement) -> str | None:
    """Why the markup says `el` is clutter, or None."""
    tag = el.tag
    if tag in _NEVER_PRUNE:
        return None
    if _is_hidden(el):
        return "hidden"
    if tag == "figcaption":
        return "caption"
    if tag == "figure" and any(d.tag in _MEDIA for d in el.iter() if isinstance(d.tag, str)):
        return "figure"
    if tag == "aside" or el.get("role") == "complementary":
        return "aside"
    if tag in ("ul", "ol") and _is_link_list(el):
        return "link_list"
    return _named_reason(el)


def _text_len(el: HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def _drop(el: HtmlElement) -> None:
    """Remove `el` but keep its tail text (which belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _prose_len(el: HtmlElement) -> int:
    """Characters of paragraph text under `el`: the story lives in <p>s."""
    return sum(_text_len(p) for p in el.iter("p"))


class _Guard:
    """Refuses to prune a candidate that holds much of the page's text or prose."""

    def __init__(self, tree: HtmlElement) -> None:
        body = tree.find("body")
        root = body if body is not None else tree
        self.text = _text_len(root)
        self.prose = _prose_len(root)

    def holds_story(self, el: HtmlElement) -> bool:
        if self.text > 500 and _text_len(el) > _MAX_SHARE * self.text:
            return True
        return self.prose > 300 and _prose_len(el) > _MAX_PROSE_SHARE * self.prose


def prune(tree: HtmlElement) -> Counter[str]:
    """Remove structural clutter from `tree` in place; counts of pruned elements by reason."""
    guard = _Guard(tree)
    pruned: Counter[str] = Counter()
    doomed: list[HtmlElement] = []
    gone: set[HtmlElement] = set()
    for el in tree.iter():
        if not isinstance(el.tag, str) or any(a in gone for a in el.iterancestors()):
            continue
        reason = _reason(el)
        if reason is None:
            continue
        if guard.holds_story(el):
            pruned["kept_large_" + reason] += 1
            continue
        gone.add(el)
        doomed.append(el)
        pruned[reason] += 1
    for el in doomed:
        _drop(el)
    return pruned


# ---------------------------------------------------------------- extraction


def _language(tree: HtmlElement) -> str | None:
    """The page's declared language: <html lang>, else content-language or og:locale."""
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        for meta in tree.iterfind(".//head/meta"):
            key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language"):
                lang = meta.get("content")
                break
    lang = (lang or "").strip().replace("_", "-").split(",")[0]
    return lang.split("-")[0].lower() if lang else None


def _inline(el: HtmlElement) -> str:
    """An element's text on one line per <lb/>; source line wrapping becomes spaces."""
    parts = [_SPACES.sub(" ", el.text or "")]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "cell":
            parts.append(f" {_inline(child)} ")
        else:
            parts.append(_inline(child))
        parts.append(_SPACES.sub(" ", child.tail or ""))
    return "".join(parts)


def _paragraphs(el: HtmlElement) -> Iterator[str]:
    """One string per block of trafilatura's output tree, in order."""
    if not any(child.tag in _BLOCKS for child in el):
        yield _inline(el)
        return
    yield _SPACES.sub(" ", el.text or "")
    for child in el:
        yield from _paragraphs(child) if child.tag in _BLOCKS else [_inline(child)]
        yield _SPACES.sub(" ", child.tail or "")


def body_text(body: HtmlElement) -> str:
    """The extracted text: blocks separated by a blank line, source line wrapping undone.

    trafilatura's own text keeps the page source's line breaks inside paragraphs,
    which the line-based text engine would read as separate lines.
    """
    blocks = []
    for block in _paragraphs(body):
        lines = (" ".join(line.split()) for line in block.split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def extract(html: str, url: str | None = None) -> Extraction | None:
    """Prune the page, then let trafilatura extract main text and metadata (None: no text)."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    language = _language(tree)
    pruned = prune(tree)
    doc = trafilatura.bare_extraction(tree, url=url, **EXTRACTOR_SETTINGS)
    text = body_text(doc.body) if doc is not None and doc.body is not None else ""
    if not text:
        return None
    metadata = {
        "title": doc.title, "author": doc.author, "date": doc.date, "sitename": doc.sitename,
        "url": doc.url, "language": language, "description": doc.description,
    }
    return Extraction(text=text, metadata=metadata, pruned=pruned)


# ---------------------------------------------------------------- cleaning


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    config: Config | None = None,
    content_type: str | None = None,
) -> Article:
    """Clean one HTML page. Raises InputError (NoMainTextError, EmptyInputError, ...)."""
    name = source or url or "<html>"
    if isinstance(html, bytes):
        data = html
        text, encoding, errors = decode_html(data, name, content_type)
    else:
        text, encoding, errors = html, "utf-8", 0
        data = html.encode("utf-8", errors="surrogatepass")
    if not text.strip():
        raise EmptyInputError(f"{name}: empty file (no HTML to clean)")
    extraction = extract(text, url)
    if extraction is None:
        raise NoMainTextError(f"{name}: no main text found")
    provenance = Provenance(
        source=source, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        encoding=encoding, url=url, decode_errors=errors,
    )
    article = clean_text(extraction.text, source=source, config=config, provenance=provenance)
    meta = extraction.metadata
    _drop_leading_title(article, extraction.text, meta.get("title"))
    if not article.text:
        raise NoMainTextError(f"{name}: no main text found (the extracted text was all clutter)")
    _merge_metadata(article, meta, url)
    article.extraction = _extraction_record(extraction)
    return article


def _merge_metadata(article: Article, meta: dict[str, str | None], url: str | None) -> None:
    """HTML metadata wins for the title (the body has no headline); fills the rest."""
    article.title = meta.get("title") or article.title
    article.byline = article.byline or meta.get("author")
    article.published = article.published or meta.get("date")
    article.publisher = article.publisher or meta.get("sitename")
    article.url = meta.get("url") or url or article.url
    article.language = article.language or meta.get("language")


def _extraction_record(extraction: Extraction) -> dict[str, Any]:
    return {
        "extractor": EXTRACTOR,
        "settings": dict(EXTRACTOR_SETTINGS),
        "pruned": dict(sorted(extraction.pruned.items())),
        "text_sha256": hashlib.sha256(extraction.text.encode("utf-8", errors="surrogatepass")).hexdigest(),
        "text_chars": len(extraction.text),
        "canonical_url": extraction.metadata.get("url"),
        "description": extraction.metadata.get("description"),
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
