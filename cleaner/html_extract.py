"""Stage 2 of the HTML path: find a page's main text and metadata.

Three extractors, tried in order by `clean_html` until one yields text:

- "trafilatura": the DOM is pruned (`html_prune`), then trafilatura extracts the
  main text and its metadata. The most accurate, and the slowest.
- "resiliparse": resiliparse's main-content heuristics in native code, with
  cheap metadata read from the page head; many times faster.
- "page": all the page's visible text, for the whole-page text engine to clean;
  used when no main-content extractor finds anything.
"""
from __future__ import annotations

import json
import re
from html import unescape
from importlib.metadata import version
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

import trafilatura
from lxml.html import HtmlElement
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from .html_prune import prune

TRAFILATURA = f"trafilatura {trafilatura.__version__}"
RESILIPARSE = f"resiliparse {version('resiliparse')}"
# fast: trafilatura skips its own readability/jusText comparison: the resiliparse path below
# rescues what it misses, at half the cost (same F1 on a dev sample, 2x the pages per second).
TRAFILATURA_SETTINGS: dict[str, Any] = {
    "include_comments": False, "include_tables": True, "with_metadata": True, "fast": True,
}
# Bullets and alt texts are not prose; comments and post meta (dates, "by" lines) are not the story.
RESILIPARSE_SETTINGS: dict[str, Any] = {
    "main_content": True, "preserve_formatting": True, "list_bullets": False, "alt_texts": False,
    "comments": False, "post_meta": False,
}
PAGE_SETTINGS: dict[str, Any] = {"preserve_formatting": True, "list_bullets": False, "alt_texts": False}
_SPACES = re.compile(r"\s+")
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "div", "section"})
_BLANK_RUNS = re.compile(r"\n{2,}")

Metadata = dict[str, "str | None"]


@dataclass
class Extraction:
    """What an extractor produced: the text, metadata, what it pruned and how."""

    text: str
    metadata: Metadata
    path: str  # "trafilatura", "resiliparse" or "page"
    extractor: str
    settings: dict[str, Any]
    pruned: Counter[str] = field(default_factory=Counter)
    reason: str = ""  # why this path was chosen over a better-ranked one, if it was


# ---------------------------------------------------------------- trafilatura


def _language(tree: HtmlElement) -> str | None:
    """The page's declared language: <html lang>, else content-language or og:locale."""
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        for meta in tree.iterfind(".//head/meta"):
            key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
            if key in ("content-language", "og:locale", "language"):
                lang = meta.get("content")
                break
    return _short_language(lang)


def _short_language(lang: str | None) -> str | None:
    lang = (lang or "").strip().replace("_", "-").split(",")[0]
    return lang.split("-")[0].lower() or None


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


def extract_trafilatura(html: str, url: str | None = None) -> Extraction | None:
    """Prune the page, then let trafilatura extract main text and metadata (None: no text)."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    language = _language(tree)
    pruned = prune(tree)
    doc = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_SETTINGS)
    if doc is None or isinstance(doc, dict):  # a dict only with as_dict=True, which is not asked for
        return None
    text = body_text(doc.body) if doc.body is not None else ""
    if not text:
        return None
    metadata = {
        "title": doc.title, "author": doc.author, "date": doc.date, "sitename": doc.sitename,
        "url": doc.url, "language": language, "description": doc.description,
    }
    return Extraction(text, metadata, "trafilatura", TRAFILATURA, dict(TRAFILATURA_SETTINGS), pruned)


# ---------------------------------------------------------------- resiliparse

# <meta> keys (name, property or itemprop, lower-cased) for each field, best first.
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"),
    "date": ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
             "publish-date", "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date"),
    "sitename": ("og:site_name", "application-name", "publisher"),
    "url": ("og:url",),
    "description": ("description", "og:description", "twitter:description"),
    "language": ("content-language", "og:locale", "language", "dc.language"),
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The head is read with regular expressions over the markup: resiliparse's DOM API costs
# a Python object per node visited, more than the main-content extraction itself.
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_HEAD_TAG = re.compile(r"<(meta|link)\s([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TITLE_TAG = re.compile(r"<title[^>]*>([^<]*)</title", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html\s[^>]*?\blang\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_TIME_TAG = re.compile(r"""<time\s[^>]*?\bdatetime\s*=\s*["']?([^"'>\s]+)""", re.IGNORECASE)
_LD_JSON = re.compile(r"""<script[^>]*application/ld\+json[^>]*>(.*?)</script""", re.IGNORECASE | re.DOTALL)
_HEAD_LIMIT = 200_000  # a head longer than this is inline scripts; stop looking


def _attributes(tag: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(tag):
        attrs.setdefault(m.group(1).lower(), unescape(next(g for g in m.groups()[1:] if g is not None)))
    return attrs


def _head_values(head: str) -> dict[str, str]:
    """The first value of every <meta> key, and <link rel=canonical>, in the page's head."""
    values: dict[str, str] = {}
    for m in _HEAD_TAG.finditer(head):
        attrs = _attributes(m.group(2))
        if m.group(1).lower() == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                values.setdefault("canonical", attrs["href"].strip())
            continue
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv") or "")
        content = " ".join(attrs.get("content", "").split())
        if key.strip() and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD value (lists and @graph flattened, one level)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            yield item
            yield from (g for g in item.get("@graph", []) if isinstance(g, dict))


def _ld_name(value: Any) -> str | None:
    """A schema.org author or publisher: a string, an object with a name, or a list of those."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _json_ld(html: str) -> dict[str, str]:
    """Headline, author, date and publisher from the page's schema.org JSON-LD, if any.

    News sites put the story's metadata there (Google reads it), often with more
    care than in <meta> tags; trafilatura reads it first too.
    """
    found: dict[str, str] = {}
    for block in _LD_JSON.finditer(html):
        try:
            data = json.loads(block.group(1))
        except ValueError:
            continue
        for obj in _ld_objects(data):
            for key, value in (("headline", obj.get("headline")), ("author", _ld_name(obj.get("author"))),
                               ("date", obj.get("datePublished")), ("publisher", _ld_name(obj.get("publisher")))):
                if isinstance(value, str) and value.strip():
                    found.setdefault(key, " ".join(value.split()))
    return found


def _first(values: dict[str, str], field_name: str) -> str | None:
    return next((values[k] for k in _META_KEYS[field_name] if values.get(k)), None)


def head_metadata(html: str, url: str | None) -> Metadata:
    """Title, author, date, site name, canonical URL and language from the page's markup."""
    end = _HEAD_END.search(html, 0, _HEAD_LIMIT)
    head = html[: end.start() if end else _HEAD_LIMIT]
    values = _head_values(head)
    ld = _json_ld(html)
    title_tag = _TITLE_TAG.search(head)
    title = _first(values, "title") or (" ".join(unescape(title_tag.group(1)).split()) if title_tag else None)
    author = ld.get("author") or _first(values, "author")
    if author and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile URL, not a name
    date = ld.get("date") or _first(values, "date")
    if date is None:
        time = _TIME_TAG.search(html)
        date = time.group(1) if time else None
    found = _ISO_DATE.search(date or "")
    lang = _HTML_LANG.search(head)
    return {
        "title": title or None, "author": author, "date": found.group(0) if found else None,
        "sitename": _first(values, "sitename") or ld.get("publisher"),
        "url": values.get("canonical") or _first(values, "url") or url,
        "language": _short_language(lang.group(1) if lang else _first(values, "language")),
        "description": _first(values, "description"),
    }


def _plain_text(tree: HTMLTree, settings: dict[str, Any]) -> str:
    """resiliparse's text with blank-line runs made single blank lines."""
    text = extract_plain_text(tree, **settings)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def parse_fast(html: str) -> HTMLTree:
    return HTMLTree.parse(html)


def extract_resiliparse(tree: HTMLTree, html: str, url: str | None,
                        metadata: Metadata | None = None) -> Extraction | None:
    """resiliparse's main content of the page parsed as `tree` (None: nothing found)."""
    text = _plain_text(tree, RESILIPARSE_SETTINGS)
    if not text:
        return None
    meta = metadata or head_metadata(html, url)
    return Extraction(text, meta, "resiliparse", RESILIPARSE, dict(RESILIPARSE_SETTINGS))


def extract_page(tree: HTMLTree, html: str, url: str | None, metadata: Metadata | None = None) -> Extraction | None:
    """All the visible text of the page parsed as `tree`, for the whole-page text engine."""
    text = _plain_text(tree, PAGE_SETTINGS)
    if not text:
        return None
    meta = metadata or head_metadata(html, url)
    return Extraction(text, meta, "page", RESILIPARSE, dict(PAGE_SETTINGS))
