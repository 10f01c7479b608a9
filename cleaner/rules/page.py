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
from functools import lru_cache

from ..segment import SENTENCE_END, Line
from .base import ContextRule, Document

GOOD, SHORT, BAD = "good", "short", "bad"

# Prose: this many words and a sentence end, or so many words that it is prose anyway.
GOOD_MIN_WORDS = 10
GOOD_ANY_WORDS = 25
# Link-like: no sentence punctuation at the end, and at most this many words, or
# at most LINK_MAX_WORDS most of them capitalised (a link label).
LINK_ANY_WORDS = 3
LINK_MAX_WORDS = 6
# A run of this many link-like lines (a menu) splits prose blocks and marks a zone as navigation.
MENU_RUN = 4
# In a menu run, other short lines number at most this many times its new link-like lines.
RUN_SHORTS = 2
# Blocks with at least this share of the densest block's prose words, or this many
# prose words, are main text too.
MAIN_SHARE = 0.2
MAIN_WORDS = 150
# Prose words above a menu that make it part of the story rather than the page's top.
TOP_PROSE = 80
# A zone is navigation only if it holds at most this many times the story's words.
ZONE_SHARE = 1.0
# Lines kept directly above the main text: its heading (and a byline or dateline).
HEADING_LINES = 2

_PUNCT = re.compile(r"[,.;:!?،、，。]\s")
_BULLET = re.compile(r"^(?:[*+•·▪●◦‣-]|\d{1,2}[.)])\s")
# Neither prose nor links: code and markup (documentation pages), facts ("Class Size: 930",
# "Location: Boston"), a figure in a phrase ("Ranks 4-10"), prices and figures ("$149+", "3.5%").
_NOT_LINK = re.compile(r"[{}=;<>]|\(\)|\w: \w|\w \d|\d \w|[$€£¥]\s?\d|\d\s?%|\d[.,]\d")
_SEPARATORS = re.compile(r"\s[|•·/]\s")


def shape(line: Line) -> str:
    """Context-free shape of a line for the page pass: good, short or bad."""
    if line.label == "clutter":
        return BAD
    kind = _remembered_shape(line.norm, line.words) if len(line.norm) <= _REMEMBERED_CHARS else \
        text_shape(line.norm, line.words)
    # A list the story announces is no menu, however short its items.
    return SHORT if kind == BAD and line.story else kind


# Pages repeat their short lines (menus, "Share", "Reply", dates) within and across
# pages, and the passes below ask a line's shape more than once: short lines' shapes
# are remembered by text (bounded by count and length; long lines are mostly unique).
_REMEMBERED_CHARS = 200


@lru_cache(maxsize=16384)
def _remembered_shape(norm: str, words: int) -> str:
    return text_shape(norm, words)


def text_shape(norm: str, words: int) -> str:
    """`shape` of a kept line from its text alone (normal form and word count)."""
    words -= _BULLET.match(norm) is not None and not norm[0].isdigit()
    ends = sentence_end(norm)
    if len(_SEPARATORS.findall(norm, 0, 400)) >= 2 and not ends:
        return BAD
    if words >= GOOD_MIN_WORDS and (ends or (words >= GOOD_ANY_WORDS and _PUNCT.search(norm, 0, 400))):
        return GOOD
    if words >= GOOD_ANY_WORDS:  # a long line without punctuation: a tag cloud, a run-in menu
        return BAD
    # A question in title case is a link label ("Got a News Tip?", "Need Help?").
    label = words <= LINK_MAX_WORDS and norm[-1] in "?!" and title_case(norm)
    if ends and words > 2 and not label or _NOT_LINK.search(norm) is not None:
        return SHORT
    if not any(ch.isalpha() for ch in norm[:40]):  # a number, a phone number: a fact
        return SHORT
    if words <= LINK_ANY_WORDS or (words <= LINK_MAX_WORDS and title_case(norm)):
        return BAD
    return SHORT


def sentence_end(norm: str) -> bool:
    """Ends as a sentence does; a closing bracket only after a full stop ("(113)" does not)."""
    last = norm[-1]
    if last in ")]":
        return norm[-2:-1] in SENTENCE_END and norm[-2:-1] not in ")]"
    return last in SENTENCE_END


def title_case(norm: str) -> bool:
    """Most words capitalised, as link labels are ("Press Releases", "Got a News Tip"),
    unlike the items of a list in the story ("Usable on many devices")."""
    alpha = [w for w in norm.split() if w[:1].isalpha()]
    caps = sum(1 for w in alpha if w[0].isupper())
    return bool(alpha) and caps * 3 >= len(alpha) * 2


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
    strong = [b for b in blocks if b.words >= min(MAIN_SHARE * best, MAIN_WORDS)]
    return strong[0].first, strong[-1].last


def menu_runs(shapes: list[str], lines: list[Line], lo: int, hi: int) -> list[tuple[int, int]]:
    """(first, last) of each menu run in lines lo..hi-1.

    A run is MENU_RUN or more link-like lines with no prose line among them (a short
    line neither breaks nor extends it). At least half of its link-like lines must be
    left by the line rules: a run of their clutter (an article's tag list, share bar,
    copyright) is already handled and says nothing about a page. And the other short
    lines in the run number at most RUN_SHORTS times those: a fact box ("VIP : 60,000
    won") is not a menu.
    """
    runs: list[tuple[int, int]] = []
    start, bad, fresh, short, last_bad = -1, 0, 0, 0, -1
    for idx in range(lo, hi + 1):
        kind = shapes[idx] if idx < hi else GOOD  # a sentinel closes the last run
        if kind == BAD:
            if bad == 0:
                start = idx
            bad += 1
            fresh += lines[idx].label != "clutter"
            last_bad = idx
        elif kind == SHORT:
            short += bad > 0
        else:
            if bad >= MENU_RUN and (fresh * 2 >= bad or fresh >= MENU_RUN - 1) and fresh * RUN_SHORTS >= short:
                runs.append((start, last_bad))
            bad = fresh = short = 0
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
    story = sum(ln.words for ln in lines[first : last + 1] if ln.label != "clutter")
    before = menu_runs(shapes, lines, 0, first)
    if before:  # the page's top up to its last menu; what follows holds the headline
        _mark_zone(doc, TOP, shapes, 0, _top_end(shapes, lines, before), story)
    after = menu_runs(shapes, lines, last + 1, len(lines))
    if after:  # from the first menu after the story to the page's end
        _mark_zone(doc, BOTTOM, shapes, after[0][0], len(lines), story)


def _mark_zone(doc: Document, rule: ContextRule, shapes: list[str], lo: int, hi: int, story: int) -> None:
    """Marks lines lo..hi-1 when the story outweighs what they hold besides links.

    A zone with more words than the story in lines that are not link-like is a
    listing's own items (offers, products, results), not a menu: when in doubt, keep.
    """
    zone = doc.lines[lo:hi]
    text = sum(ln.words for ln, kind in zip(zone, shapes[lo:hi]) if kind != BAD)
    if text > ZONE_SHARE * story:
        return
    for line in zone:
        if line.label != "clutter":
            doc.mark(line, rule)


def _top_end(shapes: list[str], lines: list[Line], runs: list[tuple[int, int]]) -> int:
    """End of the page's top: past the last menu run above which prose stays scarce.

    A little prose above a menu is a cookie notice or a teaser; TOP_PROSE words of it
    are the story split by a list, and the top ends at the menu before it.
    """
    end, prose, scanned = 0, 0, 0  # prose words above the current run; lines counted so far
    for first, last in runs:
        for idx in range(scanned, first):
            prose += lines[idx].words if shapes[idx] == GOOD else 0
        if prose >= TOP_PROSE:
            break
        end = last + 1
        scanned = first
    return end


PAGE = ContextRule(
    id="page.zones",
    reason="finds the main text of a whole page among its navigation zones",
    apply=_page,
)
TOP = ContextRule(id="page.top", reason="page top above the story: menus, breadcrumbs, notices up to the last menu")
BOTTOM = ContextRule(
    id="page.bottom", reason="page bottom below the story: from the first menu or link list to the end (sidebars, footer)"
)

LINE_RULES = ()


# Clutter that closes a story: related links, sign-up boxes, share and follow bars,
# comment forms, tags, footers, a trailing dateline. Captions, galleries and ads are
# not here: they stand inside stories as often as after them.
_END_FAMILIES = frozenset({"links", "newsletter", "social", "footer", "navigation"})
_END_RULES = frozenset({"head.tail_timestamp"})
# A closing line is a box's heading or a bar ("Related Articles", "Newsletter", "Share"),
# not a link in the story's run ("READ MORE: Will ChatGPT Eliminate the Essay?").
END_MAX_WORDS = 6
# The prose above the tail holds at least this many times the tail's kept words.
TAIL_SHARE = 2


def _ends_story(line: Line) -> bool:
    if line.label != "clutter" or not line.rule or line.words > END_MAX_WORDS:
        return False
    return _closing_rule(line.rule)


@lru_cache(maxsize=None)  # one entry per rule id
def _closing_rule(rule_id: str) -> bool:
    """A rule whose clutter closes a story (not a page rule's own verdict)."""
    return not rule_id.startswith("page.") and (rule_id in _END_RULES or rule_id.split(".", 1)[0] in _END_FAMILIES)


def _after_story(doc: Document, rule: ContextRule) -> None:
    """Below the clutter that closes the story, what it leaves is clutter too.

    Below an extracted story the clutter comes in units the line rules only half
    recognise: a related post is its title (removed), a date and a teaser (kept), a
    "Read more" (removed); an author box is a name and a line of bio; a sign-up box
    ends in a call to action. From the first short line of closing clutter
    (`_END_FAMILIES`) below which no two prose lines stand together (a story's own
    paragraphs do), the kept lines go, when the prose above outweighs them. One prose
    line alone down there stays: under a "Read more" box it is the story's last
    paragraph; a list of teasers has several.
    """
    lines = doc.lines
    start = _tail_start(lines)
    if start is None:
        return
    tail = [ln for ln in lines[start:] if ln.label != "clutter"]
    if not tail or not _prose_above(lines, start, sum(ln.words for ln in tail) * TAIL_SHARE):
        return
    goods = [ln for ln in tail if _is_good(ln)]
    lone = goods[0] if len(goods) == 1 else None
    for line in tail:
        if line is not lone:
            doc.mark(line, rule)


def _prose_above(lines: list[Line], start: int, needed: int) -> bool:
    """At least `needed` words of prose above line `start` (counted upwards, stopping when enough)."""
    words = 0
    for idx in range(start - 1, -1, -1):
        line = lines[idx]
        if _is_good(line):
            words += line.words
            if words >= needed:
                return True
    return False


def _is_good(line: Line) -> bool:
    """A kept prose line (the word count first: it spares most short lines the shape)."""
    return line.label != "clutter" and line.words >= GOOD_MIN_WORDS and shape(line) == GOOD


def _tail_start(lines: list[Line]) -> int | None:
    """First closing-clutter line with no two adjacent prose lines below it (one pass from the end)."""
    start = None
    next_good = False  # the line below the current one is prose
    for idx in range(len(lines) - 1, -1, -1):
        line = lines[idx]
        if line.label == "clutter":  # (the cheap test first: this visits every line)
            good = False
            if _ends_story(line):
                start = idx
        else:
            good = line.words >= GOOD_MIN_WORDS and shape(line) == GOOD
            if good and next_good:
                break
        next_good = good
    return start


AFTER_STORY = ContextRule(
    id="page.after_story",
    reason="leftovers below the clutter that closes the story: teasers, dates, author boxes, calls to action",
    apply=_after_story,
)


# A bio opens with the writer's name and says who they are: "Kelia Losa Reinoso is a
# content writer at ...", "Shannon is the Sr. Content Marketing Manager at ...".
_BIO_OPENING = re.compile(
    r"^([A-Z][\w'’.\-]*)(?:\s[A-Z][\w'’.\-]*){0,3}(?:\s\([^)]{1,30}\))?\s"
    r"(?:is|was|has|leads|covers|writes|joined|works|serves|specializes|holds|brings)\b"
)
# ... and is a person's: a pronoun or a trade ("a business mentor"), not a firm's or an
# event's blurb in a directory ("Longevity Lab is dedicated to ...").
_PERSON = re.compile(
    r"\b(?:he|she|his|her|him|I|my|writer|editor|author|reporter|journalist|columnist|contributor|blogger|"
    r"copywriter|founder|co-founder|ceo|cto|cmo|director|manager|specialist|expert|developer|designer|marketer|"
    r"consultant|scientist|professor|researcher|strategist|executive|professional|coach|engineer|analyst|mentor|"
    r"student|photographer|educator|lawyer|attorney|doctor|physician|nurse|enthusiast)\b",
    re.IGNORECASE,
)
# Lines between the name and the bio: a byline, a job title, a headshot's alt text.
BIO_GAP = 3
NAME_MAX_WORDS = 5


def _author_box(doc: Document, rule: ContextRule) -> None:
    """An author box below the story: the writer's name on its own line, then a bio opening with it.

    Only below the story's last two prose lines together (a profile in the story, a
    guest introduced in the text, stands among its paragraphs), and only when a line
    above the bio names the same person: "Rebecca Norris" / "Contributing Writer" /
    "Rebecca Norris is a full-time freelance writer ...". The name, what lies between
    and the bio go.
    """
    lines = doc.lines
    for idx in range(_below_story(lines), len(lines)):
        line = lines[idx]
        if line.label == "clutter" or line.words > 90:
            continue
        m = _BIO_OPENING.match(line.norm)
        if m is None or _PERSON.search(line.norm, m.end()) is None:
            continue
        name = _name_line_above(lines, idx, m.group(1))
        if name is not None:
            for box_line in lines[name : idx + 1]:
                if box_line.label != "clutter":
                    doc.mark(box_line, rule)


def _below_story(lines: list[Line]) -> int:
    """Index just below the last two adjacent prose lines (len(lines) when there are none)."""
    next_good = False
    for idx in range(len(lines) - 1, -1, -1):
        good = _is_good(lines[idx])
        if good and next_good:
            return idx + 2
        next_good = good
    return len(lines)


def _name_line_above(lines: list[Line], idx: int, first_name: str) -> int | None:
    """Index of a short line naming `first_name` (alone or after "By") at most BIO_GAP lines above."""
    for pos in range(idx - 1, max(-1, idx - 1 - BIO_GAP), -1):
        above = lines[pos]
        if above.words > NAME_MAX_WORDS or sentence_end(above.norm):
            return None
        words = above.norm.split()
        if words[0].lower() == "by":
            words = words[1:]
        if words and words[0] == first_name and len(words) >= 2 and title_case(" ".join(words)):
            return pos
    return None


AUTHOR_BOX = ContextRule(
    id="page.author_box",
    reason="author box below the story: the writer's name, then a bio that opens with it",
    apply=_author_box,
)
