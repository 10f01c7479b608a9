"""The fast HTML path (`extractor="fast"`): resiliparse's main content, checked against the page's prose.

resiliparse decides element by element from tag names and class/id words, in native
code, and drops a whole subtree when one of its containers matches a clutter word: a
story wrapped in `<article class="newsletter-post">` ("newsletter" is a sign-up box
word), in `class="entry-meta-wrap"` (post meta) or in a forum's `class="comment"` list
comes out as a few lines of chrome. A cheap pre-pass over resiliparse's own DOM finds
the page's densest run of paragraphs (the way readability scores `<p>` parents) and
checks that the extracted text contains it; when it does not, the same page is
extracted again with the comment and post-meta rules off, then with the class words of
the story's ancestors removed, and the first text that holds the story wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from resiliparse.parse.html import HTMLTree

from .html_extract import RESILIPARSE, Extraction, plain_text
from .html_metadata import Metadata

# Bullets and alt texts are not prose; comments and post meta (dates, "by" lines) are not the story.
FAST_SETTINGS: dict[str, Any] = {
    "main_content": True, "preserve_formatting": True, "list_bullets": False, "alt_texts": False,
    "comments": False, "post_meta": False,
}
# The second try when the story is missing: a forum's posts are "comments", a blog's body may sit in "post meta".
LENIENT_SETTINGS: dict[str, Any] = {**FAST_SETTINGS, "comments": True, "post_meta": True}
PROSE_TAGS = "p, pre"
PROSE_MIN = 25  # characters: a shorter <p> is a label or a button, not prose (readability's cut)
SNIPPET_MIN = 80  # characters: paragraphs this long are the story's evidence
SNIPPETS = 3  # the longest paragraphs of the densest container, looked for in the text
SNIPPET_CHARS = 40
# Only a main text shorter than this is checked for the story: a misfired class rule leaves a few
# lines of chrome. On longer texts the retries picked the better text no more often than the worse
# (WCXB dev), and the check would cost every page its paragraph scan.
CHECKED_BELOW = 2000
# ... and only when it is under this share of the densest paragraphs' text: a short story above a
# longer comment thread, which resiliparse rightly dropped, is not retried.
MISSED_SHARE = 0.5
# The attributes resiliparse reads to drop an element (class and id words, hidden, ARIA, rel, itemprop).
_DROP_ATTRIBUTES = ("class", "id", "hidden", "aria-hidden", "aria-expanded", "style", "itemprop", "rel")
_TOP = frozenset({"body", "html"})
_SPACES = re.compile(r"\s+")


@dataclass
class Story:
    """The container holding the page's densest paragraphs, and snippets of its longest ones."""

    node: Any  # a resiliparse element node
    snippets: list[str]
    chars: float  # its score: its paragraphs' characters (a grandchild paragraph's half)


def parse_fast(html: str) -> HTMLTree:
    """The page parsed by resiliparse (lexbor), for the extraction and the metadata's DOM queries."""
    return HTMLTree.parse(html)


def parse_fast_utf8(data: bytes) -> HTMLTree:
    """`parse_fast` of a page given as its UTF-8 bytes (what `HTMLTree.parse` encodes a text to)."""
    return HTMLTree.parse_from_bytes(data, "utf-8")


def find_story(tree: HTMLTree) -> Story | None:
    """The element whose paragraphs hold the most text (readability's scoring).

    A paragraph counts in full for its parent and half for its grandparent, so a
    story split into sections still scores at the element that holds them all.

    None when the page has no paragraph long enough to be the story's evidence.
    """
    body = tree.body
    if body is None:
        return None
    scores: dict[Any, float] = {}
    texts: dict[Any, list[str]] = {}
    # values(): one list in native code; indexing or iterating the NodeList runs a query per item.
    for p in body.query_selector_all(PROSE_TAGS).values():
        text = " ".join((p.text or "").split())
        parent = p.parent
        if len(text) < PROSE_MIN or parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + len(text)
        texts.setdefault(parent, []).append(text)
        grand = parent.parent
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + len(text) / 2
            texts.setdefault(grand, []).append(text)
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    longest = sorted((t for t in texts[best] if len(t) >= SNIPPET_MIN), key=len, reverse=True)[:SNIPPETS]
    if not longest:
        return None
    return Story(best, [_middle(t) for t in longest], scores[best])


def _middle(text: str) -> str:
    """A snippet from the middle of a paragraph: its edges may hold inline clutter (a date, a byline link)."""
    start = max(0, len(text) // 2 - SNIPPET_CHARS // 2)
    return text[start:start + SNIPPET_CHARS].strip()


def covers(text: str, story: Story) -> bool:
    """Whether `text` holds most of the story's snippets."""
    flat = _SPACES.sub(" ", text)
    found = sum(1 for s in story.snippets if s in flat)
    return 2 * found > len(story.snippets)


def unmark_ancestors(node: Any) -> None:
    """Remove the attributes resiliparse drops elements by from the story's containers.

    The story's own element keeps its attributes (a comment list stays a comment list),
    so only a false match on a wrapper (`newsletter-post`, `entry-meta-wrap`) is undone.
    """
    el = node.parent
    while el is not None and el.tag not in _TOP:
        for name in _DROP_ATTRIBUTES:
            if el.hasattr(name):
                el.delattr(name)
        if el.getattr("role") not in (None, "main"):
            el.delattr("role")
        el = el.parent


def extract_fast(tree: HTMLTree, metadata: Metadata) -> Extraction | None:
    """resiliparse's main content of `tree`, retried when it misses the page's densest paragraphs.

    Only short texts are checked, and each retry runs only on pages that fail the check.
    `tree` may be changed (attributes removed).
    """
    text = plain_text(tree, FAST_SETTINGS)
    if len(text) >= CHECKED_BELOW:
        return _extraction(text, metadata, FAST_SETTINGS, "")
    story = find_story(tree)
    if story is None or len(text) >= MISSED_SHARE * story.chars or covers(text, story):
        return _extraction(text, metadata, FAST_SETTINGS, "")
    lenient = plain_text(tree, LENIENT_SETTINGS)
    if covers(lenient, story):
        return _extraction(lenient, metadata, LENIENT_SETTINGS, "the main content missed the densest paragraphs")
    unmark_ancestors(story.node)
    again = plain_text(tree, FAST_SETTINGS)
    if covers(again, story):
        reason = "the main content missed the densest paragraphs; their containers' class words were ignored"
        return _extraction(again, metadata, {**FAST_SETTINGS, "unmarked_ancestors": True}, reason)
    return _extraction(text, metadata, FAST_SETTINGS, "")


def _extraction(text: str, metadata: Metadata, settings: dict[str, Any], reason: str) -> Extraction | None:
    if not text:
        return None
    return Extraction(text, metadata, "resiliparse", RESILIPARSE, dict(settings), reason=reason)
