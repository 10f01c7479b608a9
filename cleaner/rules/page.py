"""Whole pages: find the story among menus, link lists, sidebars and footers.

A whole page's visible text (Common Crawl WET, a page rendered to text) holds the
story between zones of navigation: menus, breadcrumbs, "Most read" lists, cookie
notices, footers with legal and contact links. Judged line by line, each menu item
is a short heading and is kept; judged as zones and runs, as jusText's
context-sensitive stage does, a run of short link-like lines far from the dense
prose is navigation.

The pass, linear in the number of lines:

1. each line gets a shape: `good` (prose: a sentence of some length), `bad` (a line
   rule's clutter, or link-like: a few words without sentence punctuation, a list
   bullet on a short item, " | "-separated items) or `short` (anything else);
2. good lines form prose blocks: a block ends where a run of link-like lines
   (a menu) separates it from the next good line;
3. the blocks with most prose words are the page's main text: the densest block and
   those with a good share of its words, plus what lies between them;
4. the zones outside the main text are navigation when they look like it (a run of
   link-like lines, or mostly link-like lines): their lines are removed, except the
   heading directly above the main text. A zone without such a run is left alone,
   so an article's own head (title, byline) and tail are not touched here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..segment import Line
from .base import ContextRule, Document

GOOD, SHORT, BAD = "good", "short", "bad"

# Prose: this many words and a sentence end, or so many words that it is prose anyway.
GOOD_MIN_WORDS = 10
GOOD_ANY_WORDS = 25
# Link-like: at most this many words and no sentence punctuation at the end.
LINK_MAX_WORDS = 5
# A bulleted item at most this long without sentence punctuation is a link, too.
BULLET_MAX_WORDS = 10
# A run of this many link-like lines (a menu) splits prose blocks and marks a zone as navigation.
MENU_RUN = 4
# Blocks with at least this share of the densest block's prose words are main text too.
MAIN_SHARE = 0.2
# Lines kept directly above the main text: its heading (and a byline or dateline).
HEADING_LINES = 2

_SENTENCE_END = ".!?\"”’'…»)。！？"
_BULLET = re.compile(r"^(?:[*+•·▪●◦‣-]|\d{1,2}[.)])\s")
_SEPARATORS = re.compile(r"\s[|•·/]\s")


def shape(line: Line) -> str:
    """Context-free shape of a line for the page pass: good, short or bad."""
    if line.label == "clutter":
        return BAD
    words, last = line.words, line.norm[-1]
    if len(_SEPARATORS.findall(line.norm, 0, 400)) >= 2 and last not in _SENTENCE_END:
        return BAD
    if words >= GOOD_ANY_WORDS or (words >= GOOD_MIN_WORDS and last in _SENTENCE_END):
        return GOOD
    if last in _SENTENCE_END and words > 2:
        return SHORT
    if words <= LINK_MAX_WORDS or (words <= BULLET_MAX_WORDS and _BULLET.match(line.norm)):
        return BAD
    return SHORT


@dataclass
class Block:
    """A run of lines from one good line to the last good line before a menu run."""

    first: int
    last: int
    words: int


def prose_blocks(shapes: list[str], lines: list[Line]) -> list[Block]:
    """Good lines grouped into blocks; MENU_RUN link-like lines in a row end a block."""
    blocks: list[Block] = []
    current: Block | None = None
    bad_run = 0
    for idx, kind in enumerate(shapes):
        if kind == GOOD:
            if current is None or bad_run >= MENU_RUN:
                current = Block(idx, idx, 0)
                blocks.append(current)
            current.last = idx
            current.words += lines[idx].words
            bad_run = 0
        elif kind == BAD:
            bad_run += 1
        # a short line neither extends nor breaks a run of link-like lines
    return blocks


def main_span(blocks: list[Block]) -> tuple[int, int] | None:
    """(first, last) line of the main text: the densest block and its strong peers."""
    if not blocks:
        return None
    best = max(b.words for b in blocks)
    strong = [b for b in blocks if b.words >= MAIN_SHARE * best]
    return strong[0].first, strong[-1].last


def menu_runs(shapes: list[str], lines: list[Line], lo: int, hi: int) -> list[tuple[int, int]]:
    """(first, last) of each menu run in lines lo..hi-1.

    A run is MENU_RUN or more link-like lines with no prose line among them (a short
    line neither breaks nor extends it). At least half of its link-like lines must be
    left by the line rules: a run of their clutter (an article's tag list, share bar,
    copyright) is already handled and says nothing about a page.
    """
    runs: list[tuple[int, int]] = []
    start, bad, fresh, last_bad = -1, 0, 0, -1
    for idx in range(lo, hi + 1):
        kind = shapes[idx] if idx < hi else GOOD  # a sentinel closes the last run
        if kind == BAD:
            if bad == 0:
                start = idx
            bad += 1
            fresh += lines[idx].label != "clutter"
            last_bad = idx
        elif kind == GOOD:
            if bad >= MENU_RUN and fresh * 2 >= bad:
                runs.append((start, last_bad))
            bad = fresh = 0
    return runs


def _page(doc: Document, rule: ContextRule) -> None:
    lines = doc.lines
    if len(lines) < MENU_RUN:
        return
    shapes = [shape(line) for line in lines]
    span = main_span(prose_blocks(shapes, lines))
    if span is None:
        return
    first, last = span
    before = menu_runs(shapes, lines, 0, first)
    if before:  # the page's top up to its last menu; what follows holds the headline
        _mark(doc, rule, 0, before[-1][1] + 1)
    after = menu_runs(shapes, lines, last + 1, len(lines))
    if after:  # from the first menu after the story to the page's end
        _mark(doc, rule, after[0][0], len(lines))


def _mark(doc: Document, rule: ContextRule, lo: int, hi: int) -> None:
    for line in doc.lines[lo:hi]:
        if line.label != "clutter":
            doc.mark(line, rule)


PAGE = ContextRule(
    id="page.navigation",
    reason="navigation zone of a whole page (menus, link lists, sidebars, footer) outside the main text",
    apply=_page,
)

LINE_RULES = ()
CONTEXT_RULES = (PAGE,)
