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

import re
from importlib.metadata import version
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

import trafilatura
from lxml.html import HtmlElement
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from .html_metadata import Metadata
from .html_prune import prune

TRAFILATURA = f"trafilatura {trafilatura.__version__}"
RESILIPARSE = f"resiliparse {version('resiliparse')}"
# fast: trafilatura skips its own readability/jusText comparison: the resiliparse path below
# rescues what it misses, at half the cost (same F1 on a dev sample, 2x the pages per second).
# with_metadata off: html_metadata reads it for every path; output_format "txt": body_text reads
# trafilatura's tree, so its own text rendering ("python" format) would be thrown away.
TRAFILATURA_SETTINGS: dict[str, Any] = {
    "include_comments": False, "include_tables": True, "with_metadata": False, "fast": True,
    "output_format": "txt",
}
# Bullets and alt texts are not prose; comments and post meta (dates, "by" lines) are not the story.
RESILIPARSE_SETTINGS: dict[str, Any] = {
    "main_content": True, "preserve_formatting": True, "list_bullets": False, "alt_texts": False,
    "comments": False, "post_meta": False,
}
PAGE_SETTINGS: dict[str, Any] = {"preserve_formatting": True, "list_bullets": False, "alt_texts": False}
_SPACES = re.compile(r"\s+")
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "div", "section"})
# A fast-mode text shorter than this is rechecked with trafilatura's fallbacks (WCXB dev: product
# pages +1.6 points F1, listings +1.4, at the cost of a second extraction on a few pages in a hundred).
SHORT_TEXT = 500
_PROSE = frozenset({"p", "head", "item"})
_PROSE_BLOCKS = _BLOCKS - {"code"}
# Runs of three or more: a run of two is already what it becomes (resiliparse ends every
# block with one; replacing each with itself: 0.20 -> 0.15 ms an extraction on the dev pages).
_BLANK_RUNS = re.compile(r"\n{3,}")


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
    # <code> in a paragraph, heading or list item is inline code ("returns an <code>Ok</code>"):
    # made a block of its own it would cut the sentence into lines the text rules misread.
    blocks = _PROSE_BLOCKS if el.tag in _PROSE else _BLOCKS
    if not any(child.tag in blocks for child in el):
        yield _inline(el)
        return
    yield _SPACES.sub(" ", el.text or "")
    for child in el:
        yield from _paragraphs(child) if child.tag in blocks else [_inline(child)]
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


def extract_trafilatura(html: str, metadata: Metadata, url: str | None = None) -> Extraction | None:
    """Prune the page, then let trafilatura extract the main text (None: no text).

    The metadata comes from `html_metadata`, read once for every path: trafilatura's
    own (htmldate, dateparser) cost as much as its extraction. When fast mode keeps
    almost nothing (a shop page's description, a landing page), trafilatura runs again
    with its readability/jusText fallbacks, which only such pages pay for.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    pruned = prune(tree)
    settings = dict(TRAFILATURA_SETTINGS)
    text = _trafilatura_text(tree, url, settings)  # bare_extraction copies the tree: it stays as pruned
    reason = ""
    if len(text) < SHORT_TEXT:
        settings["fast"] = False
        slow = _trafilatura_text(tree, url, settings)
        if len(slow) > len(text):
            reason = f"fast mode kept {len(text)} characters, the fallbacks {len(slow)}"
            text = slow
        else:
            settings["fast"] = True
    if not text:
        return None
    return Extraction(text, metadata, "trafilatura", TRAFILATURA, settings, pruned, reason)


def _trafilatura_text(tree: HtmlElement, url: str | None, settings: dict[str, Any]) -> str:
    doc = trafilatura.bare_extraction(tree, url=url, **settings)
    if doc is None or isinstance(doc, dict):  # a dict only with as_dict=True, which is not asked for
        return ""
    return body_text(doc.body) if doc.body is not None else ""


# ---------------------------------------------------------------- resiliparse


def plain_text(tree: HTMLTree, settings: dict[str, Any]) -> str:
    """resiliparse's text with blank-line runs made single blank lines."""
    text = extract_plain_text(tree, **settings)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def extract_resiliparse(tree: HTMLTree, metadata: Metadata) -> Extraction | None:
    """resiliparse's main content of the page parsed as `tree` (None: nothing found)."""
    text = plain_text(tree, RESILIPARSE_SETTINGS)
    if not text:
        return None
    return Extraction(text, metadata, "resiliparse", RESILIPARSE, dict(RESILIPARSE_SETTINGS))


def extract_page(tree: HTMLTree, metadata: Metadata) -> Extraction | None:
    """All the visible text of the page parsed as `tree`, for the whole-page text engine."""
    text = plain_text(tree, PAGE_SETTINGS)
    if not text:
        return None
    return Extraction(text, metadata, "page", RESILIPARSE, dict(PAGE_SETTINGS))
